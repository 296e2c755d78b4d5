"""The coordinators' overview of collaboration, in the shape of Örebro's inventory:
the money paid per department and year, and for a chosen year the categories of
associations against the forms of collaboration (how many departments work with
each category, in how many forms, and in each form). Everything is counted and
summed in the database; Python only lays the aggregates out as tables. Agreements
and collaborations ending within six months are listed beside them (and counted on
the desk, desk.py)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from organisations.models import Category
from portal import spreadsheets
from portal.audit import audit_log
from portal.contacts.models import add_months
from portal.inputs import LAST_YEAR
from portal.models import Department

from .filters import FIRST_YEAR
from .models import (
    Agreement,
    Collaboration,
    CollaborationForm,
    CollaborationPayment,
    ReportDue,
)

ENDING_MONTHS = 6
RUNNING_AGREEMENTS = (Agreement.Status.DECIDED, Agreement.Status.ACTIVE)


def ending_window(today: date) -> tuple[date, date]:
    return today, add_months(today, ENDING_MONTHS)


def agreements_ending(today: date):
    """Decided or active agreements whose term ends within six months."""
    start, end = ending_window(today)
    return Agreement.objects.filter(
        status__in=RUNNING_AGREEMENTS, ends_on__gte=start, ends_on__lte=end
    ).order_by("ends_on", "title", "pk")


def collaborations_ending(today: date):
    start, end = ending_window(today)
    return Collaboration.objects.filter(ends_on__gte=start, ends_on__lte=end).order_by(
        "ends_on", "title", "pk"
    )


# --- Money paid per department and year -------------------------------------------


@dataclass
class MoneyTable:
    years: list[int]
    rows: list[tuple[str, list[tuple[int, object]]]]  # department, (year, amount or None)
    totals: list[tuple[int, object]]  # (year, total)


def money_table() -> MoneyTable:
    """Sums per department and year, and per year, as two GROUP BY queries."""
    sums = (
        CollaborationPayment.objects.values("department__name", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_year = dict(
        CollaborationPayment.objects.values_list("year")
        .annotate(total=Sum("amount"))
        .order_by("year")
    )
    years = sorted(by_year)
    cells = {(row["department__name"], row["year"]): row["total"] for row in sums}
    departments = sorted({name for name, _year in cells})
    return MoneyTable(
        years=years,
        rows=[(name, [(year, cells.get((name, year))) for year in years]) for name in departments],
        totals=[(year, by_year[year]) for year in years],
    )


# --- Categories of associations × forms of collaboration, for one year -------------


@dataclass
class CategoryRow:
    category: Category
    departments: int
    forms: int
    cells: list[tuple[CollaborationForm, int]]  # departments per form


@dataclass
class CategoryMatrix:
    year: int
    forms: list[CollaborationForm]
    rows: list[CategoryRow]
    department_count: int


def category_matrix(year: int) -> CategoryMatrix:
    """Örebro's tables 1 and 2 with the forms spelled out: per category, how many
    departments collaborate with its associations in ``year``, in how many of the
    forms, and how many departments in each form. Three queries."""
    running = Collaboration.objects.in_year(year).values("pk")
    through = "organisations__collaborations"
    in_year = Q(**{f"{through}__in": running})
    categories = list(
        Category.objects.annotate(
            department_count=Count(f"{through}__departments", filter=in_year, distinct=True),
            form_count=Count(f"{through}__forms", filter=in_year, distinct=True),
        ).order_by("-department_count", "-form_count", "name")
    )
    forms = list(CollaborationForm.objects.all())
    cells = {
        (row["associations__categories"], row["forms"]): row["n"]
        for row in Collaboration.objects.in_year(year)
        .filter(associations__categories__isnull=False, forms__isnull=False)
        .values("associations__categories", "forms")
        .annotate(n=Count("departments", distinct=True))
        .order_by()
    }
    return CategoryMatrix(
        year=year,
        forms=forms,
        rows=[
            CategoryRow(
                category=category,
                departments=category.department_count,
                forms=category.form_count,
                cells=[(form, cells.get((category.pk, form.pk), 0)) for form in forms],
            )
            for category in categories
        ],
        department_count=Department.objects.filter(is_active=True).count(),
    )


# --- The page and its exports -------------------------------------------------------


def _year(request, today: date) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return today.year
    return year if FIRST_YEAR <= year <= LAST_YEAR else today.year


def _money_export(table: MoneyTable):
    headers = [_("Department"), *(str(year) for year in table.years)]
    rows = [[name, *(amount for _year, amount in amounts)] for name, amounts in table.rows]
    rows.append([_("All departments"), *(total for _year, total in table.totals)])
    return headers, rows


def _matrix_export(matrix: CategoryMatrix):
    headers = [
        _("Category of association"),
        _("Number of departments (of %(count)s)") % {"count": matrix.department_count},
        _("Number of forms (of %(count)s)") % {"count": len(matrix.forms)},
        *(str(form) for form in matrix.forms),
    ]
    rows = [
        [str(r.category), r.departments, r.forms, *(n for _form, n in r.cells)] for r in matrix.rows
    ]
    return headers, rows


EXPORTS = {"money", "matrix"}


def _export(request, *, table: str, file_format: str, year: int):
    if table == "money":
        headers, rows = _money_export(money_table())
        title, name = _("Money paid"), "utbetalt-per-forvaltning"
    else:
        headers, rows = _matrix_export(category_matrix(year))
        title, name = _("Categories and forms %(year)s") % {"year": year}, f"samverkan-{year}"
    audit_log(
        actor=request.user,
        action="collaboration.overview_exported",
        data={"format": file_format, "table": table, "year": year},
    )
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    if file_format == "xlsx":
        return spreadsheets.xlsx_response(
            headers=headers, rows=rows, title=title, filename=filename
        )
    return spreadsheets.csv_response(headers=headers, rows=rows, filename=filename)


@login_required
@require_GET
def overview(request):
    if not request.user.has_perm("partnerships.view_collaboration_overview"):
        raise PermissionDenied
    today = timezone.localdate()
    year = _year(request, today)
    table, file_format = request.GET.get("table"), request.GET.get("format")
    if table in EXPORTS and file_format in ("csv", "xlsx"):
        return _export(request, table=table, file_format=file_format, year=year)
    return render(
        request,
        "partnerships/overview.html",
        {
            "year": year,
            "years": range(today.year + 1, today.year - 6, -1),
            "money": money_table(),
            "matrix": category_matrix(year),
            "agreements_ending": list(agreements_ending(today).prefetch_related("parties")),
            "collaborations_ending": list(
                collaborations_ending(today).prefetch_related("departments")
            ),
            "reports_overdue": list(
                ReportDue.objects.reviewed_by(request.user)
                .overdue(today)
                .select_related("agreement")
                .order_by("due_on", "pk")
            ),
        },
    )
