"""Test data for En väg in, made the way people make it: an inquiry is sent through
``inquiry_submit`` (its reference, deadlines and private link as a sender's), and
handed on through the services."""

from uuid import uuid4

import factory
from django.contrib.auth.models import AnonymousUser, Group

from portal import roles
from portal.inquiries import services
from portal.inquiries.models import Inquiry, RoutingRule, Topic
from portal.models import CoordinatorAssignment, Department
from tests.organisations.factories import UserFactory, make_municipal_coordinator


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ämne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"amne-{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    slug = factory.Sequence(lambda n: f"forvaltning-{n}")


def make_official(department=None, **kwargs):
    """An official of ``department`` (a new one by default), in the officials' group."""
    user = UserFactory(department=department or DepartmentFactory(), **kwargs)
    user.groups.add(Group.objects.get_or_create(name=roles.OFFICIAL)[0])
    return user


def make_coordinator_of(department, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    CoordinatorAssignment.objects.create(user=user, department=department)
    user.groups.add(Group.objects.get_or_create(name=roles.DEPARTMENT_COORDINATOR)[0])
    return user


def submit(user=None, *, attachment=None, **data) -> tuple[Inquiry, str]:
    """Send an inquiry as a visitor (or ``user``) does; returns it and its token."""
    fields = {
        "kind": Inquiry.Kind.IDEA,
        "subject": "Läxhjälp på biblioteket",
        "message": "Vi vill ordna läxhjälp två kvällar i veckan. Kan kommunen hjälpa till?",
        "sender_name": "Amina Berg",
        "sender_email": f"amina{uuid4().hex[:8]}@example.se",
        **data,
    }
    return services.inquiry_submit(
        data=fields,
        user=user or AnonymousUser(),
        ip=f"test-{uuid4().hex}",  # each its own client: the limits are tested apart
        language="sv",
        submission=uuid4(),
        attachment=attachment,
    )


def assigned(department=None, official=None, **data) -> tuple[Inquiry, str]:
    """An inquiry a municipal coordinator gave to ``official`` (or the department)."""
    inquiry, token = submit(**data)
    department = department or (official.department if official else DepartmentFactory())
    services.inquiry_assign(
        inquiry=inquiry,
        to_department=department,
        to_user=official,
        reason="Gäller fritid.",
        by=make_municipal_coordinator(),
    )
    inquiry.refresh_from_db()
    return inquiry, token


def routing_rule(topic, department, official=None, priority=100):
    return RoutingRule.objects.create(
        topic=topic, department=department, official=official, priority=priority
    )
