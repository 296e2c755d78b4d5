"""The seeded site the fuzzer works on: the demo data (``manage.py load_demo``, which
goes through the apps' services and gives one login per role) with what it leaves
out, the links that only a mail carries, and the pages only a valid submission
leads to, which no crawl can find."""

from datetime import timedelta
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
    _open_link_survey(users["municipal_coordinator"])
    _confirmation_round()
    _agreement_documents(users["official"])
    return users


def _open_link_survey(coordinator) -> None:
    """An open survey that anyone with its open link may answer: the demo's are all
    sent to recipients, so the open answering page would not exist."""
    from surveys.demo_answers import opened_from_template
    from surveys.models import Survey
    from surveys.shipped import civil_society

    opened_from_template(
        key=civil_society.KEY,
        title="Öppen enkät om samverkan",
        by=coordinator,
        days_open=1,
        days_left=30,
        audience=Survey.Audience.OPEN_LINK,
    )


def _confirmation_round() -> None:
    """A yearly confirmation round, as a coordinator adds one in the admin (which
    saves the model as it is): the demo has none, so its admin pages would not exist."""
    from django.utils import timezone

    from organisations.models import ConfirmationRound

    today = timezone.localdate()
    planned = ConfirmationRound(starts_on=today, deadline=today + timedelta(days=30))
    planned.full_clean()
    planned.save()


def _agreement_documents(official) -> None:
    """A document kept with each agreement the official manages (whichever the crawl
    visits), sent through the upload's form and service: the demo's agreements have
    none, so the form to remove one would not exist."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships.forms_agreements import DocumentForm
    from partnerships.models import Agreement, AgreementDocument
    from partnerships.services.agreements import agreement_document_add

    for agreement in Agreement.objects.order_by("pk"):
        if not official.has_perm("partnerships.manage_agreement", agreement):
            continue
        upload = SimpleUploadedFile("avtal.pdf", b"%PDF-1.4\n%fuzz\n")
        form = DocumentForm({"kind": AgreementDocument.Kind.values[0]}, {"file": upload})
        assert form.is_valid(), form.errors
        agreement_document_add(
            agreement=agreement,
            by=official,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )


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


def prepare(client, user) -> list[str]:
    """What a person has in their session after valid submissions, and the pages
    those lead to: the registration's first four steps passed (each later step and
    the review exist only then), and an inquiry sent through En väg in (its receipt
    is shown only to the session that sent it). ``client`` keeps the session for
    the crawl and the fuzzing."""
    from django.core.cache import cache

    from organisations.models import Category, District
    from organisations.registration import REVIEW, STEPS, step_url
    from tests.organisations.steps import walk

    pages = []
    if user is not None:
        registration = {
            "name": "Fuzzarnas förening",
            "legal_form": "ideell_forening",
            "description": "En förening som fylls i av fuzzern.",
            "member_count": "12",
            "districts": [District.objects.order_by("pk").first().pk],
            "categories": [Category.objects.order_by("pk").first().pk],
            "contact_name": "Ada Fuzz",
            "contact_email": "ada.fuzz@example.se",
        }
        stopped = walk(client, registration)
        assert stopped is None, f"the registration stopped at {stopped.request['PATH_INFO']}"
        pages += [step_url(step) for step in STEPS[1:-1]] + [step_url(REVIEW)]
    cache.clear()  # En väg in's rate limit counts every role's inquiry as one sender's
    start = reverse("inquiries:start")
    form = client.get(start).context["form"]
    data = {field.html_name: field.value() for field in form.hidden_fields()}
    data |= {
        "kind": "question",
        "subject": "Lokaler för läxhjälp",
        "message": "Finns det lokaler för läxhjälp på kvällstid?",
        "sender_name": "Ada Fuzz",
        "sender_email": "ada.fuzz@example.se",
    }
    response = client.post(start, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, f"En väg in answered {response.status_code}"
    return [*pages, response["Location"]]
