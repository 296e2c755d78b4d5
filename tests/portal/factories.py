"""Factories for the core's models (factory_boy)."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils.text import slugify

from portal.models import CoordinatorAssignment, Department, User

PASSWORD = "a-long-passphrase-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """An allauth e-mail address, verified unless ``verified=False``."""
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``roles=["representative"]`` adds the user to those groups."""
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in extracted))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class CoordinatorAssignmentFactory(factory.django.DjangoModelFactory):
    """A bare assignment row (no group, no audit): use portal.services for the workflow."""

    class Meta:
        model = CoordinatorAssignment

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
