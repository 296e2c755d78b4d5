"""Two rounds of a survey side by side, question by question.

A question of this round is matched to the previous round's by its ``code``, and
its options, matrix rows and columns by theirs. Figures are shown only where the
question is unchanged (same kind, text, options, scale, cells and conditions on
who is asked): a question with the same code but other wording is flagged with
both versions and no figures, since a change of wording changes what people
answer. Free text is not compared. Questions asked in one round only are listed
as new or removed. Wording is compared in Swedish, the survey's original: its
English is a translation, and rewording only that does not change the question.

The figures come from the database, grouped by the codes with one aggregate per
round (conditional aggregation), so both rounds come from the same query and the
number of queries does not grow with the questions or the answers. Only
submitted responses count. Small-group protection: when either round has fewer
submitted responses than the stricter of the two rounds' thresholds nothing is
compared; a question answered by fewer than that in a round, and a number cell of
a matrix filled in by fewer, shows no figures either.

Shares are of those who answered the question (for a matrix, who answered any of
its rows), rounded to a tenth; a change is the difference of the shown, rounded
figures, so a reader can check it by subtracting."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from ..models import Answer, Question, Response, Survey
from .aggregate import Median

TENTH = Decimal("0.1")


class Status:
    COMPARED = "compared"
    CHANGED = "changed"
    TEXT = "text"
    TOO_FEW = "too_few"


@dataclass
class Change:
    """Something about a question that differs between the rounds."""

    what: str
    before: str
    after: str


@dataclass
class Share:
    """An option, or a cell of a checkbox or choice matrix, in both rounds."""

    label: str
    previous: int
    current: int
    previous_share: Decimal
    current_share: Decimal

    @property
    def change(self) -> Decimal:
        return self.current_share - self.previous_share


@dataclass
class Numbers:
    """A numeric question, or a number cell of a matrix, in both rounds."""

    label: str
    previous_n: int
    current_n: int
    previous_mean: Decimal | None = None
    current_mean: Decimal | None = None
    previous_median: Decimal | None = None
    current_median: Decimal | None = None
    withheld: bool = False

    @property
    def answered_change(self) -> int:
        return self.current_n - self.previous_n

    @property
    def mean_change(self) -> Decimal | None:
        return _difference(self.current_mean, self.previous_mean)

    @property
    def median_change(self) -> Decimal | None:
        return _difference(self.current_median, self.previous_median)


@dataclass
class Compared:
    """One question asked in both rounds."""

    question: Question
    previous: Question
    status: str
    previous_answered: int = 0
    current_answered: int = 0
    shares: list[Share] = field(default_factory=list)
    numbers: list[Numbers] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def unit(self) -> str:
        """How a change of this question's mean reads (surveys' ``signed`` filter)."""
        return {Question.Kind.PERCENTAGE: "points", Question.Kind.AMOUNT: "amount"}.get(
            self.question.kind, ""
        )


@dataclass
class Rounds:
    survey: Survey
    previous: Survey
    previous_responses: int
    current_responses: int
    threshold: int
    withheld: str = ""
    questions: list[Compared] = field(default_factory=list)
    new: list[Question] = field(default_factory=list)
    removed: list[Question] = field(default_factory=list)


def _round(value, exponent=TENTH) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def _difference(after, before) -> Decimal | None:
    return None if after is None or before is None else after - before


def _percent(count: int, of: int) -> Decimal:
    return _round(Decimal(100 * count) / of) if of else Decimal(0)


def _options(question: Question, role: str) -> list:
    return [o for o in question.options.all() if o.role == role]


def _coded(options) -> set[tuple[str, str]]:
    return {(o.code, o.label.strip()) for o in options}


def _labels(options, *, shown: bool = False) -> str:
    """The options' Swedish labels (as compared), or ``shown`` as the reader reads them."""
    return "; ".join(o.display_label if shown else o.label for o in options) or "–"


def _scale(question: Question, *, shown: bool = False) -> str:
    """The scale's ends with their Swedish labels (as compared), or ``shown``."""
    low = f"{question.min_value.normalize():f}" if question.min_value is not None else "–"
    high = f"{question.max_value.normalize():f}" if question.max_value is not None else "–"
    labels = (
        (question.display_min_label, question.display_max_label)
        if shown
        else (question.min_label, question.max_label)
    )
    low_label = f" ({labels[0]})" if labels[0] else ""
    high_label = f" ({labels[1]})" if labels[1] else ""
    return f"{low}{low_label} – {high}{high_label}"


def _change(what: str, compared: tuple[str, str], shown: tuple[str, str]) -> Change:
    """Both versions as the reader reads them; the Swedish ones, which were
    compared, where the reader's language has the two the same."""
    before, after = shown if shown[0].strip() != shown[1].strip() else compared
    return Change(what, before, after)


def _kind(question: Question) -> str:
    if question.cell:
        return f"{question.get_kind_display()}: {question.get_cell_display()}"
    return question.get_kind_display()


def _conditions(question: Question) -> list:
    """The options that decide who is asked: the section's condition and the
    question's own."""
    return [o for o in (question.section.condition_option, question.condition_option) if o]


def _asked(question: Question) -> str:
    options = _conditions(question)
    if not options:
        return _("Everyone")
    return "; ".join(
        _("Those who answered “%(option)s” to “%(question)s”")
        % {"option": o.display_label, "question": o.question.display_text}
        for o in options
    )


def changes(previous: Question, current: Question) -> list[Change]:
    """What differs between the two rounds' versions of a question; empty when
    the question is unchanged and its figures can be compared. Texts are
    compared in Swedish only (the module's docstring says why)."""
    found = []
    if previous.kind != current.kind or previous.cell != current.cell:
        found.append(Change(_("The kind of question changed"), _kind(previous), _kind(current)))
    if previous.text.strip() != current.text.strip():
        found.append(
            _change(
                _("The question was reworded"),
                (previous.text, current.text),
                (previous.display_text, current.display_text),
            )
        )
    if current.kind == Question.Kind.SCALE and _scale(previous) != _scale(current):
        found.append(
            _change(
                _("The scale changed"),
                (_scale(previous), _scale(current)),
                (_scale(previous, shown=True), _scale(current, shown=True)),
            )
        )
    coded = [[(o.question.code, o.code) for o in _conditions(q)] for q in (previous, current)]
    if coded[0] != coded[1]:
        found.append(Change(_("Who is asked changed"), _asked(previous), _asked(current)))
    roles = [
        ("choice", _("The options changed")),
        ("row", _("The rows changed")),
        ("column", _("The columns changed")),
    ]
    for role, what in roles:
        before, after = _options(previous, role), _options(current, role)
        if _coded(before) != _coded(after):
            found.append(
                _change(
                    what,
                    (_labels(before), _labels(after)),
                    (_labels(before, shown=True), _labels(after, shown=True)),
                )
            )
    return found


def _by_round(name: str, aggregate, expression, rounds: Rounds, **extra) -> dict:
    return {
        f"{name}_{when}": aggregate(expression, filter=Q(question__survey_id=pk), **extra)
        for when, pk in (("previous", rounds.previous.pk), ("current", rounds.survey.pk))
    }


def _answers(questions: list[Question]):
    return Answer.objects.filter(
        response__submitted_at__isnull=False,
        question__in=[q.pk for q in questions],
    ).order_by()


def _per_question(rounds: Rounds, questions: list[Question]) -> dict[str, dict]:
    """{code: how many answered in each round, and the numeric means and medians}."""
    if not questions:
        return {}
    rows = (
        _answers(questions)
        .values("question__code")
        .annotate(
            **_by_round("answered", Count, "response", rounds, distinct=True),
            **_by_round("mean", Avg, "number", rounds),
            **_by_round("median", Median, "number", rounds),
        )
    )
    return {row["question__code"]: row for row in rows}


def _per_cell(rounds: Rounds, questions: list[Question]) -> dict[tuple, dict]:
    """{(question code, row code, option code): counts, means and medians in each
    round}: options of choice questions (no row) and the cells of matrices."""
    if not questions:
        return {}
    rows = (
        _answers(questions)
        .values("question__code", "row__code", "option__code")
        .annotate(
            **_by_round("count", Count, "pk", rounds),
            **_by_round("mean", Avg, "number", rounds),
            **_by_round("median", Median, "number", rounds),
        )
    )
    return {(r["question__code"], r["row__code"], r["option__code"]): r for r in rows}


def _numbers(label: str, figures: dict, threshold: int, exponent=TENTH) -> Numbers:
    numbers = Numbers(
        label, figures.get("answered_previous", 0), figures.get("answered_current", 0)
    )
    if min(numbers.previous_n, numbers.current_n) < threshold:
        numbers.withheld = True
        return numbers
    numbers.previous_mean = _round(figures["mean_previous"], exponent)
    numbers.current_mean = _round(figures["mean_current"], exponent)
    numbers.previous_median = _round(figures["median_previous"], exponent)
    numbers.current_median = _round(figures["median_current"], exponent)
    return numbers


def _fill(item: Compared, answered: dict, cells: dict, threshold: int) -> None:
    q = item.question
    item.previous_answered = answered.get("answered_previous", 0)
    item.current_answered = answered.get("answered_current", 0)
    if min(item.previous_answered, item.current_answered) < threshold:
        item.status = Status.TOO_FEW
        return
    exponent = Decimal(1) if q.kind == Question.Kind.AMOUNT else TENTH
    if q.kind in Question.NUMERIC_KINDS:
        item.numbers = [_numbers("", answered, threshold, exponent)]
        return

    def share(label, key):
        figures = cells.get(key, {})
        before, after = figures.get("count_previous", 0), figures.get("count_current", 0)
        return Share(
            label,
            before,
            after,
            _percent(before, item.previous_answered),
            _percent(after, item.current_answered),
        )

    if q.kind in Question.CHOICE_KINDS:
        item.shares = [
            share(o.display_label, (q.code, None, o.code)) for o in _options(q, "choice")
        ]
        return
    for row in _options(q, "row"):
        for column in _options(q, "column"):
            label = f"{row.display_label}: {column.display_label}"
            key = (q.code, row.code, column.code)
            if q.cell == Question.Cell.NUMBER:
                figures = cells.get(key, {})
                counted = {
                    "answered_previous": figures.get("count_previous", 0),
                    "answered_current": figures.get("count_current", 0),
                    **figures,
                }
                item.numbers.append(_numbers(label, counted, threshold))
            else:
                item.shares.append(share(label, key))


def _structure(*surveys: Survey) -> dict[int, list[Question]]:
    """Each survey's questions in the order they are asked, with their options."""
    questions = (
        Question.objects.filter(survey__in=[s.pk for s in surveys])
        .select_related("section__condition_option__question", "condition_option__question")
        .prefetch_related("options")
        .order_by("section__position", "section_id", "position", "pk")
    )
    by_survey = {s.pk: [] for s in surveys}
    for question in questions:
        by_survey[question.survey_id].append(question)
    return by_survey


def compare_rounds(survey: Survey, previous: Survey) -> Rounds:
    """``survey`` beside ``previous`` (its previous round), question by question."""
    counts = dict(
        Response.objects.submitted()
        .filter(survey__in=[survey.pk, previous.pk])
        .order_by()
        .values_list("survey")
        .annotate(n=Count("pk"))
    )
    rounds = Rounds(
        survey,
        previous,
        previous_responses=counts.get(previous.pk, 0),
        current_responses=counts.get(survey.pk, 0),
        threshold=max(survey.small_group_threshold, previous.small_group_threshold),
    )
    structure = _structure(survey, previous)
    before = {q.code: q for q in structure[previous.pk]}
    now = {q.code for q in structure[survey.pk]}
    rounds.new = [q for q in structure[survey.pk] if q.code not in before]
    rounds.removed = [q for q in structure[previous.pk] if q.code not in now]
    for question in structure[survey.pk]:
        if question.code in before:
            earlier = before[question.code]
            found = changes(earlier, question)
            status = Status.COMPARED
            if found:
                status = Status.CHANGED
            elif question.kind == Question.Kind.TEXT:
                status = Status.TEXT
            rounds.questions.append(Compared(question, earlier, status, changes=found))
    if min(rounds.previous_responses, rounds.current_responses) < rounds.threshold:
        rounds.withheld = _(
            "A round with fewer than %(threshold)s submitted answers is not compared, "
            "so that no one's answers can be made out: the previous round has "
            "%(previous)s, this round %(current)s."
        ) % {
            "threshold": rounds.threshold,
            "previous": rounds.previous_responses,
            "current": rounds.current_responses,
        }
        return rounds
    compared = [c for c in rounds.questions if c.status == Status.COMPARED]
    both = [q for c in compared for q in (c.question, c.previous)]
    answered = _per_question(rounds, both)
    cells = _per_cell(rounds, [q for q in both if q.kind not in Question.NUMERIC_KINDS])
    for item in compared:
        _fill(item, answered.get(item.question.code, {}), cells, rounds.threshold)
    return rounds
