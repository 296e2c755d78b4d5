"""Test data for the register; the directory's tests import these too."""

import random
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations import search
from organisations.models import (
    Activity,
    ActivityArea,
    Category,
    ConfirmationRound,
    District,
    Membership,
    Organisation,
)
from organisations.validators import luhn_ok


def organisation_number(seed: int | None = None) -> str:
    """A valid Swedish organisation number (Luhn) such as 802456-7893."""
    rng = random.Random(seed)
    nine = "8" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    for check in range(10):
        if luhn_ok(nine + str(check)):
            digits = nine + str(check)
            return f"{digits[:6]}-{digits[6:]}"
    raise AssertionError("unreachable")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Testsson"
    language = "sv"
    password = factory.django.Password("a-long-passphrase-123")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommundel {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ActivityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.Sequence(lambda n: f"omrade-{n}")
    kind = ActivityArea.Kind.AREA


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Active and public by default, with one category."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Förening nummer {n}")
    slug = factory.Sequence(lambda n: f"forening-nummer-{n}")
    organisation_number = factory.Sequence(lambda n: organisation_number(seed=n))
    description = "En förening för alla."
    email = factory.Sequence(lambda n: f"info{n}@forening.example.se")
    status = Organisation.Status.ACTIVE
    is_public = True
    confirmed_at = factory.LazyFunction(timezone.now)
    approved_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if not create:
            return
        self.categories.set(extracted if extracted is not None else [CategoryFactory()])

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        # Last: the vector holds the categories, districts and areas set above, as
        # the services' reindex gives it, so a test's search sees what a user's would.
        if create:
            search.reindex([self.pk])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ADMIN


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Medborgarhuset"
    description = "Välkomna!"


class ConfirmationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfirmationRound

    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    deadline = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=42))


def make_municipal_coordinator(**kwargs):
    """A staff user with a municipality-wide CoordinatorAssignment, in the group."""
    from django.contrib.auth.models import Group

    from portal.models import CoordinatorAssignment
    from portal.roles import MUNICIPAL_COORDINATOR

    user = UserFactory(is_staff=True, **kwargs)
    CoordinatorAssignment.objects.create(user=user, department=None)
    user.groups.add(Group.objects.get_or_create(name=MUNICIPAL_COORDINATOR)[0])
    return user


def make_department_coordinator(**kwargs):
    from django.contrib.auth.models import Group

    from portal.models import CoordinatorAssignment, Department
    from portal.roles import DEPARTMENT_COORDINATOR

    user = UserFactory(is_staff=True, **kwargs)
    department, _created = Department.objects.get_or_create(
        slug="kultur", defaults={"name": "Kulturförvaltningen"}
    )
    CoordinatorAssignment.objects.create(user=user, department=department)
    user.groups.add(Group.objects.get_or_create(name=DEPARTMENT_COORDINATOR)[0])
    return user


# --- the permission grid (tests/organisations/rules/) ----------------------------

ROLES = (
    "anonymous",
    "other_user",
    "other_representative",
    "editor",
    "admin",
    "department_coordinator",
    "municipal_coordinator",
)
STATES = ("pending", "active", "archived", "private")


def organisation_in_state(state: str) -> Organisation:
    if state == "private":
        return OrganisationFactory(status=Organisation.Status.ACTIVE, is_public=False)
    reason = "Nedlagd" if state == "archived" else ""
    return OrganisationFactory(status=state, status_reason=reason)


def user_in_role(role: str, organisation: Organisation):
    from django.contrib.auth.models import AnonymousUser

    if role == "anonymous":
        return AnonymousUser()
    if role == "other_user":
        return UserFactory()
    if role == "other_representative":
        return MembershipFactory(role=Membership.Role.ADMIN).user
    if role in ("editor", "admin"):
        return MembershipFactory(organisation=organisation, role=role).user
    if role == "department_coordinator":
        return make_department_coordinator()
    return make_municipal_coordinator()
