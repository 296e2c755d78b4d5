"""The coordinators' pages: the surveys they manage with their response rates,
and a survey's page (its state, the live response rate, opening, closing and
sending). Both start from ``Survey.objects.visible_to``; a survey another
coordinator manages is a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import SendForm
from ..links import recipient_token
from ..models import Recipient, Survey
from ..services import SurveyError
from ..services.lifecycle import survey_close, survey_open
from ..services.sending import survey_send


def answer_path(recipient) -> str:
    return reverse("surveys:answer", args=[recipient_token(recipient)])


def with_rates(surveys):
    """Each survey with ``sent`` and ``answered`` counted in the same query."""
    return surveys.annotate(
        sent=Count("recipients", distinct=True),
        answered=Count(
            "recipients", filter=Q(recipients__responded_at__isnull=False), distinct=True
        ),
    )


def rate(survey) -> int | None:
    return round(100 * survey.answered / survey.sent) if survey.sent else None


def waiting_for(user) -> list:
    """Open surveys that the user's associations or departments have not answered,
    each with its link (the same the representatives and coordinators were mailed)."""
    if not user.is_authenticated:
        return []
    recipients = (
        Recipient.objects.not_answered()
        .filter(survey__in=Survey.objects.open().values("pk"))
        .filter(
            Q(organisation__memberships__user=user)
            | Q(department__coordinator_assignments__user=user)
        )
        .select_related("survey", "organisation", "department")
        .distinct()
        .order_by("survey__closes_at", "pk")
    )
    return [(r, answer_path(r)) for r in recipients]


def index(request):
    if not request.user.is_authenticated or not request.user.has_perm("surveys.add_survey"):
        context = {"waiting": waiting_for(request.user)}
        return render(request, "surveys/index_public.html", context)
    surveys = list(with_rates(Survey.objects.visible_to(request.user)).order_by("-created_at"))
    for survey in surveys:
        survey.rate = rate(survey)
    return render(request, "surveys/index.html", {"surveys": surveys})


def _managed(request, slug) -> Survey:
    survey = get_object_or_404(with_rates(Survey.objects.visible_to(request.user)), slug=slug)
    if not request.user.has_perm("surveys.view_survey", survey):
        raise PermissionDenied
    return survey


def survey_page(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    survey = _managed(request, slug)
    form = SendForm(survey=survey)
    if request.method == "POST":
        form = SendForm(request.POST, survey=survey)
        if form.is_valid():
            data = form.cleaned_data
            try:
                added, mails = survey_send(
                    survey=survey,
                    by=request.user,
                    categories=list(data.get("categories") or ()),
                    districts=list(data.get("districts") or ()),
                    departments=list(data.get("departments") or ()),
                    emails=data["emails"],
                )
            except SurveyError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("%(added)s new recipients; %(mails)s e-mails on their way.")
                    % {"added": added, "mails": mails},
                )
                return redirect(survey.get_absolute_url())
    survey.rate = rate(survey)
    context = {
        "survey": survey,
        "form": form,
        "open_url": request.build_absolute_uri(reverse("surveys:answer_open", args=[survey.slug]))
        if survey.audience == Survey.Audience.OPEN_LINK
        else "",
        "can_send": request.user.has_perm("surveys.send_survey", survey),
    }
    return render(request, "surveys/survey.html", context, status=400 if form.errors else 200)


@require_POST
def survey_state(request, slug, action):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    survey = _managed(request, slug)
    service = {"open": survey_open, "close": survey_close}.get(action)
    if service is None:
        raise PermissionDenied
    try:
        service(survey=survey, by=request.user)
    except SurveyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The survey is open.") if action == "open" else _("The survey is closed.")
        )
    return redirect(survey.get_absolute_url())
