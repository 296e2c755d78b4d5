"""The reminder delivery log reads in words: every kind has a translated label,
shown in the list, the filter and the detail instead of its code."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from organisations import confirmation
from portal import reminders
from portal.models import ReminderDelivery
from portal.services import coordinator_assign

from .factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:portal_reminderdelivery_changelist")
DUE = datetime.date(2026, 3, 1)


@pytest.fixture
def coordinator(client):
    user = UserFactory(email="samordnare@example.se")
    coordinator_assign(user=user, by=None)
    client.force_login(user)
    return user


@pytest.fixture
def deliveries(coordinator):
    """One row of a registered kind and one of a kind no longer registered."""
    target = UserFactory(email="mottagare@example.se")
    known = reminders.reminder_schedule(
        kind=confirmation.REMINDER_14, target=target, recipient=target, due=DUE
    )
    gone = ReminderDelivery.objects.create(
        kind="retired.sweep", content_type=known.content_type, object_id=target.pk,
        recipient_email="gammal@example.se", due=DUE,
    )  # fmt: skip
    return known, gone


@pytest.mark.parametrize("code", sorted(reminders.registered_kinds()))
def test_every_registered_kind_has_a_lazily_translated_label(code):
    label = reminders.get_kind(code).label
    assert isinstance(label, Promise), code
    with translation.override("en"):
        english = str(label)
    with translation.override("sv"):
        swedish = str(label)
    assert english != code and swedish != english, (code, english, swedish)


def test_every_apps_kinds_are_registered():
    """The sweeps that send mail: the core's and the register's."""
    assert {
        "account.verify_email",
        confirmation.REQUEST,
        confirmation.REMINDER_14,
        confirmation.REMINDER_28,
        confirmation.UNCONFIRMED_REPORT,
    } <= set(reminders.registered_kinds())


def test_a_label_translated_at_import_is_refused():
    with pytest.raises(TypeError, match="lazily translated"):
        reminders.register_kind("test.eager", label="Eager", template="x")
    assert "test.eager" not in reminders.registered_kinds()


def visible(response) -> str:
    """The page's text as read, without its markup (the filter's links carry codes)."""
    assert response.status_code == 200
    return re.sub(r"<[^>]*>", " ", response.text)


def test_the_list_shows_labels_not_codes(client, deliveries):
    text = visible(client.get(CHANGELIST))
    assert "Årlig bekräftelse: första påminnelsen" in text
    assert confirmation.REMINDER_14 not in text
    assert "retired.sweep" in text  # no label to show: the code, rather than nothing


def test_the_filter_offers_labels_and_filters(client, deliveries):
    known, gone = deliveries
    response = client.get(CHANGELIST)
    (kind_filter,) = [
        f for f in response.context["cl"].filter_specs if getattr(f, "parameter_name", "") == "kind"
    ]
    assert kind_filter.lookup_choices == [  # by label: Å comes last in Swedish too
        ("retired.sweep", "retired.sweep"),
        (confirmation.REMINDER_14, reminders.get_kind(confirmation.REMINDER_14).label),
    ]
    filtered = client.get(CHANGELIST, {"kind": confirmation.REMINDER_14})
    assert list(filtered.context["cl"].result_list) == [known]
    assert client.get(CHANGELIST, {"kind": "nonsense"}).status_code == 200


def test_the_detail_shows_the_label(client, deliveries):
    known, _gone = deliveries
    text = visible(client.get(reverse("admin:portal_reminderdelivery_change", args=[known.pk])))
    assert "Årlig bekräftelse: första påminnelsen" in text
    assert confirmation.REMINDER_14 not in text


def test_the_list_and_filter_take_a_constant_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            user = UserFactory()
            for code in (confirmation.REQUEST, confirmation.REMINDER_28, "account.verify_email"):
                reminders.reminder_schedule(
                    kind=code, target=user, recipient=user, due=DUE + datetime.timedelta(i)
                )

    add(2)
    with django_assert_max_num_queries(30) as few:
        assert client.get(CHANGELIST).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        assert client.get(CHANGELIST).status_code == 200
