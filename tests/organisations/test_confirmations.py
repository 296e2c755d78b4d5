"""What ends something (leaving, removing a representative, withdrawing an
invitation, declining a request to join) asks first, on a page of its own that
works without JavaScript: GET names what will happen and changes nothing; the
page's plain form POSTs, and that acts. The last administrator is told up front."""

import re

import pytest
from django.urls import reverse

from organisations import services
from organisations.models import Invitation, JoinRequest, Membership
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Vivalla IF")


@pytest.fixture
def admin(org):
    return MembershipFactory(
        organisation=org, role="admin", user__first_name="Alva", user__last_name="Admin"
    )


@pytest.fixture
def editor(org):
    return MembershipFactory(
        organisation=org, role="editor", user__first_name="Erik", user__last_name="Editor"
    )


def the_form(page: str) -> str:
    """The confirmation form: a plain POST to the page itself, no script needed."""
    forms = re.findall(r"<form method=\"post\" class=\"org-actions\">(.*?)</form>", page, re.S)
    assert len(forms) == 1, "one confirmation form"
    assert "<script" not in page.split("<main", 1)[-1]
    return forms[0]


def test_members_page_links_to_the_confirmation_pages(client, org, admin, editor):
    client.force_login(admin.user)
    page = client.get(reverse("organisations:members", args=[org.slug])).content.decode()
    remove = reverse("organisations:member_remove", args=[org.slug, editor.pk])
    leave = reverse("organisations:leave", args=[org.slug])
    assert f'href="{remove}"' in page and f'action="{remove}"' not in page
    assert f'href="{leave}"' in page and f'action="{leave}"' not in page


def test_removing_a_representative_asks_first(client, org, admin, editor):
    client.force_login(admin.user)
    url = reverse("organisations:member_remove", args=[org.slug, editor.pk])
    page = client.get(url).content.decode()
    assert ">Ta bort Erik Editor som representant?</h1>" in page
    assert "Erik Editor kommer inte längre att kunna ändra uppgifterna" in page
    assert "Ja, ta bort Erik Editor" in the_form(page)
    assert Membership.objects.filter(pk=editor.pk).exists()
    response = client.post(url, follow=True)
    assert "Erik Editor togs bort." in response.content.decode()
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_leaving_asks_first(client, org, admin, editor):
    client.force_login(editor.user)
    mine = client.get(reverse("organisations:mine")).content.decode()
    url = reverse("organisations:leave", args=[org.slug])
    assert f'href="{url}"' in mine  # an editor can leave from "Mina föreningar"
    page = client.get(url).content.decode()
    assert ">Lämna Vivalla IF?</h1>" in page
    assert "Du kommer inte längre att kunna ändra uppgifterna" in page
    assert "administratör för" not in page.split("<main", 1)[-1]  # not an admin
    assert "Ja, lämna Vivalla IF" in the_form(page)
    assert Membership.objects.filter(pk=editor.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_the_last_administrator_is_told_before_and_refused_after(client, org, admin):
    client.force_login(admin.user)
    url = reverse("organisations:leave", args=[org.slug])
    page = client.get(url).content.decode()
    assert "minst en administratör" in page
    assert "Ja, lämna" not in page  # nothing offered that would be refused
    response = client.post(url, follow=True)  # posted anyway: the service's guard
    assert "minst en administratör" in response.content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()

    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    remove = reverse("organisations:member_remove", args=[org.slug, admin.pk])
    assert "minst en administratör" in client.get(remove).content.decode()
    assert "minst en administratör" in client.post(remove, follow=True).content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_an_administrator_leaving_is_told_they_stop_being_one(client, org, admin):
    MembershipFactory(organisation=org, role="admin")
    client.force_login(admin.user)
    page = client.get(reverse("organisations:leave", args=[org.slug])).content.decode()
    assert "Du kommer inte längre att vara administratör för Vivalla IF." in page


def test_declining_a_request_to_join_asks_first(client, org, admin):
    asker = UserFactory(first_name="Nadia", last_name="Ny", email="nadia@example.se")
    request = JoinRequest.objects.create(organisation=org, user=asker, message="Jag är kassör.")
    client.force_login(admin.user)
    url = reverse("organisations:join_request_decide", args=[org.slug, request.pk])
    members = client.get(reverse("organisations:members", args=[org.slug])).content.decode()
    assert f'href="{url}"' in members  # "Avböj" leads to the page
    page = client.get(url).content.decode()
    assert ">Avböj förfrågan från Nadia Ny?</h1>" in page
    assert "Jag är kassör." in page and "nadia@example.se" in page
    assert "Nadia Ny får ett e-postmeddelande om att förfrågan har avböjts." in page
    form = the_form(page)
    assert 'name="decision" value="decline"' in form
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.OPEN
    client.post(url, {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.DECLINED
    response = client.get(url, follow=True)  # answered: nothing left to confirm
    assert "Förfrågan är redan besvarad." in response.content.decode()


CONFIRMATION_VIEWS = ["member_remove", "leave", "invitation_withdraw", "join_request_decide"]


def _url(name, org, admin, editor):
    if name == "member_remove":
        return reverse(f"organisations:{name}", args=[org.slug, editor.pk])
    if name == "leave":
        return reverse(f"organisations:{name}", args=[org.slug])
    if name == "invitation_withdraw":
        invitation = services.membership_invite(
            organisation=org, by=admin.user, email="ny@example.se"
        )
        return reverse(f"organisations:{name}", args=[org.slug, invitation.pk])
    request = JoinRequest.objects.create(organisation=org, user=UserFactory())
    return reverse(f"organisations:{name}", args=[org.slug, request.pk])


def _unchanged(org, editor) -> bool:
    return (
        Membership.objects.filter(organisation=org).count() == 2
        and not Invitation.objects.filter(withdrawn_at__isnull=False).exists()
        and not JoinRequest.objects.exclude(status=JoinRequest.Status.OPEN).exists()
    )


@pytest.mark.parametrize("name", CONFIRMATION_VIEWS)
def test_the_wrong_people_get_no_confirmation_and_change_nothing(client, org, admin, editor, name):
    url = _url(name, org, admin, editor)
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.post(url)
    someone_else = MembershipFactory(role="admin").user  # another association's admin
    people = [someone_else, UserFactory()]
    if name != "leave":  # an editor may leave, not manage the others
        people.append(editor.user)
    for person in people:
        client.force_login(person)
        assert client.get(url).status_code == 403, person
        assert client.post(url, {"decision": "decline"}).status_code in (302, 403)
    assert _unchanged(org, editor)


@pytest.mark.parametrize("name", CONFIRMATION_VIEWS)
def test_a_hidden_associations_confirmation_pages_are_404(client, editor, name):
    """A pending association's pages, for someone who is not its representative."""
    org = editor.organisation
    admin = MembershipFactory(organisation=org, role="admin")
    url = _url(name, org, admin, editor)
    org.status = "pending"
    org.save(update_fields=["status"])
    client.force_login(MembershipFactory(role="admin").user)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
