"""The follow-up reports in the portal: the representative writes, saves and submits
a report; the responsible official returns or approves it (and signs a joint one).
One page for both sides; every private view checks the object, and a report the
user may not see is a 404."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.uploads import attachment_response

from ..forms import ReportForm, ReviewForm
from ..models import ReportAttachment, ReportDue
from ..services.reports import (
    ReportError,
    report_approve,
    report_return,
    report_save_draft,
    report_sign_off,
    report_submit,
)


def _visible(request, pk) -> ReportDue:
    return get_object_or_404(
        ReportDue.objects.visible_to(request.user).select_related("agreement"), pk=pk
    )


def _page(request, report, *, form=None, review_form=None, status=200):
    user = request.user
    may_submit = user.has_perm("partnerships.submit_report", report) and report.is_open
    may_review = (
        user.has_perm("partnerships.review_report", report)
        and report.status == ReportDue.Status.SUBMITTED
    )
    if may_submit and form is None:
        form = ReportForm(report=report)
    if may_review and review_form is None:
        review_form = ReviewForm()
    context = {
        "report": report,
        "agreement": report.agreement,
        "form": form if may_submit else None,
        "review_form": review_form if may_review else None,
        "may_sign": may_review and report.awaits_municipality,
        "versions": list(report.versions.select_related("submitted_by").order_by("-number")),
        "attachments": list(report.attachments.all()),
        "answers": report.answer_pairs(),
        "overdue": report.is_overdue(),
    }
    return render(request, "partnerships/report.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """The report: the representative's form while it is theirs to write, what was
    submitted, the versions and, for the reviewer, the review."""
    report = _visible(request, pk)
    if request.method == "GET":
        return _page(request, report)
    if not request.user.has_perm("partnerships.submit_report", report):
        raise PermissionDenied
    submitting = "submit" in request.POST
    form = ReportForm(request.POST, request.FILES, report=report, submitting=submitting)
    if not form.is_valid():
        return _page(request, report, form=form, status=400)
    arguments = {
        "report": report,
        "by": request.user,
        "answers": form.answers(),
        "participants": form.cleaned_data.get("participants"),
        "volunteer_hours": form.cleaned_data.get("volunteer_hours"),
        "files": [form.cleaned_data.get("attachment")],
    }
    try:
        if submitting:
            report_submit(**arguments)
        else:
            report_save_draft(**arguments)
    except ReportError as error:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
            return _page(request, _visible(request, pk), form=form, status=400)
        messages.error(request, error.message)
        return redirect(report)
    if submitting:
        messages.success(
            request, _("The report is submitted. The responsible official reviews it.")
        )
    else:
        messages.success(request, _("The draft is saved. Submit it when it is ready."))
    return redirect(report)


@never_cache
@login_required
@require_POST
def review(request, pk):
    """Return, approve or (a joint report) sign off, by the responsible official."""
    report = _visible(request, pk)
    if not request.user.has_perm("partnerships.review_report", report):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, report, review_form=form, status=400)
    comment = form.cleaned_data["comment"]
    action = request.POST.get("action")
    try:
        if action == "return":
            report_return(report=report, by=request.user, comment=comment)
            messages.success(request, _("The report is returned to the association."))
        elif action == "sign":
            report_sign_off(report=report, by=request.user)
            messages.success(request, _("The municipality has signed the joint report."))
        elif action == "approve":
            report_approve(report=report, by=request.user, comment=comment)
            messages.success(request, _("The report is approved."))
        else:
            form.add_error(None, _("Choose what to do with the report."))
            return _page(request, report, review_form=form, status=400)
    except ReportError as error:
        if error.field == "comment":
            form.add_error("comment", error.message)
            return _page(request, report, review_form=form, status=400)
        messages.error(request, error.message)
    return redirect(report)


@login_required
@require_GET
def attachment(request, pk):
    """A report's file, to the parties' representatives and the reviewers only."""
    item = get_object_or_404(
        ReportAttachment.objects.filter(report__in=ReportDue.objects.visible_to(request.user)),
        pk=pk,
    )
    return attachment_response(item)


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=ReportDue.Status.choices,
        empty_label=gettext_lazy("All statuses"),
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = ReportDue
        fields = ["status"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(timezone.localdate())
        return queryset


@never_cache
@login_required
@require_GET
def report_list(request):
    """The reports the user reviews (officials and coordinators of the agreements'
    departments), filtered by status or overdue. A constant number of queries."""
    if not request.user.has_perm("partnerships.list_reports"):
        raise PermissionDenied
    reports = (
        ReportDue.objects.reviewed_by(request.user)
        .select_related("agreement")
        .annotate(version_count=Count("versions"))
        .order_by("due_on", "pk")
    )
    filterset = ReportFilter(request.GET, queryset=reports)
    today = timezone.localdate()
    rows = list(filterset.qs)
    for item in rows:
        item.overdue_now = item.is_overdue(today)
    return render(request, "partnerships/report_list.html", {"filter": filterset, "reports": rows})


def organisation_reports(request, organisation) -> dict | None:
    """The section of an association's page (organisations.views.register_detail_section):
    the reports due of its agreements, for its representatives and the reviewers.
    One query; None (no section) for others or when there are none."""
    if not request.user.is_authenticated:
        return None
    reports = list(
        ReportDue.objects.visible_to(request.user)
        .filter(agreement__agreement_parties__organisation=organisation)
        .select_related("agreement")
        .order_by("due_on", "pk")
    )
    if not reports:
        return None
    today = timezone.localdate()
    for item in reports:
        item.overdue_now = item.is_overdue(today)
    return {"reports": reports}
