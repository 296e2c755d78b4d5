"""Finding the form views: the URLconf's patterns, concrete URLs for them from a
crawl of the seeded site as each role, and the POST forms on the pages it reaches.

Nothing here names a view of the project except ``SKIPPED`` (views not fuzzed, each
with its reason) and ``tests.fuzz.world`` (the objects and the links only a mail or
a valid submission leads to): the rest is read from ``get_resolver()``, the admin's
registry and the HTML the views answer.
"""

from collections import deque
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# Route names (fnmatch patterns) neither crawled nor posted to, and why.
SKIPPED = {
    # Downloads: files, not pages with forms; no POST handler.
    "*_ics": "an iCalendar feed (a file)",
    "*ics": "an iCalendar feed (a file)",
    "*_csv": "a CSV download",
    "*_xlsx": "an XLSX download",
    "organisations:export": "a CSV/XLSX download of the register",
    "*attachment": "an attachment download",
    "partnerships:agreement_document": "a document download",
    "admin:*_export": "a CSV/XLSX download from the admin",
    "": "uploaded media files (portal.views.media)",
    # JSON: the open-data API and the account's export; schemathesis fuzzes the API
    # against its description (tests/organisations/test_api_schema.py).
    "organisations:api_*": "the open-data API (JSON), fuzzed by schemathesis",
    "account_export": "a JSON download of one's own data",
    "healthz": "a probe for the load balancer, no form",
    "metrics": "Prometheus's scrape endpoint, no form",
    "admin:jsi18n": "the admin's JavaScript catalogue",
    "admin:view_on_site": "a redirect to the object's page, no form",
    "admin:autocomplete": "the admin's JSON autocomplete",
    # allauth's pages the roles never see: signing in by a mailed code is off
    # (ACCOUNT_LOGIN_BY_CODE_ENABLED), so that page only redirects to the login; setting
    # a first password is for an account an administrator made without one, and every
    # role's login has one (for them it redirects to the change of password).
    "account_confirm_login_code": "signing in by code is off; the page only redirects",
    "account_set_password": "only for an account without a password; no role has one",
    # Ending the session: every example would leave the role anonymous, and the form
    # has no fields but the CSRF token.
    "account_logout": "ends the session; no fields",
    "admin:logout": "ends the session; no fields",
}


def skip_reason(name: str) -> str | None:
    for pattern, reason in SKIPPED.items():
        if fnmatch(name, pattern) if pattern else name == "":
            return reason
    return admin_refused().get(name)


@cache
def admin_refused() -> dict[str, str]:
    """The admin's add and delete pages that its ModelAdmin grants no one, not even
    a superuser (an audit log, a delivery log, what only a service makes): routes
    in the URLconf that no role can reach, read from the admin's registry."""
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    refused = {}
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if not model_admin.has_add_permission(request):
            refused[f"{prefix}_add"] = "the admin lets no one add these (made by the services)"
        if not model_admin.has_delete_permission(request):
            refused[f"{prefix}_delete"] = "the admin lets no one delete these"
    return refused


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or "" for an unnamed pattern
    route: str  # the pattern's text, prefixes joined
    has_parameters: bool


def routes() -> list[Route]:
    """Every pattern of the URLconf, the admin's and allauth's included."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, text, inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                if name and namespace:
                    name = f"{namespace}:{name}"
                found.append(Route(name, text, bool(pattern.pattern.regex.groupindex)))

    walk(get_resolver().url_patterns, "/", "")
    return found


@cache
def route_name(path: str) -> str | None:
    """The route name of a site path, None when it resolves to nothing."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else ""


@dataclass
class Field:
    name: str
    kind: str  # an input's type, "textarea", "select" or "select-multiple"
    value: str = ""  # what the page put in it
    options: list[str] = field(default_factory=list)  # a select's, a checkbox group's
    selected: list[str] = field(default_factory=list)
    maxlength: int | None = None  # a browser sends no more than this

    @property
    def typed(self) -> bool:
        """A field a person types into and sees again when the form comes back (not
        a formset's ``__prefix__`` template, which is never filled in)."""
        return self.kind in TYPED and "__prefix__" not in self.name


TYPED = {"text", "textarea", "email", "url", "search", "tel", "number", "date",
         "datetime-local", "time", "month", "week"}  # fmt: skip


@dataclass
class Form:
    action: str  # a site path
    enctype: str
    fields: list[Field]
    page: str = ""  # where it was found

    def defaults(self) -> dict[str, list[str]]:
        """What a browser would send untouched (the first submit button's name too)."""
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f.options or f.kind in ("checkbox", "radio", "select", "select-multiple"):
                first = f.options[:1] if f.kind == "select" else []
                data.setdefault(f.name, []).extend(f.selected or first)
            elif f.kind in ("submit", "file"):
                continue
            else:
                data.setdefault(f.name, []).append(f.value)
        submit = next((f for f in self.fields if f.kind == "submit"), None)
        if submit is not None:
            data.setdefault(submit.name, []).append(submit.value)
        return data


def _max(attrs) -> int | None:
    value = attrs.get("maxlength", "")
    return int(value) if value.isdigit() else None


class _FormParser(HTMLParser):
    """The POST forms of a page and its same-site links."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base, self.forms, self.links = base, [], []
        self._form = self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            self._form = None
            if a.get("method", "get").lower() == "post":
                action = urlsplit(urljoin(self.base, a.get("action") or self.base)).path
                self._form = Form(action, a.get("enctype", ""), [], page=self.base)
                self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            value = a.get("value")  # an option without one is a placeholder here
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.selected.append(value)
        elif self._form is None or "name" not in a or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if "hidden" in a or "hidden" in a.get("class", "").split():
                kind = "hidden"  # a username for password managers, say: not typed
            if kind in ("checkbox", "radio"):
                self._choice(a["name"], kind, a.get("value", "on"), "checked" in a)
            elif kind not in ("button", "reset", "image"):
                self._add(Field(a["name"], kind, a.get("value", ""), maxlength=_max(a)))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._add(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea", maxlength=_max(a))
            self._add(self._textarea)
        elif tag == "select":
            kind = "select-multiple" if "multiple" in a else "select"
            self._select = Field(a["name"], kind)
            self._add(self._select)

    def _add(self, f: Field):
        self._form.fields.append(f)

    def _choice(self, name, kind, value, checked):
        """Checkboxes and radios of one name are one field whose options they are."""
        group = next((f for f in self._form.fields if f.name == name and f.kind == kind), None)
        if group is None:
            group = Field(name, kind)
            self._add(group)
        group.options.append(value)
        if checked:
            group.selected.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # HTML drops the line break right after <textarea>; Django writes one.
            value = self._textarea.value
            self._textarea.value = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None


def parse(html: str, base: str) -> tuple[list[Form], list[str]]:
    parser = _FormParser(base)
    parser.feed(html)
    return parser.forms, parser.links


def form_key(form: Form) -> tuple:
    """Two forms are the same form when they post the same names to the same route
    (a sign-up form on each meeting's page is one form)."""
    return (route_name(form.action), tuple(sorted({f.name for f in form.fields})))


@dataclass
class Crawl:
    """What one role reached: pages per route name, and the POST forms on them."""

    pages: dict[str, int] = field(default_factory=dict)
    forms: dict[tuple, Form] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # pages that answered 500


PAGES, ADMIN_PAGES = 3, 2


def crawl(client, starts: list[str], *, admin: bool) -> Crawl:
    """Breadth first from ``starts``, at most ``PAGES`` pages of each route (a detail
    page whose object is not in the state its form needs may have a sibling that
    is), ``ADMIN_PAGES`` of each of the admin's (whose objects have the same form,
    but tools that differ by state), a page's links to one route taken spread over
    its list (``spread``). Query strings are dropped: they filter and page lists,
    they do not reach forms. A download (an answer that is not HTML) is a page
    reached. ``admin``: follow links into the admin too, and the pages its actions
    open."""
    seen, result = set(), Crawl()
    queue = deque(starts)
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.path in seen:
            continue
        seen.add(parts.path)
        name = route_name(parts.path)
        if name is None or skip_reason(name) or (name.startswith("admin:") and not admin):
            continue
        if result.pages.get(name, 0) >= (ADMIN_PAGES if name.startswith("admin:") else PAGES):
            continue
        response = client.get(parts.path)
        if response.status_code >= 500:
            result.errors.append(f"{response.status_code} for GET {parts.path}")
        if response.status_code in (301, 302, 303, 307) and "Location" in response:
            queue.append(urljoin(parts.path, response["Location"]))  # allauth's key pages
        if response.status_code != 200:
            continue
        result.pages[name] = result.pages.get(name, 0) + 1
        if "html" not in response.get("Content-Type", ""):
            continue
        forms, links = parse(response.content.decode(), parts.path)
        for form in forms:
            if form_key(form) not in result.forms and admin:
                queue.extend(_action_pages(client, form))
            result.forms.setdefault(form_key(form), form)
        queue.extend(spread(links))
    return result


def spread(links: list[str]) -> list[str]:
    """``links`` grouped by route, each group's taken from both ends of its list,
    then from the middles between those taken, and so on: the first few links to a
    route are spread over its list, which is sorted by date or state, so that the
    few pages of it the crawl visits differ most."""
    groups: dict = {}
    for link in links:
        groups.setdefault(route_name(urlsplit(link).path), []).append(link)
    return [group[i] for group in groups.values() for i in _spread_order(len(group))]


def _spread_order(n: int) -> list[int]:
    order, spans = [0, n - 1][:n], deque([(0, n - 1)])
    while spans:
        low, high = spans.popleft()
        if high - low > 1:
            middle = (low + high) // 2
            order.append(middle)
            spans.extend([(low, middle), (middle, high)])
    return order


def _action_pages(client, form: Form) -> list[str]:
    """The pages the admin's actions open on a list (a move, a cancellation with its
    reason): each action chosen for the list's first object, in a savepoint rolled
    back, and the page it answers with a redirect to."""
    from django.db import transaction

    fields = {f.name: f for f in form.fields}
    if "action" not in fields or not fields.get("_selected_action", Field("", "")).options:
        return []
    pages = []
    for action in fields["action"].options:
        if not action:
            continue
        data = form.defaults() | {
            "action": [action],
            "_selected_action": fields["_selected_action"].options[:1],
        }
        with transaction.atomic():
            response = client.post(form.action, data)
            transaction.set_rollback(True)
        if response.status_code == 302:
            pages.append(urljoin(form.action, response["Location"]))
    return pages
