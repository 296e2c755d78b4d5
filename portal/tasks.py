"""Celery entry points of the core: thin, they take ids and call services."""

from celery import shared_task

from . import mail, reminders, sweeps


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminder(self, delivery_id: int) -> bool:
    return reminders.reminder_send(delivery_id=delivery_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_rendered_mail(self, **message) -> None:
    """allauth's mail (portal.adapters), as rendered strings: allauth builds its
    links (confirmation keys, reset tokens) in the request, in its language."""
    mail.send_rendered_mail(**message)


@shared_task
def erase_unverified_account(user_id: int) -> bool:
    return sweeps.unverified_account_erase(user_id=user_id)


@shared_task
def run_sweeps() -> dict[str, int]:
    return sweeps.run_all()
