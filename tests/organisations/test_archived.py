"""An archived association is read-only: every service a representative (or a
coordinator, through the representatives' pages) uses refuses it, with one
message; a coordinator can still restore it, and a person can still leave it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Activity, Invitation, JoinRequest, Membership, Organisation
from organisations.services import RegisterError
from portal.models import AuditEntry
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Nedlagda Klubben")


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin")


@pytest.fixture
def editor(org):
    return MembershipFactory(organisation=org, role="editor")


@pytest.fixture
def activity(org):
    return ActivityFactory(organisation=org)


@pytest.fixture
def archived(org, admin, editor, activity):
    """Archived by a coordinator after the invitation and the request were made."""
    invitation = Invitation.objects.create(organisation=org, email="ny@example.se", invited_by=None)
    request = JoinRequest.objects.create(organisation=org, user=UserFactory())
    services.organisation_archive(
        organisation=org, by=make_municipal_coordinator(), reason="Lagd ner"
    )
    org.refresh_from_db()
    return {"invitation": invitation, "request": request}


def _superuser():
    return get_user_model().objects.create_superuser(email="root@example.se", password="x" * 20)


# Each service a representative uses, as (name, call(org, by, context)).
REPRESENTATIVE_SERVICES = {
    "update": lambda org, by, ctx: services.organisation_update(
        organisation=org, by=by, changes={"name": "Nytt namn"}
    ),
    "confirm": lambda org, by, ctx: services.organisation_confirm(organisation=org, by=by),
    "invite": lambda org, by, ctx: services.membership_invite(
        organisation=org, by=by, email="annan@example.se"
    ),
    "role": lambda org, by, ctx: services.membership_change_role(
        membership=ctx["editor"], by=by, role="admin"
    ),
    "remove": lambda org, by, ctx: services.membership_remove(membership=ctx["editor"], by=by),
    "decide": lambda org, by, ctx: services.join_request_decide(
        join_request=ctx["request"], by=by, accept=True
    ),
    "activity_create": lambda org, by, ctx: services.activity_create(
        organisation=org, by=by, data={"title": "Ny", "starts_at": timezone.now()}
    ),
    "activity_update": lambda org, by, ctx: services.activity_update(
        activity=ctx["activity"], by=by, data={"title": "Ändrad"}
    ),
    "activity_cancel": lambda org, by, ctx: services.activity_cancel(
        activity=ctx["activity"], by=by
    ),
}


@pytest.mark.parametrize("who", ["admin", "coordinator", "superuser"])
@pytest.mark.parametrize("service", REPRESENTATIVE_SERVICES)
def test_every_representative_service_refuses_an_archived_association(
    org, admin, editor, activity, archived, service, who
):
    by = {
        "admin": lambda: admin.user,
        "coordinator": make_municipal_coordinator,
        "superuser": _superuser,
    }[who]()
    audited = AuditEntry.objects.count()
    ctx = {"editor": editor, "activity": activity, **archived}
    with pytest.raises(RegisterError) as refused:
        REPRESENTATIVE_SERVICES[service](org, by, ctx)
    assert refused.value.message == (
        "Nedlagda Klubben är arkiverad och kan inte ändras. "
        "Kontakta kommunen om föreningen ska återställas."
    )
    assert AuditEntry.objects.count() == audited
    org.refresh_from_db()
    activity.refresh_from_db()
    assert (org.name, org.status) == ("Nedlagda Klubben", Organisation.Status.ARCHIVED)
    assert Membership.objects.get(pk=editor.pk).role == "editor"
    assert (activity.title, activity.is_cancelled) != ("Ändrad", True)
    assert Activity.objects.filter(organisation=org).count() == 1
    assert Invitation.objects.filter(organisation=org).count() == 1


def test_an_invitation_or_a_request_to_join_is_refused(org, archived):
    person = UserFactory()
    with pytest.raises(RegisterError, match="arkiverad"):
        services.invitation_accept(token=archived["invitation"].token, user=person)
    with pytest.raises(RegisterError, match="arkiverad"):
        services.join_request_create(organisation=org, user=person)
    assert not Membership.objects.filter(user=person).exists()


def test_a_representative_can_still_leave(org, editor, archived):
    services.membership_leave(organisation=org, user=editor.user)
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_a_coordinator_restores_it_and_then_it_can_be_changed(org, admin, archived):
    coordinator = make_municipal_coordinator()
    services.organisation_approve(organisation=org, by=coordinator)
    org.refresh_from_db()
    assert org.status == Organisation.Status.ACTIVE and org.archived_at is None
    services.organisation_update(organisation=org, by=admin.user, changes={"name": "Igång igen"})
    assert Organisation.objects.get(pk=org.pk).name == "Igång igen"


# --- the pages do not offer what the services refuse --------------------------------


def test_my_associations_offers_nothing_to_change(client, org, admin, archived):
    client.force_login(admin.user)
    content = client.get(reverse("organisations:mine")).content.decode()
    assert "badge--archived" in content
    assert "Föreningen är arkiverad och kan inte ändras." in content
    for name in ("edit", "confirm", "members", "activity_create", "activities"):
        assert reverse(f"organisations:{name}", args=[org.slug]) not in content


def test_the_association_s_page_has_no_edit_button(client, org, admin, archived):
    client.force_login(admin.user)
    content = client.get(org.get_absolute_url()).content.decode()
    assert reverse("organisations:edit", args=[org.slug]) not in content


@pytest.mark.parametrize(
    "name",
    [
        "edit",
        "confirm",
        "members",
        "activity_create",
        "activities",
        "activity_edit",
        "activity_cancel",
    ],
)
def test_a_representative_opening_an_action_is_told_why(
    client, org, admin, activity, archived, name
):
    client.force_login(admin.user)
    args = [activity.pk] if name.startswith("activity_") and name != "activity_create" else []
    url = reverse(f"organisations:{name}", args=args or [org.slug])
    for response in (client.get(url, follow=True), client.post(url, {}, follow=True)):
        assert response.redirect_chain == [(org.get_absolute_url(), 302)]
        assert "Nedlagda Klubben är arkiverad" in response.content.decode()
    org.refresh_from_db()
    assert org.status == Organisation.Status.ARCHIVED


def test_someone_else_does_not_find_it(client, org, archived):
    """An archived association is not shown to others, so its pages answer 404."""
    client.force_login(UserFactory())
    assert client.get(reverse("organisations:edit", args=[org.slug])).status_code == 404


def test_the_join_page_is_not_found(client, org, archived):
    client.force_login(UserFactory())
    url = reverse("organisations:join_request", args=[org.slug])
    assert client.get(url).status_code == 404
