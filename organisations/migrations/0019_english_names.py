"""English names beside the Swedish ones of categories, activity areas and target
groups (``name_en``, portal/languages.py), filled for the names the demo seeds, and
the search vectors recomputed so that English words find the associations too.
The names and the vector's SQL are copies, not imports of the live code.

PostgreSQL-only, like 0002, 0005, 0006 and 0009.
"""

from django.db import migrations, models

ENGLISH = {
    "Ekonomisk förening": "Economic association",
    "Etnisk förening": "Ethnic association",
    "Församling/trossamfund": "Congregation/religious community",
    "Hembygdsförening": "Local heritage society",
    "Idéburen förening": "Non-profit association",
    "Idrottsförening": "Sports club",
    "Kulturförening": "Cultural association",
    "Nätverk": "Network",
    "Paraplyorganisation": "Umbrella organisation",
    "Pensionärsförening": "Pensioners' association",
    "Politisk förening": "Political association",
    "Social förening": "Social association",
    "Socialt företag": "Social enterprise",
    "Studieförbund": "Adult education association",
    "Volontärförening": "Volunteer association",
    "Idrott och motion": "Sport and exercise",
    "Kultur och musik": "Culture and music",
    "Natur och miljö": "Nature and environment",
    "Integration och språk": "Integration and language",
    "Social gemenskap": "Community and fellowship",
    "Utbildning och läxhjälp": "Education and homework help",
    "Hälsa och omsorg": "Health and care",
    "Funktionsrätt": "Disability rights",
    "Trygghet i närområdet": "Safety in the neighbourhood",
    "Tro och livsåskådning": "Faith and beliefs",
    "Hembygd och historia": "Local heritage and history",
    "Arbete och sysselsättning": "Work and employment",
    "Demokrati och inflytande": "Democracy and participation",
    "Stöd till utsatta": "Support for vulnerable people",
    "Barn": "Children",
    "Unga": "Young people",
    "Vuxna": "Adults",
    "Äldre": "Older people",
    "Familjer": "Families",
    "Nyanlända": "Newly arrived",
    "Personer med funktionsnedsättning": "People with disabilities",
    "Kvinnor": "Women",
    "HBTQI-personer": "LGBTQI people",
    "Alla": "Everyone",
}

_VECTOR = """
    setweight(to_tsvector('swedish', coalesce(o.name, '')), 'A')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg({category}, ' ')
        FROM organisations_category c
        JOIN organisations_organisation_categories oc ON oc.category_id = c.id
        WHERE oc.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg({area}, ' ')
        FROM organisations_activityarea a
        JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
        WHERE oa.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg(d.name, ' ')
        FROM organisations_district d
        JOIN organisations_organisation_districts od ON od.district_id = d.id
        WHERE od.organisation_id = o.id), '')), 'C')
    || setweight(to_tsvector('swedish', coalesce(o.description, '')), 'D')
    || array_to_tsvector(ARRAY(
        SELECT '#kat' || oc.category_id FROM organisations_organisation_categories oc
        WHERE oc.organisation_id = o.id
        UNION ALL SELECT '#omr' || oa.activityarea_id
        FROM organisations_organisation_areas oa WHERE oa.organisation_id = o.id
        UNION ALL SELECT '#dist' || od.district_id
        FROM organisations_organisation_districts od WHERE od.organisation_id = o.id
        UNION ALL SELECT '#n' || n.lexeme
        FROM unnest(to_tsvector('swedish', coalesce(o.name, ''))) n))
"""
_WORDS = """
    INSERT INTO organisations_searchword (word)
    SELECT DISTINCT w FROM (
        SELECT regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w FROM (
            SELECT name_en FROM organisations_category
            UNION ALL SELECT name_en FROM organisations_activityarea
        ) s(t)
    ) words
    WHERE length(w) >= 3
    ON CONFLICT (word) DO NOTHING
"""


def _update(schema_editor, vector: str) -> None:
    schema_editor.execute(f"UPDATE organisations_organisation o SET search_vector = {vector}", None)


def forward(apps, schema_editor):
    for name in ("Category", "ActivityArea"):
        model = apps.get_model("organisations", name)
        for obj in model.objects.filter(name__in=ENGLISH, name_en=""):
            obj.name_en = ENGLISH[obj.name]
            obj.save(update_fields=["name_en"])
    english = {
        "category": "concat_ws(' ', c.name, c.name_en)",
        "area": "concat_ws(' ', a.name, a.name_en)",
    }
    _update(schema_editor, _VECTOR.format(**english))
    schema_editor.execute(_WORDS, None)


def backward(apps, schema_editor):
    _update(schema_editor, _VECTOR.format(category="c.name", area="a.name"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0018_invitation_resend_withdraw")]

    operations = [
        migrations.AddField(
            model_name="activityarea",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name="category",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="name in English"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
