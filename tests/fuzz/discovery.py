"""Finding the form views: the URLconf's patterns, concrete URLs for them from a
crawl of the seeded site as each role, and the POST forms on the pages it reaches.

Nothing here names a view of the project except ``SKIPPED`` (views not fuzzed, each
with its reason) and ``tests.fuzz.world.token_urls`` (links only a mail carries):
the rest is read from ``get_resolver()`` and from the HTML the views answer.
"""

from collections import deque
from dataclasses import dataclass, field
from fnmatch import fnmatch
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
    # Ending the session: every example would leave the role anonymous, and the form
    # has no fields but the CSRF token.
    "account_logout": "ends the session; no fields",
    "admin:logout": "ends the session; no fields",
}


def skip_reason(name: str) -> str | None:
    for pattern, reason in SKIPPED.items():
        if fnmatch(name, pattern) if pattern else name == "":
            return reason
    return None


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


def crawl(client, starts: list[str], *, admin: bool) -> Crawl:
    """Breadth first from ``starts``, at most two pages of each route (a detail page
    whose object is not open for the form may have a sibling that is; one of each of
    the admin's, whose objects all have the same form). Query strings are dropped:
    they filter and page lists, they do not reach forms. ``admin``: follow links
    into the admin too."""
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
        if result.pages.get(name, 0) >= (1 if name.startswith("admin:") else 2):
            continue
        response = client.get(parts.path)
        if response.status_code >= 500:
            result.errors.append(f"{response.status_code} for GET {parts.path}")
        if response.status_code in (301, 302, 303, 307) and "Location" in response:
            queue.append(urljoin(parts.path, response["Location"]))  # allauth's key pages
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        result.pages[name] = result.pages.get(name, 0) + 1
        forms, links = parse(response.content.decode(), parts.path)
        for form in forms:
            result.forms.setdefault(form_key(form), form)
        queue.extend(links)
    return result
