"""The admin's export: the changelist's links export what the list shows, the
actions export the rows ticked; only for those allowed organisations.export_register."""

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from organisations import exports
from organisations.models import Organisation
from portal import spreadsheets

from .factories import (
    ActivityAreaFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:organisations_organisation_changelist")
EXPORT_CSV = reverse("admin:organisations_organisation_export", args=["csv"])
EXPORT_XLSX = reverse("admin:organisations_organisation_export", args=["xlsx"])
EXPORT_LINK = re.compile(r'href="([^"]*/export/(csv|xlsx)/[^"]*)"')


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrott", slug="idrott")
    culture = CategoryFactory(name="Kultur", slug="kultur")
    north = DistrictFactory(name="Norr", slug="norr")
    south = DistrictFactory(name="Söder", slug="soder")
    alfa = OrganisationFactory(
        name="Alfa Idrottsklubb",
        categories=[sport],
        districts=[north],
        contact_name="Anna Öppen",
        contact_is_public=True,
    )
    beta = OrganisationFactory(
        name="Beta Kulturförening",
        status=Organisation.Status.PENDING,
        categories=[culture],
        districts=[south],
        contact_name="Bertil Hemlig",
        contact_email="bertil@example.se",
        contact_is_public=False,
    )
    gamma = OrganisationFactory(name="Gamma Klubben", categories=[sport], districts=[south])
    Organisation.objects.filter(pk=gamma.pk).update(
        unconfirmed_since=timezone.now() - timedelta(days=3),
        created_at=timezone.now() - timedelta(days=800),
    )
    evil = OrganisationFactory(
        name='=HYPERLINK("http://evil")', phone="+46 8 123", categories=[culture]
    )
    return {
        "sport": sport,
        "culture": culture,
        "north": north,
        "south": south,
        "orgs": {"alfa": alfa, "beta": beta, "gamma": gamma, "evil": evil},
    }


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def _csv(response):
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    assert response.status_code == 200, response
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]


def _names(rows):
    return [row[0] for row in rows[1:]]


def _shown(response):
    """The names the changelist shows, as the export writes them."""
    return [spreadsheets.safe(o.name) for o in response.context["cl"].result_list]


def _links(response):
    """The changelist's export links, by format."""
    found = {fmt: html.unescape(href) for href, fmt in EXPORT_LINK.findall(response.text)}
    assert set(found) == {"csv", "xlsx"}
    return found


# ------------------------------------------------ the links carry the changelist
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status__exact": "pending"},
        {"unconfirmed": "yes"},
        {"unconfirmed": "no", "status__exact": "active"},
        {"q": "klubb"},
        {"q": "HYPERLINK"},
        {"categories__id__exact": "sport"},
        {"districts__id__exact": "south", "q": "Gamma"},
        {"categories__id__exact": "sport", "o": "-1"},
        {"o": "2.-1"},
        {"created_at__year": "this"},
        {"status__exact": "archived"},
    ],
)
def test_links_export_what_the_changelist_shows(client, coordinator, data, params):
    ids = {"sport": data["sport"].pk, "south": data["south"].pk}
    year = {"this": str(timezone.localdate().year)}
    params = {k: str(ids.get(v, year.get(v, v))) for k, v in params.items()}
    page = client.get(CHANGELIST, params)
    assert page.status_code == 200
    shown = _shown(page)
    links = _links(page)

    rows = _csv(client.get(links["csv"]))
    assert _names(rows) == shown
    assert _names(_xlsx(client.get(links["xlsx"]))) == shown


def test_the_search_and_filters_really_narrow(client, coordinator, data):
    """Guard for the test above: the parameters it uses do select something."""
    orgs = data["orgs"]
    rows = _csv(client.get(EXPORT_CSV, {"unconfirmed": "yes"}))
    assert _names(rows) == [orgs["gamma"].name]
    rows = _csv(client.get(EXPORT_CSV, {"status__exact": "pending"}))
    assert _names(rows) == [orgs["beta"].name]
    rows = _csv(client.get(EXPORT_CSV, {"categories__id__exact": data["sport"].pk, "o": "-1"}))
    assert _names(rows) == [orgs["gamma"].name, orgs["alfa"].name]
    # "Kultur" is also the evil one's category; the longer word is Beta's alone.
    rows = _csv(client.get(EXPORT_CSV, {"q": "Kulturförening"}))
    assert _names(rows) == [orgs["beta"].name]
    assert len(_names(_csv(client.get(EXPORT_CSV)))) == 4  # every status


def test_every_page_not_only_the_one_shown(client, coordinator, data, monkeypatch):
    monkeypatch.setattr(admin.site.get_model_admin(Organisation), "list_per_page", 2)
    page = client.get(CHANGELIST, {"p": "2", "o": "1"})
    assert len(page.context["cl"].result_list) == 2
    link = _links(page)["csv"]
    assert "p=" not in link
    rows = _csv(client.get(link))
    assert _names(rows) == sorted(spreadsheets.safe(o.name) for o in Organisation.objects.all())


# --------------------------------------------------------------- the actions
def _action(client, action, orgs, url=CHANGELIST, **extra):
    return client.post(
        url,
        {"action": action, "index": "0", ACTION_CHECKBOX_NAME: [o.pk for o in orgs], **extra},
    )


def test_action_exports_the_ticked_rows(client, coordinator, data):
    orgs = data["orgs"]
    rows = _csv(_action(client, "export_csv", [orgs["gamma"], orgs["alfa"]]))
    assert _names(rows) == [orgs["alfa"].name, orgs["gamma"].name]  # the list's order
    rows = _xlsx(_action(client, "export_xlsx", [orgs["beta"]]))
    assert _names(rows) == [orgs["beta"].name]


def test_action_select_all_takes_the_filtered_list(client, coordinator, data):
    orgs = data["orgs"]
    url = f"{CHANGELIST}?categories__id__exact={data['sport'].pk}&o=-1"
    rows = _csv(_action(client, "export_csv", [orgs["alfa"]], url=url, select_across="1"))
    assert _names(rows) == [orgs["gamma"].name, orgs["alfa"].name]


def test_actions_are_offered(client, coordinator, data):
    choices = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert {"export_csv", "export_xlsx"} <= set(choices)
    assert "CSV" in str(choices["export_csv"]) and "XLSX" in str(choices["export_xlsx"])


# --------------------------------------------------------------- permission
@pytest.mark.parametrize(
    "make",
    [
        make_municipal_coordinator,
        make_department_coordinator,
        lambda: UserFactory(is_staff=True, is_superuser=True),
    ],
    ids=["municipal_coordinator", "department_coordinator", "superuser"],
)
def test_allowed(client, data, make):
    client.force_login(make())
    page = client.get(CHANGELIST)
    assert _links(page)
    assert _csv(client.get(EXPORT_CSV))
    assert _xlsx(client.get(EXPORT_XLSX))
    assert _csv(_action(client, "export_csv", [data["orgs"]["alfa"]]))


def test_anonymous_goes_to_the_login(client, data):
    response = client.get(EXPORT_CSV)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_member_who_is_not_staff_goes_to_the_login(client, data):
    client.force_login(MembershipFactory(organisation=data["orgs"]["alfa"]).user)
    response = client.get(EXPORT_CSV)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_who_may_see_the_list_but_not_export(client, data):
    """A staff user with the model's view permission but no coordinator assignment."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    assert not user.has_perm("organisations.export_register")
    client.force_login(user)

    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert not EXPORT_LINK.findall(page.text)
    action_form = page.context["action_form"]
    choices = dict(action_form.fields["action"].choices) if action_form else {}
    assert "export_csv" not in choices and "export_xlsx" not in choices

    assert client.get(EXPORT_CSV).status_code == 403
    assert client.get(EXPORT_XLSX, {"status__exact": "pending"}).status_code == 403
    for action in ("export_csv", "export_xlsx"):
        response = _action(client, action, [data["orgs"]["alfa"]], select_across="1")
        assert response.status_code in (200, 302)
        assert not response.get("Content-Disposition")


def test_only_get(client, coordinator, data):
    assert client.post(EXPORT_CSV).status_code == 405


# ------------------------------------------------------------ personal data
def test_same_columns_and_contact_rule_as_the_directorys_export(client, coordinator, data):
    rows = _csv(client.get(EXPORT_CSV))
    assert rows[0] == [label for label, _value in exports.columns()]
    text = "\n".join(";".join(row) for row in rows)
    assert "Anna Öppen" in text  # agreed to be published
    assert "Bertil Hemlig" not in text and "bertil@example.se" not in text
    xlsx = _xlsx(client.get(EXPORT_XLSX))
    assert "Bertil Hemlig" not in str(xlsx) and "Anna Öppen" in str(xlsx)


# ------------------------------------------------------ formula injection
def test_no_cell_starts_a_formula(client, coordinator, data):
    rows = _csv(client.get(EXPORT_CSV, {"q": "HYPERLINK"}))
    assert _names(rows) == ['\'=HYPERLINK("http://evil")']
    assert "'+46 8 123" in rows[1]
    body = [cell for row in rows[1:] for cell in row]
    assert all(not cell.lstrip().startswith(spreadsheets.FORMULA_START) for cell in body)
    _xlsx(client.get(EXPORT_XLSX))  # asserts no formula cells


# ------------------------------------------------------------ the sheet
@pytest.mark.parametrize("how", ["link", "action", "directory"])
def test_xlsx_opens_ready_to_filter_with_typed_cells(client, coordinator, data, how):
    """Every way to the register's XLSX writes the same sheet: named, the header
    frozen and filtered, dates in local time and counts as numbers."""
    gamma = data["orgs"]["gamma"]
    registered = datetime(2024, 1, 15, 23, 30, tzinfo=UTC)  # 00:30 on the 16th in Stockholm
    Organisation.objects.filter(pk=gamma.pk).update(member_count=42, created_at=registered)
    if how == "link":
        response = client.get(EXPORT_XLSX, {"q": "Gamma"})
    elif how == "action":
        response = _action(client, "export_xlsx", [gamma])
    else:
        response = client.get(reverse("organisations:export"), {"format": "xlsx", "q": "Gamma"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Föreningar"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(exports.columns()))}2"
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Namn"].value == "Gamma Klubben"
    assert (row["Medlemmar"].value, row["Medlemmar"].data_type) == (42, "n")
    assert row["Registrerad"].is_date
    assert row["Registrerad"].value == datetime(2024, 1, 16, 0, 30)  # noqa: DTZ001 (naive in Excel)
    assert row["Registrerad"].number_format == spreadsheets.DATETIME_FORMAT
    assert row["Obekräftad sedan"].is_date
    assert row["Publik"].value == "Ja"
    assert sheet.column_dimensions["A"].width == len("Gamma Klubben") + 2
    assert all(
        sheet.column_dimensions[get_column_letter(n)].width >= spreadsheets.MIN_WIDTH
        for n in range(1, len(header) + 1)
    )


def test_control_characters_do_not_break_the_xlsx(client, coordinator, data):
    OrganisationFactory(name="Klubb\x0bet", address="Gatan 1\x07")
    rows = _xlsx(client.get(EXPORT_XLSX, {"q": "Klubb"}))
    assert "Klubbet" in _names(rows)


# ------------------------------------------------------------ query count
@pytest.mark.parametrize(
    ("how", "url"),
    [("link", EXPORT_CSV), ("link", EXPORT_XLSX), ("action", "export_csv")],
)
def test_constant_queries(client, coordinator, data, django_assert_max_num_queries, how, url):
    def export():
        if how == "link":
            return client.get(url, {"categories__id__exact": data["sport"].pk, "q": "fler"})
        return _action(
            client,
            url,
            [data["orgs"]["alfa"]],
            url=f"{CHANGELIST}?categories__id__exact={data['sport'].pk}&q=fler",
            select_across="1",
        )

    def more(n):
        for i in range(n):
            OrganisationFactory(
                name=f"Fler {i}",
                categories=[data["sport"], CategoryFactory()],
                districts=[DistrictFactory()],
                areas=[ActivityAreaFactory()],
            )

    more(2)
    with django_assert_max_num_queries(40) as few:
        response = export()
    assert response.status_code == 200
    more(15)
    with django_assert_max_num_queries(len(few)):
        response = export()
    assert response.status_code == 200
    rows = _xlsx(response) if url == EXPORT_XLSX else _csv(response)
    assert len(rows) == 1 + 2 + 15  # the header and every "Fler"


# ------------------------------------------------------------ odd parameters
@pytest.mark.parametrize(
    "params",
    [
        {"categories__id__exact": "abc"},
        {"created_at__year": "abc"},
        {"created_at__year": "2026", "created_at__month": "13"},
        {"nonsense": "1"},
        {"p": "999"},
        {"p": "x"},
        {"o": "x.99.-"},
        {"q": "\x00"},
        {"q": "a" * 5000},
        {"status__exact": "bogus"},
        {"unconfirmed": "maybe"},
        {"e": "1"},
        {"_facets": "1"},
        {"all": ""},
        {"_to_field": "password"},
        {"created_by__password__startswith": "p"},
    ],
)
def test_odd_parameters_are_no_500(client, coordinator, data, params):
    for url in (EXPORT_CSV, EXPORT_XLSX):
        response = client.get(url, params)
        assert response.status_code in (200, 302, 400), (params, response.status_code)
        if response.status_code == 302:
            assert response["Location"] == f"{CHANGELIST}?e=1"


def test_unknown_format_is_404(client, coordinator, data):
    url = reverse("admin:organisations_organisation_export", args=["pdf"])
    assert client.get(url).status_code == 404
