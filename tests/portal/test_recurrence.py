"""Recurrence rules: the patterns people choose, wall-clock time over summer time,
and the form's bounds with messages beside the field."""

from datetime import date, datetime

import pytest
from django.utils import translation

from portal.ical import LOCAL
from portal.recurrence import (
    Pattern,
    RecurrenceForm,
    build,
    describe,
    each_occurrence,
    initial_for,
    last_occurrence,
    occurrences,
)

START = datetime(2026, 3, 17, 18, 0, tzinfo=LOCAL)  # a Tuesday, before summer time


def test_weekly_stays_at_six_across_summer_time():
    rule = build(Pattern.WEEKLY, START, count=3)
    assert rule == "FREQ=WEEKLY;COUNT=3"
    times = occurrences(rule, START)
    assert [t.strftime("%d %H:%M") for t in times] == ["17 18:00", "24 18:00", "31 18:00"]
    assert times[-1].utcoffset() != times[0].utcoffset()


def test_monthly_on_the_same_weekday_and_the_last_one():
    assert build(Pattern.MONTHLY_WEEKDAY, START) == "FREQ=MONTHLY;BYDAY=3TU"
    fifth = datetime(2026, 3, 31, 18, tzinfo=LOCAL)
    assert build(Pattern.MONTHLY_WEEKDAY, fifth) == "FREQ=MONTHLY;BYDAY=-1TU"
    times = occurrences(build(Pattern.MONTHLY_WEEKDAY, START, count=2), START)
    assert [t.date() for t in times] == [date(2026, 3, 17), date(2026, 4, 21)]


def test_until_is_inclusive_and_written_in_utc():
    rule = build(Pattern.BIWEEKLY, START, until=date(2026, 4, 14))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260414T215959Z"
    assert [t.date() for t in occurrences(rule, START)] == [
        date(2026, 3, 17),
        date(2026, 3, 31),
        date(2026, 4, 14),
    ]


def test_a_window_and_a_limit():
    rule = build(Pattern.WEEKLY, START)
    after = datetime(2026, 4, 1, tzinfo=LOCAL)
    before = datetime(2026, 4, 20, tzinfo=LOCAL)
    assert [t.day for t in occurrences(rule, START, after=after, before=before)] == [7, 14]
    assert len(occurrences(rule, START, limit=5)) == 5


def test_initial_values_give_back_the_choice():
    rule = build(Pattern.WEEKLY, START, until=date(2026, 6, 30))
    assert initial_for(rule) == {"repeat": Pattern.WEEKLY, "repeat_until": date(2026, 6, 30)}
    assert initial_for("FREQ=MONTHLY;BYDAY=3TU;COUNT=4") == {
        "repeat": Pattern.MONTHLY_WEEKDAY,
        "repeat_count": 4,
    }
    with translation.override("sv"):
        assert describe(rule) == "Varje vecka"


class _Form(RecurrenceForm):
    recurrence_maximum = 10

    def clean(self):
        self.rule = self.clean_recurrence(START)
        return self.cleaned_data


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"repeat": "weekly"}, "repeat_until", "Say when it stops"),
        ({"repeat": "weekly", "repeat_count": "11"}, "repeat_count", "more than 10 dates"),
        ({"repeat": "weekly", "repeat_until": "2027-01-01"}, "repeat_until", "more than 10"),
        ({"repeat": "weekly", "repeat_until": "2026-03-01"}, "repeat_until", "before the first"),
        (
            {"repeat": "weekly", "repeat_until": "2026-04-01", "repeat_count": "2"},
            "repeat_count",
            "not both",
        ),
        ({"repeat": "weekly", "repeat_count": "0"}, "repeat_count", "greater than or equal"),
    ],
)
def test_bad_choices_are_named_beside_the_field(data, field, message):
    with translation.override("en"):
        form = _Form(data)
        assert not form.is_valid()
        assert message in " ".join(form.errors[field])


def test_an_open_ended_rule_when_allowed():
    class OpenForm(_Form):
        recurrence_open_ended = True

    form = OpenForm({"repeat": "weekly"})
    assert form.is_valid(), form.errors
    assert form.rule == "FREQ=WEEKLY"
    form = _Form({"repeat": ""})
    assert form.is_valid() and form.rule == ""


@pytest.mark.parametrize(
    ("pattern", "end", "swedish"),
    [
        (Pattern.WEEKLY, {}, "Varje vecka på tisdagar"),
        (Pattern.BIWEEKLY, {"count": 6}, "Varannan vecka på tisdagar, 6 gånger"),
        (Pattern.MONTHLY_WEEKDAY, {"count": 1}, "Tredje tisdag i månaden, 1 gång"),
        (
            Pattern.MONTHLY_DATE,
            {"until": date(2026, 6, 30)},
            "Den 17 i varje månad, till och med 30 juni 2026",
        ),
    ],
)
def test_described_with_the_weekday_and_the_end(pattern, end, swedish):
    rule = build(pattern, START, **end)
    with translation.override("sv"):
        assert describe(rule, START) == swedish
    with translation.override("en"):
        assert describe(build(Pattern.WEEKLY, START), START) == "Every week on Tuesdays"
        last = datetime(2026, 3, 31, 18, tzinfo=LOCAL)
        assert describe(build(Pattern.MONTHLY_WEEKDAY, last), last) == (
            "Every month on the last Tuesday"
        )


def test_an_open_ended_rule_is_read_lazily_and_has_no_last_time():
    weekly = build(Pattern.WEEKLY, START)
    later = each_occurrence(weekly, START, after=datetime(2030, 1, 1, tzinfo=LOCAL))
    assert next(later) == datetime(2030, 1, 1, 18, tzinfo=LOCAL)  # a Tuesday
    assert last_occurrence(weekly, START) is None
    assert last_occurrence(build(Pattern.WEEKLY, START, count=3), START) == datetime(
        2026, 3, 31, 18, tzinfo=LOCAL
    )
