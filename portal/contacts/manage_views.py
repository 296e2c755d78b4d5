"""Officials' own pages: their departments' contact paths, publishing, editing and
marking as reviewed. Thin views: bind the form, call the service, show a message,
redirect. A path the user may not see is a 404; one they see but may not change,
a 403 (rules.py)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from . import services
from .forms import ContactPathForm
from .models import ContactPath


class LoggedInPermissionMixin(PermissionRequiredMixin):
    """Visitors are sent to log in before anything is looked up."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class PathMixin(LoggedInPermissionMixin):
    @cached_property
    def path(self) -> ContactPath:
        return get_object_or_404(
            ContactPath.objects.visible_to(self.request.user).select_related("department"),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.path

    def get_context_data(self, **kwargs):
        return super().get_context_data(path=self.path, **kwargs)


class ManageView(LoggedInPermissionMixin, TemplateView):
    """The paths of the departments the user is in charge of, those due for review
    first; ``?review=due`` lists only those (the desk links here)."""

    permission_required = "contacts.add_contactpath"
    template_name = "contacts/manage/list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        paths = ContactPath.objects.changeable_by(self.request.user).select_related("department")
        only_due = self.request.GET.get("review") == "due"
        if only_due:
            paths = paths.review_due(today)
        paths = list(paths.defer("search_vector").order_by("department__name", "title", "pk"))
        for path in paths:
            path.review_due = path.is_published and path.is_review_due(today)
            path.shown = path.is_shown(today)
        return super().get_context_data(
            paths=sorted(paths, key=lambda p: not p.review_due),
            due_count=sum(p.review_due for p in paths),
            only_due=only_due,
            **kwargs,
        )


class PathFormMixin:
    form_class = ContactPathForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def saved(self, path, message: str):
        messages.success(self.request, message % {"title": path.title})
        return redirect("contacts:manage")


class CreateView(LoggedInPermissionMixin, PathFormMixin, FormView):
    permission_required = "contacts.add_contactpath"
    template_name = "contacts/manage/form.html"

    def form_valid(self, form):
        try:
            path = services.contact_path_create(by=self.request.user, data=form.cleaned_data)
        except services.ContactPathError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return self.saved(path, _("“%(title)s” is published."))


class EditView(PathMixin, PathFormMixin, FormView):
    permission_required = "contacts.change_contactpath"
    template_name = "contacts/manage/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.path}

    def form_valid(self, form):
        # The bound form changed the instance while validating: start from the database.
        path = ContactPath.objects.get(pk=self.path.pk)
        try:
            path = services.contact_path_update(
                path=path, by=self.request.user, changes=form.cleaned_data
            )
        except services.ContactPathError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return self.saved(
            path, _("The changes to “%(title)s” are saved and it is marked as reviewed.")
        )


class ReviewView(PathMixin, TemplateView):
    """GET (the reminder's link) asks to confirm; POST (one click, on the lists and
    the path's page) marks the path reviewed and returns to where it was sent from."""

    permission_required = "contacts.review_contactpath"
    template_name = "contacts/manage/review.html"

    def get_context_data(self, **kwargs):
        can_change = self.request.user.has_perm("contacts.change_contactpath", self.path)
        return super().get_context_data(can_change=can_change, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            path = services.contact_path_mark_reviewed(path=self.path, by=request.user)
        except services.ContactPathError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("“%(title)s” is marked as reviewed. Thank you!") % {"title": path.title}
            )
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(back)  # redirect() would take "123" for a view name
        return redirect(self.path)
