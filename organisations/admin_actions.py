"""The coordinators' decisions on associations in the admin: approve, ask for
changes, archive. Each is one step (service, wording, whether a reason is
needed) offered two ways with the same services and guards: as a list action
on the ticked associations, and as a button on an association's change page.
Both ask for the reason on an intermediate page."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import ReasonForm
from .models import Organisation
from .services import RegisterError


@dataclass(frozen=True)
class Step:
    service: Callable[..., Any]
    title: Any
    verb: Any
    reason_required: bool
    done: Callable[[int], str]
    # The statuses the step applies to (its button is shown only then).
    applies_to: tuple[str, ...]


def _approve(*, organisation, by, reason):
    return services.organisation_approve(organisation=organisation, by=by, message=reason)


STEPS = {
    "approve": Step(
        service=_approve,
        title=_("Approve associations"),
        verb=_("Approve"),
        reason_required=False,
        done=lambda n: (
            ngettext("%(count)d association approved.", "%(count)d associations approved.", n)
            % {"count": n}
        ),
        applies_to=(Organisation.Status.PENDING, Organisation.Status.ARCHIVED),
    ),
    "request_changes": Step(
        service=services.organisation_request_changes,
        title=_("Ask for more information"),
        verb=_("Send"),
        reason_required=True,
        done=lambda n: (
            ngettext(
                "%(count)d association was asked for more information.",
                "%(count)d associations were asked for more information.",
                n,
            )
            % {"count": n}
        ),
        applies_to=(Organisation.Status.PENDING,),
    ),
    "archive": Step(
        service=services.organisation_archive,
        title=_("Archive associations"),
        verb=_("Archive"),
        reason_required=True,
        done=lambda n: (
            ngettext("%(count)d association archived.", "%(count)d associations archived.", n)
            % {"count": n}
        ),
        applies_to=(Organisation.Status.PENDING, Organisation.Status.ACTIVE),
    ),
}

BUTTON_LABELS = {
    "approve": _("Approve"),
    "request_changes": _("Ask for more information"),
    "archive": _("Archive"),
}


def steps_for(organisation: Organisation) -> list[tuple[str, Any]]:
    """(name, label) of the steps that apply to the association as it stands."""
    return [
        (name, BUTTON_LABELS[name])
        for name, step in STEPS.items()
        if organisation.status in step.applies_to
    ]


def apply(
    modeladmin, request, organisations, step: Step, *, cancel_url: str | None = None
) -> TemplateResponse | None:
    """Show the reason page, or (once sent) run the step on each association and
    tell the coordinator what happened. None once done."""
    sent = "apply" in request.POST
    form = ReasonForm(request.POST if sent else None, required=step.reason_required)
    if sent and form.is_valid():
        reason = form.cleaned_data["reason"]
        succeeded = 0
        for org in organisations:
            try:
                step.service(organisation=org, by=request.user, reason=reason)
                succeeded += 1
            except RegisterError as exc:
                modeladmin.message_user(request, f"{org}: {exc.message}", messages.WARNING)
        if succeeded:
            modeladmin.message_user(request, step.done(succeeded), messages.SUCCESS)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": step.title,
        "verb": step.verb,
        "form": form,
        "organisations": organisations,
        "action_name": request.POST.get("action"),
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "opts": modeladmin.model._meta,
        "reason_required": step.reason_required,
        "cancel_url": cancel_url or reverse("admin:organisations_organisation_changelist"),
    }
    return TemplateResponse(request, "admin/organisations/action_reason.html", context)


def list_action(name: str):
    """The step as an admin action on the ticked associations."""
    step = STEPS[name]

    def action(modeladmin, request, queryset):
        return apply(modeladmin, request, queryset, step)

    action.__name__ = name
    return admin.action(description=BUTTON_LABELS[name], permissions=["approve"])(action)
