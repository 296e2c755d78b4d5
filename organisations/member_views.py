"""An association's representatives: the members page, invitations, requests to
join, and the actions that end something (leaving, removing, withdrawing,
declining), each confirmed on a page of its own: GET asks, naming what will
happen, and POST acts, so it works without JavaScript."""

from allauth.account.forms import AddEmailForm
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from portal.adapters import AFTER_EMAIL_VERIFICATION

from . import services
from .forms import InvitationForm, RoleForm
from .manage_views import OrganisationMixin
from .models import Invitation, JoinRequest, Membership, Organisation
from .services import RegisterError


def _members_url(org: Organisation, anchor: str = "") -> str:
    return reverse("organisations:members", args=[org.slug]) + (f"#{anchor}" if anchor else "")


class MembersView(OrganisationMixin, FormView):
    permission_required = "organisations.manage_members"
    form_class = InvitationForm
    template_name = "organisations/manage/members.html"

    def get_context_data(self, **kwargs):
        org = self.organisation
        return super().get_context_data(
            memberships=org.memberships.select_related("user").order_by("role", "created_at"),
            invitations=org.invitations.unanswered().order_by("-created_at"),
            join_requests=org.join_requests.filter(status=JoinRequest.Status.OPEN)
            .select_related("user")
            .order_by("created_at"),
            role_choices=Membership.Role.choices,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            invitation = services.membership_invite(
                organisation=self.organisation,
                by=self.request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except RegisterError as exc:
            form.add_error("email", exc.message)
            return self.form_invalid(form)
        if invitation.resent_at:
            messages.success(self.request, _sent_again_message(invitation))
        else:
            messages.success(
                self.request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
        return redirect(_members_url(self.organisation, "invitations-title"))


def _sent_again_message(invitation: Invitation) -> str:
    return _(
        "%(email)s had already been invited: the invitation has been sent again "
        "and is valid until %(date)s."
    ) % {
        "email": invitation.email,
        "date": formats.date_format(invitation.expires_at, "j F Y"),
    }


class MembershipRoleView(OrganisationMixin, View):
    """POST only: change a representative's role (nothing is lost by it)."""

    permission_required = "organisations.manage_members"

    def post(self, request, slug, pk):
        membership = get_object_or_404(Membership, pk=pk, organisation=self.organisation)
        form = RoleForm(request.POST)
        try:
            if not form.is_valid():
                raise RegisterError(_("Choose a role."))
            services.membership_change_role(
                membership=membership, by=request.user, role=form.cleaned_data["role"]
            )
        except RegisterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The role was changed."))
        return redirect("organisations:members", slug)


class ConfirmActionView(TemplateView):
    """GET names what the action will do (or why it cannot be done) on a page of its
    own; POST does it. Subclasses give the texts and ``act()``."""

    template_name = "organisations/manage/confirm_action.html"

    def confirmation(self) -> dict:
        raise NotImplementedError

    def act(self) -> str:
        """Do it; return the success message (a RegisterError becomes an error)."""
        raise NotImplementedError

    def done_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.confirmation(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            messages.success(request, self.act())
        except RegisterError as exc:
            messages.error(request, exc.message)
        return redirect(self.done_url())


class MemberRemoveView(OrganisationMixin, ConfirmActionView):
    permission_required = "organisations.manage_members"

    @cached_property
    def membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user"),
            pk=self.kwargs["pk"],
            organisation=self.organisation,
        )

    def confirmation(self):
        name, org = self.membership.user.display_name, self.organisation.name
        return {
            "heading": _("Remove %(user)s as representative?") % {"user": name},
            "consequences": [
                _("%(user)s will no longer be able to edit the details and activities of %(name)s.")
                % {"user": name, "name": org},
                _("%(user)s is not sent an e-mail about it.") % {"user": name},
                _("To make them a representative again, invite them again."),
            ],
            "refusal": services.last_admin_refusal(self.membership),
            "confirm_label": _("Yes, remove %(user)s") % {"user": name},
            "cancel_url": _members_url(self.organisation),
        }

    def act(self):
        services.membership_remove(membership=self.membership, by=self.request.user)
        return _("%(user)s was removed.") % {"user": self.membership.user}

    def done_url(self):
        return _members_url(self.organisation)


class LeaveView(LoginRequiredMixin, ConfirmActionView):
    """Open to any representative (an archived association's too): leaving concerns
    the person. Someone who does not represent the association has nothing to leave."""

    @cached_property
    def organisation(self) -> Organisation:
        return get_object_or_404(
            Organisation.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def get(self, request, *args, **kwargs):
        if self.membership is None:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def membership(self) -> Membership | None:
        return Membership.objects.filter(
            organisation=self.organisation, user=self.request.user
        ).first()

    def confirmation(self):
        org = self.organisation.name
        consequences = [
            _("You will no longer be able to edit the details and activities of %(name)s.")
            % {"name": org},
            _(
                "To represent it again, an administrator must invite you, or you ask "
                "to join and an administrator accepts."
            ),
        ]
        if self.membership.role == Membership.Role.ADMIN:
            consequences.insert(
                1, _("You will no longer be an administrator of %(name)s.") % {"name": org}
            )
        return {
            "heading": _("Leave %(name)s?") % {"name": org},
            "consequences": consequences,
            "refusal": services.last_admin_refusal(self.membership),
            "confirm_label": _("Yes, leave %(name)s") % {"name": org},
            "cancel_url": reverse("organisations:mine"),
        }

    def act(self):
        services.membership_leave(organisation=self.organisation, user=self.request.user)
        return _("You no longer represent %(name)s.") % {"name": self.organisation.name}

    def done_url(self):
        return reverse("organisations:mine")


class InvitationWithdrawView(OrganisationMixin, ConfirmActionView):
    permission_required = "organisations.manage_members"

    @cached_property
    def invitation(self) -> Invitation:
        return get_object_or_404(Invitation, pk=self.kwargs["pk"], organisation=self.organisation)

    def get(self, request, *args, **kwargs):
        invitation = self.invitation
        if invitation.accepted_at or invitation.withdrawn_at:
            messages.info(request, _("The invitation has already been answered or withdrawn."))
            return redirect(self.done_url())
        return super().get(request, *args, **kwargs)

    def confirmation(self):
        email = self.invitation.email
        return {
            "heading": _("Withdraw the invitation to %(email)s?") % {"email": email},
            "consequences": [
                _(
                    "The link in the invitation stops working: whoever opens it is told "
                    "that the invitation was withdrawn."
                ),
                _("The address %(email)s is erased from the portal.") % {"email": email},
                _("%(email)s is not sent an e-mail about it.") % {"email": email},
            ],
            "confirm_label": _("Yes, withdraw the invitation"),
            "cancel_url": _members_url(self.organisation, "invitations-title"),
        }

    def act(self):
        email = self.invitation.email
        services.invitation_withdraw(invitation=self.invitation, by=self.request.user)
        return _("The invitation to %(email)s was withdrawn.") % {"email": email}

    def done_url(self):
        return _members_url(self.organisation, "invitations-title")


class InvitationResendView(OrganisationMixin, View):
    """POST only: sending again loses nothing."""

    permission_required = "organisations.manage_members"

    def post(self, request, slug, pk):
        invitation = get_object_or_404(Invitation, pk=pk, organisation=self.organisation)
        try:
            invitation = services.invitation_resend(invitation=invitation, by=request.user)
        except RegisterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _sent_again_message(invitation))
        return redirect(_members_url(self.organisation, "invitations-title"))


class JoinRequestDecideView(OrganisationMixin, ConfirmActionView):
    """POST accepts or declines; GET asks before declining (the person is told no)."""

    permission_required = "organisations.manage_members"

    @cached_property
    def join_request(self) -> JoinRequest:
        return get_object_or_404(
            JoinRequest.objects.select_related("user"),
            pk=self.kwargs["pk"],
            organisation=self.organisation,
        )

    def get(self, request, *args, **kwargs):
        if self.join_request.status != JoinRequest.Status.OPEN:
            messages.info(request, _("This request has already been answered."))
            return redirect(self.done_url())
        return super().get(request, *args, **kwargs)

    def confirmation(self):
        name = self.join_request.user.display_name
        return {
            "heading": _("Decline the request from %(user)s?") % {"user": name},
            "join_request": self.join_request,
            "consequences": [
                _("%(user)s will not represent %(name)s.")
                % {"user": name, "name": self.organisation.name},
                _("%(user)s gets an e-mail saying that the request was declined.") % {"user": name},
                _("They can ask again later."),
            ],
            "fields": {"decision": "decline"},
            "confirm_label": _("Yes, decline the request"),
            "cancel_url": _members_url(self.organisation, "requests-title"),
        }

    def act(self):
        accept = self.request.POST.get("decision") == "accept"
        services.join_request_decide(
            join_request=self.join_request, by=self.request.user, accept=accept
        )
        return _("The request was accepted.") if accept else _("The request was declined.")

    def done_url(self):
        return _members_url(self.organisation, "requests-title")


class InvitationAcceptView(LoginRequiredMixin, TemplateView):
    """Visitors are sent to log in (or sign up) and come back here. An account without
    the invited address verified is offered to add it (allauth mails the link to
    confirm it, and brings the person back here once confirmed)."""

    template_name = "organisations/manage/invitation_accept.html"

    @cached_property
    def invitation(self):
        return (
            Invitation.objects.select_related("organisation", "invited_by")
            .filter(token=self.kwargs["token"])
            .first()
        )

    def get_context_data(self, **kwargs):
        invitation = self.invitation
        problem = unconfirmed = None
        if invitation is not None and invitation.withdrawn_at:
            problem = services.invitation_withdrawn_message()
        elif invitation is None or invitation.accepted_at:
            problem = _("This invitation has already been used or does not exist.")
        elif invitation.is_expired:
            problem = _("This invitation has expired. Ask the association to send a new one.")
        elif not invitation.is_addressed_to(self.request.user):
            unconfirmed = EmailAddress.objects.filter(
                user=self.request.user, email__iexact=invitation.email
            ).exists()
        return super().get_context_data(
            invitation=invitation,
            problem=problem,
            other_address=problem is None and unconfirmed is not None,
            unconfirmed=unconfirmed,
            **kwargs,
        )

    def post(self, request, token):
        if "add_address" in request.POST:
            return self.add_address(request, token)
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except RegisterError as exc:
            messages.error(request, exc.message)
            return self.get(request, token=token)
        messages.success(
            request,
            _("Welcome! You now represent %(name)s.") % {"name": membership.organisation.name},
        )
        return redirect("organisations:mine")

    def add_address(self, request, token):
        """allauth's own form adds the address and mails the link to confirm it."""
        invitation = self.invitation
        if invitation is None or not invitation.is_open:
            return self.get(request, token=token)
        form = AddEmailForm(user=request.user, data={"email": invitation.email})
        if form.is_valid():
            form.save(request)
            request.session[AFTER_EMAIL_VERIFICATION] = {
                "email": invitation.email,
                "url": request.path,
            }
        else:
            for error in form.errors.get("email", []):
                messages.error(request, error)
        return redirect(request.path)
