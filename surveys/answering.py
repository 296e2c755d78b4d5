"""The answering form: a survey's questions with what was typed, checked as the
question's kind requires, and which questions the conditions show.

Values travel as the browser sends them (``name -> list of strings``): ``q<id>``
for a question, ``q<id>_r<row>`` for a matrix row of checkboxes or choices and
``q<id>_r<row>_c<column>`` for a number cell. Everything typed is kept on an
error, so the page can show it again beside the message."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import Answer, Question

Values = dict[str, list[str]]
MAX_NUMBER = Decimal("999999999999")


@dataclass
class Cell:
    column: object
    name: str
    value: str = ""
    checked: bool = False


@dataclass
class Row:
    row: object
    name: str
    cells: list[Cell]
    error: str = ""


@dataclass
class Item:
    """A question as the page shows it."""

    question: Question
    name: str
    choices: list[tuple[object, bool]] = field(default_factory=list)
    scale: list[tuple[int, bool]] = field(default_factory=list)
    value: str = ""
    rows: list[Row] = field(default_factory=list)
    columns: list = field(default_factory=list)
    error: str = ""
    shown: bool = True
    answers: list[Answer] = field(default_factory=list)


@dataclass
class SectionItems:
    section: object
    items: list[Item]
    shown: bool = True


def load_structure(survey):
    """The survey's sections and questions with their options: three queries."""
    sections = list(survey.sections.order_by("position", "pk"))
    questions = list(
        survey.questions.select_related("section")
        .prefetch_related("options")
        .order_by("section__position", "section_id", "position", "pk")
    )
    return sections, questions


def values_from_answers(answers) -> Values:
    """A saved draft's answers as form values."""
    values: Values = {}
    for a in answers:
        q = a.question
        if q.kind == Question.Kind.MATRIX and q.cell == Question.Cell.NUMBER:
            values[f"q{q.pk}_r{a.row_id}_c{a.option_id}"] = [_plain(a.number)]
        elif q.kind == Question.Kind.MATRIX:
            values.setdefault(f"q{q.pk}_r{a.row_id}", []).append(str(a.option_id))
        elif q.kind in Question.CHOICE_KINDS:
            values.setdefault(f"q{q.pk}", []).append(str(a.option_id))
        elif q.kind == Question.Kind.TEXT:
            values[f"q{q.pk}"] = [a.text]
        else:
            values[f"q{q.pk}"] = [_plain(a.number)]
    return values


def _plain(number) -> str:
    if number is None:
        return ""
    text = f"{number.normalize():f}"
    return text.replace(".", ",")


def parse_number(text: str) -> Decimal | None:
    """A number as people type it: spaces between thousands, a decimal comma."""
    cleaned = re.sub(r"[\s\u00a0]", "", text).replace(",", ".")
    if cleaned.lower().endswith("kr"):
        cleaned = cleaned[:-2]
    cleaned = cleaned.rstrip("%")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.01"))


def _range(q: Question) -> tuple[Decimal | None, Decimal | None]:
    low, high = q.min_value, q.max_value
    if q.kind == Question.Kind.PERCENTAGE:
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if q.kind == Question.Kind.AMOUNT and low is None:
        low = Decimal(0)
    return low, high


def _number_error(q: Question, number: Decimal | None) -> str:
    if number is None:
        if q.kind == Question.Kind.AMOUNT:
            return _("Write an amount in kronor, with digits only, for example 25 000.")
        if q.kind == Question.Kind.PERCENTAGE:
            return _("Write a percentage between 0 and 100, with digits only.")
        return _("Write a number, with digits only.")
    low, high = _range(q)
    if q.kind == Question.Kind.PERCENTAGE and number > 100:
        return _("A percentage can be at most 100.")
    if low is not None and high is not None and not low <= number <= high:
        return _("Write a number from %(low)s to %(high)s.") % {
            "low": _plain(low),
            "high": _plain(high),
        }
    if low is not None and number < low:
        return _("Write a number of at least %(low)s.") % {"low": _plain(low)}
    if high is not None and number > high:
        return _("Write a number of at most %(high)s.") % {"high": _plain(high)}
    return ""


def scale_points(q: Question) -> list[int]:
    low = int(q.min_value) if q.min_value is not None else 1
    high = int(q.max_value) if q.max_value is not None else 5
    return list(range(low, high + 1)) if high - low <= 20 else list(range(1, 6))


def build(survey, values: Values, *, check_required: bool, structure=None):
    """Every section and question with ``values`` shown and checked. Returns
    (sections, errors): questions hidden by a condition are neither checked nor
    kept; ``check_required`` is off when a draft is saved for later."""
    sections, questions = structure or load_structure(survey)
    chosen: set[int] = set()
    by_section: dict[int, list[Item]] = {s.pk: [] for s in sections}
    shown_sections = {}
    errors = 0
    for section in sections:
        shown_sections[section.pk] = (
            section.condition_option_id is None or section.condition_option_id in chosen
        )
        for q in (q for q in questions if q.section_id == section.pk):
            item = _item(q, values)
            item.shown = shown_sections[section.pk] and (
                q.condition_option_id is None or q.condition_option_id in chosen
            )
            if item.shown:
                _check(item, values, check_required=check_required)
                errors += bool(item.error) + sum(bool(r.error) for r in item.rows)
                if q.kind in Question.CHOICE_KINDS and not item.error:
                    chosen.update(o.pk for o, checked in item.choices if checked)
            else:
                item.answers = []
            by_section[section.pk].append(item)
    return [SectionItems(s, by_section[s.pk], shown_sections[s.pk]) for s in sections], errors


def _item(q: Question, values: Values) -> Item:
    name = f"q{q.pk}"
    given = values.get(name, [])
    item = Item(question=q, name=name)
    options = list(q.options.all())
    if q.kind in Question.CHOICE_KINDS:
        item.choices = [(o, str(o.pk) in given) for o in options if o.role == o.Role.CHOICE]
    elif q.kind == Question.Kind.SCALE:
        item.scale = [(point, str(point) in given) for point in scale_points(q)]
    elif q.kind == Question.Kind.MATRIX:
        item.columns = [o for o in options if o.role == o.Role.COLUMN]
        for row in (o for o in options if o.role == o.Role.ROW):
            row_name = f"{name}_r{row.pk}"
            cells = []
            for column in item.columns:
                if q.cell == Question.Cell.NUMBER:
                    cell_name = f"{row_name}_c{column.pk}"
                    cells.append(Cell(column, cell_name, (values.get(cell_name) or [""])[0]))
                else:
                    picked = values.get(row_name, [])
                    cells.append(Cell(column, row_name, str(column.pk), str(column.pk) in picked))
            item.rows.append(Row(row, row_name, cells))
    else:
        item.value = (given or [""])[0][:5000]
    return item


def _check(item: Item, values: Values, *, check_required: bool) -> None:
    q = item.question
    required = check_required and q.required
    if q.kind in Question.CHOICE_KINDS:
        picked = [o for o, checked in item.choices if checked]
        if q.kind == Question.Kind.SINGLE:
            picked = picked[:1]
        if required and not picked:
            item.error = _("Choose an answer.")
        item.answers = [Answer(question=q, option=o) for o in picked]
    elif q.kind == Question.Kind.SCALE:
        picked = [point for point, checked in item.scale if checked][:1]
        if required and not picked:
            item.error = _("Choose a value on the scale.")
        item.answers = [Answer(question=q, number=Decimal(p)) for p in picked]
    elif q.kind == Question.Kind.TEXT:
        text = item.value.strip()
        if required and not text:
            item.error = _("Write an answer.")
        item.answers = [Answer(question=q, text=text)] if text else []
    elif q.kind == Question.Kind.MATRIX:
        _check_matrix(item, check_required=check_required)
    else:
        text = item.value.strip()
        if not text:
            if required:
                item.error = _("Write an answer.")
            return
        number = parse_number(text)
        item.error = _number_error(q, number)
        if not item.error:
            item.answers = [Answer(question=q, number=number)]


def _check_matrix(item: Item, *, check_required: bool) -> None:
    q = item.question
    answered_rows = 0
    for row in item.rows:
        if q.cell == Question.Cell.NUMBER:
            filled = [c for c in row.cells if c.value.strip()]
            for cell in filled:
                number = parse_number(cell.value)
                problem = _number_error(q, number)
                if problem:
                    row.error = problem
                else:
                    item.answers.append(
                        Answer(question=q, row=row.row, option=cell.column, number=number)
                    )
            if (
                check_required
                and q.rows_required
                and len(filled) < len(row.cells)
                and not row.error
            ):
                row.error = (
                    _("Fill in every column of this row.") if filled else _("Answer this row.")
                )
            answered_rows += bool(filled)
        else:
            picked = [c for c in row.cells if c.checked]
            if q.cell == Question.Cell.CHOICE:
                picked = picked[:1]
            if check_required and q.rows_required and not picked:
                row.error = _("Answer this row.")
            item.answers += [Answer(question=q, row=row.row, option=c.column) for c in picked]
            answered_rows += bool(picked)
    if check_required and q.required and not answered_rows and not q.rows_required:
        item.error = _("Answer at least one row.")
    if any(r.error for r in item.rows) and not item.error:
        item.error = _("Some rows need an answer or a correction, see below.")
