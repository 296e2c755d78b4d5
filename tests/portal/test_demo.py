"""``manage.py load_demo``: idempotent, one working login per role, never in production."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from dialogues import demo as dialogues_demo
from dialogues.models import Forum
from organisations import demo as organisations_demo
from organisations.models import Activity, District, Organisation
from partnerships import demo as partnerships_demo
from partnerships.models import Agreement
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


def test_the_default_municipality_is_the_demos():
    """The header (MUNICIPALITY_NAME) and the demo data name the same municipality
    when nothing is configured: the demo once said Örebro over Huddinge's districts."""
    environment = {k: v for k, v in os.environ.items() if k != "MUNICIPALITY_NAME"}
    result = subprocess.run(
        [sys.executable, "-c", "from portal.settings import base; print(base.MUNICIPALITY_NAME)"],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == demo.MUNICIPALITY == "Huddinge kommun"


def test_the_core_loader_comes_first():
    loaders = demo_loaders()
    assert loaders[0] == ("portal", demo.load)
    assert len({label for label, _load in loaders}) == len(loaders)


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """One ``load_demo`` for the tests that read what it leaves (each of them runs in
    a savepoint on top of it, rolled back after it), itself rolled back after the
    class: a load takes seconds, and every one of them loaded the same demo afresh."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MUNICIPALITY_NAME=demo.MUNICIPALITY),
    ):
        yield load()
        transaction.set_rollback(True)


@pytest.mark.xdist_group("portal_demo")  # on one worker, which loads the demo once
class TestTheLoadedDemo:
    """What one load of the demo, for the demo's own municipality, gives."""

    def test_load_demo_twice_gives_the_same_data(self, demo_output):
        output = demo_output
        first = counts()
        # Someone changed a demo password: the next start puts it back.
        admin = User.objects.get(email="admin@demo.se")
        admin.set_password("something-else-entirely")
        admin.save()
        load()
        assert counts() == first
        assert first["departments"] == len(demo.DEPARTMENTS)
        assert first["assignments"] == 2
        assert User.objects.get(email="admin@demo.se").check_password(demo.DEMO_PASSWORD)
        for spec in demo.LOGINS:
            assert spec.email in output
        assert demo.DEMO_PASSWORD in output

    def test_huddinges_departments(self, demo_output):
        names = set(Department.objects.values_list("name", flat=True))
        assert set(demo.DEPARTMENTS) <= names
        assert len(demo.DEPARTMENTS) == 9
        assert Department.objects.get(name="Barn- och utbildningsförvaltningen").slug == (
            "barn-och-utbildningsforvaltningen"
        )

    def test_the_demo_is_one_municipality(self, demo_output):
        """Departments, districts, addresses, forums and agreements all come from the
        one municipality's demo set, and none of them is quietly dropped on the way
        (``demo_output`` is a load with MUNICIPALITY_NAME the demo's)."""
        output = demo_output
        assert "Note:" not in output
        assert set(Department.objects.values_list("name", flat=True)) == set(demo.DEPARTMENTS)
        assert set(District.objects.values_list("name", flat=True)) == set(
            organisations_demo.DISTRICTS
        )
        organisations = list(Organisation.objects.all())
        assert len(organisations) > 150
        postcode = re.compile(
            rf", {organisations_demo.POSTCODE_PREFIX} \d\d {organisations_demo.POSTAL_TOWN}$"
        )
        for organisation in organisations:
            assert postcode.search(organisation.address), organisation.address
        for activity in Activity.objects.select_related("district"):
            assert activity.district.name in organisations_demo.DISTRICTS
            assert activity.place.startswith(activity.district.name), activity.place
        # Every department a forum or an agreement names is one of the demo's own.
        for spec in dialogues_demo.FORUMS:
            forum = Forum.objects.get(slug=spec.slug)
            assert (forum.department.name if forum.department else None) == spec.department
        for spec in partnerships_demo.AGREEMENTS:
            agreement = Agreement.objects.get(title=spec.title)
            assert set(agreement.departments.values_list("name", flat=True)) == set(
                spec.departments
            )
        texts = [d.name for d in Department.objects.all()]
        texts += [f"{o.name} {o.description} {o.address}" for o in organisations]
        texts += [f"{f.name} {f.description}" for f in Forum.objects.all()]
        texts += [f"{a.title} {a.purpose} {a.decision_body}" for a in Agreement.objects.all()]
        assert not [text for text in texts if "Örebro" in text]

    def test_a_municipality_other_than_the_demos_is_pointed_out(self, demo_output, settings):
        settings.MUNICIPALITY_NAME = "Testby kommun"
        output = load()
        assert (
            "the demo data is Huddinge kommun's, but MUNICIPALITY_NAME is 'Testby kommun'" in output
        )

    def test_each_role_has_its_login(self, demo_output):
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
    def test_demo_logins_can_log_in(self, demo_output, client, email):
        response = client.post(
            reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, response.content[:2000]
        assert client.session.get("_auth_user_id") == str(User.objects.get(email=email).pk)

    def test_the_demo_official_sees_her_departments_coordinator(self, demo_output, client):
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
