"""The tables 1–8 of Örebro kommun's report "Inventering av samverkan med det
civila samhället 2022", computed in the database from the submitted responses
of a survey made from the inventory template (surveys/shipped/inventory.py):
one query per table (two for the tables with a total), never a loop over
answers. Each figure is defined in its function's docstring as the report
defines it.

"Departments" are those that submitted an answer: the report's nine, all of
which answered. The inventory goes to departments, one answer each, and is not
anonymous: departments are public bodies, not persons, so tables 7 and 8 name
each department, as the report does, and no small-group protection applies.

Every table sorts by any of its columns (``sort``: a column's key, ``-`` before
it for descending); without one it is in the report's order. Categories, forms
and goal areas are named, and sorted, in the reader's language (``name``: the
option's label as portal/languages.py's ``localized_expression`` reads it)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext_lazy as _

from portal.languages import localized_expression
from portal.models import Department

from .models import Answer, Option, Question, Recipient, Response, Survey
from .shipped import inventory as shipped

NUMERIC = DecimalField(max_digits=14, decimal_places=4)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # name, count, average, amount or percent


@dataclass
class Table:
    number: int
    caption: str
    columns: list[Column]
    rows: list[tuple]
    sort: str
    descending: bool
    footer: tuple | None = None
    missing: str = ""  # why the table is empty

    def headers(self) -> list[dict]:
        """Each column with the link that sorts by it (descending first for
        figures, ascending for names; again to turn the order) and its aria-sort."""
        result = []
        for column in self.columns:
            current = column.key == self.sort
            descending = (not self.descending) if current else column.kind != "name"
            result.append(
                {
                    "column": column,
                    "href": f"?sort={'-' if descending else ''}{self.number}.{column.key}"
                    f"#table-{self.number}",
                    "aria_sort": ("descending" if self.descending else "ascending")
                    if current
                    else "",
                }
            )
        return result

    def cells(self) -> list[list[tuple[Column, object]]]:
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]

    def footer_cells(self) -> list[tuple[Column, object]]:
        return list(zip(self.columns, self.footer, strict=True)) if self.footer else []


class Inventory:
    """A survey's inventory questions, found by their shipped codes, and the
    number of departments that answered: two queries."""

    def __init__(self, survey: Survey):
        self.survey = survey
        codes = (shipped.MATRIX, shipped.GOALS, shipped.MONEY, shipped.STAFF)
        self.questions = {q.code: q for q in survey.questions.filter(code__in=codes)}
        self.departments = Response.objects.submitted().filter(survey=survey).count()

    def question(self, code: str) -> Question | None:
        return self.questions.get(code)

    def submitted(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}response__submitted_at__isnull": False})


def parse_sort(value: str | None) -> tuple[int | None, str, bool]:
    """``"-3.average"`` → (3, "average", True); anything else → (None, "", False)."""
    value = value or ""
    descending = value.startswith("-")
    number, _dot, key = value.lstrip("-").partition(".")
    if not number.isdigit() or not key:
        return None, "", False
    return int(number), key, descending


def _table(number, caption, columns, queryset, sort, default, *, footer=None) -> Table:
    """Order ``queryset`` by the chosen column (or ``default``, "-" for
    descending; nulls last either way, ties in the template's order) and read
    its rows in one query."""
    keys = [column.key for column in columns]
    chosen = (sort or "").lstrip("-")
    if chosen not in keys:
        sort, chosen = default, default.lstrip("-")
    descending = (sort or "").startswith("-")
    order = F(chosen).desc(nulls_last=True) if descending else F(chosen).asc(nulls_last=True)
    rows = list(queryset.order_by(order, "pk").values_list(*keys))
    return Table(number, caption, columns, rows, chosen, descending, footer)


def _empty(number, caption, columns, code) -> Table:
    missing = _("The survey has no question with the code “%(code)s”.") % {"code": code}
    return Table(number, caption, columns, [], columns[0].key, False, missing=missing)


CATEGORY = Column("name", _("Category of civil society"), "name")
DEPARTMENTS = Column("departments", _("Departments that collaborate with the category"))
FORMS = Column("forms", _("Forms (of 14) in which the departments collaborate with it"))
REPORTED = Column("reported", _("Reported forms, all departments together"))


def _categories(inventory: Inventory):
    """The matrix's rows (categories) with, over the submitted answers: the
    departments that ticked any cell of the row, the distinct columns (forms)
    ticked in it by any department, and all ticked cells of the row."""
    submitted = inventory.submitted("row_answers__")
    return Option.objects.filter(
        question=inventory.question(shipped.MATRIX), role=Option.Role.ROW
    ).annotate(
        name=localized_expression("label"),
        departments=Count("row_answers__response", filter=submitted, distinct=True),
        forms=Count("row_answers__option", filter=submitted, distinct=True),
        reported=Count("row_answers", filter=submitted),
    )


def table_1(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 1, "Antal förvaltningar som samverkar med respektive
    civilsamhälleskategori": for each category, the number of departments (max
    9) that report collaborating with it in at least one form."""
    caption = _("Table 1. Number of departments that collaborate with each category")
    columns = [CATEGORY, DEPARTMENTS]
    if inventory.question(shipped.MATRIX) is None:
        return _empty(1, caption, columns, shipped.MATRIX)
    return _table(1, caption, columns, _categories(inventory), sort, "-departments")


def table_2(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 2, "Antal sätt (av 14 förval) på vilka kommunen samverkar med
    respektive civilsamhälleskategori": for each category, the number of
    distinct forms of the 14 that at least one department reports with it
    (a form two departments report counts once), beside table 1's figure."""
    caption = _("Table 2. Number of forms (of 14) in which the municipality collaborates")
    columns = [CATEGORY, DEPARTMENTS, FORMS]
    if inventory.question(shipped.MATRIX) is None:
        return _empty(2, caption, columns, shipped.MATRIX)
    return _table(2, caption, columns, _categories(inventory), sort, "-forms")


def table_3(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 3, "Genomsnittlig samverkan per civilsamhälleskategori,
    kommunövergripande genomsnitt": for each category, the reported forms summed
    over the departments ("antal inrapporterade samverkansformer för alla nio
    förvaltningar": a department reporting 7 forms and another 5 make 12),
    divided by the number of all departments that answered (the report's
    nine), to one decimal."""
    caption = _("Table 3. Average collaboration per category, over all departments")
    columns = [
        CATEGORY,
        DEPARTMENTS,
        FORMS,
        REPORTED,
        Column("average", _("Average per department (all departments)"), "average"),
    ]
    if inventory.question(shipped.MATRIX) is None:
        return _empty(3, caption, columns, shipped.MATRIX)
    average = (
        Round(Cast("reported", NUMERIC) / Value(inventory.departments), 1)
        if inventory.departments
        else Value(None, output_field=NUMERIC)
    )
    queryset = _categories(inventory).annotate(average=average)
    return _table(3, caption, columns, queryset, sort, "-average")


def table_4(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 4, "Genomsnittlig samverkan per förvaltning som uppgivit att man
    samverkar med respektive civilsamhälleskategorin": table 3's sum of reported
    forms divided instead by the number of departments that collaborate with
    the category (table 1's figure), to one decimal; empty when none does."""
    caption = _("Table 4. Average collaboration per department that collaborates with the category")
    columns = [
        CATEGORY,
        DEPARTMENTS,
        FORMS,
        REPORTED,
        Column("per_department", _("Average per collaborating department"), "average"),
    ]
    if inventory.question(shipped.MATRIX) is None:
        return _empty(4, caption, columns, shipped.MATRIX)
    per_department = Case(
        When(departments=0, then=Value(None, output_field=NUMERIC)),
        default=Round(Cast("reported", NUMERIC) / F("departments"), 1),
        output_field=NUMERIC,
    )
    queryset = _categories(inventory).annotate(per_department=per_department)
    return _table(4, caption, columns, queryset, sort, "-per_department")


def table_5(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 5, "Antal inrapporterade typer av samverkan med samtliga kategorier
    inom civilsamhället, kommuntotal": for each form, the number of categories
    each department reports it with, summed over the departments (most 9 × 15 =
    135: every department in that form with every category)."""
    caption = _("Table 5. Reported collaboration in each form, with all categories together")
    columns = [
        Column("name", _("Form of collaboration"), "name"),
        Column("total", _("Reported with all categories, all departments together")),
    ]
    matrix = inventory.question(shipped.MATRIX)
    if matrix is None:
        return _empty(5, caption, columns, shipped.MATRIX)
    queryset = Option.objects.filter(question=matrix, role=Option.Role.COLUMN).annotate(
        name=localized_expression("label"),
        total=Count("answers", filter=inventory.submitted("answers__")),
    )
    return _table(5, caption, columns, queryset, sort, "-total")


def table_6(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 6, "Antal förvaltningar (av 9) som uppgett att deras samverkan med
    civilsamhället bidrar till respektive delmålområde": for each goal area, the
    number of departments that ticked it."""
    caption = _("Table 6. Number of departments whose collaboration serves each goal area")
    columns = [
        Column("name", _("Goal area"), "name"),
        Column("departments", _("Departments whose collaboration serves it")),
    ]
    goals = inventory.question(shipped.GOALS)
    if goals is None:
        return _empty(6, caption, columns, shipped.GOALS)
    queryset = Option.objects.filter(question=goals, role=Option.Role.CHOICE).annotate(
        name=localized_expression("label"),
        departments=Count(
            "answers__response", filter=inventory.submitted("answers__"), distinct=True
        ),
    )
    return _table(6, caption, columns, queryset, sort, "-departments")


def _departments(inventory: Inventory, code: str):
    """The departments the survey went to or that answered it, each with its
    answer to the number question ``code`` (empty when it gave none)."""
    survey = inventory.survey
    answer = Answer.objects.filter(
        question=inventory.question(code),
        response__department=OuterRef("pk"),
        response__submitted_at__isnull=False,
    ).order_by("-response__submitted_at")
    return Department.objects.filter(
        Q(pk__in=Recipient.objects.filter(survey=survey).values("department"))
        | Q(pk__in=Response.objects.submitted().filter(survey=survey).values("department"))
    ).annotate(value=Subquery(answer.values("number")[:1], output_field=NUMERIC))


def _answers(inventory: Inventory, code: str):
    return Answer.objects.filter(
        question=inventory.question(code), response__submitted_at__isnull=False
    )


def table_7(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 7, "Cirka summa utbetalade kommunala medel till civilsamhället":
    the amount each department gives as paid to civil society in the year
    ("–" where it gave none), and the total of the amounts given
    ("Kommuntotal"), a lower bound when some department gave none."""
    caption = _("Table 7. Approximate money paid to civil society")
    columns = [
        Column("name", _("Department"), "name"),
        Column("value", _("Approximate amount paid"), "amount"),
    ]
    if inventory.question(shipped.MONEY) is None:
        return _empty(7, caption, columns, shipped.MONEY)
    total = _answers(inventory, shipped.MONEY).aggregate(total=Sum("number"))["total"]
    footer = (_("All departments, in total"), total or Decimal(0))
    queryset = _departments(inventory, shipped.MONEY)
    return _table(7, caption, columns, queryset, sort, "name", footer=footer)


def table_8(inventory: Inventory, sort: str | None = None) -> Table:
    """Tabell 8, "Uppskattad andel samverkansaktörer med anställd personal om
    minst en 50 % tjänst": each department's estimate ("–" where it gave none),
    and the mean of the estimates given, each department counting once (the
    report's "på kommunövergripande nivå är det 60 %")."""
    caption = _("Table 8. Estimated share of partners with staff of at least a half-time post")
    columns = [
        Column("name", _("Department"), "name"),
        Column("value", _("Estimated share of partners with staff"), "percent"),
    ]
    if inventory.question(shipped.STAFF) is None:
        return _empty(8, caption, columns, shipped.STAFF)
    mean = _answers(inventory, shipped.STAFF).aggregate(mean=Avg("number"))["mean"]
    footer = (_("All departments, the mean of their estimates"), mean)
    queryset = _departments(inventory, shipped.STAFF)
    return _table(8, caption, columns, queryset, sort, "name", footer=footer)


TABLES = (table_1, table_2, table_3, table_4, table_5, table_6, table_7, table_8)


def inventory_tables(survey: Survey, sort: str | None = None) -> list[Table]:
    """The eight tables, the one ``sort`` names (``"-3.average"``) sorted so."""
    inventory = Inventory(survey)
    number, key, descending = parse_sort(sort)
    return [
        table(inventory, f"{'-' if descending else ''}{key}" if n == number else None)
        for n, table in enumerate(TABLES, start=1)
    ]
