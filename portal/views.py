import json

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import account_sections, officials, personal_data, site_pages
from .contact import contact
from .forms import DeleteAccountForm, ProfileForm
from .models import CoordinatorAssignment, SitePage
from .pagecache import cache_anonymous_page
from .rules import is_official

SECTIONS = {
    "organisations": _("Association register"),
    "calendar": _("Calendar"),
    "dialogues": _("Dialogue forums"),
    "partnerships": _("Collaboration and IOP"),
    "surveys": _("Surveys"),
    "account": _("My account"),
}


@cache_anonymous_page("home")
def home(request):
    return render(request, "portal/home.html")


@login_required
@require_GET
def desk(request):
    """The coordinators' desk (portal/desk.py): what waits, from every app."""
    if not request.user.has_perm("portal.view_dashboard"):
        raise PermissionDenied
    return render(request, "portal/desk.html")


@login_required
@require_GET
def officials_page(request):
    """The page for officials: what they can do in the portal today, what is coming,
    and the coordinators of their department and of the whole municipality (their
    e-mail address only where they have chosen to show it)."""
    if not officials.remember_link(request):
        raise PermissionDenied
    department = request.user.department
    serving = list(CoordinatorAssignment.objects.serving(department))
    return render(
        request,
        "portal/officials.html",
        {
            "department": department,
            "department_coordinators": [a.user for a in serving if not a.is_municipal],
            "municipal_coordinators": [a.user for a in serving if a.is_municipal],
            "is_official": is_official(request.user),
        },
    )


def placeholder(request, section):
    if section not in SECTIONS:
        raise Http404
    return render(
        request,
        "portal/placeholder.html",
        {"section": section, "section_title": SECTIONS[section]},
    )


def site_page(request, slug):
    try:
        page = SitePage.objects.get(slug=slug)
    except SitePage.DoesNotExist as exc:
        raise Http404 from exc
    blocks = site_pages.text_blocks(
        page.body, contact=contact(), subject=site_pages.mail_subject(page.slug)
    )
    return render(
        request,
        "portal/site_page.html",
        {"page": page, "blocks": blocks, "show_contact": page.slug == SitePage.CONTACT},
    )


@never_cache
@require_GET
def healthz(request):
    """Liveness for the load balancer: the database and, when configured, Redis."""
    result = {"status": "ok", "database": "ok", "redis": "not configured"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        result["database"] = "error"
        status = 503
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
            )
            try:
                client.ping()
            finally:
                client.close()
            result["redis"] = "ok"
        except (redis.RedisError, OSError):
            result["redis"] = "error"
            status = 503
    if status != 200:
        result["status"] = "error"
    return JsonResponse(result, status=status)


# --- The account page ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def account_profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your details have been saved."))
            return redirect("account_profile")
    else:
        form = ProfileForm(instance=request.user)
    context = {
        "form": form,
        "officials_page": officials.remember_link(request),
        "sections": account_sections.sections_for(request),
    }
    return render(request, "portal/account.html", context)


@never_cache
@login_required
@require_GET
def account_export(request):
    data = personal_data.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mina-uppgifter-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def account_data(request):
    """The same content as the JSON download, for a person to read or print: in
    the language they use the portal in, keys and codes by their labels."""
    data = personal_data.readable_user_data(request.user)
    return render(request, "portal/account_data.html", {"data": data})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            logout(request)
            personal_data.erase_user(user)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("home")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "portal/account_delete.html", {"form": form})


def media(request, path):
    """An uploaded file (see SERVE_MEDIA); django.views.static.serve refuses paths
    outside MEDIA_ROOT."""
    from django.views.static import serve

    return serve(request, path, document_root=settings.MEDIA_ROOT)
