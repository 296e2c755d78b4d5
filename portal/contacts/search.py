"""Search in the contact paths, the register's way (organisations/search.py).

A stored, GIN-indexed ``ContactPath.search_vector`` with the ``swedish``
configuration: title A, topics (Swedish and English names) and target groups B,
role and department C, description D, and the title's lexemes again as name tokens
(``search.NAME_TOKEN``) so that paths whose title holds every word rank first. The
register's functions do the rest through ``INDEX``: prefix queries for inflections
and a compound's first part, the vocabulary (``SearchWord``) for a compound's last
part ("bidrag" finds "Föreningsbidrag") and for misspellings.

The vocabulary also holds the descriptions' words (the register's does not): there
are hundreds of paths, not tens of thousands, and a compound is as often in the
description as in the title.
"""

from django.db import connection

from organisations import search
from organisations.models import ActivityArea
from organisations.search_sync import follow
from portal.models import Department

from .models import ContactPath, SearchWord, Topic

CONFIG = search.CONFIG
INDEX = search.Index(
    table=ContactPath._meta.db_table, words=SearchWord._meta.db_table, name="title"
)

VECTOR_SQL = f"""
    setweight(to_tsvector('{CONFIG}', coalesce(p.title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(t.name || ' ' || t.name_en, ' ')
        FROM contacts_topic t
        JOIN contacts_contactpath_topics pt ON pt.topic_id = t.id
        WHERE pt.contactpath_id = p.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(a.name, ' ')
        FROM organisations_activityarea a
        JOIN contacts_contactpath_target_groups pa ON pa.activityarea_id = a.id
        WHERE pa.contactpath_id = p.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', p.role || ' ' || coalesce((
        SELECT d.name FROM portal_department d WHERE d.id = p.department_id), '')), 'C')
    || setweight(to_tsvector('{CONFIG}', coalesce(p.description, '')), 'D')
    || array_to_tsvector(ARRAY(
        SELECT '{search.NAME_TOKEN}' || n.lexeme
        FROM unnest(to_tsvector('{CONFIG}', coalesce(p.title, ''))) n))
"""

_PATH_TEXTS = """
    SELECT title FROM contacts_contactpath WHERE {where}
    UNION ALL SELECT role FROM contacts_contactpath WHERE {where}
    UNION ALL SELECT description FROM contacts_contactpath WHERE {where}
"""
_VOCABULARY_TEXTS = """
    SELECT name FROM contacts_topic
    UNION ALL SELECT name_en FROM contacts_topic
    UNION ALL SELECT name FROM organisations_activityarea WHERE kind = 'target_group'
    UNION ALL SELECT name FROM portal_department
"""


def reindex(pks) -> None:
    """Recompute the vectors of the given paths and top up the vocabulary: after a
    path, or a topic, target group or department it names, changed."""
    pks = [int(pk) for pk in pks]
    if not pks:
        return
    texts = _PATH_TEXTS.format(where="id = ANY(%s)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE contacts_contactpath p SET search_vector = {VECTOR_SQL} WHERE p.id = ANY(%s)",
            [pks],
        )
        cursor.execute(
            search.vocabulary_sql(f"{texts} UNION ALL {_VOCABULARY_TEXTS}", table=INDEX.words),
            [pks, pks, pks],
        )


def reindex_all() -> None:
    """Every path (after a bulk load or a queryset update)."""
    texts = _PATH_TEXTS.format(where="true")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE contacts_contactpath p SET search_vector = {VECTOR_SQL}")
        cursor.execute(
            search.vocabulary_sql(f"{texts} UNION ALL {_VOCABULARY_TEXTS}", table=INDEX.words)
        )


def alternatives(q: str) -> tuple[search.Alternatives, search.Alternatives]:
    return search.alternatives(q, INDEX)


def search_paths(queryset, q: str, found=None):
    """``queryset`` narrowed to the paths matching ``q``, best first (titles holding
    every word, then ``ts_rank``, then the title)."""
    return search.search(queryset, q, found, INDEX)


def _paths_of(related: str):
    def linked(instance) -> list[int]:
        return list(getattr(instance, related).values_list("pk", flat=True))

    return linked


def connect() -> None:
    """Vectors follow the names they hold (organisations.search_sync.follow)."""
    follow(
        Topic,
        linked=_paths_of("contact_paths"),
        reindex=reindex,
        uid="contacts",
        fields=("name", "name_en"),
    )
    follow(ActivityArea, linked=_paths_of("contact_paths"), reindex=reindex, uid="contacts")
    follow(Department, linked=_paths_of("contact_paths"), reindex=reindex, uid="contacts")
