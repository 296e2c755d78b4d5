"""Sign-up does the same work for an address that already has an account as for a
new one (ACCOUNT_PREVENT_ENUMERATION): one password hashed, one mail enqueued for
the worker and none sent in the request, so the answer's time does not tell.
benchmarks/signup.py measures the times."""

import pytest
from celery.signals import task_prerun
from django.core import mail

from tests.conftest import make_user

from .hashers import CountingHasher

pytestmark = pytest.mark.django_db

PASSWORD = "ett-langt-losenord-42"


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.portal.hashers.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.fixture
def tasks_run():
    names = []

    def record(sender=None, **kwargs):
        names.append(sender.name)

    task_prerun.connect(record, weak=False)
    yield names
    task_prerun.disconnect(record)


def sign_up(client, email, capture):
    """The request, then (as the commit would) what it left for the worker."""
    with capture(execute=False) as callbacks:
        response = client.post(
            "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302
    sent_in_request = len(mail.outbox)
    for callback in callbacks:
        callback()
    return response, sent_in_request, len(callbacks)


@pytest.mark.parametrize("existing", [False, True], ids=["new address", "existing account"])
def test_both_paths_do_the_same_work(
    client, django_user_model, django_capture_on_commit_callbacks, tasks_run, existing
):
    if existing:
        make_user(django_user_model, "ny@example.se", password="ett-annat-losenord-7")
    CountingHasher.calls = 0
    response, sent_in_request, enqueued = sign_up(
        client, "ny@example.se", django_capture_on_commit_callbacks
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert CountingHasher.calls == 1
    assert sent_in_request == 0
    assert enqueued == 1
    assert tasks_run == ["portal.tasks.send_rendered_mail"]
    assert [m.to for m in mail.outbox] == [["ny@example.se"]]
    assert django_user_model.objects.filter(email="ny@example.se").count() == 1
