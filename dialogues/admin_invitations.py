"""What the meeting admin gets from the sign-up work, as one mixin for MeetingAdmin:
the action "Invite associations" with its page (choices, a preview count, send),
the sign-ups as a read-only inline (names and needs only for the meeting's
coordinators), and the waiting list moving up when a coordinator adds places."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisations.models import Category, District, Organisation
from portal.admin import CleanInputAdminMixin, KeyCheckingAutocompleteSelectMultiple
from portal.inputs import CleanForm

from .models import Meeting, MeetingInvitation, Registration
from .services.invitations import InvitationError, invitation_candidates, meeting_invite
from .services.registrations import registrations_fill_places

PREVIEW_NAMES = 30


class InvitationForm(CleanForm):
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("With categories too: the associations in both."),
    )
    forum_members = forms.BooleanField(
        label=_("The forum's participating associations"), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Associations by name"),
        queryset=Organisation.objects.active(),
        required=False,
        widget=KeyCheckingAutocompleteSelectMultiple(
            MeetingInvitation._meta.get_field("organisation"), admin.site
        ),
    )

    class Media:
        js = ("js/admin_autocomplete_labels.js",)

    def criteria(self) -> dict:
        """The choices as the audit log keeps them (ids and counts)."""
        data = self.cleaned_data
        return {
            "categories": [c.pk for c in data["categories"]],
            "districts": [d.pk for d in data["districts"]],
            "forum_members": data["forum_members"],
            "organisations": len(data["organisations"]),
        }


class RegistrationInline(CleanInputAdminMixin, admin.TabularInline):
    """The sign-ups, to read: they change through the meeting page's services (the
    lock, the waiting list, the mails), not by editing rows here."""

    model = Registration
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "organisation",
        "status",
        "attendees",
        "attendee_names",
        "needs",
        "registered_by",
        "created_at",
    )
    ordering = ("status", "created_at", "pk")

    def get_fields(self, request, obj=None):
        """Names and needs for the meeting's coordinators only (``obj`` is the meeting)."""
        if obj is not None and request.user.has_perm("dialogues.view_participants", obj):
            return self.fields
        return tuple(f for f in self.fields if f not in ("attendee_names", "needs"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "registered_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingSignupAdminMixin:
    """Put before ModelAdmin in MeetingAdmin's bases; it adds its action, inline and
    page itself."""

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), RegistrationInline]

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        action = self.get_action("invite_associations", action_location)
        if action and self.actions is not None:
            actions["invite_associations"] = action
        return actions

    @admin.action(
        description=_("Invite associations"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def invite_associations(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Invite to one meeting at a time."), messages.WARNING)
            return None
        return redirect("admin:dialogues_meeting_invite", queryset.get().pk)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="dialogues_meeting_invite",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = registrations_fill_places(meeting=obj, by=request.user)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d association on the waiting list got a place.",
                        "%(count)d associations on the waiting list got a place.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    def invite_view(self, request, object_id):
        """Choose, see how many the choices give (preview), send."""
        meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=object_id)
        if not request.user.has_perm("dialogues.invite_to_meeting", meeting):
            raise PermissionDenied
        form = InvitationForm(request.POST or None)
        candidates = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            candidates = invitation_candidates(
                meeting=meeting,
                categories=data["categories"],
                districts=data["districts"],
                forum_members=data["forum_members"],
                organisations=data["organisations"],
            ).order_by("name", "pk")
            if "send" in request.POST:
                try:
                    invited, already, mails = meeting_invite(
                        meeting=meeting,
                        by=request.user,
                        organisations=candidates,
                        criteria=form.criteria(),
                    )
                except InvitationError as exc:
                    form.add_error(None, exc.message)
                else:
                    self.message_user(request, _sent_message(invited, already, mails))
                    return redirect("admin:dialogues_meeting_change", meeting.pk)
            elif not candidates.exists():
                form.add_error(
                    None, _("The choices give no association: an invitation to nobody is not sent.")
                )
        count = candidates.count() if candidates is not None else None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite associations"),
            "opts": self.model._meta,
            "meeting": meeting,
            "form": form,
            "media": self.media + form.media,
            "count": count,
            "preview": list(candidates[:PREVIEW_NAMES]) if count else [],
            "cancel_url": reverse("admin:dialogues_meeting_change", args=[meeting.pk]),
        }
        return TemplateResponse(request, "admin/dialogues/meeting_invite.html", context)


def _sent_message(invited: int, already: int, mails: int) -> str:
    parts = [
        ngettext("%(count)d association invited.", "%(count)d associations invited.", invited)
        % {"count": invited}
    ]
    if already:
        parts.append(
            ngettext("%(count)d was invited before.", "%(count)d were invited before.", already)
            % {"count": already}
        )
    parts.append(
        ngettext("%(count)d e-mail is being sent.", "%(count)d e-mails are being sent.", mails)
        % {"count": mails}
    )
    return " ".join(parts)
