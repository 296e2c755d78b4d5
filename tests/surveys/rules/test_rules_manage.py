"""surveys.change_survey (and view, send, view_responses) and its twin
Survey.objects.visible_to, over one grid: who may manage a survey made by a
municipal coordinator, and one made by a department coordinator."""

import pytest
from django.contrib.auth.models import AnonymousUser

from surveys.models import Survey
from tests.organisations.factories import (
    MembershipFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from ..factories import build_survey

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "other_user",
    "representative",
    "department_coordinator",
    "maker",
    "municipal_coordinator",
    "administrator",
)
EXPECTED = {
    "municipal": {"maker", "municipal_coordinator", "administrator"},
    "department": {"maker", "municipal_coordinator", "administrator"},
}


def user_in(role: str):
    return {
        "anonymous": AnonymousUser,
        "other_user": UserFactory,
        "representative": lambda: MembershipFactory().user,
        "department_coordinator": make_department_coordinator,
        "municipal_coordinator": make_municipal_coordinator,
        "administrator": lambda: UserFactory(is_superuser=True),
    }[role]()


@pytest.mark.parametrize("made_by", ["municipal", "department"])
@pytest.mark.parametrize("role", ROLES)
def test_who_manages_a_survey(made_by, role):
    maker = (
        make_municipal_coordinator() if made_by == "municipal" else make_department_coordinator()
    )
    survey = build_survey(by=maker)
    user = maker if role == "maker" else user_in(role)
    allowed = role in EXPECTED[made_by]
    for perm in ("view_survey", "change_survey", "send_survey", "view_responses_survey"):
        assert user.has_perm(f"surveys.{perm}", survey) is allowed, perm
    assert Survey.objects.visible_to(user).filter(pk=survey.pk).exists() is allowed
