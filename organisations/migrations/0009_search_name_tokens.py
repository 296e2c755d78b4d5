"""Name tokens in the search vector: every lexeme of the name again as '#n' + lexeme,
without position ('#nidrottsförening'), so "the name holds the query's words" is a
plain GIN match: the directory ranks names first without reading weights, and ranks
at most a bounded set of candidates for very broad words (``organisations.search``).
Recomputes every stored vector; the SQL is a copy, not an import of the live code.

PostgreSQL-only, like 0002, 0005 and 0006.
"""

from django.db import migrations

_VECTOR = """
    setweight(to_tsvector('swedish', coalesce(o.name, '')), 'A')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg(c.name, ' ')
        FROM organisations_category c
        JOIN organisations_organisation_categories oc ON oc.category_id = c.id
        WHERE oc.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg(a.name, ' ')
        FROM organisations_activityarea a
        JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
        WHERE oa.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('swedish', coalesce((
        SELECT string_agg(d.name, ' ')
        FROM organisations_district d
        JOIN organisations_organisation_districts od ON od.district_id = d.id
        WHERE od.organisation_id = o.id), '')), 'C')
    || setweight(to_tsvector('swedish', coalesce(o.description, '')), 'D')
"""
_TOKENS = """
    || array_to_tsvector(ARRAY(
        SELECT '#kat' || oc.category_id FROM organisations_organisation_categories oc
        WHERE oc.organisation_id = o.id
        UNION ALL SELECT '#omr' || oa.activityarea_id
        FROM organisations_organisation_areas oa WHERE oa.organisation_id = o.id
        UNION ALL SELECT '#dist' || od.district_id
        FROM organisations_organisation_districts od WHERE od.organisation_id = o.id{names}))
"""


_NAMES = """
        UNION ALL SELECT '#n' || n.lexeme
        FROM unnest(to_tsvector('swedish', coalesce(o.name, ''))) n"""


def _update(schema_editor, vector: str) -> None:
    schema_editor.execute(f"UPDATE organisations_organisation o SET search_vector = {vector}", None)


def forward(apps, schema_editor):
    _update(schema_editor, _VECTOR + _TOKENS.format(names=_NAMES))


def backward(apps, schema_editor):
    _update(schema_editor, _VECTOR + _TOKENS.format(names=""))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0008_calendar_district_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
