"""The officials' pages for agreements under /samverkan/avtal/: the list, an
agreement's page with its steps, the form with the contributions, and the
documents. Thin views: bind the form, call the service, show a message, redirect;
a refusal is shown beside the field it concerns, with what was typed kept.

An agreement the user may not see is a 404; one they see but may not change, a 403
(rules.py); a visitor who must log in is sent to log in."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.models import Organisation
from portal.uploads import attachment_response

from ..filters_agreements import AgreementFilter
from ..forms_agreements import (
    AgreementForm,
    ContributionFormSet,
    DecideForm,
    DocumentForm,
    EndForm,
    RenewForm,
)
from ..models import Agreement, AgreementContribution, AgreementDocument, AgreementParty
from ..services import agreements as services

PAGE_SIZE = 25
CHANGE = "partnerships.manage_agreement"
HISTORY_LIMIT = 20  # renewals followed each way on a page


def _require(request, perm: str, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _login_or_403(view):
    """Visitors are sent to log in before anything is looked up."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def _visible(request, pk) -> Agreement:
    return get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)


@require_GET
def agreement_list(request):
    """Every agreement the user may see, filtered; the same number of queries
    whatever the page holds (parties and departments are prefetched)."""
    queryset = (
        Agreement.objects.visible_to(request.user)
        .prefetch_related(
            Prefetch("parties", queryset=Organisation.objects.only("pk", "name", "slug")),
            "departments",
        )
        .order_by(F("ends_on").desc(nulls_last=True), "title", "pk")
    )
    filterset = AgreementFilter(request.GET or None, queryset=queryset)
    agreements = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        agreements = queryset.none()
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnerships/agreements/list.html",
        {
            "filter": filterset,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "query": query.urlencode(),
            "can_add": request.user.has_perm("partnerships.record_agreement"),
        },
    )


def _history(agreement: Agreement, user) -> list[Agreement]:
    """The agreements this one renews and those that renew it, oldest first, as far
    as the user may see them."""
    earlier, current = [], agreement
    while current.renewed_from_id and len(earlier) < HISTORY_LIMIT:
        current = Agreement.objects.only("pk", "renewed_from").get(pk=current.renewed_from_id)
        earlier.append(current.pk)
    later, current_pk = [], agreement.pk
    while len(later) < HISTORY_LIMIT:
        current_pk = (
            Agreement.objects.filter(renewed_from=current_pk).values_list("pk", flat=True).first()
        )
        if current_pk is None:
            break
        later.append(current_pk)
    ids = [*reversed(earlier), agreement.pk, *later]
    if len(ids) == 1:
        return []
    shown = {a.pk: a for a in Agreement.objects.visible_to(user).filter(pk__in=ids)}
    return [shown[pk] for pk in ids if pk in shown]


def _detail(request, agreement: Agreement, *, status=200, **forms_):
    agreement = (
        Agreement.objects.prefetch_related(
            Prefetch(
                "agreement_parties",
                queryset=AgreementParty.objects.select_related("organisation"),
            ),
            Prefetch(
                "contributions",
                queryset=AgreementContribution.objects.select_related("organisation"),
            ),
            "departments",
        )
        .select_related("renewed_from")
        .get(pk=agreement.pk)
    )
    user = request.user
    can_change = user.has_perm(CHANGE, agreement)
    can_documents = user.has_perm("partnerships.view_agreement_documents", agreement)
    steps = {}
    if can_change:
        Status = Agreement.Status
        if agreement.status == Status.IDEA:
            steps["prepare"] = True
        if agreement.status == Status.PREPARATION:
            steps["decide"] = forms_.get("decide_form") or DecideForm(
                initial={
                    "decision_body": agreement.decision_body,
                    "decision_date": agreement.decision_date,
                    "decision_paragraph": agreement.decision_paragraph,
                    "case_number": agreement.case_number,
                }
            )
        if agreement.status == Status.DECIDED:
            steps["activate"] = True
        if agreement.status in (Status.DECIDED, Status.ACTIVE):
            steps["end"] = forms_.get("end_form") or EndForm(
                initial={"ended_on": timezone.localdate()}
            )
        if agreement.status in (Status.ACTIVE, Status.ENDED) and not hasattr(agreement, "renewal"):
            steps["renew"] = forms_.get("renew_form") or RenewForm()
    return render(
        request,
        "partnerships/agreements/detail.html",
        {
            "agreement": agreement,
            "parties": agreement.agreement_parties.all(),
            "contributions": agreement.contributions.all(),
            "documents": list(agreement.documents.all()) if can_documents else None,
            "can_change": can_change,
            "steps": steps,
            "error": forms_.get("error"),
            "document_form": forms_.get("document_form")
            or (DocumentForm() if can_change else None),
            "history": _history(agreement, user),
        },
        status=status,
    )


@require_GET
def agreement_detail(request, pk):
    return _detail(request, _visible(request, pk))


@never_cache
@_login_or_403
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk=None):
    """Create an agreement (an idea) or change one, with its contributions."""
    if pk is None:
        _require(request, "partnerships.record_agreement")
        agreement = Agreement()
    else:
        agreement = _visible(request, pk)
        _require(request, CHANGE, agreement)
    if request.method == "POST":
        form = AgreementForm(request.POST, instance=agreement)
        formset = ContributionFormSet(request.POST, agreement=agreement, prefix="contributions")
        if (
            form.is_valid()
            and formset.is_valid()
            and formset.check_parties(form.cleaned_data["parties"])
        ):
            try:
                agreement = services.agreement_save(
                    agreement=form.instance,
                    by=request.user,
                    party_ids=[o.pk for o in form.cleaned_data["parties"]],
                    department_ids=[d.pk for d in form.cleaned_data["departments"]],
                    contributions=formset.contributions(),
                )
            except services.AgreementError as exc:
                if pk is None:  # rolled back: the form is still for a new agreement
                    form.instance.pk, form.instance._state.adding = None, True
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The agreement is saved."))
                return redirect("partnerships:agreement_detail", pk=agreement.pk)
        status = 400
    else:
        form = AgreementForm(instance=agreement)
        formset = ContributionFormSet(agreement=agreement, prefix="contributions")
        status = 200
    return render(
        request,
        "partnerships/agreements/form.html",
        {"form": form, "formset": formset, "agreement": agreement if agreement.pk else None},
        status=status,
    )


STEP_FORMS = {"decide": DecideForm, "end": EndForm, "renew": RenewForm}
DONE = {
    "prepare": _("The agreement is now in preparation."),
    "decide": _("The decision is recorded; the agreement is public."),
    "activate": _("The agreement is in force."),
    "end": _("The agreement has ended."),
    "renew": _("The renewal is created: prepare it and have it decided."),
}


@_login_or_403
@require_POST
def agreement_step(request, pk, step):
    """One step of the agreement's life, through its service."""
    if step not in DONE:
        raise Http404
    agreement = _visible(request, pk)
    _require(request, CHANGE, agreement)
    form = STEP_FORMS[step](request.POST) if step in STEP_FORMS else None
    if form is not None and not form.is_valid():
        return _detail(request, agreement, status=400, **{f"{step}_form": form})
    data = form.cleaned_data if form else {}
    try:
        if step == "prepare":
            result = services.agreement_prepare(agreement=agreement, by=request.user)
        elif step == "decide":
            result = services.agreement_decide(agreement=agreement, by=request.user, **data)
        elif step == "activate":
            result = services.agreement_activate(agreement=agreement, by=request.user)
        elif step == "end":
            result = services.agreement_end(
                agreement=agreement,
                by=request.user,
                ended_on=data["ended_on"],
                reason=data["end_reason"],
            )
        else:
            result = services.agreement_renew(agreement=agreement, by=request.user, **data)
    except services.AgreementError as exc:
        if form is not None and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
            return _detail(request, agreement, status=400, **{f"{step}_form": form})
        return _detail(request, agreement, status=400, error=exc.message, **{f"{step}_form": form})
    messages.success(request, DONE[step])
    return redirect("partnerships:agreement_detail", pk=result.pk)


@_login_or_403
@require_POST
def agreement_document_upload(request, pk):
    agreement = _visible(request, pk)
    _require(request, CHANGE, agreement)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, agreement, status=400, document_form=form)
    try:
        services.agreement_document_add(
            agreement=agreement,
            by=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except services.AgreementError as exc:
        return _detail(request, agreement, status=400, error=exc.message, document_form=form)
    messages.success(request, _("The document is added."))
    return redirect("partnerships:agreement_detail", pk=agreement.pk)


@never_cache
@_login_or_403
@require_GET
def agreement_document(request, pk, document_pk):
    """A document, only to those who may read the agreement's documents; never from
    a public URL (private storage)."""
    agreement = _visible(request, pk)
    _require(request, "partnerships.view_agreement_documents", agreement)
    return attachment_response(get_object_or_404(agreement.documents, pk=document_pk))


@_login_or_403
@require_POST
def agreement_document_delete(request, pk, document_pk):
    agreement = _visible(request, pk)
    _require(request, CHANGE, agreement)
    document = get_object_or_404(AgreementDocument, agreement=agreement, pk=document_pk)
    services.agreement_document_remove(document=document, by=request.user)
    messages.success(request, _("The document is removed."))
    return redirect("partnerships:agreement_detail", pk=agreement.pk)
