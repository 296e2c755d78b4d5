"""The collaborations' personal data, for "download my data" and "delete my
account": the collaborations a person recorded. Erasing the person keeps the
collaboration without its recorder."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data

from .models import Collaboration


def export_recorded(user) -> list[dict]:
    return [
        {"title": c.title, "created_at": c.created_at}
        for c in Collaboration.objects.filter(created_by=user).order_by("created_at", "pk")
    ]


def erase_recorded(user) -> None:
    Collaboration.objects.filter(created_by=user).update(created_by=None)


personal_data.register(
    "partnerships.collaborations_recorded",
    label=_("Collaborations you recorded"),
    export=export_recorded,
    erase=erase_recorded,
    model=Collaboration,
)
