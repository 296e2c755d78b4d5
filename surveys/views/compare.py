"""The comparison of a survey with its previous round (``/enkater/<slug>/jamfor/``),
for those who may see the responses of both. A survey the user does not manage is
a 404; a previous round they do not manage is named as hidden, never shown."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from ..models import Survey
from ..results.compare import compare_rounds

PERMISSION = "surveys.view_responses_survey"


def compare(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    survey = get_object_or_404(Survey.objects.visible_to(request.user), slug=slug)
    if not request.user.has_perm(PERMISSION, survey):
        raise PermissionDenied
    previous = None
    if survey.previous_round_id is not None:
        previous = (
            Survey.objects.visible_to(request.user).filter(pk=survey.previous_round_id).first()
        )
        if previous is not None and not request.user.has_perm(PERMISSION, previous):
            previous = None
    context = {
        "survey": survey,
        "rounds": compare_rounds(survey, previous) if previous else None,
        "previous_hidden": survey.previous_round_id is not None and previous is None,
    }
    return render(request, "surveys/compare.html", context)
