"""Every mail template, rendered as it is sent (tests/portal/mail_samples.py), in
each language: each link in it is on SITE_URL and reaches a route of the portal,
whatever host the request that caused the mail came in on."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, resolve

from portal.adapters import AccountAdapter
from portal.mail import render_templated_mail

from .mail_samples import ALLAUTH_MAILS, PORTAL_MAILS, allauth_context

pytestmark = pytest.mark.django_db

SITE_URL = "https://samverkan.example.se:8443"  # neither the default nor the test host
LINK = re.compile(r"https?://[^\s<>\"')]+")
MISSING = "MISSING-VARIABLE"


def _template_dirs() -> list[Path]:
    """The project's template directories (templates/ and its apps'), not libraries'."""
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine["DIRS"]]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(settings.BASE_DIR) and ".venv" not in path.parts:
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]


def _found(pattern: str, suffixes: tuple[str, ...]) -> set[str]:
    found = set()
    for directory in _template_dirs():
        for path in directory.glob(pattern):
            name = path.relative_to(directory).as_posix()
            for suffix in suffixes:
                if name.endswith(suffix):
                    found.add(name.removesuffix(suffix))
                    break
    return found


PORTAL_TEMPLATES = _found("**/emails/*", ("_subject.txt", ".txt", ".html"))
ALLAUTH_TEMPLATES = _found("account/email/*", ("_subject.txt", "_message.txt", "_message.html"))
ALLAUTH_TEMPLATES.discard("account/email/base")  # what the others extend


def test_every_mail_template_has_a_sample_context():
    assert PORTAL_TEMPLATES - set(PORTAL_MAILS) == set(), "add them to mail_samples.PORTAL_MAILS"
    assert ALLAUTH_TEMPLATES - set(ALLAUTH_MAILS) == set(), "add them to ALLAUTH_MAILS"
    assert set(PORTAL_MAILS) <= PORTAL_TEMPLATES and set(ALLAUTH_MAILS) <= ALLAUTH_TEMPLATES


@pytest.fixture
def mail_settings(settings):
    settings.SITE_URL = SITE_URL
    # A variable the template uses that its context lacks shows, instead of nothing.
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine["OPTIONS"], "string_if_invalid": MISSING}}
        for engine in settings.TEMPLATES
    ]
    return settings


def _assert_links_reach_the_portal(template: str, *parts: str | None) -> None:
    text = "\n".join(part for part in parts if part)
    assert MISSING not in text, f"{template}: a variable is missing from its context\n{text}"
    links = [link.rstrip(".,;:!?") for link in LINK.findall(text)]
    assert links, f"{template} has no link\n{text}"
    for link in links:
        assert link.startswith(SITE_URL + "/"), f"{template}: {link}"
        try:
            resolve(urlsplit(link).path)
        except Resolver404:
            pytest.fail(f"{template}: {link} is not a route of the portal")


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("template", sorted(PORTAL_MAILS))
def test_the_portal_s_mail_links_to_routes_on_site_url(mail_settings, template, language):
    subject, body, html = render_templated_mail(
        template=template, context=PORTAL_MAILS[template](), language=language
    )
    assert subject.strip()
    _assert_links_reach_the_portal(template, body, html)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("template", sorted(ALLAUTH_MAILS))
def test_allauth_s_mail_links_to_routes_on_site_url(mail_settings, template, language):
    from django.utils import translation

    with translation.override(language):
        message = AccountAdapter().render_mail(template, "ny@example.se", allauth_context(template))
    assert message.subject.startswith(f"[{settings.PORTAL_NAME}] ")
    html = next(
        (c for c, mimetype in getattr(message, "alternatives", []) if "html" in mimetype), ""
    )
    _assert_links_reach_the_portal(template, message.body, html)
    assert "testserver" not in message.body
    greeting = message.body.splitlines()[0]
    assert settings.PORTAL_NAME in greeting
