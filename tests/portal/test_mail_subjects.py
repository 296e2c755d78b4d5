"""A mail's subject is plain text: a name with an apostrophe or an ampersand
reads as written ("Kalle's & Co"), not as HTML entities ("Kalle&#x27;s &amp; Co")."""

import pytest
from django.template.loader import get_template

from organisations.tasks import register_mail_context
from portal.mail import render_templated_mail
from tests.organisations.factories import OrganisationFactory

from .mail_samples import PORTAL_MAILS
from .test_mail_links import ALLAUTH_TEMPLATES

pytestmark = pytest.mark.django_db


def test_a_name_with_an_apostrophe_and_an_ampersand_reads_as_written():
    org = OrganisationFactory(name="Kalle's Schack & Go")
    subject, body, _html = render_templated_mail(
        template="organisations/emails/approved",
        context={**register_mail_context(org, {"message": ""}), "recipient": None},
    )
    assert "Kalle's Schack & Go" in subject
    assert "&#x27;" not in subject and "&amp;" not in subject
    assert "Kalle's Schack & Go" in body


@pytest.mark.parametrize(
    "template",
    sorted([f"{name}_subject.txt" for name in PORTAL_MAILS])
    + sorted(f"{name}_subject.txt" for name in ALLAUTH_TEMPLATES),
)
def test_every_subject_is_rendered_without_html_escaping(template):
    """Each subject turns escaping off itself (or includes one that does): Django
    escapes every template, whatever its file name ends with."""
    source = get_template(template).template.source
    assert "{% autoescape off %}" in source or "{% include " in source, template
