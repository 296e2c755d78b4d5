"""Every contact path ends at the municipality's contact from the settings: the
footer, the contact page, the 404 and placeholder pages, and the text of the
accessibility statement and the privacy notice (issue 10)."""

import re
from html import unescape
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from portal.contact import Contact
from portal.models import SitePage

pytestmark = pytest.mark.django_db

EMAIL = "kontakt@testkommun.example"
PHONE = "0123-45 67 89"
TEL = 'href="tel:+46123456789"'


@pytest.fixture(autouse=True)
def contact_settings(settings):
    settings.CONTACT_EMAIL = EMAIL
    settings.CONTACT_PHONE = PHONE
    settings.MUNICIPALITY_NAME = "Testby kommun"


def html_of(client, url: str) -> str:
    return unescaped(client.get(url))


def unescaped(response) -> str:
    """The page's HTML with entities decoded, without the address's <wbr> breaks and
    the phone number's no-break spaces."""
    return unescape(response.content.decode()).replace("<wbr>", "").replace("\u00a0", " ")


def mailto_subject(html: str) -> str:
    """The subject of the first mailto: link to the contact, decoded."""
    from urllib.parse import unquote

    match = re.search(rf'href="mailto:{re.escape(EMAIL)}\?subject=([^"]*)"', html)
    assert match, "no mailto: link with a subject"
    return unquote(match.group(1))


def footer(html: str) -> str:
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def test_the_footer_names_the_contact_and_links_a_real_contact_page(client):
    html = footer(html_of(client, "/"))
    assert "Kontakta Testby kommun:" in html
    assert f">{EMAIL}</a>" in html and f">{PHONE}</a>" in html
    assert TEL in html
    assert mailto_subject(html) == "Fråga om Samverkansportalen"
    contact_url = reverse("site_page", args=[SitePage.CONTACT])
    assert f'href="{contact_url}">Kontakt</a>' in html
    assert reverse("contacts:index") not in html  # the footer's contact is the municipality's


def test_the_contact_page_shows_the_contact(client):
    response = client.get(reverse("site_page", args=[SitePage.CONTACT]))
    assert response.status_code == 200
    main = re.search(r"<main.*?</main>", unescaped(response), re.S).group(0)
    assert "<h1>Kontakt</h1>" in main
    assert '<h2 id="contact-heading">Kontakta Testby kommun</h2>' in main
    assert f">{EMAIL}</a>" in main and f">{PHONE}</a>" in main and TEL in main


def test_the_404_page_gives_the_contact(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    main = re.search(r"<main.*?</main>", unescaped(response), re.S).group(0)
    assert f'href="{reverse("contacts:index")}">Hitta rätt</a>' in main  # Hitta rätt, built
    assert "Kontakta Testby kommun" in main
    assert f">{EMAIL}</a>" in main and TEL in main


@pytest.mark.parametrize("url_name", ["contacts:index", "inquiries:start"])
def test_hitta_ratt_and_en_vag_in_are_no_dead_ends(client, url_name):
    main = re.search(r"<main.*?</main>", html_of(client, reverse(url_name)), re.S).group(0)
    assert f">{EMAIL}</a>" in main and f">{PHONE}</a>" in main


def test_the_accessibility_statement_names_the_contact_and_a_report_link(client):
    html = html_of(client, "/sida/tillganglighet/")
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert "{contact_" not in main
    assert "kontakta kommunens kontaktcenter på" in main
    assert "En väg in" not in main  # not built yet: no path leads there
    assert "skicka e-post till" in main and f">{PHONE}</a>" in main and TEL in main
    assert mailto_subject(main) == "Tillgänglighetsproblem på Samverkansportalen"


def test_the_accessibility_statement_in_english(client):
    client.cookies["portal_language"] = "en"
    main = re.search(r"<main.*?</main>", html_of(client, "/sida/tillganglighet/"), re.S).group(0)
    assert "contact the municipality's contact centre at" in main
    assert f">{EMAIL}</a>" in main and f">{PHONE}</a>" in main
    assert mailto_subject(main) == "Accessibility problem on Samverkansportalen"


def test_the_privacy_notice_names_the_contact(client):
    main = re.search(r"<main.*?</main>", html_of(client, "/sida/personuppgifter/"), re.S).group(0)
    assert "kommunens kontaktcenter på" in main and "dataskyddsombud" in main
    assert f">{EMAIL}</a>" in main and f">{PHONE}</a>" in main
    assert mailto_subject(main) == "Personuppgifter på Samverkansportalen"


def test_a_changed_setting_changes_every_page_at_once(client, settings):
    settings.CONTACT_EMAIL = "ny@testkommun.example"
    for url in ["/", "/sida/tillganglighet/", "/sida/personuppgifter/", "/sida/kontakt/"]:
        html = html_of(client, url)
        assert "ny@testkommun.example</a>" in html, url
        assert EMAIL not in html, url


def test_contact_placeholders_in_an_edited_page_are_filled_in_and_the_rest_escaped(client):
    SitePage.objects.create(
        slug="test",
        title_sv="Test",
        body_sv="## Fråga {contact_email}\n\nSkriv <b>{contact_email}</b>\neller {okänd}",
    )
    html = client.get("/sida/test/").content.decode()
    shown = "kontakt@<wbr>testkommun<wbr>.example"  # breaks where a phone may wrap it
    assert f"<h2>Fråga {shown}</h2>" in html  # a heading holds no link
    subject = "Fr%C3%A5ga%20om%20Samverkansportalen"
    assert (
        f'<p>Skriv &lt;b&gt;<a href="mailto:{EMAIL}?subject={subject}">{shown}</a>'
        "&lt;/b&gt;<br>eller {okänd}</p>"
    ) in html


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("08-465 004 00", "tel:+46846500400"),
        ("0123-45 67 89", "tel:+46123456789"),
        ("+46 8 535 300 00", "tel:+46853530000"),
        ("0046 8 535 300 00", "tel:+46853530000"),
    ],
)
def test_phone_numbers_become_international_tel_links(phone, uri):
    assert Contact(email=EMAIL, phone=phone).phone_uri == uri


def test_the_shown_address_is_escaped():
    contact = Contact(email="a<b>@x.example", phone=PHONE)
    assert contact.email_html == "a&lt;b&gt;@<wbr>x<wbr>.example"
    assert contact.phone_display == "0123-45\u00a067\u00a089"


def test_the_contact_migration_leaves_reworded_pages_alone_and_reverses():
    migration = import_module("portal.migrations.0012_contact_pages")
    statement = SitePage.objects.get(slug=SitePage.ACCESSIBILITY)
    statement.body_sv = "Vår egen redogörelse."
    statement.save()
    migration.backwards(apps, None)
    statement.refresh_from_db()
    assert statement.body_sv == "Vår egen redogörelse."
    assert "One way in on the website" in statement.body_en  # shipped text: reversed
    assert not SitePage.objects.filter(slug=SitePage.CONTACT).exists()
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: still one replacement, one page
    statement.refresh_from_db()
    assert statement.body_sv == "Vår egen redogörelse."
    assert statement.body_en.count("{contact_email}") == 2
    assert SitePage.objects.filter(slug=SitePage.CONTACT).count() == 1
