"""Keeps the search vectors in step with the category, district and area names
(Swedish and English) they hold.

Signals rather than a service: a category is renamed in the admin, by
``load_demo``, in a data migration or in a shell, and the vectors are derived data
that must follow every one of those paths, as a database trigger would (the
vector's SQL lives in ``search``, so a trigger would be a second copy of it).
A queryset ``update()`` or ``bulk_update()`` sends no signal: call
``search.reindex_all()`` after one.

``follow`` is the same for any stored vector that holds a related model's name:
the contact paths follow their topics, departments and target groups with it.

A deleted association's description words go with it unless another description
holds them (``search_index.drop_text_words``), as ``reindex`` does for a changed one,
once the deletion commits.
"""

from collections.abc import Callable
from functools import partial

from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from . import search, search_index
from .models import ActivityArea, Category, District, Organisation

VOCABULARY = (Category, District, ActivityArea)
_DELETED_DESCRIPTIONS = "deleted_descriptions"  # on a connection, till its commit


def follow(
    model,
    *,
    linked: Callable[[object], list[int]],
    reindex: Callable[[list[int]], None],
    uid: str,
    fields: tuple[str, ...] = ("name",),
) -> None:
    """Reindex the rows ``linked(instance)`` names when an instance of ``model`` is
    renamed (one of ``fields`` changes) or deleted. ``uid`` tells followers of one
    model apart (each keeps what it read on the instance under its own name)."""
    old_attr, linked_attr = f"_indexed_names_{uid}", f"_indexed_rows_{uid}"

    def current(instance) -> tuple:
        return tuple(getattr(instance, field) for field in fields)

    def remember_old_name(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            setattr(instance, old_attr, None)
            return
        old = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
        setattr(instance, old_attr, old)

    def reindex_if_renamed(sender, instance, created, raw=False, **kwargs):
        old = getattr(instance, old_attr, None)
        if not raw and not created and old is not None and old != current(instance):
            reindex(linked(instance))

    def remember_linked(sender, instance, **kwargs):
        setattr(instance, linked_attr, linked(instance))

    def reindex_after_delete(sender, instance, **kwargs):
        reindex(getattr(instance, linked_attr, []))

    prefix = f"{uid}.{model._meta.label_lower}"
    # weak=False: the receivers are closures that nothing else holds on to.
    for name, signal, receiver in (
        ("pre_save", pre_save, remember_old_name),
        ("post_save", post_save, reindex_if_renamed),
        ("pre_delete", pre_delete, remember_linked),
        ("post_delete", post_delete, reindex_after_delete),
    ):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"{prefix}.{name}")


def _linked(instance) -> list[int]:
    return list(instance.organisations.values_list("pk", flat=True))


def _remember_description(sender, instance, using, **kwargs):
    """Keep a deleted association's description on its connection, its words to be
    checked once the transaction commits: deleting thousands at once (a queryset's
    ``delete()``, the admin's action) then reads their stems and probes each once,
    with no query per row."""
    connection = connections[using]
    connection.__dict__.setdefault(_DELETED_DESCRIPTIONS, []).append(instance.description)
    transaction.on_commit(partial(_drop_deleted_words, connection), using=using)


def _drop_deleted_words(connection) -> None:
    """The first callback of a transaction drops what all its deletions left; the
    others find nothing. Descriptions a rolled-back deletion left are checked with the
    next, which is safe: only words no vector holds go."""
    descriptions = connection.__dict__.pop(_DELETED_DESCRIPTIONS, [])
    if descriptions:
        search_index.drop_text_words(search_index.stems_of(descriptions))


def connect() -> None:
    for model in VOCABULARY:
        fields = ("name", "name_en") if model is not District else ("name",)
        follow(model, linked=_linked, reindex=search.reindex, uid="search_sync", fields=fields)
    pre_delete.connect(
        _remember_description, sender=Organisation, dispatch_uid="search_sync.organisation"
    )
