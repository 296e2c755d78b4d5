"""The choice questions' counts split by a respondent group (category, district
or department): one table per question, options × groups, with small-group
protection on every column and cell (``protection.suppressed``). Responses with
no such group form a column of their own, so the columns add up to the whole
and a hidden one cannot be had as the whole minus the others. Three queries."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from organisations.models import Category, District
from portal.models import Department

from ..models import Answer, Option, Question, Response
from .filters import BREAKDOWN_FIELDS
from .protection import derivable, suppressed

MODELS = {"category": Category, "district": District, "department": Department}


@dataclass
class Group:
    label: str
    size: int


@dataclass
class Table:
    """A question's counts: ``rows`` of (option label, [(group label, count)]),
    a count ``None`` where it is hidden; no rows and ``withheld`` where hiding
    cells could not keep them from being worked out."""

    question: Question
    rows: list[tuple[str, list[tuple[str, int | None]]]]
    withheld: bool = False


@dataclass
class Breakdown:
    groups: list[Group]
    hidden_groups: int
    tables: list[Table]


def breakdown(survey, responses, *, by: str, questions: list[Question]) -> Breakdown:
    """The choice questions among ``questions`` split by ``by`` over ``responses``."""
    field = BREAKDOWN_FIELDS[by]
    # A fresh query over the same responses: grouping ``responses`` itself would
    # reuse a category filter's join and see only the filtered category.
    chosen = Response.objects.filter(pk__in=responses.values("pk"))
    sizes = {
        row[field]: row["size"]
        for row in chosen.order_by().values(field).annotate(size=Count("pk"))
    }
    keys = sorted((k for k in sizes if k is not None), key=lambda k: (-sizes[k], k))
    if None in sizes:
        keys.append(None)
    names = {o.pk: str(o) for o in MODELS[by].objects.filter(pk__in=[k for k in keys if k])}
    hidden = suppressed([[sizes[k] for k in keys]], survey.small_group_threshold)[0]
    shown = [k for k, h in zip(keys, hidden, strict=True) if not h]
    groups = [Group(names[k] if k else _("Not stated"), sizes[k]) for k in shown]

    choice = [q for q in questions if q.kind in Question.CHOICE_KINDS]
    counts = {
        (row["question"], row["option"], row[f"response__{field}"]): row["count"]
        for row in Answer.objects.filter(
            question__in=[q.pk for q in choice], response__in=responses.values("pk")
        )
        .order_by()
        .values("question", "option", f"response__{field}")
        .annotate(count=Count("pk"))  # one answer a response and option
    }
    tables = []
    for q in choice:
        options = [o for o in q.options.all() if o.role == Option.Role.CHOICE]
        figures = [[counts.get((q.pk, o.pk, k), 0) for k in shown] for o in options]
        hide = suppressed(figures, survey.small_group_threshold)
        if derivable(figures, hide):
            tables.append(Table(q, [], withheld=True))
            continue
        rows = [
            (
                o.display_label,
                [
                    (group.label, None if h else v)
                    for group, v, h in zip(groups, values, flags, strict=True)
                ],
            )
            for o, values, flags in zip(options, figures, hide, strict=True)
        ]
        tables.append(Table(q, rows))
    return Breakdown(groups=groups, hidden_groups=len(keys) - len(shown), tables=tables)
