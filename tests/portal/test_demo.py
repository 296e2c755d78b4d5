"""``manage.py load_demo``: idempotent, one working login per role, never in production."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal import demo, roles
from portal.management.commands.load_demo import demo_loaders
from portal.models import AuditEntry, CoordinatorAssignment, Department, User
from portal.rules import coordinates_department, is_municipal_coordinator

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "assignments": CoordinatorAssignment.objects.count(),
        "audit": AuditEntry.objects.count(),
        "memberships": User.groups.through.objects.count(),
    }


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_refuses_where_not_allowed_unless_forced(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        load()
    assert not User.objects.exists()
    load(force=True)
    assert User.objects.filter(email="samordnare@demo.se").exists()


def test_load_demo_twice_gives_the_same_data(settings):
    output = load()
    first = counts()
    # Someone changed a demo password: the next start puts it back.
    admin = User.objects.get(email="admin@demo.se")
    admin.set_password("something-else-entirely")
    admin.save()
    load()
    assert counts() == first
    assert first["departments"] >= 9
    assert first["assignments"] == 2
    assert User.objects.get(email="admin@demo.se").check_password(demo.DEMO_PASSWORD)
    for spec in demo.LOGINS:
        assert spec.email in output
    assert demo.DEMO_PASSWORD in output


def test_the_nine_departments_of_orebro(settings):
    load()
    names = set(Department.objects.values_list("name", flat=True))
    assert set(demo.DEPARTMENTS) <= names
    assert len(demo.DEPARTMENTS) == 9
    assert Department.objects.get(name="Förvaltningen förskola skola").slug == (
        "forvaltningen-forskola-skola"
    )


def test_each_role_has_its_login(settings):
    load()
    municipal = User.objects.get(email="samordnare@demo.se")
    assert is_municipal_coordinator(municipal)
    assert municipal.is_staff
    department = Department.objects.get(name="Kultur- och fritidsförvaltningen")
    assert coordinates_department(User.objects.get(email="forvaltning@demo.se"), department)
    assert User.objects.get(email="admin@demo.se").is_superuser
    for spec in demo.LOGINS:
        user = User.objects.get(email=spec.email)
        assert user.groups.filter(name=spec.role).exists(), spec.email
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
    representative = User.objects.get(email="forening@demo.se")
    assert not representative.is_staff
    assert set(Group.objects.filter(user=representative).values_list("name", flat=True)) == {
        roles.REPRESENTATIVE
    }


@pytest.mark.parametrize("email", [spec.email for spec in demo.LOGINS])
def test_demo_logins_can_log_in(settings, client, email):
    load()
    response = client.post(
        reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content[:2000]
    assert client.session.get("_auth_user_id") == str(User.objects.get(email=email).pk)


def test_the_core_loader_comes_first():
    loaders = demo_loaders()
    assert loaders[0] == ("portal", demo.load)
    assert len({label for label, _load in loaders}) == len(loaders)


def test_the_demo_official_sees_her_departments_coordinator(settings, client):
    load()
    response = client.post(
        reverse("account_login"),
        {"login": "tjansteperson@demo.se", "password": demo.DEMO_PASSWORD},
    )
    assert response["Location"] == reverse("officials")
    html = client.get(reverse("officials")).content.decode()
    assert "<strong>Kultur- och fritidsförvaltningen</strong>" in html
    assert "Fredrik Förvaltningssamordnare" in html
    assert 'href="mailto:forvaltning@demo.se"' in html
    assert "Sara Samordnare" in html
