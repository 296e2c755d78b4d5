"""The coordinator roles' groups carry the forums' and agreements' model permissions
(granted in each app's AppConfig.ready(), synced to the groups after migrate)."""

import pytest
from django.contrib.auth.models import Group

from portal import roles

pytestmark = pytest.mark.django_db


def perms_of(role: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_municipal_coordinators_run_forums_and_agreements():
    perms = perms_of(roles.MUNICIPAL_COORDINATOR)
    assert {
        "dialogues.view_forum",
        "dialogues.add_forum",
        "dialogues.change_forum",
        "dialogues.add_forummembership",
        "dialogues.delete_forummembership",
        "partnerships.view_agreement",
        "partnerships.add_agreement",
        "partnerships.change_agreement",
        "partnerships.add_agreementparty",
        "partnerships.delete_agreementparty",
    } <= perms
    # Closed or ended, never deleted.
    assert not {"dialogues.delete_forum", "partnerships.delete_agreement"} & perms


def test_department_coordinators_look():
    perms = {
        p for p in perms_of(roles.DEPARTMENT_COORDINATOR) if p.startswith(("dialogues.", "partn"))
    }
    assert perms == {
        "dialogues.view_forum",
        "dialogues.view_forummembership",
        "partnerships.view_agreement",
        "partnerships.view_agreementparty",
        # They look at the collaborations and the follow-up plans in the admin.
        "partnerships.view_collaboration",
        "partnerships.view_collaborationpayment",
        "partnerships.view_reportdue",
    }


@pytest.mark.parametrize("role", [roles.REPRESENTATIVE, roles.OFFICIAL])
def test_other_roles_get_nothing_here(role):
    assert not {p for p in perms_of(role) if p.startswith(("dialogues.", "partnerships."))}
