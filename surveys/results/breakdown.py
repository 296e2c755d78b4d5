"""The choice questions' counts split by a respondent group (category, district
or department): one table per question, options × groups, with small-group
protection on every column and cell (``protection.suppressed``). Responses with
no such group form a column of their own, so the columns add up to the whole
and a hidden one cannot be had as the whole minus the others. A column is the
chosen group plus its own, and is hidden where the page would refuse that
selection for being a few short of a coarser one (``protection.check_narrowing``).
Three queries."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from organisations.models import Category, District
from portal.models import Department

from ..models import Answer, Option, Question
from .filters import BREAKDOWN_FIELDS, Chosen, coarser_counts, every
from .protection import check_narrowing, derivable, is_small, suppressed

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
    # Of the hidden groups, those hidden for being a few short of a coarser selection.
    close_groups: int = 0


def breakdown(survey, chosen: Chosen, *, by: str, questions: list[Question]) -> Breakdown:
    """The choice questions among ``questions`` split by ``by`` over the
    ``chosen`` responses (``ResultFilter.chosen``)."""
    field = BREAKDOWN_FIELDS[by]
    threshold = survey.small_group_threshold
    conditions = chosen.conditions
    # Over all the survey's responses, so that the same query also counts each
    # column with one filter dropped; the filters are conditions (EXISTS for a
    # category), so grouping by category still sees every category.
    counts = {"size": Count("pk", filter=every(conditions.values())), **coarser_counts(conditions)}
    grouped = {
        row[field]: row
        for row in survey.responses.submitted().order_by().values(field).annotate(**counts)
        if row["size"]
    }
    sizes = {k: row["size"] for k, row in grouped.items()}
    keys = sorted((k for k in sizes if k is not None), key=lambda k: (-sizes[k], k))
    if None in sizes:
        keys.append(None)
    names = {o.pk: str(o) for o in MODELS[by].objects.filter(pk__in=[k for k in keys if k])}

    def coarser(k) -> dict[str, int]:
        """A column's coarser selections: the chosen group (its own group
        dropped) and its own group within each filter but one."""
        return {"": chosen.size, **{n: grouped[k][f"without_{n}"] for n in conditions}}

    close = [
        not is_small(sizes[k], threshold)
        and not check_narrowing(size=sizes[k], coarser=coarser(k), threshold=threshold).shown
        for k in keys
    ]
    hidden = suppressed([[sizes[k] for k in keys]], threshold, [close])[0]
    shown = [k for k, h in zip(keys, hidden, strict=True) if not h]
    groups = [Group(names[k] if k else _("Not stated"), sizes[k]) for k in shown]

    choice = [q for q in questions if q.kind in Question.CHOICE_KINDS]
    counts = {
        (row["question"], row["option"], row[f"response__{field}"]): row["count"]
        for row in Answer.objects.filter(
            question__in=[q.pk for q in choice],
            response__in=survey.responses.submitted()
            .filter(every(conditions.values()))
            .values("pk"),
        )
        .order_by()
        .values("question", "option", f"response__{field}")
        .annotate(count=Count("pk"))  # one answer a response and option
    }
    tables = []
    for q in choice:
        options = [o for o in q.options.all() if o.role == Option.Role.CHOICE]
        figures = [[counts.get((q.pk, o.pk, k), 0) for k in shown] for o in options]
        hide = suppressed(figures, threshold)
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
    return Breakdown(
        groups=groups,
        hidden_groups=len(keys) - len(shown),
        tables=tables,
        close_groups=sum(close),
    )
