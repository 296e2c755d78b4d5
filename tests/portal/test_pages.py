import re
from html import unescape

import pytest
from django.urls import reverse

from portal.models import SitePage

pytestmark = pytest.mark.django_db

SECTION_URLS = [
    ("organisations:directory", "Föreningsregistret"),
    ("organisations:calendar", "Kalender"),
    ("dialogues:index", "Dialogforum"),
    ("partnerships:index", "Samverkan & IOP"),
    ("surveys:index", "Enkäter"),
    ("inquiries:start", "En väg in"),
    ("contacts:index", "Hitta rätt"),
]


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert h1_count(html) == 1
    # The skip link is the first link in the page and points at <main id="main">.
    first_link = re.search(r"<a\s[^>]*>", html).group(0)
    assert 'href="#main"' in first_link
    assert "Hoppa till innehållet" in html
    assert '<main id="main" tabindex="-1">' in html
    assert 'role="banner"' in html or "<header" in html
    assert "<footer" in html


def test_home_links_every_section_from_the_navigation(client):
    html = client.get("/").content.decode()
    nav = re.search(r"<nav[^>]*aria-label=\"Huvudmeny\"[^>]*>(.*?)</nav>", html, re.S).group(1)
    for name, label in SECTION_URLS:
        url = reverse(name)
        assert f'href="{url}"' in nav, name
        assert label in unescape(nav), label


def test_home_links_footer_pages(client):
    html = client.get("/").content.decode()
    assert reverse("site_page", args=["tillganglighet"]) in html
    assert reverse("site_page", args=["personuppgifter"]) in html
    assert "Tillgänglighetsredogörelse" in html


def test_home_has_csp_and_no_inline_script_or_style(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    html = response.content.decode()
    # Every <script> must load a file; no inline styles at all.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert "<style" not in html
    assert "style=" not in html
    assert re.search(r"\son\w+=", html) is None


def test_language_switch_is_a_post_form(client):
    html = client.get("/sida/tillganglighet/").content.decode()
    form = re.search(r'<form class="language-switch"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None
    assert 'method="post"' in form.group(0)
    assert 'action="/i18n/setlang/"' in form.group(0)
    assert 'name="next" value="/sida/tillganglighet/"' in form.group(1)
    assert 'value="en"' in form.group(1)


def test_logged_in_header_shows_name_account_and_post_logout(client, user):
    user.first_name, user.last_name = "Anna", "Berg"
    user.save()
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Anna Berg" in html
    assert "Mitt konto" in html
    assert re.search(r'<form action="/accounts/logout/" method="post">', html)
    assert "Logga in" not in html


def test_home_in_english_with_language_cookie(client):
    client.cookies["portal_language"] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Association register" in html


def test_home_query_count(client, user, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        client.get("/")
    client.force_login(user)
    with django_assert_max_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200


SECTION_TITLES = {
    "organisations": "Föreningsregistret",
    "calendar": "Kalender",
    "dialogues": "Dialogforum",
    "partnerships": "Samverkan & IOP",
    "surveys": "Enkäter",
    "account": "Mitt konto",
}


@pytest.mark.parametrize("section, heading", SECTION_TITLES.items())
def test_placeholder_page_has_one_heading_naming_the_section(rf, section, heading):
    from django.contrib.auth.models import AnonymousUser

    from portal.views import placeholder

    request = rf.get("/")
    request.user = AnonymousUser()
    html = unescape(placeholder(request, section=section).content.decode())
    assert h1_count(html) == 1
    assert f"<h1>{heading}</h1>" in html


def test_placeholder_for_unknown_section_is_404(rf):
    from django.http import Http404

    from portal.views import placeholder

    with pytest.raises(Http404):
        placeholder(rf.get("/"), section="nope")


def test_still_unbuilt_sections_show_the_placeholder(client):
    html = unescape(client.get(reverse("surveys:index")).content.decode())
    assert "<h1>Enkäter</h1>" in html


def test_accessibility_statement(client):
    response = client.get("/sida/tillganglighet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    assert "Myndigheten för digital förvaltning" in html
    assert "<h2>Tillsyn</h2>" in html
    assert "<h2>Hur vi testat webbplatsen</h2>" in html
    assert h1_count(html) == 1


def test_privacy_page_in_english(client):
    client.cookies["portal_language"] = "en"
    html = client.get("/sida/personuppgifter/").content.decode()
    assert "<h1>Personal data and privacy</h1>" in html


def test_site_page_body_is_escaped_and_gets_paragraphs(client):
    SitePage.objects.create(
        slug="test",
        title_sv="Test",
        body_sv="Första <script>x</script>\n\n## Rubrik <b>\n\nAndra\nrad",
    )
    html = client.get("/sida/test/").content.decode()
    assert "<h2>Rubrik &lt;b&gt;</h2>" in html
    assert "<p>Andra<br>rad</p>" in html
    assert "<p>Första &lt;script&gt;x&lt;/script&gt;</p>" in html


def test_missing_site_page_gives_swedish_404(client):
    response = client.get("/sida/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan kunde inte hittas" in html
    assert '<html lang="sv">' in html
    assert h1_count(html) == 1


def test_500_page_renders_without_context(client):
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Något gick fel" in html
    assert "/static/css/portal.css" in html


def test_400_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("400.html").render()
    assert "Felaktig begäran" in html


def test_uploaded_media_is_served_without_directory_escape(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/logo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client.get("/media/../manage.py").status_code in (400, 404)


def test_swedish_first_whatever_the_browser_says(client, settings):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert '<html lang="en">' in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="sv">' in client.get(reverse("home")).content.decode()


def test_privacy_page_states_every_retention_rule(client):
    html = client.get("/sida/personuppgifter/").content.decode()
    assert "raderas efter 30 dagar" in html  # accounts never verified
    assert "raderas 90 dagar efter att de gått ut" in html  # invitations
    assert "raderas 90 dagar efter svaret" in html  # requests to join
    assert "telefonnummer ett år senare" in html  # archived associations' contacts


def test_retention_migration_leaves_a_reworded_notice_alone():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("portal.migrations.0005_privacy_retention")
    page = SitePage.objects.get(slug="personuppgifter")
    page.body_sv = "Vår egen text om hur länge vi sparar uppgifter."
    page.save()
    migration.forwards(apps, None)
    page.refresh_from_db()
    assert page.body_sv == "Vår egen text om hur länge vi sparar uppgifter."
    assert migration.EN_NEW in page.body_en  # the English notice was still the shipped one
    migration.backwards(apps, None)
    page.refresh_from_db()
    assert migration.EN_OLD in page.body_en and migration.EN_NEW not in page.body_en
