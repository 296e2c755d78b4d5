"""Activities that repeat: one row with a rule, shown as occasions in the calendar's
period, as one VEVENT with RRULE in the feeds, with the rule and the next occasions in
the open data; made from the form's plain choices (with the end, or without one),
its bad choices named beside the field; and copied a week on."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Activity
from portal.ical import LOCAL
from portal.recurrence import Pattern, build
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
)
from tests.organisations.ical_text import components

pytestmark = pytest.mark.django_db
CALENDAR = reverse("organisations:calendar")


def tuesday(weeks: int = 0) -> date:
    """The Tuesday of this week, or ``weeks`` later (earlier when negative)."""
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() - 1) + timedelta(weeks=weeks)


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LOCAL)


def make_series(organisation, *, first: date, **rule):
    starts = at(first)
    activity = ActivityFactory.build(
        organisation=organisation,
        title="Träning",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        recurrence=build(Pattern.WEEKLY, starts, **rule),
    )
    activity.repeats_until = activity.series_end()
    activity.save()
    return activity


@pytest.fixture
def org():
    return OrganisationFactory(name="Vårby IK")


def _days(response) -> list[tuple[str, date]]:
    return [(o.activity.title, o.local_day) for o in response.context["occasions"]]


# --- the calendar ----------------------------------------------------------------------


def test_a_weekly_activity_begun_weeks_ago_appears_every_week_of_a_later_period(client, org):
    make_series(org, first=tuesday(-10))
    ActivityFactory(organisation=org, title="Årsmöte", starts_at=at(tuesday(5), 19))
    start, end = tuesday(4) - timedelta(days=1), tuesday(5) + timedelta(days=5)
    response = client.get(CALENDAR, {"from": start.isoformat(), "to": end.isoformat()})
    assert _days(response) == [
        ("Träning", tuesday(4)),
        ("Träning", tuesday(5)),
        ("Årsmöte", tuesday(5)),
    ]
    html = response.content.decode()
    assert html.count("Varje vecka på tisdagar") == 2


def test_the_default_period_is_four_weeks_from_now(client, org):
    make_series(org, first=tuesday(-1))
    days = [day for _title, day in _days(client.get(CALENDAR))]
    today = timezone.localdate()
    assert days and all(today <= day < today + timedelta(days=28) for day in days)
    assert len(days) in (4, 5)  # this week's Tuesday may be over already
    assert days == sorted(days)


def test_an_ended_series_is_gone_and_its_last_weeks_are_shown(client, org):
    series = make_series(org, first=tuesday(-10), until=tuesday(1))
    assert series.repeats_until == at(tuesday(1), 20)
    days = [day for _title, day in _days(client.get(CALENDAR))]
    assert days[-1] == tuesday(1)
    later = {"from": tuesday(2).isoformat()}
    assert _days(client.get(CALENDAR, later)) == []


def test_the_period_links_lead_on_and_back(client, org):
    make_series(org, first=tuesday(-1))
    first = tuesday(8)
    response = client.get(CALENDAR, {"from": first.isoformat(), "to": first.isoformat()})
    html = response.content.decode()
    later = (first + timedelta(days=1)).isoformat()
    assert f'href="?from={later}&amp;to={later}" rel="next"' in html
    earlier = (first - timedelta(days=1)).isoformat()
    assert f'href="?from={earlier}&amp;to={earlier}" rel="prev"' in html


def test_a_repeating_activity_of_a_hidden_association_stays_hidden(client):
    pending = OrganisationFactory(status="pending")
    make_series(pending, first=tuesday(-2))
    assert _days(client.get(CALENDAR)) == []


def test_many_series_are_read_in_a_constant_number_of_queries(
    client, org, django_assert_max_num_queries
):
    for weeks in range(30):
        make_series(OrganisationFactory(), first=tuesday(-weeks))
    # the period's times, the page's rows, the two lists of choices
    with django_assert_max_num_queries(4):
        response = client.get(CALENDAR, {"page_size": 100})
    assert len(response.context["occasions"]) == 100
    assert response.context["page"].paginator.count >= 30 * 4


# --- the feeds -------------------------------------------------------------------------


@pytest.mark.parametrize("feed", ["calendar", "organisation"])
def test_the_feeds_carry_one_event_with_its_rule(client, org, feed):
    series = make_series(org, first=tuesday(-60), count=100)  # begun over a year ago
    ActivityFactory(organisation=org, title="Årsmöte", starts_at=at(tuesday(2), 19))
    url = (
        reverse("organisations:calendar_ics")
        if feed == "calendar"
        else reverse("organisations:organisation_ics", args=[org.slug])
    )
    body = client.get(url).content.decode()
    events = {event["SUMMARY"][1]: event for event in components(body)}
    assert set(events) == {"Träning", "Årsmöte"}
    training = events["Träning"]
    assert training["RRULE"][1] == "FREQ=WEEKLY;COUNT=100"
    assert training["DTSTART"] == ("TZID=Europe/Stockholm", f"{tuesday(-60):%Y%m%d}T180000")
    assert training["DTEND"] == ("TZID=Europe/Stockholm", f"{tuesday(-60):%Y%m%d}T200000")
    assert training["UID"][1].startswith(f"activity-{series.pk}@")
    assert events["Årsmöte"]["DTSTART"][1].endswith("Z") and "RRULE" not in events["Årsmöte"]
    [zone] = components(body, "VTIMEZONE")
    assert zone["TZID"][1] == "Europe/Stockholm"
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in body  # summer time begins


def test_a_feed_without_repeating_activities_has_no_timezone(client, org):
    ActivityFactory(organisation=org)
    assert "VTIMEZONE" not in client.get(reverse("organisations:calendar_ics")).content.decode()


def test_an_ended_series_leaves_the_feed(client, org):
    make_series(org, first=tuesday(-20), until=tuesday(-8))
    assert components(client.get(reverse("organisations:calendar_ics")).content.decode()) == []


# --- the open data ---------------------------------------------------------------------


def test_the_api_gives_the_rule_and_the_next_occasions(client, org):
    make_series(org, first=tuesday(-10))
    ActivityFactory(organisation=org, title="Årsmöte", starts_at=at(tuesday(2), 19))
    results = client.get(reverse("organisations:api_activities")).json()["results"]
    training, meeting = results
    assert training["recurrence"] == "FREQ=WEEKLY"
    assert len(training["occurrences"]) == 5
    first = training["occurrences"][0]
    assert datetime.fromisoformat(first["ends_at"]) >= timezone.now()
    assert datetime.fromisoformat(first["starts_at"]).astimezone(LOCAL).hour == 18
    assert meeting["recurrence"] == ""
    assert meeting["occurrences"] == [
        {"starts_at": meeting["starts_at"], "ends_at": meeting["ends_at"]}
    ]
    assert meeting["page"].endswith(reverse("organisations:activity", args=[meeting["id"]]))
    schema = client.get(reverse("organisations:api_openapi")).json()["components"]["schemas"]
    assert {"recurrence", "occurrences", "page"} <= set(schema["Activity"]["properties"])
    later = client.get(reverse("organisations:api_activities"), {"from": tuesday(30).isoformat()})
    [series] = later.json()["results"]
    assert series["occurrences"][0]["starts_at"].startswith(tuesday(30).isoformat())


# --- making and changing one -----------------------------------------------------------


def _form(**extra):
    return {
        "title": "Träning för alla",
        "starts_at": f"{tuesday(1)}T18:00",
        "ends_at": f"{tuesday(1)}T19:30",
        "place": "Vårby idrottshall",
        "district": DistrictFactory().pk,
        "description": "Ta med inneskor.",
        "url": "",
        "repeat": "weekly",
        **extra,
    }


@pytest.fixture
def representative(client, org):
    user = MembershipFactory(organisation=org).user
    client.force_login(user)
    return user


def test_a_representative_makes_a_weekly_activity_that_goes_on(client, org, representative):
    response = client.post(reverse("organisations:activity_create", args=[org.slug]), _form())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.recurrence == "FREQ=WEEKLY" and activity.repeats_until is None
    week = client.get(CALENDAR, {"from": tuesday(3).isoformat(), "to": tuesday(3).isoformat()})
    assert _days(week) == [("Träning för alla", tuesday(3))]


def test_a_series_with_an_end_knows_when_it_is_over(client, org, representative):
    data = _form(repeat="monthly_weekday", repeat_count="3")
    client.post(reverse("organisations:activity_create", args=[org.slug]), data)
    activity = Activity.objects.get()
    assert (
        activity.recurrence.startswith("FREQ=MONTHLY;BYDAY=") and "COUNT=3" in activity.recurrence
    )
    last = [start for start, _end in activity.occasions()][-1]
    assert activity.repeats_until == last + timedelta(hours=1, minutes=30)


def test_editing_shows_the_choice_and_moves_the_end(client, org, representative):
    activity = make_series(org, first=tuesday(1), until=tuesday(5))
    url = reverse("organisations:activity_edit", args=[activity.pk])
    form = client.get(url).context["form"]
    assert form["repeat"].value() == "weekly"
    assert form["repeat_until"].value() == tuesday(5)
    data = _form(repeat_until=tuesday(8).isoformat())
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert activity.repeats_until == at(tuesday(8)) + timedelta(hours=1, minutes=30)
    client.post(url, _form(repeat=""))
    activity.refresh_from_db()
    assert activity.recurrence == "" and activity.repeats_until is None


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        # thousands of dates: more than the form allows
        ({"repeat_count": "1000"}, "repeat_count", "Det ger fler än 104 datum"),
        ({"repeat_until": "2099-12-31"}, "repeat_until", "Det ger fler än 104 datum"),
        # no dates at all: the end before the first time
        (
            {"repeat_until": "2000-01-01"},
            "repeat_until",
            "Slutdatumet ligger före första tillfället",
        ),
        ({"repeat_until": "2030-01-01", "repeat_count": "3"}, "repeat_count", "inte båda"),
    ],
)
def test_bad_choices_are_named_beside_the_field_and_nothing_typed_is_lost(
    client, org, representative, extra, field, message
):
    response = client.post(
        reverse("organisations:activity_create", args=[org.slug]), _form(**extra)
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()
    html = response.content.decode()
    errors = html[html.index(f'id="id_{field}_error"') :].split("</ul>")[0]
    assert message in errors
    for value in ("Träning för alla", "Vårby idrottshall", "Ta med inneskor.", "T18:00"):
        assert value in html
    assert '<option value="weekly" selected>' in html
    for name, value in extra.items():
        assert f'name="{name}" value="{value}"' in html


def test_the_database_holds_that_only_a_series_has_an_end(org):
    with pytest.raises(IntegrityError):
        ActivityFactory(organisation=org, repeats_until=timezone.now() + timedelta(days=30))


# --- copying ---------------------------------------------------------------------------


def test_copy_fills_in_a_new_activity_a_week_later(client, org, representative):
    series = make_series(org, first=tuesday(1), until=tuesday(6))
    series.place, series.url = "Vårby idrottshall", "https://varby-ik.example.se"
    series.save()
    create = reverse("organisations:activity_create", args=[org.slug])
    listed = client.get(reverse("organisations:activities", args=[org.slug])).content.decode()
    assert f'href="{create}?kopiera={series.pk}"' in listed
    response = client.get(create, {"kopiera": series.pk})
    form = response.context["form"]
    assert form["title"].value() == "Träning"
    assert form["place"].value() == "Vårby idrottshall"
    assert form["url"].value() == "https://varby-ik.example.se"
    # in local time, as the field shows it
    assert form["starts_at"].value() == datetime.combine(tuesday(2), time(18))
    assert form["ends_at"].value() == datetime.combine(tuesday(2), time(20))
    assert form["repeat"].value() == "weekly"
    assert form["repeat_until"].value() == tuesday(7)
    assert "En kopia av ”Träning”, en vecka senare." in response.content.decode()
    html = response.content.decode()
    assert f'value="{tuesday(2)}T18:00"' in html
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"starts_at": f"{tuesday(2)}T18:00", "ends_at": f"{tuesday(2)}T20:00"}
    assert client.post(f"{create}?kopiera={series.pk}", data).status_code == 302
    copy = Activity.objects.exclude(pk=series.pk).get()
    assert copy.recurrence == build(Pattern.WEEKLY, at(tuesday(2)), until=tuesday(7))


@pytest.mark.parametrize("value", ["other", "abc", "1e3", "99999999999999999999", ""])
def test_copying_what_is_not_the_association_s_own_is_404(client, org, representative, value):
    other = ActivityFactory(organisation=OrganisationFactory())
    create = reverse("organisations:activity_create", args=[org.slug])
    response = client.get(create, {"kopiera": other.pk if value == "other" else value})
    assert response.status_code == 404


def test_the_services_keep_the_series_end(org, representative):
    starts = at(tuesday(1))
    activity = services.activity_create(
        organisation=org,
        by=representative,
        data={
            "title": "Café",
            "starts_at": starts,
            "ends_at": None,
            "recurrence": build(Pattern.BIWEEKLY, starts, count=3),
        },
    )
    assert activity.repeats_until == at(tuesday(5))
    services.activity_update(
        activity=activity, by=representative, data={"starts_at": at(tuesday(2))}
    )
    activity.refresh_from_db()
    assert activity.repeats_until == at(tuesday(6))


def test_an_occasion_under_way_is_still_shown_without_a_chosen_day(client, org):
    starts = timezone.localtime().replace(microsecond=0) - timedelta(minutes=30, weeks=3)
    activity = ActivityFactory(
        organisation=org,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        recurrence=build(Pattern.WEEKLY, starts),
    )
    first = client.get(CALENDAR).context["occasions"][0]
    assert first.activity == activity
    assert first.starts_at == starts + timedelta(weeks=3)
