"""What a survey's submitted answers add up to, question by question.

``question_results(survey, responses)`` is the public entry: ``responses`` is a
queryset of the survey's submitted responses (already filtered by respondent
group); every figure is counted in PostgreSQL, one query per kind of figure
(answered, option and matrix counts, numeric statistics, scale distributions,
free texts), so a page costs the same whatever the number of questions or
answers. Small-group protection is the caller's (see ``protection``): this
module adds up whatever group it is given."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Aggregate, Avg, Count, F, FloatField, Max, Min, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from ..answering import load_structure, scale_points
from ..models import Answer, Option, Question

# Free texts shown per question on the page; the export has them all.
TEXTS_SHOWN = 200


class Median(Aggregate):
    """PostgreSQL's continuous median, ``percentile_cont(0.5)``: the ORM has none."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = FloatField()


@dataclass
class Share:
    """An option (or a scale's value) with how many chose it, and the share of
    those who answered the question, in per cent."""

    label: str
    count: int
    share: float | None


@dataclass
class Stats:
    n: int
    mean: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None


@dataclass
class Cell:
    """A matrix cell: how many marked it (or gave a number), with the share, or
    for number cells the sum and mean of the numbers."""

    count: int = 0
    share: float | None = None
    total: Decimal | None = None
    mean: Decimal | None = None
    column: str = ""


@dataclass
class MatrixRow:
    label: str
    cells: list[Cell]


@dataclass
class Text:
    text: str
    association: str = ""


@dataclass
class QuestionResult:
    """One question's figures. ``n`` is the number of responses that answered it,
    ``answers`` the number of answer rows (several per response for multiple
    choice and matrices). Only the fields of the question's kind are filled."""

    question: Question
    n: int = 0
    answers: int = 0
    options: list[Share] = field(default_factory=list)
    stats: Stats | None = None
    distribution: list[Share] = field(default_factory=list)
    columns: list[Option] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def unit(self) -> str:
        """What the numbers count, after each figure."""
        return {Question.Kind.AMOUNT: _("SEK"), Question.Kind.PERCENTAGE: "%"}.get(self.kind, "")

    @property
    def shares_may_exceed_100(self) -> bool:
        return self.question.kind == Question.Kind.MULTIPLE or (
            self.question.kind == Question.Kind.MATRIX
            and self.question.cell == Question.Cell.CHECKBOX
        )

    @property
    def texts_left_out(self) -> int:
        return max(self.answers - len(self.texts), 0) if self.kind == Question.Kind.TEXT else 0


def _share(count: int, of: int) -> float | None:
    return round(100 * count / of, 1) if of else None


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def question_results(survey, responses=None, *, texts_shown: int | None = TEXTS_SHOWN) -> list:
    """Every question of ``survey`` with its figures over ``responses`` (submitted
    responses of the survey; ``None``: all of them), in the survey's order; at most
    ``texts_shown`` free texts a question (``None``: all). Eight queries in all.

    A survey's answers are all submitted ones (a draft is sealed apart, see
    surveys/drafts.py), so the whole survey needs no join to its responses."""
    _sections, questions = load_structure(survey)
    answers = Answer.objects.filter(question__in=[q.pk for q in questions]).order_by()
    if responses is not None:
        answers = answers.filter(response__in=responses.values("pk"))
    answered = {
        row["question"]: row
        for row in answers.values("question").annotate(
            # COUNT(*), not of a column the index lacks: an index-only scan.
            n=Count("response", distinct=True),
            rows=Count("*"),
        )
    }
    # A response holds each (question, row, option) once (answer_unique_cell), so
    # counting rows counts respondents, without the sort a DISTINCT needs.
    counts = {
        (row["question"], row["row"], row["option"]): row
        for row in answers.filter(option__isnull=False)
        .values("question", "row", "option")
        .annotate(count=Count("pk"), total=Sum("number"), mean=Avg("number"))
    }
    stats = {
        row["question"]: row
        for row in answers.filter(question__kind__in=Question.NUMERIC_KINDS, number__isnull=False)
        .values("question")
        .annotate(
            n=Count("pk"),
            mean=Avg("number"),
            median=Median("number"),
            minimum=Min("number"),
            maximum=Max("number"),
        )
    }
    scale = {
        (row["question"], int(row["number"])): row["count"]
        for row in answers.filter(question__kind=Question.Kind.SCALE, number__isnull=False)
        .values("question", "number")
        .annotate(count=Count("pk"))
    }
    # In alphabetical order: answers have random keys and no order of arrival.
    texts: dict[int, list[Text]] = {}
    text_rows = answers.filter(question__kind=Question.Kind.TEXT).exclude(text="")
    if texts_shown is not None:
        text_rows = text_rows.annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("question_id")],
                order_by=[F("text").asc(), F("pk").asc()],
            )
        ).filter(place__lte=texts_shown)
    text_rows = text_rows.values_list("question", "text", "response__organisation__name").order_by(
        "question", "text", "pk"
    )
    for question_id, text, association in text_rows:
        name = "" if survey.anonymous else (association or "")
        texts.setdefault(question_id, []).append(Text(text, name))

    results = []
    for q in questions:
        seen = answered.get(q.pk, {})
        result = QuestionResult(question=q, n=seen.get("n", 0), answers=seen.get("rows", 0))
        options = list(q.options.all())  # prefetched
        if q.kind in Question.CHOICE_KINDS:
            for option in (o for o in options if o.role == Option.Role.CHOICE):
                count = counts.get((q.pk, None, option.pk), {}).get("count", 0)
                result.options.append(Share(option.display_label, count, _share(count, result.n)))
        elif q.kind in Question.NUMERIC_KINDS:
            row = stats.get(q.pk, {})
            result.stats = Stats(
                n=row.get("n", 0),
                mean=_decimal(row.get("mean")),
                median=_decimal(row.get("median")),
                minimum=_decimal(row.get("minimum")),
                maximum=_decimal(row.get("maximum")),
            )
            if q.kind == Question.Kind.SCALE:
                points = scale_points(q)
                for point in points:
                    count = scale.get((q.pk, point), 0)
                    label = _scale_label(q, point, points)
                    result.distribution.append(Share(label, count, _share(count, result.n)))
        elif q.kind == Question.Kind.MATRIX:
            _matrix(result, options, counts)
        elif q.kind == Question.Kind.TEXT:
            result.texts = texts.get(q.pk, [])
        results.append(result)
    return results


def _scale_label(q: Question, point: int, points: list[int]) -> str:
    """A scale's value, with the label of its end where it is one."""
    end = (
        q.display_min_label
        if point == points[0]
        else q.display_max_label
        if point == points[-1]
        else ""
    )
    return f"{point} – {end}" if end else str(point)


def _matrix(result: QuestionResult, options: list, counts: dict) -> None:
    """Rows × columns: checkbox cells as a share of those who answered the
    question, choice cells as a share of those who answered the row (one choice a
    row, so a row adds up to 100 %), number cells as sum and mean."""
    q = result.question
    result.columns = [o for o in options if o.role == Option.Role.COLUMN]
    for row in (o for o in options if o.role == Option.Role.ROW):
        found = [counts.get((q.pk, row.pk, column.pk), {}) for column in result.columns]
        row_total = sum(cell.get("count", 0) for cell in found)
        of = row_total if q.cell == Question.Cell.CHOICE else result.n
        cells = []
        for column, cell in zip(result.columns, found, strict=True):
            count = cell.get("count", 0)
            if q.cell == Question.Cell.NUMBER:
                total, mean = _decimal(cell.get("total")), _decimal(cell.get("mean"))
                cells.append(Cell(count, total=total, mean=mean, column=column.display_label))
            else:
                cells.append(Cell(count, share=_share(count, of), column=column.display_label))
        result.rows.append(MatrixRow(row.display_label, cells))
