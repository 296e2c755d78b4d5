"""Our catalogue fills the gaps in Django's Swedish one (portal/django_strings.py)."""

import gettext
from pathlib import Path

import django
import pytest
from django.urls import reverse
from django.utils import translation

from portal.django_strings import DJANGO_STRINGS
from tests.organisations.factories import OrganisationFactory, make_municipal_coordinator

DJANGO = Path(django.__file__).parent


def _djangos_own_swedish():
    catalogues = [DJANGO / "conf/locale", DJANGO / "contrib/admin/locale"]
    return [gettext.translation("django", str(path), languages=["sv"]) for path in catalogues]


@pytest.mark.parametrize("msgid", DJANGO_STRINGS)
def test_still_missing_in_djangos_catalogue_and_translated_in_ours(msgid):
    # When Django's catalogue translates it, drop it from portal/django_strings.py.
    assert all(own.gettext(msgid) == msgid for own in _djangos_own_swedish())
    with translation.override("sv"):
        assert translation.gettext(msgid) != msgid


@pytest.mark.django_db
def test_the_admin_is_swedish_where_django_is_not(client):
    OrganisationFactory()
    client.force_login(make_municipal_coordinator())
    html = client.get(reverse("admin:organisations_organisation_changelist")).content.decode()
    assert "Select an option" not in html
    assert "- Välj ett alternativ -" in html  # the actions menu
    assert "Filtrera efter registrerad" in html  # the date drill-down
