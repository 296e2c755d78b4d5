"""A survey's results as one table for CSV or XLSX: a row per option, scale
value, matrix cell, numeric summary and free text, with the same figures the
results page shows (``aggregate.question_results``) and under the same
protection (the view checks the group before it calls this); in the active
language, headings and the survey's own texts alike. How the file is
written is ``portal.spreadsheets``'s, as for every export in the portal."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from portal import spreadsheets
from portal.audit import audit_log

from ..models import Question


def headers() -> list[str]:
    return [
        _("Section"),
        _("Question"),
        _("Option or row"),
        _("Column"),
        _("Count"),
        _("Share (%)"),
        _("Answered"),
        _("Mean"),
        _("Median"),
        _("Lowest"),
        _("Highest"),
        _("Sum"),
        _("Free text"),
        _("Association"),
    ]


def _row(result, option="", column="", *, count=None, share=None, stats=None, cell=None, text=None):
    """One line: an option's or cell's count and share, a numeric summary
    (``stats``), a number cell's mean and sum (``cell``), or a free text."""
    mean = stats.mean if stats else (cell.mean if cell else None)
    return [
        result.question.section.display_title,
        result.question.display_text,
        option,
        column,
        count,
        share,
        result.n,
        mean,
        stats.median if stats else None,
        stats.minimum if stats else None,
        stats.maximum if stats else None,
        cell.total if cell else None,
        text.text if text else None,
        text.association if text else None,
    ]


def rows(results):
    """The table's rows, in the survey's order."""
    for r in results:
        for share in r.options or r.distribution:
            yield _row(r, share.label, count=share.count, share=share.share)
        if r.stats is not None:
            yield _row(r, count=r.stats.n, stats=r.stats)
        numbers = r.question.cell == Question.Cell.NUMBER
        for row in r.rows:
            for column, cell in zip(r.columns, row.cells, strict=True):
                if numbers:
                    yield _row(r, row.label, column.display_label, count=cell.count, cell=cell)
                else:
                    yield _row(
                        r, row.label, column.display_label, count=cell.count, share=cell.share
                    )
        for text in r.texts:
            yield _row(r, text=text)


def response(results, *, survey, file_format: str):
    filename = f"{survey.slug}-resultat.{file_format}"
    if file_format == "xlsx":
        return spreadsheets.xlsx_response(
            headers=headers(), rows=rows(results), title=_("Results"), filename=filename
        )
    return spreadsheets.csv_response(
        headers=headers(), rows=(_commas(row) for row in rows(results)), filename=filename
    )


def _commas(row):
    """Decimal commas in the CSV, as Swedish Excel reads a number (XLSX has typed
    numbers and needs none)."""
    return [
        formats.number_format(value, use_l10n=True) if isinstance(value, float | Decimal) else value
        for value in row
    ]


def record(request, *, survey, file_format: str) -> None:
    """Audit who exported a survey's results, how and for which group: the free
    texts of a survey that is not anonymous name their associations."""
    audit_log(
        actor=request.user,
        action="survey.results_exported",
        target=survey,
        data={"format": file_format, "filters": request.GET.urlencode()},
    )
