"""The privacy notice states the register's new retention rules (organisations'
sweeps ``erase_archived_contacts`` and ``purge_decided_join_requests``).

Only the sentence shipped in 0004 is replaced: a notice a coordinator has reworded
in the admin is left as it is (they are told in the release notes)."""

from django.db import migrations

SV_OLD = (
    "Inbjudningar till en förening som aldrig används raderas 90 dagar efter att de "
    "gått ut."
)
SV_NEW = (
    "Inbjudningar till en förening som aldrig används raderas 90 dagar efter att de "
    "gått ut. En besvarad förfrågan om att få företräda en förening raderas 90 dagar "
    "efter svaret. När en förening arkiveras raderas kontaktpersonens namn, e-post och "
    "telefonnummer ett år senare."
)
EN_OLD = "Invitations to an association that are never used are deleted 90 days after they expire."
EN_NEW = (
    "Invitations to an association that are never used are deleted 90 days after they "
    "expire. An answered request to represent an association is deleted 90 days after "
    "the answer. When an association is archived, its contact person's name, e-mail and "
    "phone number are erased a year later."
)


def _replace(apps, old_new):
    SitePage = apps.get_model("portal", "SitePage")
    page = SitePage.objects.filter(slug="personuppgifter").first()
    if page is None:
        return
    for field, old, new in old_new:
        text = getattr(page, field)
        # NEW holds OLD: forwards must not apply twice; backwards always may.
        if old in text and (new not in text or old.startswith(new)):
            setattr(page, field, text.replace(old, new))
    page.save()


def forwards(apps, schema_editor):
    _replace(apps, [("body_sv", SV_OLD, SV_NEW), ("body_en", EN_OLD, EN_NEW)])


def backwards(apps, schema_editor):
    _replace(apps, [("body_sv", SV_NEW, SV_OLD), ("body_en", EN_NEW, EN_OLD)])


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_site_pages")]

    operations = [migrations.RunPython(forwards, backwards)]
