"""The surveys' panel on the coordinators' desk: the open surveys the reader
manages, each with its response rate (answered / sent), in one query."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import desk

from .models import Survey
from .views.manage import rate, with_rates

SHOWN = 8


def survey_items(user) -> list[desk.DeskItem]:
    surveys = list(
        with_rates(Survey.objects.visible_to(user).open(timezone.now()))
        .order_by("closes_at", "pk")
        .only("pk", "title", "title_en", "slug", "closes_at")
    )
    entries = []
    for survey in surveys[:SHOWN]:
        survey.rate = rate(survey)
        if survey.sent:
            figures = _("%(answered)s of %(sent)s answered (%(rate)s %%)") % {
                "answered": survey.answered,
                "sent": survey.sent,
                "rate": survey.rate,
            }
        else:
            figures = _("not sent yet")
        entries.append(
            desk.DeskEntry(
                label=f"{survey.display_title}: {figures}", url=survey.get_absolute_url()
            )
        )
    return [
        desk.DeskItem(
            label=gettext_lazy("Open surveys"),
            count=len(surveys),
            url=reverse("surveys:index"),
            entries=entries,
            urgent=False,
        )
    ]


desk.register_panel(
    "surveys",
    title=gettext_lazy("Surveys"),
    permission="surveys.add_survey",
    items=survey_items,
    order=40,
)
