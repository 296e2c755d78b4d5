"""A survey's results for its managers: every question's figures with a chart
and a table, narrowed to a respondent group and split by one, and the same as
CSV or XLSX. Both start from ``Survey.objects.visible_to`` (another
coordinator's survey is a 404) and show a group only as far as small-group
protection (surveys/results/protection.py) allows."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..models import Survey
from ..results import export
from ..results.aggregate import question_results
from ..results.breakdown import breakdown
from ..results.charts import chart
from ..results.filters import Chosen, ResultFilter
from ..results.protection import GroupCheck, check_selection

FORMATS = ("csv", "xlsx")


@dataclass
class Selection:
    """The responses a request asks for and whether they may be shown."""

    survey: Survey
    filterset: ResultFilter
    chosen: Chosen
    check: GroupCheck

    @property
    def total(self) -> int:
        return self.chosen.total

    @property
    def size(self) -> int:
        return self.chosen.size

    @property
    def responses(self):
        """The group's responses, or ``None`` for all of the survey's."""
        return self.filterset.qs if self.filterset.filtered else None


def _select(request, slug) -> Selection:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), slug=slug)
    if not request.user.has_perm("surveys.view_responses_survey", survey):
        raise PermissionDenied
    filterset = ResultFilter(request.GET, survey=survey)
    chosen = filterset.chosen
    check = check_selection(
        size=chosen.size,
        total=chosen.total,
        coarser=chosen.coarser,
        threshold=survey.small_group_threshold,
        filtered=filterset.filtered,
    )
    return Selection(survey, filterset, chosen, check)


def results(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    selection = _select(request, slug)
    survey, filterset = selection.survey, selection.filterset
    figures, split = [], None
    if selection.check.shown:
        figures = question_results(survey, selection.responses)
        for result in figures:
            result.chart = chart(result.options or result.distribution)
        if filterset.breakdown:
            split = breakdown(
                survey,
                selection.chosen,
                by=filterset.breakdown,
                questions=[r.question for r in figures],
            )
            tables = {table.question.pk: table for table in split.tables}
            for result in figures:
                result.breakdown = tables.get(result.question.pk)
    query = request.GET.urlencode()
    context = {
        "survey": survey,
        "filter": filterset,
        "selection": selection,
        "results": figures,
        "breakdown": split,
        "exports": [
            (
                fmt,
                reverse("surveys:results_export", args=[survey.slug, fmt])
                + (f"?{query}" if query else ""),
            )
            for fmt in FORMATS
        ],
    }
    status = 400 if filterset.form.errors else 200
    return render(request, "surveys/results/page.html", context, status=status)


def results_export(request, slug, fmt):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if fmt not in FORMATS:
        raise Http404
    selection = _select(request, slug)
    if not selection.check.shown or selection.filterset.form.errors:
        if selection.check.reason:
            messages.error(request, selection.check.reason)
        page = reverse("surveys:results", args=[slug])
        query = request.GET.urlencode()
        return redirect(f"{page}?{query}" if query else page)
    figures = question_results(selection.survey, selection.responses, texts_shown=None)
    export.record(request, survey=selection.survey, file_format=fmt)
    return export.response(figures, survey=selection.survey, file_format=fmt)
