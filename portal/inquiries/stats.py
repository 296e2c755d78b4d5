"""How fast En väg in answers: the median working days to acknowledge and to close,
per department and month of receipt, as a table and as a bar chart drawn on the
server (SVG, with a text alternative), so it works without JavaScript.

The working days are kept on each case when it is acknowledged and closed, so the
medians are one aggregate query (PostgreSQL's percentile_cont) over the months
shown, served by the index on the time of receipt. A year's medians move slowly
and the query reads a year of cases, so each reader's figures are kept in the
cache for SPEED_CACHE_SECONDS and shown with the time they were computed."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Aggregate, Count, FloatField
from django.db.models.functions import TruncMonth
from django.utils import timezone

MONTHS = 12
SPEED_CACHE_SECONDS = 600


class Median(Aggregate):
    """percentile_cont(0.5): the median, NULLs (not yet acknowledged or closed) left out."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass(frozen=True)
class Row:
    department: str | None
    month: date
    count: int
    acknowledge: float | None
    close: float | None


def first_month(today: date, months: int = MONTHS) -> date:
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def medians(queryset, *, by_department: bool, today: date | None = None) -> list[Row]:
    today = today or timezone.localdate()
    since = timezone.make_aware(datetime.combine(first_month(today), time.min))
    keys = ["department__name", "month"] if by_department else ["month"]
    rows = (
        queryset.filter(received_at__gte=since)
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values(*keys)
        .annotate(
            count=Count("pk"),
            acknowledge=Median("acknowledge_working_days"),
            close=Median("close_working_days"),
        )
        .order_by(*keys)
    )
    return [
        Row(
            department=row.get("department__name"),
            month=timezone.localtime(row["month"]).date(),
            count=row["count"],
            acknowledge=row["acknowledge"],
            close=row["close"],
        )
        for row in rows
    ]


def speed(visible, today: date | None = None) -> dict:
    """The figures of the statistics page and the desk panel: the medians overall
    and per department, and the overall chart, among the cases ``visible``."""
    overall = medians(visible, by_department=False, today=today)
    return {
        "overall": overall,
        "by_department": medians(visible, by_department=True, today=today),
        "chart": chart(every_month(overall, today)),
    }


def speed_for(user) -> dict:
    """``speed`` among the cases ``user`` may handle, from the cache when computed in
    the last SPEED_CACHE_SECONDS (the statistics page and the desk agree)."""
    from .models import Inquiry

    key = f"inquiries:speed:{user.pk}"
    now = timezone.now()
    figures = cache.get(key)
    # The age is checked here too: the cache's own expiry follows the cache server's
    # clock, and the figures' time is what the page shows.
    if figures is None or figures["as_of"] <= now - timedelta(seconds=SPEED_CACHE_SECONDS):
        figures = {**speed(Inquiry.objects.visible_to(user)), "as_of": now}
        cache.set(key, figures, SPEED_CACHE_SECONDS)
    return figures


def every_month(rows: list[Row], today: date | None = None, months: int = MONTHS) -> list[Row]:
    """The months shown, each once, in order: those without cases empty, so that
    the chart's axis is the same twelve months whatever the data."""
    start = first_month(today or timezone.localdate(), months)
    found = {row.month: row for row in rows}
    result = []
    for n in range(months):
        index = start.year * 12 + start.month - 1 + n
        month = date(index // 12, index % 12 + 1, 1)
        result.append(found.get(month) or Row(None, month, 0, None, None))
    return result


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    value: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    months: list[tuple[float, date]]
    acknowledge: list[Bar]
    close: list[Bar]
    ticks: list[tuple[float, int]]
    bar_width: float


def chart(rows: list[Row], *, width: int = 640, height: int = 260) -> Chart:
    """Two bars a month (to acknowledge, to close) on a scale of whole working days."""
    left, bottom, top = 36, 34, 12
    plot = height - bottom - top
    highest = max([r.close or 0 for r in rows] + [r.acknowledge or 0 for r in rows] + [1])
    scale_max = int(highest) + 1
    step = (width - left) / max(len(rows), 1)
    bar = step * 0.35
    bar_width = round(bar, 1)

    def bars(attribute: str, offset: float) -> list[Bar]:
        result = []
        for n, row in enumerate(rows):
            value = getattr(row, attribute)
            if value is None:
                continue
            h = plot * value / scale_max
            x = left + n * step + offset
            y = round(top + plot - h, 1)
            result.append(Bar(x=round(x, 1), y=y, height=round(h, 1), value=value))
        return result

    ticks = [
        (round(top + plot - plot * v / scale_max, 1), v)
        for v in range(0, scale_max + 1, max(1, scale_max // 4))
    ]
    return Chart(
        width=width,
        height=height,
        baseline=top + plot,
        months=[(round(left + n * step + step / 2, 1), r.month) for n, r in enumerate(rows)],
        acknowledge=bars("acknowledge", step * 0.12),
        close=bars("close", step * 0.12 + bar),
        ticks=ticks,
        bar_width=bar_width,
    )
