"""A draft answer sealed with the respondent's link.

Until it is submitted an answer is the respondent's alone: the draft is stored as
AES-GCM ciphertext under a key derived (HKDF-SHA256) from the link's token, which
the database does not hold (it keeps the token's SHA-256 only). Whoever reads the
database (a coordinator, the admin, a backup, an export) sees that a recipient
has a draft and when it was saved, not what it says; the padding hides how much
was typed. The same link derives the same key and restores the draft; any other
token fails the authentication tag and restores nothing. The recipient's key is
bound in as associated data, so a sealed draft moved to another row opens nowhere.

The server derives the links from SECRET_KEY (surveys/links.py) so that every
reminder carries the same link; the seal guards the data, not the server's secret."""

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils import timezone

from .answering import Values, values_from_answers
from .models import Answer, Draft, Recipient

INFO = b"surveys.draft.v1"
NONCE_BYTES = 12
PAD_TO = 512


def _cipher(token: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(token.encode())
    return AESGCM(key)


def _bound_to(recipient: Recipient) -> bytes:
    return f"surveys.draft:{recipient.pk}".encode()


def seal(values: Values, *, token: str, recipient: Recipient) -> bytes:
    """``values`` as ciphertext that only ``token`` opens, padded to a multiple
    of PAD_TO bytes (JSON ignores the trailing spaces)."""
    plain = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    plain += b" " * (-len(plain) % PAD_TO)
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _cipher(token).encrypt(nonce, plain, _bound_to(recipient))


def unseal(sealed: bytes, *, token: str, recipient: Recipient) -> Values | None:
    """The values sealed with ``token``, or None when the token is another's."""
    sealed = bytes(sealed)
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        plain = _cipher(token).decrypt(nonce, body, _bound_to(recipient))
    except (InvalidTag, ValueError):
        return None
    return json.loads(plain)


def draft_values(recipient: Recipient, token: str) -> Values | None:
    """What the respondent saved through this link, or None (no draft, or a
    token that does not open it). One query."""
    draft = Draft.objects.filter(recipient=recipient).only("sealed").first()
    if draft is None:
        return None
    return unseal(draft.sealed, token=token, recipient=recipient)


def draft_store(*, recipient: Recipient, token: str, answers: list[Answer]) -> Draft:
    """Seal the checked answers as the recipient's draft; the caller holds the
    recipient's lock (surveys/services/answering.py)."""
    sealed = seal(values_from_answers(answers), token=token, recipient=recipient)
    draft, _created = Draft.objects.update_or_create(
        recipient=recipient, defaults={"sealed": sealed, "saved_at": timezone.now()}
    )
    return draft
