"""Every form view in the URLconf, posted generated data as each role: never a 500
(nor an error logged), and a form that comes back keeps what was typed.

The form views are found, not listed: the URLconf's routes without parameters, the
links of tests.fuzz.world.token_urls and the pages that world.prepare's valid
submissions lead to are the starts of a crawl of the demo site as each role, which
follows every link and keeps each POST form it meets (tests/fuzz/discovery.py).
Each form is then posted ``EXAMPLES`` hypothesis cases (tests/fuzz/cases.py) as
each role, the role's own forms and everyone else's, in the session its crawl left.
Seeded and bounded, so CI posts the same cases on every run; each case runs
in a savepoint that is rolled back, so the site is the same for the next one.
"""

import logging
import time
import zlib
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, seed, settings

from . import discovery, report, world
from .cases import lost_values, post_data

# One worker builds the site (``site``, module-scoped) and posts every role's cases:
# spread over two, each would crawl the whole site as every role.
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz, pytest.mark.xdist_group("fuzz_site")]

# Cases per form and role: more where the role reached the form itself, one where it
# did not (it is refused, and the refusal must not be a 500 either).
EXAMPLES, EXAMPLES_REFUSED = 4, 1


@dataclass
class Site:
    users: dict  # role -> user, None for the anonymous visitor
    sessions: dict  # role -> the session key its crawl left (tests.fuzz.world.prepare)
    forms: list  # (Form, the roles whose crawl reached it)
    errors: list  # pages the crawl got a 500 from


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def _client(user, session: str | None = None) -> Client:
    """A browser of ``user``'s, carrying on ``session`` when given (a registration
    half done, a receipt to see)."""
    client = Client(raise_request_exception=False)
    if session is not None:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo site and the forms that the crawl as each role found on it."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        users = world.build()
        all_routes = discovery.routes()
        starts = [reverse(r.name) for r in all_routes if r.name and not r.has_parameters]
        forms, seen_by, reached, errors, sessions = {}, {}, set(), [], {}
        for role, user in users.items():
            client = _client(user)
            submitted = world.prepare(client, user)
            found = discovery.crawl(
                client,
                starts + world.token_urls(user) + submitted,
                admin=role in world.ADMIN_ROLES,
            )
            cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
            sessions[role] = cookie.value if cookie else None
            reached |= set(found.pages)
            errors += [f"{role}: {error}" for error in found.errors]
            for key, form in found.forms.items():
                forms.setdefault(key, form)
                seen_by.setdefault(key, set()).add(role)
        forms = {k: f for k, f in forms.items() if not discovery.skip_reason(k[0])}
        reached |= {k[0] for k in forms}  # a POST-only view is reached through its form
        report.UNREACHED.update(
            r.name or r.route
            for r in all_routes
            if r.name not in reached and not discovery.skip_reason(r.name)
        )
        report.record(
            discoveries=1,
            routes=len(all_routes),
            reached=len(reached),
            skipped=sum(1 for r in all_routes if discovery.skip_reason(r.name)),
            forms=len(forms),
            form_routes=len({k[0] for k in forms}),
            discovery_seconds=time.monotonic() - started,
        )
        yield Site(users, sessions, [(f, seen_by[k]) for k, f in forms.items()], errors)
        transaction.set_rollback(True)


def _rows() -> tuple[int, ...]:
    """Rows that almost every form's success writes: the audit log, accounts, mail."""
    from django.contrib.sessions.models import Session

    from portal.models import AuditEntry, ReminderDelivery, User

    return tuple(m.objects.count() for m in (AuditEntry, User, ReminderDelivery, Session))


def _name(form) -> str:
    return discovery.route_name(form.action) or ""


def _fuzz(form, user, session, role: str, examples: int) -> None:
    @seed(zlib.crc32(f"{discovery.form_key(form)} {role}".encode()))
    @settings(
        # The same cases on every run: a fixed seed per form and role (derandomize
        # would give every form the same one, so all would get alike cases).
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(post_data(form))
    def case(data):
        cache.clear()  # rate limits and cached pages start afresh
        errors = _Errors()
        logging.getLogger().addHandler(errors)
        try:
            with transaction.atomic():
                response = _client(user, session).post(form.action, data)
                transaction.set_rollback(True)
        finally:
            logging.getLogger().removeHandler(errors)
        report.record(cases=1)
        report.STATUSES[response.status_code] += 1
        shown = {k: (v[:60] if isinstance(v, str) else v) for k, v in data.items()}
        assert response.status_code < 500, f"{response.status_code} for {shown}"
        assert not errors.records, f"{errors.records[0].getMessage()} for {shown}"
        if response.status_code in (200, 400) and "html" in response.get("Content-Type", ""):
            lost = lost_values(form, data, response.content.decode(), form.action)
            if lost is not None:
                report.record(rerendered=1)
                assert not lost, f"lost {lost} from {shown}"

    case()


@pytest.mark.parametrize("role", list(world.ROLES))
def test_no_form_answers_a_server_error(site, role):
    report.record(
        roles=1, pairs=len(site.forms), own=sum(1 for _f, seen in site.forms if role in seen)
    )
    started, failures, before = time.monotonic(), [], _rows()
    for form, seen_by in site.forms:
        try:
            examples = EXAMPLES if role in seen_by else EXAMPLES_REFUSED
            _fuzz(form, site.users[role], site.sessions[role], role, examples)
        except AssertionError as failure:
            report.record(errors=1)
            failures.append(f"{_name(form)} POST {form.action}: {str(failure)[:1500]}")
    report.record(fuzz_seconds=time.monotonic() - started)
    failures += [e for e in site.errors if e.startswith(f"{role}: ")]
    assert _rows() == before, "a case left rows behind"
    assert not failures, "\n\n".join(failures)
