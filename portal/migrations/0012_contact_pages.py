"""The site pages name the municipality's contact from the settings, and a contact
page exists for the footer's "Kontakt" (issue 10: every contact path led to a
placeholder, and the statement named the contact centre without an address).

The sentences shipped in 0004 that sent people to En väg in (not built yet) now say
{contact_email} and {contact_phone}, filled in when the page is shown
(portal/site_pages.py). As in 0005, only the shipped sentences are replaced: a page a
coordinator has reworded is left as it is."""

from django.db import migrations, models

REPLACEMENTS = {
    "tillganglighet": [
        (
            "body_sv",
            "kan du kontakta oss genom En väg in på webbplatsen eller kommunens kontaktcenter.",
            "kan du kontakta kommunens kontaktcenter på {contact_email} eller {contact_phone}.",
        ),
        (
            "body_sv",
            "meddela oss genom En väg in så att vi får veta att problemet finns.",
            "meddela oss så att vi får veta att problemet finns: skicka e-post till "
            "{contact_email} eller ring {contact_phone}.",
        ),
        (
            "body_en",
            "contact us through One way in on the website or the municipality's contact "
            "centre.",
            "contact the municipality's contact centre at {contact_email} or {contact_phone}.",
        ),
        (
            "body_en",
            "tell us through One way in so that we know the problem exists.",
            "tell us so that we know the problem exists: e-mail {contact_email} or call "
            "{contact_phone}.",
        ),
    ],
    "personuppgifter": [
        (
            "body_sv",
            "kan du kontakta oss genom En väg in eller kommunens dataskyddsombud via "
            "kommunens växel.",
            "kan du kontakta kommunens kontaktcenter på {contact_email} eller "
            "{contact_phone}. De hjälper dig också att nå kommunens dataskyddsombud.",
        ),
        (
            "body_en",
            "contact us through One way in or the municipality's data protection officer "
            "through the municipality's switchboard.",
            "contact the municipality's contact centre at {contact_email} or "
            "{contact_phone}. They also put you in touch with the municipality's data "
            "protection officer.",
        ),
    ],
}

CONTACT_PAGE = {
    "slug": "kontakt",
    "title_sv": "Kontakt",
    "title_en": "Contact",
    "body_sv": (
        "Har du frågor om Samverkansportalen, om föreningsregistret eller om hur din "
        "förening kan samverka med kommunen? Kontakta kommunens kontaktcenter, så hjälper "
        "vi dig vidare till rätt förvaltning. Den som företräder en förening kan själv "
        "ändra föreningens uppgifter under Mina föreningar."
    ),
    "body_en": (
        "Do you have questions about Samverkansportalen, the association register or how "
        "your association can work with the municipality? Contact the municipality's "
        "contact centre and we will help you find the right department. A representative "
        "of an association can change its details under My associations."
    ),
}


def _replace(apps, reverse: bool) -> None:
    SitePage = apps.get_model("portal", "SitePage")
    for slug, changes in REPLACEMENTS.items():
        page = SitePage.objects.filter(slug=slug).first()
        if page is None:
            continue
        for field, old, new in changes:
            if reverse:
                old, new = new, old
            text = getattr(page, field)
            if old in text:
                setattr(page, field, text.replace(old, new))
        page.save()


def forwards(apps, schema_editor):
    _replace(apps, reverse=False)
    SitePage = apps.get_model("portal", "SitePage")
    defaults = {k: v for k, v in CONTACT_PAGE.items() if k != "slug"}
    SitePage.objects.get_or_create(slug=CONTACT_PAGE["slug"], defaults=defaults)


def backwards(apps, schema_editor):
    _replace(apps, reverse=True)
    SitePage = apps.get_model("portal", "SitePage")
    # Only the page as shipped: one a coordinator has written in is theirs.
    SitePage.objects.filter(
        slug=CONTACT_PAGE["slug"],
        body_sv=CONTACT_PAGE["body_sv"],
        body_en=CONTACT_PAGE["body_en"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_user_department_email_shown")]

    operations = [
        migrations.AlterField(
            model_name="sitepage",
            name="body_sv",
            field=models.TextField(
                help_text=(
                    "Plain text; a blank line starts a new paragraph and a paragraph "
                    "starting with ## is a heading. Write {contact_email} or "
                    "{contact_phone} where the municipality's contact e-mail or phone "
                    "number should appear."
                ),
                verbose_name="text (Swedish)",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
