"""The inventory's tables 1–8 of a survey made from the inventory template
(surveys/inventory.py), for those who may see its responses. Found through
``Survey.objects.visible_to``: a survey the user does not manage is a 404."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..inventory import inventory_tables
from ..models import Survey


def inventory(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    survey = get_object_or_404(
        Survey.objects.visible_to(request.user), slug=slug, kind=Survey.Kind.INVENTORY
    )
    if not request.user.has_perm("surveys.view_responses_survey", survey):
        raise Http404
    context = {"survey": survey, "tables": inventory_tables(survey, request.GET.get("sort"))}
    return render(request, "surveys/inventory.html", context)
