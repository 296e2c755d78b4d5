"""Two steps of the survey admin that make a new draft through the services: a
survey from a shipped template ("Ny enkät från mall", from the list's tools), and
the next round of a closed survey (from its page's tools, or the list's action
beside copying), with new dates. Both are audited by the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import FromTemplateForm, NextRoundForm
from .models import Survey
from .services import SurveyError
from .services.lifecycle import next_round_title, survey_next_round
from .services.templates import survey_from_template


def _a_year_later(moment):
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    day = min(local.day, 28) if (local.month, local.day) == (2, 29) else local.day
    return local.replace(year=local.year + 1, day=day)


class SurveyRoundsAdminMixin:
    """For SurveyAdmin: put before ModelAdmin in its bases."""

    def get_urls(self):
        return [
            path(
                "mall/",
                self.admin_site.admin_view(self.from_template_view),
                name="surveys_survey_from_template",
            ),
            path(
                "<int:object_id>/nasta-omgang/",
                self.admin_site.admin_view(self.next_round_view),
                name="surveys_survey_next_round",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "from_template_url": reverse("admin:surveys_survey_from_template"),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        survey = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if survey is not None and survey.status == Survey.Status.CLOSED:
            extra_context["next_round_url"] = reverse(
                "admin:surveys_survey_next_round", args=[survey.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _step(self, request, template, **context):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        status = 400 if context["form"].errors else 200
        return TemplateResponse(request, template, context, status=status)

    def from_template_view(self, request):
        """Choose a template (and a title); the draft opens in the admin to adjust."""
        if not request.user.has_perm("surveys.add_survey"):
            raise PermissionDenied
        form = FromTemplateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                survey = survey_from_template(
                    key=form.cleaned_data["template"],
                    by=request.user,
                    title=form.cleaned_data["title"],
                    title_en=form.cleaned_data["title_en"],
                )
            except SurveyError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    _("The draft “%(title)s” is made from the template: adjust it, then open it.")
                    % {"title": survey.display_title},
                    messages.SUCCESS,
                )
                return redirect("admin:surveys_survey_change", survey.pk)
        return self._step(
            request,
            "admin/surveys/survey/from_template.html",
            title=_("New survey from a template"),
            form=form,
        )

    def next_round_view(self, request, object_id):
        """The next round's title and dates, suggested a year after the closed round."""
        survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=object_id)
        if not request.user.has_perm("surveys.add_survey"):
            raise PermissionDenied
        initial = {}
        if survey.opens_at and survey.closes_at:
            opens, closes = _a_year_later(survey.opens_at), _a_year_later(survey.closes_at)
            initial = {
                "title": next_round_title(survey, opens.year),
                "title_en": next_round_title(survey, opens.year, "title_en"),
                "opens_at": opens,
                "closes_at": closes,
            }
        form = NextRoundForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                round_ = survey_next_round(survey=survey, by=request.user, **form.cleaned_data)
            except SurveyError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    _("The next round “%(title)s” is a draft: adjust it, then open it.")
                    % {"title": round_.display_title},
                    messages.SUCCESS,
                )
                return redirect("admin:surveys_survey_change", round_.pk)
        return self._step(
            request,
            "admin/surveys/survey/next_round.html",
            title=_("Next round of the survey"),
            form=form,
            survey=survey,
            cancel_url=reverse("admin:surveys_survey_change", args=[survey.pk]),
        )

    @admin.action(description=gettext_lazy("Start the next round of the chosen closed survey"))
    def start_next_round(self, request, queryset):
        """One closed survey chosen leads to its next round's page."""
        chosen = list(queryset[:2])
        if len(chosen) != 1 or chosen[0].status != Survey.Status.CLOSED:
            self.message_user(
                request, _("Choose one closed survey to start its next round."), messages.ERROR
            )
            return None
        return redirect("admin:surveys_survey_next_round", chosen[0].pk)
