"""Who is told what about an inquiry, and the mail sent after commit: one task per
recipient, so a retry never mails those already reached."""

from django.db import transaction

from portal.models import CoordinatorAssignment

SENDER_TEMPLATE = "inquiries/emails/to_sender"
STAFF_TEMPLATE = "inquiries/emails/to_staff"


def municipal_coordinator_ids() -> list[int]:
    return list(
        CoordinatorAssignment.objects.municipal()
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )


def holder_ids(inquiry) -> list[int]:
    """Who holds the case: the assignee; else the department's coordinators; else
    (or when the department has none) the municipal coordinators."""
    if inquiry.assignee_id:
        return [inquiry.assignee_id]
    if inquiry.department_id:
        ids = list(
            CoordinatorAssignment.objects.for_department(inquiry.department_id)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )
        if ids:
            return ids
    return municipal_coordinator_ids()


def mail_sender(inquiry, event: str, *, token: str | None = None, **context) -> None:
    """Tell the sender, at the address they gave, in their language (nothing once
    their data is erased). ``token``: a fresh private link to put in the mail."""
    if not inquiry.sender_email:
        return
    from .tasks import send_inquiry_mail

    kwargs = {
        "template": SENDER_TEMPLATE,
        "inquiry_id": inquiry.pk,
        "email": inquiry.sender_email,
        "context": {"event": event, "token": token, **context},
    }
    transaction.on_commit(lambda: send_inquiry_mail.delay(**kwargs))


def mail_staff(inquiry, event: str, user_ids, **context) -> None:
    from .tasks import send_inquiry_mail

    for user_id in dict.fromkeys(user_ids):
        kwargs = {
            "template": STAFF_TEMPLATE,
            "inquiry_id": inquiry.pk,
            "user_id": user_id,
            "context": {"event": event, **context},
        }
        transaction.on_commit(lambda kwargs=kwargs: send_inquiry_mail.delay(**kwargs))
