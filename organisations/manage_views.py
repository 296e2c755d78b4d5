"""What representatives do: edit, confirm, ask to join, activities (registering:
registration.py; their representatives and invitations: member_views.py). Thin views: bind the form,
call the service, show a message, redirect."""

import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from . import services
from .forms import (
    ActivityForm,
    JoinRequestForm,
    OrganisationForm,
    matched_organisation_pk,
)
from .models import Activity, JoinRequest, Membership, Organisation
from .occasions import next_occasion
from .services import RegisterError
from .views import paginate


class ObjectPermissionMixin(PermissionRequiredMixin):
    """Visitors are sent to log in before anything is looked up, and a view finds
    its object only among those the user may see (a queryset twin of a rule), so an
    object the user may not see answers 404 like one that does not exist: slugs and
    ids reveal nothing."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class ArchivedMixin:
    """The rules refuse every change to an archived association: its representatives
    and the coordinators are told why on its page instead of a bare 403."""

    def permission_organisation(self) -> Organisation:
        return self.get_permission_object()

    def handle_no_permission(self):
        user = self.request.user
        if not user.is_authenticated:
            return super().handle_no_permission()
        org = self.permission_organisation()
        if org.status == Organisation.Status.ARCHIVED and user.has_perm(
            "organisations.view_private_data", org
        ):
            messages.error(self.request, services.archived_message(org))
            return redirect(org)
        return super().handle_no_permission()


class OrganisationMixin(ArchivedMixin, ObjectPermissionMixin):
    """Finds the organisation by slug among those the user may see; 403 for one the
    user sees but may not change."""

    @cached_property
    def organisation(self) -> Organisation:
        return get_object_or_404(
            Organisation.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def get_permission_object(self):
        return self.organisation

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


class EditView(OrganisationMixin, FormView):
    permission_required = "organisations.change_organisation"
    form_class = OrganisationForm
    template_name = "organisations/manage/edit.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organisation}

    def form_valid(self, form):
        # The bound form changed the instance while validating: start from the database.
        org = Organisation.objects.get(pk=self.organisation.pk)
        try:
            services.organisation_update(
                organisation=org, by=self.request.user, changes=form.cleaned_data
            )
        except RegisterError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved and the data confirmed."))
        return redirect("organisations:mine")


class ConfirmView(OrganisationMixin, TemplateView):
    permission_required = "organisations.change_organisation"
    template_name = "organisations/manage/confirm.html"

    def post(self, request, *args, **kwargs):
        try:
            services.organisation_confirm(organisation=self.organisation, by=request.user)
        except RegisterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you! The data is confirmed."))
        return redirect("organisations:mine")


class JoinRequestView(LoginRequiredMixin, FormView):
    """Ask to join an association the asker may see; any other is a 404, as its page
    is (those come through JoinMatchView)."""

    form_class = JoinRequestForm
    template_name = "organisations/manage/join_request.html"
    hidden = False

    @cached_property
    def organisation(self):
        return get_object_or_404(
            Organisation.objects.visible_to(self.request.user).exclude(
                status=Organisation.Status.ARCHIVED
            ),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation, hidden=self.hidden, **kwargs
        )

    def form_valid(self, form):
        try:
            services.join_request_create(
                organisation=self.organisation,
                user=self.request.user,
                message=form.cleaned_data["message"],
            )
        except RegisterError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        if self.hidden:
            sent = _(
                "Your request has been sent. You will get an e-mail when the association answers."
            )
        else:
            sent = _(
                "Your request has been sent. You will get an e-mail when %(name)s answers."
            ) % {"name": self.organisation.name}
        messages.success(self.request, sent)
        return redirect("organisations:mine")


class JoinMatchView(JoinRequestView):
    """Ask to join an association found by the registration form's duplicate check
    that the asker may not see (awaiting approval, not public). The signed link
    names it for this account only, and the page shows nothing of it."""

    hidden = True

    @cached_property
    def organisation(self):
        pk = matched_organisation_pk(self.kwargs["token"], self.request.user)
        if pk is None:
            raise Http404
        return get_object_or_404(
            Organisation.objects.exclude(status=Organisation.Status.ARCHIVED), pk=pk
        )


class MineView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/manage/mine.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        memberships = list(
            Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        open_requests = list(
            JoinRequest.objects.filter(user=user, status=JoinRequest.Status.OPEN).select_related(
                "organisation"
            )
        )
        # Asked through the duplicate check: not named until the asker may see it.
        visible = set(
            Organisation.objects.visible_to(user)
            .filter(pk__in=[r.organisation_id for r in open_requests])
            .values_list("pk", flat=True)
        )
        for join_request in open_requests:
            join_request.organisation_visible = join_request.organisation_id in visible
        return super().get_context_data(
            memberships=memberships,
            join_requests=open_requests,
            requests_to_answer=self.requests_to_answer(memberships),
            **kwargs,
        )

    def requests_to_answer(self, memberships) -> list[dict]:
        """The open requests to join the associations whose representatives the user
        manages (the twin of "organisations.manage_members"): who asks and what they
        wrote is shown to those who decide, and to nobody else."""
        managed = Organisation.objects.members_managed_by(self.request.user).filter(
            pk__in=[m.organisation_id for m in memberships]
        )
        requests = (
            JoinRequest.objects.filter(status=JoinRequest.Status.OPEN, organisation__in=managed)
            .select_related("user")
            .order_by("created_at")
        )
        by_organisation: dict[int, list[JoinRequest]] = {}
        for join_request in requests:
            by_organisation.setdefault(join_request.organisation_id, []).append(join_request)
        return [
            {"organisation": m.organisation, "requests": by_organisation[m.organisation_id]}
            for m in memberships
            if m.organisation_id in by_organisation
        ]


class ActivityListView(OrganisationMixin, TemplateView):
    """The association's upcoming activities as its representatives manage them:
    also those a coordinator hid, each with the reason it was given."""

    permission_required = "organisations.change_activity"
    template_name = "organisations/manage/activities.html"

    def get_context_data(self, **kwargs):
        activities = (
            self.organisation.activities.upcoming()
            .select_related("district")
            .order_by("starts_at", "pk")
        )
        page, page_range = paginate(self.request, activities)
        now = timezone.now()
        for activity in page.object_list:
            activity.next_occasion = next_occasion(activity, now)
        return super().get_context_data(
            activities=page.object_list, page=page, page_range=page_range, **kwargs
        )


class ActivityCreateView(OrganisationMixin, FormView):
    """A new activity; ``?kopiera=<id>`` fills it in from one of the association's
    own ("publish again next week"), a week later. Another association's id is a
    404, as it would be on its edit page."""

    permission_required = "organisations.add_activity"
    form_class = ActivityForm
    template_name = "organisations/manage/activity_form.html"

    @cached_property
    def copied_from(self) -> Activity | None:
        value = self.request.GET.get("kopiera")
        if value is None:
            return None
        if not re.fullmatch(r"[0-9]{1,18}", value):
            raise Http404
        return get_object_or_404(self.organisation.activities.all(), pk=int(value))

    def get_initial(self):
        if self.copied_from is None:
            return super().get_initial()
        return ActivityForm.initial_copy(self.copied_from)

    def get_context_data(self, **kwargs):
        return super().get_context_data(copied_from=self.copied_from, **kwargs)

    def form_valid(self, form):
        try:
            services.activity_create(
                organisation=self.organisation, by=self.request.user, data=form.cleaned_data
            )
        except RegisterError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        if self.organisation.is_active:
            messages.success(self.request, _("The activity is published."))
        else:
            messages.success(
                self.request,
                _(
                    "The activity is saved. It appears in the calendar once a coordinator "
                    "has approved the association."
                ),
            )
        return redirect("organisations:activities", self.organisation.slug)


class ActivityMixin(ArchivedMixin, ObjectPermissionMixin):
    """Finds the activity among those the user may change: an activity id is a
    number anyone can count through, and one the user may not change answers 404.
    An archived association's own people find it, to be told why it is locked."""

    permission_required = "organisations.change_activity"

    def permission_organisation(self) -> Organisation:
        return self.activity.organisation

    @cached_property
    def activity(self) -> Activity:
        return get_object_or_404(
            Activity.objects.changeable_by(self.request.user, archived=True).select_related(
                "organisation"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.activity


class ActivityEditView(ActivityMixin, FormView):
    form_class = ActivityForm
    template_name = "organisations/manage/activity_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.activity}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.activity.organisation, activity=self.activity, **kwargs
        )

    def form_valid(self, form):
        activity = Activity.objects.select_related("organisation").get(pk=self.activity.pk)
        try:
            services.activity_update(
                activity=activity, by=self.request.user, data=form.cleaned_data
            )
        except RegisterError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity is saved."))
        return redirect("organisations:activities", activity.organisation.slug)


class ActivityCancelView(ActivityMixin, TemplateView):
    template_name = "organisations/manage/activity_cancel.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activity=self.activity, organisation=self.activity.organisation, **kwargs
        )

    def post(self, request, pk):
        try:
            services.activity_cancel(activity=self.activity, by=request.user)
        except RegisterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The activity is cancelled."))
        return redirect("organisations:activities", self.activity.organisation.slug)
