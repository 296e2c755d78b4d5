"""Hitta rätt for visitors: search and filter the contact paths, read one. The
officials' pages are in manage_views.py."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from organisations.views import applied_filters, filter_choices, paginate, query_without_page

from . import related
from .filters import ContactPathFilter
from .models import ContactPath

CARD_WORDS = 30


@require_GET
def index(request):
    queryset = (
        ContactPath.objects.published()
        .select_related("department")
        .prefetch_related("topics")
        .defer("search_vector")
    )
    filterset = ContactPathFilter(request.GET or None, queryset=queryset)
    paths = filterset.qs
    if "rank" not in paths.query.annotations:
        paths = paths.order_by("title", "pk")
    page, page_range = paginate(request, paths)
    today = timezone.localdate()
    for path in page.object_list:
        path.card_summary = Truncator(path.description).words(CARD_WORDS, truncate=" …")
        path.card_stale = path.is_stale(today)
    form = filterset.form
    filters = applied_filters(request)
    words = request.GET.get("q", "").strip()
    return render(
        request,
        "contacts/index.html",
        {
            "filter": filterset,
            "form": form,
            "page": page,
            "page_range": page_range,
            "paths": page.object_list,
            "query": query_without_page(request),
            "options": filter_choices(form, ["topic", "department", "target_group"]),
            "is_filtered": filters > 0,
            "filter_count": filters,
            "results_first": bool(filters or words) and not form.errors,
            "search_words": words,
        },
    )


@require_GET
def detail(request, slug):
    path = get_object_or_404(
        ContactPath.objects.visible_to(request.user)
        .select_related("department", "person")
        .prefetch_related("topics", "target_groups")
        .defer("search_vector"),
        slug=slug,
    )
    user = request.user
    return render(
        request,
        "contacts/detail.html",
        {
            "path": path,
            "person": path.shown_person,
            "related": related.related_to(path, request.user),
            "stale": path.is_stale(),
            "can_change": user.is_authenticated
            and user.has_perm("contacts.change_contactpath", path),
            "can_review": user.is_authenticated
            and user.has_perm("contacts.review_contactpath", path),
        },
    )
