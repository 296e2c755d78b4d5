"""The grid for "portal.view_officials_page": officials (with or without a
department), coordinators and administrators see the page for officials; nobody
else does, and an anonymous visitor is sent to log in."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from portal import roles
from tests.organisations.factories import (
    MembershipFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory, UserFactory

PERM = "portal.view_officials_page"
URL = reverse("officials")


def user_in(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "plain_user":
        return UserFactory()
    if role == "representative":
        return MembershipFactory(user=UserFactory(roles=[roles.REPRESENTATIVE])).user
    if role == "official_with_department":
        return UserFactory(roles=[roles.OFFICIAL], department=DepartmentFactory())
    if role == "official_without_department":
        return UserFactory(roles=[roles.OFFICIAL])
    if role == "department_coordinator":
        return make_department_coordinator()
    if role == "municipal_coordinator":
        return make_municipal_coordinator()
    return UserFactory(is_superuser=True, is_staff=True)


ALLOWED = {
    "official_with_department",
    "official_without_department",
    "department_coordinator",
    "municipal_coordinator",
    "administrator",
}
ROLES = ["anonymous", "plain_user", "representative", *sorted(ALLOWED)]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_grid(role, client):
    user = user_in(role)
    expected = role in ALLOWED
    assert user.has_perm(PERM) is expected
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(URL)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if expected else 403)


@pytest.mark.django_db
def test_a_department_alone_makes_nobody_an_official():
    """The department is an official's workplace; the role is the group."""
    assert not UserFactory(department=DepartmentFactory()).has_perm(PERM)
