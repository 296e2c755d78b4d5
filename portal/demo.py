"""Demo data of the core: Huddinge kommun's departments and one login per role.

The demo is one municipality, Huddinge (whose inquiry into working with civil society
the portal grew from): its departments here, its districts and associations in
organisations/demo.py, and MUNICIPALITY_NAME's default in the settings.

``manage.py load_demo`` calls ``load(stdout)`` here first, then every other
app's ``<app>.demo.load(stdout)``. Safe to run on every start: it creates what
is missing and leaves the rest alone (the demo logins get their password back).
Never in production: the command refuses unless DEMO_DATA_ALLOWED is on or --force is given.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from . import roles
from .models import CoordinatorAssignment, Department, User
from .services import coordinator_assign

DEMO_PASSWORD = "demo-losen-2026"
MUNICIPALITY = "Huddinge kommun"

# Huddinge's departments (förvaltningar), one per committee.
DEPARTMENTS = [
    "Barn- och utbildningsförvaltningen",
    "Gymnasie- och arbetsmarknadsförvaltningen",
    "Kommunstyrelsens förvaltning",
    "Kultur- och fritidsförvaltningen",
    "Miljö- och bygglovsförvaltningen",
    "Natur- och byggnadsförvaltningen",
    "Socialförvaltningen",
    "Äldreomsorgsförvaltningen",
    "Funktionsstödsförvaltningen",
]
CULTURE_AND_LEISURE = "Kultur- och fritidsförvaltningen"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    first_name: str
    last_name: str
    role: str
    department: str | None = None  # coordinated, or an official's workplace
    superuser: bool = False


LOGINS = [
    DemoLogin("samordnare@demo.se", "Sara", "Samordnare", roles.MUNICIPAL_COORDINATOR),
    DemoLogin(
        "forvaltning@demo.se",
        "Fredrik",
        "Förvaltningssamordnare",
        roles.DEPARTMENT_COORDINATOR,
        department=CULTURE_AND_LEISURE,
    ),
    DemoLogin(
        "tjansteperson@demo.se",
        "Tove",
        "Tjänsteperson",
        roles.OFFICIAL,
        department=CULTURE_AND_LEISURE,
    ),
    DemoLogin("forening@demo.se", "Felix", "Föreningsrepresentant", roles.REPRESENTATIVE),
    DemoLogin("admin@demo.se", "Adam", "Administratör", roles.ADMINISTRATOR, superuser=True),
]


def _departments() -> dict[str, Department]:
    result = {}
    for name in DEPARTMENTS:
        department, _created = Department.objects.get_or_create(
            name=name, defaults={"slug": slugify(name)[:80]}
        )
        result[name] = department
    return result


def _login(spec: DemoLogin, departments: dict[str, Department]) -> User:
    from allauth.account.models import EmailAddress

    user, created = User.objects.get_or_create(
        email=spec.email,
        defaults={"first_name": spec.first_name, "last_name": spec.last_name},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if spec.superuser and not (user.is_superuser and user.is_staff):
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    # allauth only lets a verified address log in (ACCOUNT_EMAIL_VERIFICATION = mandatory).
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    department = departments[spec.department] if spec.department else None
    if spec.role in (roles.MUNICIPAL_COORDINATOR, roles.DEPARTMENT_COORDINATOR):
        if not CoordinatorAssignment.objects.filter(user=user, department=department).exists():
            coordinator_assign(user=user, department=department, by=None)
        # The demo coordinators have agreed to show their address to officials.
        if not user.email_shown_to_officials:
            user.email_shown_to_officials = True
            user.save(update_fields=["email_shown_to_officials"])
    else:
        user.groups.add(Group.objects.get_or_create(name=spec.role)[0])
        if department is not None and user.department_id is None:
            user.department = department
            user.save(update_fields=["department"])
    return user


@transaction.atomic
def load(stdout) -> None:
    if settings.MUNICIPALITY_NAME != MUNICIPALITY:
        stdout.write(
            f"Note: the demo data is {MUNICIPALITY}'s, but MUNICIPALITY_NAME is "
            f"{settings.MUNICIPALITY_NAME!r}: the header will name another municipality."
        )
    departments = _departments()
    stdout.write(f"Departments: {len(departments)}")
    for spec in LOGINS:
        _login(spec, departments)
    header = ("E-mail", "Role", "Department")
    rows = [header] + [
        (spec.email, str(roles.ROLES[spec.role]), spec.department or "") for spec in LOGINS
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    stdout.write(f"Demo logins (password: {DEMO_PASSWORD})")
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        stdout.write(("  " + "  ".join(cells)).rstrip())
