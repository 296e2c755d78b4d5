"""The contact paths' personal data, for "download my data" and "delete my account":
the paths that name the person (by account or by e-mail address), and those they
published or reviewed. Erasing the person keeps the path with its role."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import personal_data
from portal.audit import audit_log

from .models import ContactPath


def _naming(user):
    return ContactPath.objects.filter(Q(person=user) | Q(person_email__iexact=user.email))


def export_named(user) -> list[dict]:
    return [
        {
            "title": path.title,
            "person_name": path.person_display_name,
            "person_email": path.person_email,
            "person_phone": path.person_phone,
            "person_is_public": path.person_is_public,
        }
        for path in _naming(user).select_related("person")
    ]


def erase_named(user) -> None:
    """The path stays, answered by its role: the person's name, address, phone and
    consent go."""
    paths = list(_naming(user).only("pk", "title"))
    for path in paths:
        audit_log(actor=None, action="contact_path.person_erased", target=path)
    ContactPath.objects.filter(pk__in=[p.pk for p in paths]).update(
        person=None, person_name="", person_email="", person_phone="", person_is_public=False
    )


def export_edited(user) -> list[dict]:
    return [
        {"title": path.title, "published": path.created_by_id == user.pk}
        for path in ContactPath.objects.filter(Q(created_by=user) | Q(reviewed_by=user))
    ]


def erase_edited(user) -> None:
    # Who published or reviewed a path is not kept once their account is gone.
    ContactPath.objects.filter(created_by=user).update(created_by=None)
    ContactPath.objects.filter(reviewed_by=user).update(reviewed_by=None)


personal_data.register(
    "contacts.named_person",
    label=_("Contact paths naming you"),
    export=export_named,
    erase=erase_named,
    model=ContactPath,
    fields={"person_name": _("Name shown")},
)
personal_data.register(
    "contacts.edited",
    label=_("Contact paths you published or reviewed"),
    export=export_edited,
    erase=erase_edited,
    model=ContactPath,
    fields={"published": _("Published by you")},
)
