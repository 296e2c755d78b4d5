"""The shipped starter set of synonym groups: the abbreviations Swedish associations
are named with and a few words people use for the same thing. Coordinators edit them
in the admin afterwards; backwards removes only the groups as shipped."""

from django.db import migrations

# (words, abbreviations)
STARTER_SET = [
    (["idrottsförening"], ["IF"]),
    (["idrottsklubb"], ["IK"]),
    (["idrottsföreningen kamraterna"], ["IFK"]),
    (["gymnastik- och idrottsförening"], ["GIF"]),
    (["fotboll", "fotbollsförening", "fotbollsklubb"], ["FF", "FK", "FC"]),
    (["bollklubb"], ["BK"]),
    (["bollförening"], ["BF"]),
    (["sportklubb"], ["SK"]),
    (["handboll", "handbollsklubb"], ["HK"]),
    (["innebandy", "innebandyklubb"], ["IBK"]),
    (["bordtennis", "bordtennisklubb", "pingis"], ["BTK"]),
    (["tennisklubb"], ["TK"]),
    (["ridning", "ryttarförening", "ridskola", "ridklubb", "ridsport"], ["RF"]),
    (["simning", "simsällskap", "simklubb"], ["SS"]),
    (["seniorer", "pensionärer", "pensionärsförening"], ["PRO", "SPF", "SKPF"]),
    (["kristliga föreningen av unga"], ["KFUM", "KFUK"]),
    (["arbetarnas bildningsförbund"], ["ABF"]),
    (["studieförbund", "studiecirkel"], []),
    (["funktionsnedsättning", "funktionshinder", "funktionsvariation"], []),
    (["scouter", "scouting", "scoutkår"], []),
    (["kör", "sång"], []),
]


def add(apps, groups) -> None:
    """Ship the synonym ``groups`` (words, abbreviations); 0026 ships more with it."""
    group = apps.get_model("organisations", "SearchSynonymGroup")
    group.objects.bulk_create(
        group(words=words, abbreviations=abbreviations) for words, abbreviations in groups
    )


def remove(apps, groups) -> None:
    """Remove the ``groups`` as shipped, leaving those coordinators edited."""
    group = apps.get_model("organisations", "SearchSynonymGroup")
    for words, abbreviations in groups:
        group.objects.filter(words=words, abbreviations=abbreviations).delete()


def forward(apps, schema_editor):
    add(apps, STARTER_SET)


def backward(apps, schema_editor):
    remove(apps, STARTER_SET)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0021_search_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
