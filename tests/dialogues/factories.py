"""Test data for the forums."""

from datetime import timedelta

import factory
from django.utils import timezone

from dialogues.models import Forum, ForumMembership, Meeting, Registration
from tests.organisations.factories import OrganisationFactory
from tests.portal.factories import DepartmentFactory


class ForumFactory(factory.django.DjangoModelFactory):
    """An active, open dialogue forum of a department."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dialogforum {n}")
    slug = factory.Sequence(lambda n: f"dialogforum-{n}")
    kind = Forum.Kind.OPEN_DIALOGUE
    audience = Forum.Audience.OPEN
    cadence_months = 6
    description = "Föreningar och kommunen möts."
    department = factory.SubFactory(DepartmentFactory)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        """``organisations=[org, ...]`` makes them members."""
        if create and extracted:
            for organisation in extracted:
                ForumMembershipFactory(forum=self, organisation=organisation)


class ForumMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMembership

    forum = factory.SubFactory(ForumFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting open for registration in two weeks, with 20 places."""

    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    theme = factory.Sequence(lambda n: f"Möte {n}")
    agenda = "1. Välkommen\n2. Föreningarnas frågor"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Medborgarhuset, sal 2"
    capacity = 20
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))
    status = Meeting.Status.OPEN


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    attendees = 1
    status = Registration.Status.CONFIRMED
