"""Two submissions of the same report at the same moment (a double click reaching
two workers): the row lock lets one through and the other gets the domain error,
so the report has one version."""

import threading
import traceback

import kombu.pools
import pytest
from django.db import connection

from partnerships.services.reports import ReportError, report_submit
from portal.celery import app
from tests.partnerships.report_factories import content, setting


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_make_one_version():
    s = setting()
    barrier = threading.Barrier(2, timeout=30)
    kombu.pools.reset()
    app._pool, app.amqp._producer_pool = None, None
    outcomes, errors = [], []

    def worker():
        app.set_current()
        try:
            barrier.wait()
            report_submit(report=s.report, by=s.representative, **content())
            outcomes.append("submitted")
        except ReportError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append("".join(traceback.format_exception(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [], "\n".join(errors)
    assert sorted(outcomes) == ["refused", "submitted"]
    assert s.report.versions.count() == 1
