"""Inviting associations: chosen by category and district, the forum's participants
or by name; each association's representatives mailed once per meeting however
often it is sent, in their language, with one link to sign up; an invitation to
nobody refused; the admin's page with its preview; the invitation on the
association's page for its representatives only."""

import pytest
from django.core import mail
from django.urls import reverse

from dialogues.models import Meeting, MeetingInvitation
from dialogues.services.invitations import (
    INVITATION,
    InvitationError,
    invitation_candidates,
    meeting_invite,
)
from organisations.models import Organisation
from portal.models import AuditEntry, ReminderDelivery
from tests.organisations.factories import (
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return make_municipal_coordinator()


def invite(meeting, by, organisations, capture):
    with capture(execute=True):
        return meeting_invite(
            meeting=meeting,
            by=by,
            organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        )


def test_the_choices_pick_associations():
    sport, culture = CategoryFactory(name="Idrott"), CategoryFactory(name="Kultur")
    north, south = DistrictFactory(name="Norr"), DistrictFactory(name="Söder")
    north_sport = OrganisationFactory(categories=[sport], districts=[north])
    south_sport = OrganisationFactory(categories=[sport], districts=[south])
    north_culture = OrganisationFactory(categories=[culture], districts=[north])
    member = OrganisationFactory(categories=[culture])
    OrganisationFactory(categories=[sport], status="pending")  # never
    named = OrganisationFactory(categories=[culture])
    meeting = MeetingFactory(forum=ForumFactory(organisations=[member]))

    def picked(**choices):
        return set(invitation_candidates(meeting=meeting, **choices))

    assert picked() == set()
    assert picked(categories=[sport]) == {north_sport, south_sport}
    assert picked(districts=[north]) == {north_sport, north_culture}
    assert picked(categories=[sport], districts=[north]) == {north_sport}
    assert picked(forum_members=True) == {member}
    assert picked(organisations=[named], forum_members=True) == {named, member}


def test_representatives_are_mailed_once_even_when_sent_twice(
    coordinator, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(theme="Lokaler för föreningslivet")
    with_two = OrganisationFactory(name="Segeltorps IF")
    admin = MembershipFactory(organisation=with_two, role="admin").user
    editor = MembershipFactory(
        organisation=with_two, role="editor", user=UserFactory(language="en")
    ).user
    without = OrganisationFactory(name="Vårby BK", email="info@varby.example.se")
    silent = OrganisationFactory(email="")  # no representative, no address: invited, not mailed
    invited, already, mails = invite(
        meeting, coordinator, [with_two, without, silent], django_capture_on_commit_callbacks
    )
    assert (invited, already, mails) == (3, 0, 3)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [admin.email, editor.email, "info@varby.example.se"]
    )
    english = next(m for m in mail.outbox if m.to == [editor.email])
    assert english.subject == "Invitation: “Lokaler för föreningslivet”"
    swedish = next(m for m in mail.outbox if m.to == [admin.email])
    assert swedish.subject == "Inbjudan: ”Lokaler för föreningslivet”"
    sign_up = f"/forum/{meeting.forum.slug}/moten/{meeting.pk}/?forening={with_two.pk}#anmalan"
    assert sign_up in swedish.body

    # Again, with one more association and one more representative of the first.
    newcomer = MembershipFactory(organisation=with_two).user
    later = MembershipFactory().organisation
    mail.outbox.clear()
    invited, already, mails = invite(
        meeting, coordinator, [with_two, without, later], django_capture_on_commit_callbacks
    )
    assert (invited, already, mails) == (1, 2, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [newcomer.email, later.memberships.get().user.email]
    )
    assert MeetingInvitation.objects.filter(meeting=meeting).count() == 4
    assert ReminderDelivery.objects.filter(kind=INVITATION).count() == 5
    assert AuditEntry.objects.filter(action="meeting.invited").count() == 2


def test_an_association_invited_to_two_meetings_hears_of_both(
    coordinator, django_capture_on_commit_callbacks
):
    member = MembershipFactory()
    for meeting in (MeetingFactory(), MeetingFactory()):
        invite(meeting, coordinator, [member.organisation], django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[member.user.email]] * 2


def test_an_invitation_to_nobody_or_to_a_meeting_past_or_cancelled(coordinator):
    meeting = MeetingFactory()
    with pytest.raises(InvitationError, match="en inbjudan till ingen"):
        meeting_invite(meeting=meeting, by=coordinator, organisations=Organisation.objects.none())
    org = OrganisationFactory()
    cancelled = MeetingFactory(status=Meeting.Status.CANCELLED)
    with pytest.raises(InvitationError, match="inställt"):
        meeting_invite(
            meeting=cancelled, by=coordinator, organisations=Organisation.objects.filter(pk=org.pk)
        )
    with pytest.raises(InvitationError, match="behörighet"):
        meeting_invite(
            meeting=meeting, by=UserFactory(), organisations=Organisation.objects.filter(pk=org.pk)
        )
    assert not MeetingInvitation.objects.exists()


# --- the admin ------------------------------------------------------------------------


def invite_url(meeting):
    return reverse("admin:dialogues_meeting_invite", args=[meeting.pk])


def test_the_admin_action_leads_to_the_page(client, coordinator):
    client.force_login(coordinator)
    meeting, other = MeetingFactory(), MeetingFactory()
    changelist = reverse("admin:dialogues_meeting_changelist")
    response = client.post(
        changelist, {"action": "invite_associations", "_selected_action": [meeting.pk]}
    )
    assert response.status_code == 302 and response.url == invite_url(meeting)
    response = client.post(
        changelist,
        {"action": "invite_associations", "_selected_action": [meeting.pk, other.pk]},
        follow=True,
    )
    assert "Bjud in till ett möte i taget." in response.content.decode()


def test_preview_then_send(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    sport = CategoryFactory(name="Idrottsförening")
    orgs = [OrganisationFactory(name=f"IF {n}", categories=[sport]) for n in range(3)]
    for org in orgs:
        MembershipFactory(organisation=org)
    meeting = MeetingFactory()
    page = client.get(invite_url(meeting))
    assert page.status_code == 200
    assert "Bjud in föreningar" in page.content.decode()

    nobody = client.post(invite_url(meeting), {"districts": [DistrictFactory().pk], "send": "1"})
    assert "en inbjudan till ingen skickas inte" in nobody.content.decode()
    preview = client.post(invite_url(meeting), {"categories": [sport.pk], "preview": "1"})
    assert preview.context["count"] == 3
    assert "Valen ger 3 föreningar" in preview.content.decode()
    assert not MeetingInvitation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            invite_url(meeting), {"categories": [sport.pk], "send": "1"}, follow=True
        )
    assert "3 föreningar inbjudna. 3 e-postmeddelanden skickas." in sent.content.decode()
    assert len(mail.outbox) == 3
    entry = AuditEntry.objects.get(action="meeting.invited")
    assert entry.actor == coordinator
    assert entry.data["criteria"]["categories"] == [sport.pk]


def test_a_name_that_is_no_association_is_an_error_not_a_server_error(client, coordinator):
    """The autocomplete re-rendering the form looked the typed value up as an id
    (found by the form fuzzer)."""
    client.force_login(coordinator)
    response = client.post(
        invite_url(MeetingFactory()), {"organisations": [" padded \t", "مرحبا"], "preview": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisations"]


def test_the_page_is_the_meetings_coordinators(client):
    meeting = MeetingFactory()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(invite_url(meeting)).status_code == 403


# --- the association's page ---------------------------------------------------------


def test_the_association_page_shows_its_invitations_to_its_representatives(client):
    org = OrganisationFactory(name="Segeltorps IF")
    meeting = MeetingFactory(theme="Lokaler för föreningslivet")
    signed_up = MeetingFactory(theme="Bidragsregler")
    MeetingInvitation.objects.create(meeting=meeting, organisation=org)
    MeetingInvitation.objects.create(meeting=signed_up, organisation=org)
    MeetingInvitation.objects.create(
        meeting=MeetingFactory(theme="Inställt möte", status="cancelled"), organisation=org
    )
    RegistrationFactory(meeting=signed_up, organisation=org)
    page_url = org.get_absolute_url()
    assert "Lokaler för föreningslivet" not in client.get(page_url).content.decode()
    client.force_login(UserFactory())
    assert "Lokaler för föreningslivet" not in client.get(page_url).content.decode()

    client.force_login(MembershipFactory(organisation=org).user)
    page = client.get(page_url).content.decode()
    assert "Inbjudningar till forummöten" in page
    assert "Lokaler för föreningslivet" in page
    assert f"?forening={org.pk}#anmalan" in page
    assert "Bidragsregler" in page and "Anmäld" in page
    assert "Inställt möte" not in page
