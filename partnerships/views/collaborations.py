"""Officials' pages of collaborations: the list every official searches and filters,
one collaboration, and recording and changing one. Thin views: bind the form, call
the service, show a message, redirect. A collaboration the user may not see is a
404; one they see but may not change, a 403 (rules.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organisations.models import Organisation
from organisations.views import paginate, query_without_page

from ..filters import CollaborationFilter
from ..forms_collaborations import CollaborationEditor
from ..models import Collaboration, CollaborationPayment
from ..services.collaborations import (
    FIELDS,
    RELATIONS,
    CollaborationError,
    collaboration_create,
    collaboration_update,
)

PAGE_SIZE = 25


def _with_relations(queryset):
    return queryset.prefetch_related(
        "departments",
        "forms",
        Prefetch("associations", queryset=Organisation.objects.only("name", "slug")),
    )


@login_required
@require_GET
def collaboration_list(request):
    if not request.user.has_perm("partnerships.list_collaborations"):
        raise PermissionDenied
    queryset = _with_relations(
        Collaboration.objects.visible_to(request.user).order_by("title", "pk")
    )
    filterset = CollaborationFilter(request.GET, queryset=queryset)
    page, page_range = paginate(request, filterset.qs, default=PAGE_SIZE)
    applied = {
        name: value
        for name, value in getattr(filterset.form, "cleaned_data", {}).items()
        if value not in (None, "")
    }
    return render(
        request,
        "partnerships/collaborations/list.html",
        {
            "filter": filterset,
            "page": page,
            "page_range": page_range,
            "query": query_without_page(request),
            "q": applied.get("q", ""),
            "filter_count": len(applied.keys() - {"q"}),
            "can_add": request.user.has_perm("partnerships.add_collaboration"),
            "can_overview": request.user.has_perm("partnerships.view_collaboration_overview"),
        },
    )


@require_GET
def collaboration_detail(request, pk):
    collaboration = get_object_or_404(
        _with_relations(Collaboration.objects.visible_to(request.user)).prefetch_related(
            "goal_areas", "target_groups"
        ),
        pk=pk,
    )
    staff = request.user.has_perm("partnerships.list_collaborations")
    payments = (
        CollaborationPayment.objects.filter(collaboration=collaboration)
        .select_related("department")
        .order_by("year", "department__name")
        if staff
        else None
    )
    return render(
        request,
        "partnerships/collaborations/detail.html",
        {
            "collaboration": collaboration,
            "payments": payments,
            "is_staff_reader": staff,
            "can_change": request.user.has_perm("partnerships.change_collaboration", collaboration),
        },
    )


def _form_page(request, editor, collaboration=None):
    return render(
        request,
        "partnerships/collaborations/form.html",
        {"form": editor.form, "payments": editor.payments, "collaboration": collaboration},
    )


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_create_view(request):
    if not request.user.has_perm("partnerships.add_collaboration"):
        raise PermissionDenied
    if request.method != "POST":
        return _form_page(request, CollaborationEditor(user=request.user))
    editor = CollaborationEditor(request.POST, user=request.user)
    if not editor.is_valid():
        return _form_page(request, editor)
    try:
        collaboration = collaboration_create(
            by=request.user,
            data=_data(editor),
            payments=editor.payments.payments(),
        )
    except CollaborationError as exc:
        editor.form.add_error(None, exc.message)
        return _form_page(request, editor)
    messages.success(request, _("“%(title)s” is recorded.") % {"title": collaboration.title})
    return redirect(collaboration)


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_edit_view(request, pk):
    collaboration = get_object_or_404(Collaboration.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("partnerships.change_collaboration", collaboration):
        raise PermissionDenied
    if request.method != "POST":
        editor = CollaborationEditor(user=request.user, instance=collaboration)
        return _form_page(request, editor, collaboration)
    editor = CollaborationEditor(request.POST, user=request.user, instance=collaboration)
    if not editor.is_valid():
        return _form_page(request, editor, collaboration)
    try:
        # The bound form changed the instance while validating: the service starts
        # from the database.
        collaboration = collaboration_update(
            collaboration=Collaboration.objects.get(pk=pk),
            by=request.user,
            changes=_data(editor),
            payments=editor.payments.payments(),
        )
    except CollaborationError as exc:
        editor.form.add_error(None, exc.message)
        return _form_page(request, editor, collaboration)
    messages.success(
        request, _("The changes to “%(title)s” are saved.") % {"title": collaboration.title}
    )
    return redirect(collaboration)


def _data(editor) -> dict:
    cleaned = editor.form.cleaned_data
    return {name: cleaned[name] for name in (*FIELDS, *RELATIONS) if name in cleaned}


def organisation_collaborations(request, organisation) -> dict | None:
    """The section of an association's page: its collaborations the user may see
    (all for its representatives and staff, the public ones for everyone else). Three
    queries however many; None (no section) when there are none."""
    collaborations = list(
        Collaboration.objects.visible_to(request.user)
        .with_organisation(organisation)
        .prefetch_related("departments", "forms")
        .order_by("-starts_on", "title", "pk")
    )
    if not collaborations:
        return None
    return {"collaborations": collaborations}
