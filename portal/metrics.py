"""``/metrics`` for Prometheus: the health of what users do not see.

What matters here is whether reminders go out, so the figures are read from the
delivery log when Prometheus scrapes (one query), not counted in each process:
they are then the same whichever gunicorn worker answers, and need no
multi-process bookkeeping. The process's own figures (memory, CPU, open files)
come with them.

Off unless configured: ``METRICS_TOKEN`` (Prometheus sends it as a bearer token)
or ``METRICS_ALLOWED_NETWORKS`` (addresses the scraper connects from, as
REMOTE_ADDR, never a forwarded header). Anyone else gets a 404.
"""

import hmac
import ipaddress

from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.process_collector import ProcessCollector

from .models import ReminderDelivery


class RemindersCollector:
    """Reminders recorded and not yet sent, and how long the oldest has waited."""

    def collect(self):
        figures = ReminderDelivery.objects.filter(sent_at__isnull=True).aggregate(
            count=Count("pk"), oldest=Min("created_at")
        )
        yield GaugeMetricFamily(
            "portal_reminders_unsent", "Reminders recorded and not yet sent", figures["count"]
        )
        waited = (timezone.now() - figures["oldest"]).total_seconds() if figures["oldest"] else 0
        yield GaugeMetricFamily(
            "portal_reminder_oldest_unsent_seconds",
            "Seconds the oldest unsent reminder has waited",
            waited,
        )


def registry() -> CollectorRegistry:
    result = CollectorRegistry(auto_describe=False)
    result.register(RemindersCollector())
    ProcessCollector(registry=result)
    return result


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if given and hmac.compare_digest(given.encode(), token.encode()):
            return True
    networks = settings.METRICS_ALLOWED_NETWORKS
    if networks:
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(n.strip(), strict=False) for n in networks)
    return False


@never_cache
@require_GET
def metrics(request):
    if not allowed(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
