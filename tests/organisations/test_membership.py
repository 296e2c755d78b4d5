import threading

import pytest
from django.urls import reverse

from organisations import services
from organisations.models import JoinRequest, Membership, Organisation
from organisations.services import RegisterError
from portal.models import AuditEntry
from tests.concurrency import first_holds_then
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
    return OrganisationFactory()


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin")


@pytest.fixture
def editor(org):
    return MembershipFactory(organisation=org, role="editor")


def test_last_admin_cannot_leave(org, admin):
    with pytest.raises(RegisterError):
        services.membership_leave(organisation=org, user=admin.user)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_last_admin_cannot_be_demoted(org, admin):
    with pytest.raises(RegisterError):
        services.membership_change_role(membership=admin, by=admin.user, role="editor")
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_last_admin_cannot_be_removed_even_by_a_coordinator(org, admin):
    coordinator = make_municipal_coordinator()
    with pytest.raises(RegisterError):
        services.membership_remove(membership=admin, by=coordinator)


def test_admin_can_leave_after_promoting_someone(org, admin, editor):
    services.membership_change_role(membership=editor, by=admin.user, role="admin")
    services.membership_leave(organisation=org, user=admin.user)
    assert list(org.memberships.values_list("user", "role")) == [(editor.user_id, "admin")]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"organisation.member_role_changed", "organisation.member_left"} <= actions


def test_editor_can_leave_and_be_removed(org, admin, editor):
    services.membership_remove(membership=editor, by=admin.user)
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_editor_cannot_manage_members(org, admin, editor):
    with pytest.raises(RegisterError):
        services.membership_remove(membership=admin, by=editor.user)
    with pytest.raises(RegisterError):
        services.membership_change_role(membership=editor, by=editor.user, role="admin")


def test_members_page(client, org, admin, editor, django_assert_max_num_queries):
    client.force_login(admin.user)
    url = reverse("organisations:members", args=[org.slug])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert editor.user.email in response.content.decode()
    client.force_login(editor.user)
    assert client.get(url).status_code == 403


def test_members_page_views(client, org, admin, editor):
    client.force_login(admin.user)
    role_url = reverse("organisations:member_role", args=[org.slug, admin.pk])
    response = client.post(role_url, {"role": "editor"}, follow=True)
    admin.refresh_from_db()
    assert admin.role == "admin"
    assert "minst en administratör" in response.content.decode()
    remove_url = reverse("organisations:member_remove", args=[org.slug, editor.pk])
    client.post(remove_url)
    assert not Membership.objects.filter(pk=editor.pk).exists()
    leave_url = reverse("organisations:leave", args=[org.slug])
    client.post(leave_url)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_invite_view_validates(client, org, admin, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(admin.user)
    url = reverse("organisations:members", args=[org.slug])
    response = client.post(url, {"email": "not-an-address", "role": "editor"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    response = client.post(url, {"email": admin.user.email, "role": "editor"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "ny@example.se", "role": "editor"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["ny@example.se"]
    assert "/foreningar/inbjudan/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_concurrent_demotions_keep_one_admin():
    """Two admins demote each other at the same time: one must fail."""
    org = OrganisationFactory()
    a = MembershipFactory(organisation=org, role="admin")
    b = MembershipFactory(organisation=org, role="admin")
    barrier = threading.Barrier(2)
    errors = []

    def demote(membership, by):
        from django.db import connections

        try:
            barrier.wait()
            services.membership_change_role(membership=membership, by=by, role="editor")
        except RegisterError as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=demote, args=(a, b.user)),
        threading.Thread(target=demote, args=(b, a.user)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Membership.objects.filter(organisation=org, role="admin").count() == 1
    assert len(errors) == 1


def test_other_user_gets_403_anonymous_gets_login(client, org, admin):
    url = reverse("organisations:members", args=[org.slug])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


# --- races: lock first, then check the permission on the locked rows ------------------


@pytest.mark.django_db(transaction=True)
def test_role_change_of_someone_who_just_left_is_a_message():
    """ "A leaves" while "B changes A's role": a message, not a 500."""
    org = OrganisationFactory()
    a = MembershipFactory(organisation=org, role="editor")
    b = MembershipFactory(organisation=org, role="admin")
    left, changed = first_holds_then(
        lambda: services.membership_leave(organisation=org, user=a.user),
        lambda: services.membership_change_role(membership=a, by=b.user, role="admin"),
    )
    assert left is None
    assert isinstance(changed, RegisterError), changed
    assert changed.message == f"{a.user} företräder inte längre föreningen."
    assert not Membership.objects.filter(pk=a.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_removing_someone_who_just_left_is_a_message():
    org = OrganisationFactory()
    a = MembershipFactory(organisation=org, role="editor")
    b = MembershipFactory(organisation=org, role="admin")
    _left, removed = first_holds_then(
        lambda: services.membership_leave(organisation=org, user=a.user),
        lambda: services.membership_remove(membership=a, by=b.user),
    )
    assert isinstance(removed, RegisterError), removed


@pytest.mark.django_db(transaction=True)
def test_an_admin_demoted_while_removing_someone_is_refused():
    """Three admins: "A demotes B" alongside "B removes C". B's removal waited for
    the lock and must be checked against B's role after it, an editor's."""
    org = OrganisationFactory()
    a, b, c = (MembershipFactory(organisation=org, role="admin") for _ in range(3))
    demoted, removed = first_holds_then(
        lambda: services.membership_change_role(membership=b, by=a.user, role="editor"),
        lambda: services.membership_remove(membership=c, by=b.user),
    )
    assert not isinstance(demoted, Exception), demoted
    assert isinstance(removed, RegisterError), removed
    assert Membership.objects.get(pk=b.pk).role == "editor"
    assert Membership.objects.filter(pk=c.pk).exists()
    assert not AuditEntry.objects.filter(action="organisation.member_removed").exists()


@pytest.mark.django_db(transaction=True)
def test_an_editor_removed_while_editing_is_refused():
    org = OrganisationFactory(name="Gamla namnet")
    admin = MembershipFactory(organisation=org, role="admin")
    editor = MembershipFactory(organisation=org, role="editor")
    activity = ActivityFactory(organisation=org)
    _removed, edited = first_holds_then(
        lambda: services.membership_remove(membership=editor, by=admin.user),
        lambda: services.organisation_update(
            organisation=org, by=editor.user, changes={"name": "Kapat namn"}
        ),
    )
    assert isinstance(edited, RegisterError), edited
    assert Organisation.objects.get(pk=org.pk).name == "Gamla namnet"
    MembershipFactory(organisation=org, user=editor.user, role="editor")
    member = Membership.objects.get(organisation=org, user=editor.user)
    _removed, cancelled = first_holds_then(
        lambda: services.membership_remove(membership=member, by=admin.user),
        lambda: services.activity_cancel(activity=activity, by=editor.user),
    )
    assert isinstance(cancelled, RegisterError), cancelled
    activity.refresh_from_db()
    assert not activity.is_cancelled


@pytest.mark.django_db(transaction=True)
def test_a_join_request_answered_by_an_admin_demoted_meanwhile_is_refused():
    org = OrganisationFactory()
    a, b = (MembershipFactory(organisation=org, role="admin") for _ in range(2))
    request = JoinRequest.objects.create(organisation=org, user=UserFactory())
    _demoted, decided = first_holds_then(
        lambda: services.membership_change_role(membership=b, by=a.user, role="editor"),
        lambda: services.join_request_decide(join_request=request, by=b.user, accept=True),
    )
    assert isinstance(decided, RegisterError), decided
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.OPEN
