"""Test data for Hitta rätt. A contact path is made by the service officials use
(``contact_path_create``), so it has its search vector and vocabulary as theirs do."""

import factory
from django.contrib.auth.models import Group

from portal.contacts import services
from portal.contacts.models import ContactPath, Topic
from portal.models import CoordinatorAssignment
from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, OFFICIAL
from tests.portal.factories import DepartmentFactory, UserFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ämne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"amne-{n}")


class ContactPathFactory(factory.Factory):
    """``ContactPathFactory(title=..., topics=[...])``: published through the service."""

    class Meta:
        model = ContactPath

    title = factory.Sequence(lambda n: f"Kontaktväg {n}")
    description = "Vi hjälper föreningar med frågor."
    department = factory.SubFactory(DepartmentFactory)
    role = "Föreningskonsulent"
    email = "info@kommun.example.se"
    phone = "08-535 300 00"
    opening_hours = "Vardagar 9–16"
    topics = factory.LazyFunction(lambda: [TopicFactory()])
    target_groups = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        return services.contact_path_create(by=by, data=kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("contact paths are made by the service")


def make_official(department, **kwargs):
    """An official (the group) working at ``department``."""
    user = UserFactory(department=department, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=OFFICIAL)[0])
    return user


def make_department_coordinator(department, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    CoordinatorAssignment.objects.create(user=user, department=department)
    user.groups.add(Group.objects.get_or_create(name=DEPARTMENT_COORDINATOR)[0])
    return user


def make_municipal_coordinator(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    CoordinatorAssignment.objects.create(user=user, department=None)
    user.groups.add(Group.objects.get_or_create(name=MUNICIPAL_COORDINATOR)[0])
    return user


# --- the permission grid (tests/contacts/rules/) -----------------------------------

ROLES = (
    "anonymous",
    "other_user",
    "official",
    "official_elsewhere",
    "department_coordinator",
    "coordinator_elsewhere",
    "municipal_coordinator",
    "named_person",
)
IN_CHARGE = {"official", "department_coordinator", "municipal_coordinator"}
STATES = ("published", "unpublished", "ended")


def path_in_state(state: str, *, department, person=None) -> ContactPath:
    from datetime import timedelta

    from django.utils import timezone

    path = ContactPathFactory(department=department, person=person)
    if state == "unpublished":
        ContactPath.objects.filter(pk=path.pk).update(is_published=False)
    if state == "ended":
        yesterday = timezone.localdate() - timedelta(days=1)
        ContactPath.objects.filter(pk=path.pk).update(valid_until=yesterday)
    path.refresh_from_db()
    return path


def user_in_role(role: str, department):
    """A user in ``role`` towards a path of ``department`` (named_person: a user the
    path will name, of no department)."""
    from django.contrib.auth.models import AnonymousUser

    elsewhere = DepartmentFactory()
    if role == "anonymous":
        return AnonymousUser()
    if role in ("other_user", "named_person"):
        return UserFactory()
    if role == "official":
        return make_official(department)
    if role == "official_elsewhere":
        return make_official(elsewhere)
    if role == "department_coordinator":
        return make_department_coordinator(department)
    if role == "coordinator_elsewhere":
        return make_department_coordinator(elsewhere)
    return make_municipal_coordinator()
