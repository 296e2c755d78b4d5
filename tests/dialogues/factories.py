"""Test data for the forums."""

import factory

from dialogues.models import Forum, ForumMembership
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
