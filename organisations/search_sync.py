"""Keeps the search vectors in step with the category, district and area names
they hold.

Signals rather than a service: a category is renamed in the admin, by
``load_demo``, in a data migration or in a shell, and the vectors are derived data
that must follow every one of those paths, as a database trigger would (the
vector's SQL lives in ``search``, so a trigger would be a second copy of it).
A queryset ``update()`` or ``bulk_update()`` sends no signal: call
``search.reindex_all()`` after one.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from . import search
from .models import ActivityArea, Category, District

VOCABULARY = (Category, District, ActivityArea)


def _linked(instance) -> list[int]:
    return list(instance.organisations.values_list("pk", flat=True))


def _remember_old_name(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._indexed_name = None
        return
    instance._indexed_name = (
        sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


def _reindex_if_renamed(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_indexed_name", None)
    if not raw and not created and old is not None and old != instance.name:
        search.reindex(_linked(instance))


def _remember_linked(sender, instance, **kwargs):
    instance._indexed_organisations = _linked(instance)


def _reindex_after_delete(sender, instance, **kwargs):
    search.reindex(getattr(instance, "_indexed_organisations", []))


def connect() -> None:
    for model in VOCABULARY:
        uid = f"search_sync.{model._meta.label_lower}"
        pre_save.connect(_remember_old_name, sender=model, dispatch_uid=uid + ".pre_save")
        post_save.connect(_reindex_if_renamed, sender=model, dispatch_uid=uid + ".post_save")
        pre_delete.connect(_remember_linked, sender=model, dispatch_uid=uid + ".pre_delete")
        post_delete.connect(_reindex_after_delete, sender=model, dispatch_uid=uid + ".post_delete")
