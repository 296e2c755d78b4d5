"""The forums' personal data, for "download my data" and "delete my account"."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data
from portal.audit import audit_log

from .models import Forum


def export_coordinated_forums(user) -> list[dict]:
    return [{"forum": forum.name} for forum in Forum.objects.filter(coordinators=user)]


def erase_coordinated_forums(user) -> None:
    """The forum stays; it loses this coordinator (the municipal coordinators can
    see in the admin which forums have none)."""
    for forum in Forum.objects.filter(coordinators=user):
        forum.coordinators.remove(user)
        audit_log(actor=None, action="forum.coordinator_erased", target=forum)


personal_data.register(
    "dialogues.forum_coordinators",
    label=_("Forums you coordinate"),
    export=export_coordinated_forums,
    erase=erase_coordinated_forums,
    fields={"forum": _("Forum")},
)
