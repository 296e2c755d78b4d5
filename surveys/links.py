"""A recipient's personal link. The token is derived from the server's secret
and the recipient's identity (survey and association, department or address), so
the invitation and every reminder carry the same link while the database holds
only its hash: a copy of the database gives no working link. Compared in
constant time, after a lookup by hash."""

import hmac

from django.http import Http404
from django.urls import reverse
from django.utils.crypto import salted_hmac

from portal.mail import site_url

from .models import Recipient
from .models.distribution import token_hash

SALT = "surveys.recipient-link"


def identity(*, survey_id: int, organisation_id=None, department_id=None, email="") -> str:
    if organisation_id:
        return f"{survey_id}:association:{organisation_id}"
    if department_id:
        return f"{survey_id}:department:{department_id}"
    return f"{survey_id}:address:{email.lower()}"


def token_for(key: str) -> str:
    return salted_hmac(SALT, key, algorithm="sha256").hexdigest()


def recipient_token(recipient: Recipient) -> str:
    return token_for(
        identity(
            survey_id=recipient.survey_id,
            organisation_id=recipient.organisation_id,
            department_id=recipient.department_id,
            email=recipient.email,
        )
    )


def answer_url(recipient: Recipient) -> str:
    return site_url(reverse("surveys:answer", args=[recipient_token(recipient)]))


def recipient_for_token(token: str, queryset=None) -> Recipient:
    """The recipient whose link this is, or 404 (a wrong, expired or removed link)."""
    if not 20 <= len(token) <= 128:
        raise Http404
    digest = token_hash(token)
    queryset = queryset if queryset is not None else Recipient.objects.all()
    recipient = queryset.select_related("survey").filter(token_hash=digest).first()
    if recipient is None or not hmac.compare_digest(recipient.token_hash, digest):
        raise Http404
    return recipient
