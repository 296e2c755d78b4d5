"""The page for officials (/tjanstepersoner/): what an official can do, and the
coordinators of their department and of the municipality, each e-mail address
only where its coordinator chose to show it; officials land on it after logging
in, the account page links to it, and the header's flag costs no query."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from portal import context_processors, officials, personal_data, roles
from portal.forms import ProfileForm
from portal.services import coordinator_assign
from tests.organisations.factories import MembershipFactory

from .factories import PASSWORD, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("officials")


@pytest.fixture
def culture():
    return DepartmentFactory(name="Kultur- och fritidsförvaltningen", email="kultur@example.se")


def coordinator(department=None, *, shown=False, **names):
    user = UserFactory(email_shown_to_officials=shown, **names)
    coordinator_assign(user=user, department=department, by=None)
    return user


def official(department=None, **kwargs):
    return UserFactory(roles=[roles.OFFICIAL], department=department, **kwargs)


def page(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_an_official_sees_whom_to_turn_to(client, culture):
    coordinator(culture, shown=True, first_name="Fia", last_name="Förvaltning", email="fia@ex.se")
    coordinator(culture, first_name="Bo", last_name="Tyst", email="bo.tyst@ex.se")
    coordinator(DepartmentFactory(), first_name="Annan", last_name="Förvaltning")
    coordinator(shown=True, first_name="Sara", last_name="Samordnare", email="sara@ex.se")
    gone = coordinator(first_name="Slutat", last_name="Samordnare")
    gone.is_active = False
    gone.save()

    html = page(client, official(culture))

    assert "<strong>Kultur- och fritidsförvaltningen</strong>" in html
    assert "Fia Förvaltning" in html and 'href="mailto:fia@ex.se"' in html
    # Bo has not chosen to show his address: his name only.
    assert "Bo Tyst" in html and "bo.tyst@ex.se" not in html
    assert "Sara Samordnare" in html and 'href="mailto:sara@ex.se"' in html
    assert "Annan Förvaltning" not in html  # another department's coordinator
    assert "Slutat" not in html  # a deactivated account
    assert 'href="mailto:kultur@example.se"' in html  # the department's shared mailbox
    assert html.index("Fia Förvaltning") < html.index("Kommunövergripande samordnare")
    assert html.index("Kommunövergripande samordnare") < html.index("Sara Samordnare")
    assert "Du är inte kopplad" not in html


def test_the_page_says_what_an_official_can_do_today(client, culture):
    html = page(client, official(culture))
    assert "<h1>För tjänstepersoner</h1>" in html
    assert "Det här kan du göra i dag" in html
    assert f'href="{reverse("organisations:directory")}">föreningsregistret</a>' in html
    assert f'href="{reverse("organisations:calendar")}">kalendern</a>' in html
    assert f'href="{reverse("organisations:api_docs")}">öppna data</a>' in html
    # Officials do not export the register: the coordinators do (organisations/rules.py).
    assert reverse("organisations:export") not in html
    assert "Det här är på väg" in html and "En väg in" in html


def test_an_official_without_a_department_is_told_whom_to_ask(client):
    coordinator(first_name="Sara", last_name="Samordnare")
    html = page(client, official())
    assert "Du är inte kopplad till någon förvaltning i portalen. Be en av" in html
    assert "Sara Samordnare" in html


def test_a_coordinator_without_a_department_is_not_told_to_ask(client):
    html = page(client, coordinator())
    assert "Du är inte kopplad till någon förvaltning i portalen." in html
    assert "Be en av de kommunövergripande" not in html


def test_a_department_without_coordinators_and_a_municipality_without_them(client):
    html = page(client, official(DepartmentFactory(name="Miljökontoret")))
    assert "Din förvaltning har ännu ingen samordnare i portalen." in html
    assert "Ingen kommunövergripande samordnare är utsedd i portalen ännu." in html


def test_a_coordinator_without_a_name_is_not_shown_by_their_address(client, culture):
    coordinator(culture, first_name="", last_name="", email="anonym@ex.se")
    html = page(client, official(culture))
    assert "Namn inte angivet" in html
    assert "anonym@ex.se" not in html


def test_queries_do_not_grow_with_the_coordinators(client, culture, django_assert_max_num_queries):
    reader = official(culture)
    client.force_login(reader)
    coordinator(culture)
    coordinator()
    client.get(URL)  # force_login kept no flag: the first visit writes it to the session
    # The session, the user, their groups, their department, the coordinators.
    with django_assert_max_num_queries(5) as few:
        assert client.get(URL).status_code == 200
    for _i in range(5):
        coordinator(culture, shown=True)
        coordinator(shown=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


# --- Finding the page ------------------------------------------------------------


def log_in(client, user, **query):
    url = reverse("account_login")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"login": user.email, "password": PASSWORD})


def test_an_official_lands_on_the_page_after_logging_in(client, culture):
    response = log_in(client, official(culture))
    assert response.status_code == 302
    assert response["Location"] == URL
    assert client.session[officials.SESSION_KEY] is True


@pytest.mark.parametrize("role", ["plain_user", "coordinator"])
def test_others_land_on_the_account_page(client, role):
    user = UserFactory() if role == "plain_user" else coordinator()
    response = log_in(client, user)
    assert response["Location"] == reverse("account_profile")
    assert client.session[officials.SESSION_KEY] is (role == "coordinator")


def test_a_next_address_wins_over_the_page(client):
    response = log_in(client, official(), next="/foreningar/")
    assert response["Location"] == "/foreningar/"


def test_the_header_flag_costs_no_query(client, django_assert_num_queries):
    log_in(client, official())
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    assert session["_auth_user_id"]  # loaded, as the authentication middleware does
    request = RequestFactory().get("/")
    request.session = session
    with django_assert_num_queries(0):
        assert context_processors.portal(request)["officials_page_link"]() is True


def test_the_account_page_links_officials_and_refreshes_the_flag(client):
    user = UserFactory()
    log_in(client, user)
    assert URL not in client.get(reverse("account_profile")).content.decode()
    # An administrator makes the person an official mid-session: the account page
    # shows the link and the header's flag follows.
    user.groups.add(*UserFactory(roles=[roles.OFFICIAL]).groups.all())
    html = client.get(reverse("account_profile")).content.decode()
    assert f'<a href="{URL}">Till sidan för tjänstepersoner</a>' in html
    assert client.session[officials.SESSION_KEY] is True


def test_a_representative_finds_no_link(client):
    representative = MembershipFactory(user=UserFactory(roles=[roles.REPRESENTATIVE])).user
    client.force_login(representative)
    assert URL not in client.get(reverse("account_profile")).content.decode()


# --- The coordinators' consent -----------------------------------------------------


def test_a_coordinator_chooses_to_show_their_address(client, culture):
    user = coordinator(culture, first_name="Fia", last_name="F")
    client.force_login(user)
    assert (
        "Visa min e-postadress för tjänstepersoner"
        in client.get(reverse("account_profile")).content.decode()
    )
    data = {"first_name": "Fia", "last_name": "F", "language": "sv"}
    client.post(reverse("account_profile"), data | {"email_shown_to_officials": "on"})
    user.refresh_from_db()
    assert user.email_shown_to_officials
    client.post(reverse("account_profile"), data)
    user.refresh_from_db()
    assert not user.email_shown_to_officials


def test_only_a_coordinator_is_asked(client):
    user = official()
    assert "email_shown_to_officials" not in ProfileForm(instance=user).fields
    client.force_login(user)
    data = {"first_name": "T", "last_name": "T", "language": "sv"}
    client.post(reverse("account_profile"), data | {"email_shown_to_officials": "on"})
    user.refresh_from_db()
    assert not user.email_shown_to_officials


def test_the_department_and_the_choice_are_in_the_export(culture):
    user = official(culture)
    data = personal_data.export_user_data(user)["data"]["account"]
    assert data["department"] == "Kultur- och fritidsförvaltningen"
    assert data["email_shown_to_officials"] is False


def test_an_administrator_connects_an_official_in_the_user_admin(client, culture):
    user = official(first_name="Tove", last_name="T")
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:portal_user_change", args=[user.pk])
    form = client.get(url).content.decode()
    assert 'name="department"' in form
    assert 'name="email_shown_to_officials"' not in form  # the coordinator's own choice
    response = client.post(
        url,
        {
            "email": user.email,
            "first_name": "Tove",
            "last_name": "T",
            "language": "sv",
            "department": culture.pk,
            "is_active": "on",
            "groups": [g.pk for g in user.groups.all()],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.department == culture
