"""The anonymous page cache (portal/pagecache.py): a page is kept from its second
request, a page served again costs no query, a change shows at once, logged-in
visitors and visitors with messages bypass it, and no visitor's CSRF token reaches
another."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from organisations.models import Organisation
from organisations.services import activity_create, organisation_update
from portal import pagecache
from tests.organisations.factories import (
    ActivityFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:directory")
CALENDAR = reverse("organisations:calendar")
HOME = reverse("home")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def org():
    district = DistrictFactory(name="Flemingsberg", slug="flemingsberg")
    org = OrganisationFactory(
        name="Vårby Kulturförening",
        categories=[CategoryFactory(name="Kulturförening", slug="kulturforening")],
        districts=[district],
    )
    ActivityFactory(organisation=org, title="Vårkonsert", district=district)
    return org


def detail_url(org):
    return reverse("organisations:detail", args=[org.slug])


def pages(org):
    return [HOME, DIRECTORY, f"{DIRECTORY}?q=kultur", CALENDAR, detail_url(org)]


def keep(client, url):
    """Ask for the page twice: the second time it is kept."""
    client.get(url)
    return client.get(url)


def kept(url, kind="directory"):
    """The entry the cache holds for an anonymous visitor's ``url``, if any."""
    with translation.override("sv"):
        return cache.get(pagecache.page_key(RequestFactory().get(url), kind))


def test_a_page_is_kept_from_its_second_request(client, org, django_assert_num_queries):
    url = f"{DIRECTORY}?q=kultur"
    first = client.get(url)
    assert first.status_code == 200
    assert kept(url) is None  # a search typed once leaves nothing in the cache
    second = client.get(url)
    assert "Vårby Kulturförening".encode() in kept(url)["content"]
    with django_assert_num_queries(0):
        third = client.get(url)
    assert TOKEN.sub("", third.content.decode()) == TOKEN.sub("", second.content.decode())


def test_a_write_between_the_first_and_second_request_shows(
    client, org, django_capture_on_commit_callbacks, django_assert_num_queries
):
    admin = MembershipFactory(organisation=org).user
    client.get(DIRECTORY)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=org, by=admin, changes={"name": "Vårby Musikförening"})
    assert "Vårby Musikförening" in client.get(DIRECTORY).content.decode()  # kept now
    with django_assert_num_queries(0):
        assert "Vårby Musikförening" in client.get(DIRECTORY).content.decode()


def test_a_page_another_process_keeps_is_served_from_the_second_request(
    client, org, django_assert_num_queries, django_assert_max_num_queries
):
    keep(client, DIRECTORY)
    pagecache._asked.clear()  # as a process that was never asked for it
    with django_assert_max_num_queries(20) as queries:
        client.get(DIRECTORY)  # not looked up: rendered
    assert len(queries) > 0
    with django_assert_num_queries(0):
        client.get(DIRECTORY)  # the page the other process kept


def test_a_request_longer_ago_than_the_seconds_does_not_count(client, org, settings):
    with time_machine.travel(timezone.now().replace(hour=10), tick=False) as traveller:
        client.get(DIRECTORY)
        traveller.shift(settings.PAGE_CACHE_SECONDS + 1)
        client.get(DIRECTORY)
        assert kept(DIRECTORY) is None
        client.get(DIRECTORY)
        assert kept(DIRECTORY) is not None


def test_each_process_remembers_a_bounded_number_of_addresses(client, org, monkeypatch):
    monkeypatch.setattr(pagecache, "ASKED_LIMIT", 2)
    for url in (f"{DIRECTORY}?q=a", f"{DIRECTORY}?q=b", f"{DIRECTORY}?q=c"):
        client.get(url)
    client.get(f"{DIRECTORY}?q=a")  # forgotten: its first request again
    assert kept(f"{DIRECTORY}?q=a") is None
    client.get(f"{DIRECTORY}?q=c")
    assert kept(f"{DIRECTORY}?q=c") is not None


def test_third_request_reads_nothing(client, org, django_assert_num_queries):
    for url in pages(org):
        first = keep(client, url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())


def test_parameters_in_any_order_are_one_page(client, org, django_assert_num_queries):
    client.get(f"{DIRECTORY}?q=kultur&has_staff=no")
    client.get(f"{DIRECTORY}?has_staff=no&q=kultur")  # the same address again: kept
    with django_assert_num_queries(0):
        assert client.get(f"{DIRECTORY}?q=kultur&has_staff=no").status_code == 200


def test_each_language_its_own_page(client, org):
    assert '<html lang="sv">' in client.get(DIRECTORY).content.decode()
    client.cookies["portal_language"] = "en"
    assert '<html lang="en">' in client.get(DIRECTORY).content.decode()


def test_a_change_to_an_association_shows_at_once(client, org, django_capture_on_commit_callbacks):
    admin = MembershipFactory(organisation=org).user
    for url in pages(org):
        keep(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=org, by=admin, changes={"name": "Vårby Musikförening"})
    org.refresh_from_db()
    assert "Vårby Musikförening" in client.get(f"{DIRECTORY}?q=vårby").content.decode()
    assert "Vårby Musikförening" in client.get(DIRECTORY).content.decode()
    assert "Vårby Musikförening" in client.get(CALENDAR).content.decode()
    assert "Vårby Musikförening" in client.get(detail_url(org)).content.decode()


def test_a_new_activity_shows_at_once(client, org, django_capture_on_commit_callbacks):
    admin = MembershipFactory(organisation=org).user
    keep(client, CALENDAR), keep(client, detail_url(org))
    with django_capture_on_commit_callbacks(execute=True):
        activity_create(
            organisation=org,
            by=admin,
            data={"title": "Höstkonsert", "starts_at": timezone.now() + timedelta(days=2)},
        )
    assert "Höstkonsert" in client.get(CALENDAR).content.decode()
    assert "Höstkonsert" in client.get(detail_url(org)).content.decode()


def test_a_category_or_district_renamed_shows_at_once(
    client, org, django_capture_on_commit_callbacks
):
    keep(client, DIRECTORY), keep(client, CALENDAR)
    # In a transaction of their own as the admin's saves are (the test's transaction
    # has a bump pending since the fixture's writes, and that one never runs).
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        category = org.categories.get()
        category.name = "Musikförening"
        category.save()
    assert "Musikförening" in client.get(DIRECTORY).content.decode()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        org.districts.update(name="Visättra")  # a queryset update sends no signal
    assert "Visättra" in client.get(CALENDAR).content.decode()


def test_only_a_committed_write_to_a_shown_table_moves_the_version(
    django_capture_on_commit_callbacks,
):
    before = pagecache.version()
    with django_capture_on_commit_callbacks(execute=True):
        Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    assert pagecache.version() == before  # a login's session empties no cache
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Organisation.objects.filter(pk=0).update(name="ingen")
        Organisation.objects.filter(pk=0).delete()
    assert len(callbacks) == 1  # once per transaction
    assert pagecache.version() == before + 1


def test_logged_in_visitors_bypass_the_cache(client, org):
    member = MembershipFactory(organisation=org).user
    keep(client, detail_url(org))  # anonymous: cached
    client.force_login(member)
    html = client.get(detail_url(org)).content.decode()
    assert reverse("organisations:edit", args=[org.slug]) in html  # their own view
    assert reverse("account_logout") in html
    client.logout()
    html = Client().get(detail_url(org)).content.decode()  # theirs was not kept
    assert reverse("organisations:edit", args=[org.slug]) not in html


def test_two_visitors_share_no_token(org):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_1 = TOKEN.search(keep(first, DIRECTORY).content.decode())[1]
    response = second.get(DIRECTORY)  # from the cache
    token_2 = TOKEN.search(response.content.decode())[1]
    assert token_1 != token_2
    assert pagecache._CSRF_PLACEHOLDER.decode() not in response.content.decode()
    assert "csrftoken" in response.cookies  # the second visitor's own secret
    # Each visitor's token works with their own cookie only: the language switch.
    switch = reverse("set_language")
    assert (
        second.post(switch, {"language": "en", "csrfmiddlewaretoken": token_2}).status_code == 302
    )
    assert first.post(switch, {"language": "en", "csrfmiddlewaretoken": token_2}).status_code == 403


def test_a_visitor_with_messages_gets_them_and_nobody_else_does(client, org):
    keep(Client(), HOME)  # in the cache
    client.force_login(MembershipFactory(organisation=org).user)
    client.post(reverse("account_logout"))  # "You have signed out." waits for the next page
    waiting = client.get(HOME)
    assert 'class="message message--' in waiting.content.decode()
    assert 'class="message message--' not in client.get(HOME).content.decode()  # shown once
    assert 'class="message message--' not in Client().get(HOME).content.decode()


def test_off_when_no_seconds(client, org, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(DIRECTORY)
    with django_assert_max_num_queries(10) as queries:
        client.get(DIRECTORY)
    assert len(queries) > 0


def test_not_found_is_not_kept(client, org, django_capture_on_commit_callbacks):
    assert keep(client, reverse("organisations:detail", args=["ny-forening"])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Ny förening", slug="ny-forening")
    assert client.get(reverse("organisations:detail", args=["ny-forening"])).status_code == 200


def test_an_unreachable_cache_is_no_error(client, org, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    for url in pages(org):
        assert keep(client, url).status_code == 200  # the second one looks it up
    feed = client.get(reverse("organisations:calendar_ics"))
    assert feed.status_code == 200
    assert "ETag" not in feed
