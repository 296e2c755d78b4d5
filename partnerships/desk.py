"""The partnerships' panel on the coordinators' desk: agreements and collaborations
whose term ends within six months, among the departments the reader is in charge
of, each linked to the overview where they are listed and the first few by name."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import desk

from .models import Agreement, Collaboration
from .models.collaborations import departments_in_charge
from .overview import agreements_ending, collaborations_ending

OLDEST_SHOWN = 5


def _of_departments(queryset, model, departments):
    if departments is None:
        return queryset
    through = model.departments.through
    link = "agreement" if model is Agreement else "collaboration"
    return queryset.filter(
        Exists(through.objects.filter(**{link: OuterRef("pk")}, department_id__in=departments))
    )


def ending_items(user) -> list[desk.DeskItem]:
    today = timezone.localdate()
    departments = departments_in_charge(user)
    overview = reverse("partnerships:overview")
    agreements = _of_departments(agreements_ending(today), Agreement, departments)
    collaborations = _of_departments(collaborations_ending(today), Collaboration, departments)
    first_agreements = list(agreements.values_list("pk", "title")[:OLDEST_SHOWN])
    first_collaborations = list(collaborations.values_list("pk", "title")[:OLDEST_SHOWN])
    return [
        desk.DeskItem(
            label=_("Agreements ending within six months"),
            count=agreements.count(),
            url=f"{overview}#agreements-ending",
            entries=[
                desk.DeskEntry(
                    label=title, url=reverse("admin:partnerships_agreement_change", args=[pk])
                )
                for pk, title in first_agreements
            ],
        ),
        desk.DeskItem(
            label=_("Collaborations ending within six months"),
            count=collaborations.count(),
            url=f"{overview}#collaborations-ending",
            entries=[
                desk.DeskEntry(label=title, url=reverse("partnerships:collaboration", args=[pk]))
                for pk, title in first_collaborations
            ],
            urgent=False,
        ),
    ]


desk.register_panel(
    "partnerships",
    title=_("Collaboration and IOP"),
    permission="partnerships.view_collaboration_overview",
    items=ending_items,
    order=40,
)
