"""The inquiries' personal data, for "download my data" and "delete my account":
the cases a person sent while logged in. (Cases sent without an account are
erased by the retention sweep, sweeps.py.)"""

from django.utils.translation import gettext_lazy as _

from portal import personal_data
from portal.audit import audit_log

from .models import Inquiry, InquiryMessage


def export_inquiries(user) -> list[dict]:
    inquiries = Inquiry.objects.sent_by(user).prefetch_related("messages")
    return [
        {
            "reference": inquiry.reference,
            "kind": inquiry.kind,
            "status": inquiry.status,
            "received_at": inquiry.received_at,
            "sender_name": inquiry.sender_name,
            "sender_email": inquiry.sender_email,
            "subject": inquiry.subject,
            "message": inquiry.message,
            "correspondence": [
                {"written": m.created_at, "text": m.body}
                for m in inquiry.messages.all()
                if m.kind in (InquiryMessage.Kind.FROM_SENDER, InquiryMessage.Kind.TO_SENDER)
            ],
        }
        for inquiry in inquiries
    ]


def erase_inquiries(user) -> None:
    """The cases stay as anonymous statistics; the sender's data goes now."""
    from .services import erase_sender_data

    for inquiry in Inquiry.objects.sent_by(user).select_for_update():
        erase_sender_data(inquiry)
        audit_log(actor=None, action="inquiry.sender_erased", target=inquiry, data={})


personal_data.register(
    "inquiries.sent",
    label=_("Inquiries you sent through One way in"),
    export=export_inquiries,
    erase=erase_inquiries,
    model=Inquiry,
    fields={"correspondence": _("Messages"), "written": _("Written"), "text": _("Message")},
)
