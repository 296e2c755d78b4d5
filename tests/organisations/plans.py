"""The plan of the query that reads a search's words (``search_words._alternatives``)
with sequential scans ruled out: at a test's vocabulary size the planner rightly reads
the small tables in sequence, so only this shows which indexes can serve the query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations import search_words


def vocabulary_plan(query_words: list[str], *, analyze: bool = False) -> str:
    """The plan, and with ``analyze`` what each node read."""
    with CaptureQueriesContext(connection) as queries:
        search_words._alternatives(query_words)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            explain = "EXPLAIN (ANALYZE) " if analyze else "EXPLAIN "
            cursor.execute(explain + queries.captured_queries[0]["sql"])
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
