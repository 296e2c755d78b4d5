"""The seeded site the fuzzer works on: the demo data (``manage.py load_demo``, which
goes through the apps' services and gives one login per role), and the links that
only a mail carries, which no crawl can find."""

from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import reverse

from portal import demo, roles

# The roles of DESIGN.md, each a demo login; None is the anonymous visitor.
ROLES = {
    "anonymous": None,
    "representative": roles.REPRESENTATIVE,
    "official": roles.OFFICIAL,
    "department_coordinator": roles.DEPARTMENT_COORDINATOR,
    "municipal_coordinator": roles.MUNICIPAL_COORDINATOR,
    "administrator": roles.ADMINISTRATOR,
}

# The roles whose crawl follows links into the admin, where DESIGN.md says they work
# (the municipal coordinator mostly does), and the visitor, for the admin's login
# form; for the others the admin's forms are someone else's: posted once each, as
# every role's are.
ADMIN_ROLES = {"anonymous", "municipal_coordinator", "administrator"}


def build() -> dict:
    """Load the demo and return {role: user or None}."""
    from portal.models import User

    call_command("load_demo", stdout=StringIO())
    by_role = {spec.role: spec.email for spec in demo.LOGINS}
    users = {
        role: User.objects.get(email=by_role[group]) if group else None
        for role, group in ROLES.items()
    }
    _members(users["representative"])
    return users


def _members(representative) -> None:
    """What the demo leaves out of the representative's association: a second
    representative, an invitation not yet answered and a request to join, each
    made through the services, so the members' page shows every form it has."""
    from organisations.models import Membership
    from organisations.services import members
    from portal.models import User
    from tests.conftest import make_user

    organisation = (
        Membership.objects.filter(user=representative, role=Membership.Role.ADMIN)
        .order_by("pk")
        .first()
        .organisation
    )
    invited = members.membership_invite(
        organisation=organisation, by=representative, email="ny@example.se"
    )
    members.invitation_accept(token=invited.token, user=make_user(User, "ny@example.se"))
    members.membership_invite(organisation=organisation, by=representative, email="vem@example.se")
    members.join_request_create(
        organisation=organisation, user=make_user(User, "sokande@example.se"), message="Hej!"
    )


def token_urls(user) -> list[str]:
    """Pages reached only from a link in a mail (the token is in the mail, only its
    hash in the database, or it is signed for one account): made here as the mail's
    sender makes them."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from organisations.forms import match_join_url
    from organisations.models import Invitation, Organisation
    from portal.inquiries.models import Inquiry
    from portal.inquiries.services import inquiry_renew_link
    from surveys.links import answer_url
    from surveys.models import Recipient

    urls = []
    recipient = Recipient.objects.not_answered().order_by("pk").first()
    if recipient is not None:
        urls.append(urlsplit(answer_url(recipient)).path)
    invitation = Invitation.objects.unanswered().order_by("pk").first()
    if invitation is not None:
        urls.append(reverse("organisations:invitation_accept", args=[invitation.token]))
    inquiry = Inquiry.objects.order_by("pk").first()
    if inquiry is not None:
        urls.append(reverse("inquiries:follow", args=[inquiry_renew_link(inquiry=inquiry)]))
    if user is not None:
        other = Organisation.objects.exclude(memberships__user=user).order_by("pk").first()
        urls.append(match_join_url(other, user))
        key = default_token_generator.make_token(user)
        urls.append(
            reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
            )
        )
        address = EmailAddress.objects.filter(user=user).first()
        urls.append(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))
    return urls
