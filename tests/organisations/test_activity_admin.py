"""The coordinators' admin for activities: a hidden column and filter, and the
moderation actions (cancel, hide, show again) from the list and, as buttons, from
an activity's page, each asking for the reason on a page of its own. The fields
stay read-only: every change goes through a service."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from organisations import services
from organisations.models import Activity
from portal.models import AuditEntry
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:organisations_activity_changelist")
ON_PAGE = "CHANGE_FORM-action"  # Django's change-form actions post under this name
TEMPLATE = "admin/organisations/activity/moderate.html"


@pytest.fixture(params=["municipal_coordinator", "superuser"])
def staff(request, client):
    if request.param == "superuser":
        user = get_user_model().objects.create_superuser(email="root@example.se", password="x" * 20)
    else:
        user = make_municipal_coordinator()
    client.force_login(user)
    return user


@pytest.fixture
def activity():
    org = OrganisationFactory(name="Vårby Schack")
    MembershipFactory(organisation=org, role="admin", user__email="ordforande@example.se")
    return ActivityFactory(organisation=org, title="Vårturnering")


def _change(activity):
    return reverse("admin:organisations_activity_change", args=[activity.pk])


def _from_list(client, action, activities, **extra):
    return client.post(
        CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in activities], **extra}
    )


def _from_page(client, action, activity, **extra):
    return client.post(
        _change(activity), {ON_PAGE: action, ACTION_CHECKBOX_NAME: [activity.pk], **extra}
    )


def test_the_page_offers_buttons_for_the_state(client, staff, activity):
    html = client.get(_change(activity)).content.decode()
    assert f'name="{ON_PAGE}" value="cancel_activities"' in html
    assert f'name="{ON_PAGE}" value="hide_activities"' in html
    assert 'value="restore_activities"' not in html
    assert '<select name="CHANGE_FORM-action"' not in html  # buttons, not Django's select
    services.activity_hide(activity=activity, by=staff, reason="Reklam")
    services.activity_cancel_by_coordinator(activity=activity, by=staff, reason="Stängt")
    html = client.get(_change(activity)).content.decode()
    assert 'value="restore_activities"' in html
    assert 'value="hide_activities"' not in html and 'value="cancel_activities"' not in html
    assert "Reklam" in html and "Stängt" in html  # the reasons, read-only


def test_hide_from_the_page_asks_for_the_reason_then_hides(
    client, staff, activity, django_capture_on_commit_callbacks
):
    response = _from_page(client, "hide_activities", activity)
    assert response.status_code == 200
    assert TEMPLATE in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Vårturnering" in html and "Vårby Schack" in html
    assert f'name="{ON_PAGE}" value="hide_activities"' in html
    response = _from_page(client, "hide_activities", activity, apply="1", reason="  ")
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Detta fält måste fyllas i."]}
    assert Activity.objects.get(pk=activity.pk).hidden_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = _from_page(
            client, "hide_activities", activity, apply="1", reason="Reklam för en firma"
        )
    assert response.status_code == 302 and response["Location"] == _change(activity)
    activity.refresh_from_db()
    assert activity.is_hidden and activity.hidden_reason == "Reklam för en firma"
    assert AuditEntry.objects.get(action="activity.hidden").actor == staff
    assert [m.to for m in mail.outbox] == [["ordforande@example.se"]]
    messages = [str(m) for m in client.get(_change(activity)).context["messages"]]
    assert messages == ["1 aktivitet dold."]


def test_cancel_and_restore_from_the_list(client, staff, django_capture_on_commit_callbacks):
    first, second = ActivityFactory(), ActivityFactory()
    response = _from_list(client, "cancel_activities", [first, second])
    assert TEMPLATE in [t.name for t in response.templates]
    assert 'name="action" value="cancel_activities"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _from_list(client, "cancel_activities", [first, second], apply="1", reason="Stängt")
    assert set(Activity.objects.values_list("is_cancelled", "cancelled_reason")) == {
        (True, "Stängt")
    }
    services.activity_hide(activity=first, by=staff, reason="Reklam")
    with django_capture_on_commit_callbacks(execute=True):
        response = _from_list(client, "restore_activities", [first, second], apply="1", reason="")
    assert response.status_code == 302
    assert Activity.objects.filter(hidden_at__isnull=False).count() == 0
    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert f"{second.title}: Aktiviteten är inte dold." in messages  # told, not a 500
    assert "1 aktivitet visas igen." in messages


def test_a_department_coordinator_only_views(client, activity):
    client.force_login(make_department_coordinator())
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["action_form"] is None
    html = client.get(_change(activity)).content.decode()
    assert "hide_activities" not in html
    _from_list(client, "hide_activities", [activity], apply="1", reason="Nej")
    _from_page(client, "hide_activities", activity, apply="1", reason="Nej")
    assert Activity.objects.get(pk=activity.pk).hidden_at is None


def test_the_fields_stay_read_only(client, staff, activity):
    """Not a coordinator's, nor an administrator's, to edit: the services do it."""
    response = client.get(_change(activity))
    assert response.context["adminform"].form.fields == {}
    response = client.post(_change(activity), {"title": "Ändrad", "hidden_reason": "x"})
    assert response.status_code == 403
    assert client.get(reverse("admin:organisations_activity_add")).status_code == 403
    assert Activity.objects.get(pk=activity.pk).title == "Vårturnering"


def test_the_list_shows_and_filters_hidden_ones(client, staff, activity):
    other = ActivityFactory(title="Synlig")
    services.activity_hide(activity=activity, by=staff, reason="Reklam")
    response = client.get(CHANGELIST, {"hidden": "yes"})
    assert list(response.context["cl"].result_list) == [activity]
    assert list(client.get(CHANGELIST, {"hidden": "no"}).context["cl"].result_list) == [other]
    html = client.get(CHANGELIST).content.decode()
    assert "column-hidden" in html


def test_the_list_reads_a_constant_number_of_queries(client, staff, django_assert_max_num_queries):
    for _i in range(3):
        ActivityFactory()
    with django_assert_max_num_queries(40) as few:
        assert client.get(CHANGELIST).status_code == 200
    for _i in range(20):
        ActivityFactory()
    with django_assert_max_num_queries(len(few)):
        assert client.get(CHANGELIST).status_code == 200
