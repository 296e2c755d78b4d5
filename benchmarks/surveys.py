"""Benchmark of a survey's results (PostgreSQL): the results page, the results page
filtered by one district and one category, and the XLSX export, at 10,000 submitted
responses to a 30-question survey (every kind, six matrices, one of them the
inventory's 15 categories × 14 forms of checkboxes; benchmarks/surveys_data.py).
Beside the results page, in the same run, the naive way: every answer of the
survey loaded into Python as objects and the same per-question figures (counts
and shares, means and medians, the free texts) computed there; printed as a ratio.

Seeds once (a later run reuses it, a partial seed is replaced): the survey's
structure with the ORM; the responses, their categories and about 650,000 answers
with INSERT … SELECT over generate_series and random(), in one transaction. The
respondent groups are spread unevenly (districts and categories skewed, a
department on one response in four), so filters find groups large and small.
Times whole requests through Django's test client as a municipal coordinator,
RUNS times each after a warm-up. A page whose URL does not resolve is skipped
with a line saying it is not on this branch.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/surveys.py
"""  # noqa: E501

import os
import statistics
import time
from collections import Counter, defaultdict
from datetime import timedelta

from harness import load_average, migrated, p95, say, settle  # sets Django up first

# isort: split
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from surveys_data import CATEGORIES, QUESTIONS, SECTIONS, TEXTS  # noqa: E402

from organisations.models import Category, District  # noqa: E402
from portal import roles  # noqa: E402
from portal.models import CoordinatorAssignment, Department, User  # noqa: E402
from surveys.models import Answer, Option, Question, Section, Survey  # noqa: E402

RESPONSES = int(os.environ.get("BENCH_RESPONSES", 10_000))
RESEED = os.environ.get("BENCH_RESEED") == "1"
RUNS = int(os.environ.get("BENCH_RUNS", 20))
NAIVE_RUNS = int(os.environ.get("BENCH_NAIVE_RUNS", 5))
WARM_UP = 2
TARGET_P95_MS = 500
SLUG = "bench-resultat"
COORDINATOR = "bench-samordnare@example.se"
TABLES = ["surveys_response", "surveys_responsecategory", "surveys_answer"]


def coordinator() -> User:
    user, _created = User.objects.get_or_create(email=COORDINATOR, defaults={"is_staff": True})
    CoordinatorAssignment.objects.get_or_create(user=user, department=None)
    user.groups.add(Group.objects.get_or_create(name=roles.MUNICIPAL_COORDINATOR)[0])
    return user


def groups() -> tuple[list[int], list[int], list[int]]:
    """The register's categories, ten districts and nine departments (reused)."""
    categories = [
        Category.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk
        for name in CATEGORIES
    ]
    districts = [
        District.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Kommundel {n}"})[0].pk
        for n in range(10)
    ]
    departments = [
        Department.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Förvaltning {n}"})[
            0
        ].pk
        for n in range(9)
    ]
    return categories, districts, departments


def seeded() -> Survey | None:
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey and not RESEED and survey.responses.submitted().count() >= RESPONSES:
        return survey
    return None


def build_structure(by: User) -> Survey:
    now = timezone.now()
    Survey.objects.filter(slug=SLUG).delete()  # a partial seed from a stopped run
    survey = Survey.objects.create(
        title="Civilsamhällets syn på samverkan (benchmark)",
        slug=SLUG,
        anonymous=True,
        status=Survey.Status.CLOSED,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(hours=1),
        created_by=by,
    )
    sections = [
        Section.objects.create(survey=survey, title=title, position=n)
        for n, title in enumerate(SECTIONS)
    ]
    for position, (section, code, kind, text, extra) in enumerate(QUESTIONS):
        low, high = extra.get("min"), extra.get("max")
        labels = extra.get("labels", ("", ""))
        question = Question.objects.create(
            survey=survey,
            section=sections[section],
            code=code,
            kind=kind,
            text=text,
            position=position,
            min_value=low,
            max_value=high,
            min_label=labels[0],
            max_label=labels[1],
            cell=extra.get("cell", ""),
        )
        options = [("choice", extra.get("choices", [])), ("row", extra.get("rows", []))]
        options.append(("column", extra.get("columns", [])))
        Option.objects.bulk_create(
            Option(question=question, role=role, label=label, code=f"{role}-{n}", position=n)
            for role, names in options
            for n, label in enumerate(names)
        )
    return survey


RESPONSES_SQL = """
INSERT INTO surveys_response (
  id, survey_id, idempotency_key, started_at, submitted_at, department_id, district_id)
SELECT gen_random_uuid(), %(survey)s, 'bench-' || %(survey)s || '-' || g,
  date_trunc('day', %(now)s - (g %% 28) * interval '1 day'),
  date_trunc('day', %(now)s - (g %% 28) * interval '1 day'),
  CASE WHEN g %% 4 = 0 THEN (%(departments)s::bigint[])[1 + (g / 4) %% 9] END,
  (%(districts)s::bigint[])[1 + floor(10 * power(random(), 1.5))::int]
FROM generate_series(1, %(count)s) AS g
"""
# random() in a subquery's output, drawn for each pair: in the WHERE clause of the
# join the planner would draw it once per option and give every response the same.
CATEGORIES_SQL = """
INSERT INTO surveys_responsecategory (id, response_id, category_id)
SELECT gen_random_uuid(), t.rid, t.cid
FROM (SELECT r.id AS rid, c.id AS cid, c.n, random() AS x
      FROM surveys_response AS r
      CROSS JOIN unnest(%(categories)s::bigint[]) WITH ORDINALITY AS c(id, n)
      WHERE r.survey_id = %(survey)s) AS t
WHERE t.x < 0.3 / sqrt(t.n)
"""
INSERT = (
    "INSERT INTO surveys_answer (id, response_id, question_id, option_id, row_id, number, text)"
)
ANSWERED = "FROM surveys_response AS r WHERE r.survey_id = %(survey)s AND random() < %(answered)s"
KIND_SQL = {
    # Skewed towards the first options, as real answers are.
    "single": """SELECT gen_random_uuid(), r.id, %(question)s,
      (%(choices)s::bigint[])[1 + floor(%(k)s * power(random(), 1.6))::int], NULL, NULL, ''
      """
    + ANSWERED,
    "multiple": """SELECT gen_random_uuid(), t.rid, %(question)s, t.oid, NULL, NULL, ''
      FROM (SELECT r.id AS rid, o.id AS oid, o.n, random() AS x
            FROM surveys_response AS r
            CROSS JOIN unnest(%(choices)s::bigint[]) WITH ORDINALITY AS o(id, n)
            WHERE r.survey_id = %(survey)s) AS t
      WHERE t.x < %(answered)s * 0.7 / sqrt(t.n)""",
    "scale": """SELECT gen_random_uuid(), r.id, %(question)s, NULL, NULL,
      %(min)s + floor((%(max)s - %(min)s + 1) * power(random(), 0.7)), ''
      """
    + ANSWERED,
    "number": """SELECT gen_random_uuid(), r.id, %(question)s, NULL, NULL,
      round((%(max)s * power(random(), 4))::numeric), ''
      """
    + ANSWERED,
    "amount": """SELECT gen_random_uuid(), r.id, %(question)s, NULL, NULL,
      round((250000 * power(random(), 3))::numeric, -2), ''
      """
    + ANSWERED,
    "percentage": """SELECT gen_random_uuid(), r.id, %(question)s, NULL, NULL,
      floor(101 * random()), ''
      """
    + ANSWERED,
    "text": """SELECT gen_random_uuid(), r.id, %(question)s, NULL, NULL, NULL,
      (%(texts)s::text[])[1 + floor(%(t)s * random())::int] || ' (' || left(r.id::text, 6) || ')'
      """
    + ANSWERED,
    "checkbox": """SELECT gen_random_uuid(), t.rid, %(question)s, t.cid, t.rowid, NULL, ''
      FROM (SELECT r.id AS rid, rw.id AS rowid, c.id AS cid, rw.n, random() AS x
            FROM surveys_response AS r
            CROSS JOIN unnest(%(rows)s::bigint[]) WITH ORDINALITY AS rw(id, n)
            CROSS JOIN unnest(%(columns)s::bigint[]) AS c(id)
            WHERE r.survey_id = %(survey)s) AS t
      WHERE t.x < %(answered)s * 0.14 / sqrt(t.n)""",
    "choice": """SELECT gen_random_uuid(), r.id, %(question)s,
      (%(columns)s::bigint[])[1 + floor(%(c)s * power(random(), 0.8))::int], rw.id, NULL, ''
      FROM surveys_response AS r CROSS JOIN unnest(%(rows)s::bigint[]) AS rw(id)
      WHERE r.survey_id = %(survey)s AND random() < %(answered)s""",
    "number_cells": """SELECT gen_random_uuid(), r.id, %(question)s, c.id, rw.id,
      floor(%(max)s * power(random(), 3)), ''
      FROM surveys_response AS r
      CROSS JOIN unnest(%(rows)s::bigint[]) AS rw(id)
      CROSS JOIN unnest(%(columns)s::bigint[]) AS c(id)
      WHERE r.survey_id = %(survey)s AND random() < %(answered)s * 0.8""",
}


def seed() -> Survey:
    started = time.perf_counter()
    categories, districts, departments = groups()
    with transaction.atomic():
        survey = build_structure(coordinator())
        with connection.cursor() as cursor:
            cursor.execute(
                RESPONSES_SQL,
                {
                    "survey": survey.pk,
                    "now": timezone.now(),
                    "departments": departments,
                    "districts": districts,
                    "count": RESPONSES,
                },
            )
            cursor.execute(CATEGORIES_SQL, {"survey": survey.pk, "categories": categories})
            for question in survey.questions.prefetch_related("options").order_by("position"):
                _, _, _, _, extra = QUESTIONS[question.position]
                options = {"choice": [], "row": [], "column": []}
                for option in sorted(question.options.all(), key=lambda o: o.position):
                    options[option.role].append(option.pk)
                key = question.kind
                if key == "matrix":
                    key = "number_cells" if question.cell == "number" else question.cell
                params = {
                    "survey": survey.pk,
                    "question": question.pk,
                    "answered": extra["answered"],
                    "choices": options["choice"],
                    "k": len(options["choice"]),
                    "rows": options["row"],
                    "columns": options["column"],
                    "c": len(options["column"]),
                    "min": extra.get("min", 0),
                    "max": extra.get("max", 100),
                    "texts": TEXTS,
                    "t": len(TEXTS),
                }
                cursor.execute(f"{INSERT} {KIND_SQL[key]}", params)
    say(f"  seeded in {time.perf_counter() - started:.1f} s")
    return survey


def naive(survey: Survey) -> dict:
    """The results computed in Python over every answer loaded as an object: per
    question the respondents, each option's (or cell's) count and share, the
    mean and median of numbers (per cell in a number matrix) and the free texts."""
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    by_question = defaultdict(list)
    answers = Answer.objects.filter(response__survey=survey, response__submitted_at__isnull=False)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    results = {}
    for question in questions:
        given = by_question[question.pk]
        respondents = len({a.response_id for a in given})
        figures = {"respondents": respondents}
        numbers = question.kind in Question.NUMERIC_KINDS or question.cell == "number"
        if question.kind == Question.Kind.TEXT:
            figures["texts"] = [a.text for a in given]
        elif numbers:
            cells = defaultdict(list)
            for a in given:
                cells[(a.row_id, a.option_id)].append(a.number)
            figures["cells"] = {
                cell: (len(v), statistics.fmean(v), statistics.median(v))
                for cell, v in cells.items()
            }
        else:
            counts = Counter((a.row_id, a.option_id) for a in given)
            figures["counts"] = {
                cell: (n, n / respondents if respondents else 0) for cell, n in counts.items()
            }
        results[question.pk] = figures
    return results


def url_of(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def timed(client, path, params=None) -> tuple[list[float], int] | str:
    """Times of RUNS requests after a warm-up, and the queries of one; or why not."""
    response = client.get(path, params or {})
    if response.status_code != 200:
        return f"answered {response.status_code}"
    for _i in range(WARM_UP - 1):
        client.get(path, params or {})
    times = []
    for _i in range(RUNS):
        started = time.perf_counter()
        client.get(path, params or {})
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params or {})
    return times, len(queries)


def naive_times(survey) -> list[float]:
    naive(survey)  # warm-up
    times = []
    for _i in range(NAIVE_RUNS):
        started = time.perf_counter()
        naive(survey)
        times.append((time.perf_counter() - started) * 1000)
    return times


def filter_group(survey) -> dict:
    """A middling district and category, and how many responses fall in both."""
    district = District.objects.get(slug="bench-3")
    category = Category.objects.get(name=CATEGORIES[2])
    size = survey.responses.submitted().filter(district=district, categories=category).count()
    return {"district": district.pk, "category": category.pk, "size": size}


def line(label: str, times, queries="") -> None:
    say(f"{label:<34} {statistics.median(times):>8.1f} {p95(times):>8.1f} {queries!s:>7}")


def main() -> None:
    # Not setup_test_environment(): its instrumented template rendering copies every
    # context for the test client, which costs more than the page itself.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    migrated()
    survey = seeded()
    if survey:
        say(f"Reusing the seeded survey {SLUG!r}.")
    else:
        say(f"Seeding a 30-question survey with {RESPONSES:,} responses …")
        survey = seed()
    settle(TABLES)
    group = filter_group(survey)
    say(
        f"Responses: {survey.responses.submitted().count():,}, answers: "
        f"{Answer.objects.filter(response__survey=survey).count():,}, questions: "
        f"{survey.questions.count()}; filter group (district+category): {group['size']:,}; "
        f"{RUNS} runs after {WARM_UP} warm-up, the naive way {NAIVE_RUNS} runs"
    )
    client = Client()
    client.force_login(coordinator())
    results = url_of("surveys:results", survey.slug)
    export = url_of("surveys:results_export", survey.slug, "xlsx")
    cases = [
        ("results page", results, {}),
        ("results: district+category", results, {k: group[k] for k in ("district", "category")}),
        ("XLSX export", export, {}),
    ]
    header = f"{'what':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7}"
    say(header)
    say("-" * len(header))
    page_p95 = None
    for label, path, params in cases:
        if path is None:
            say(f"{label:<34} skipped: not on this branch (its URL does not resolve)")
            continue
        measured = timed(client, path, params)
        if isinstance(measured, str):
            say(f"{label:<34} skipped: {path} {measured}")
            continue
        times, queries = measured
        line(label, times, queries)
        if label == "results page":
            page_p95, page_median = p95(times), statistics.median(times)
    times = naive_times(survey)
    line("the naive way (answers in Python)", times)
    say(load_average())
    if page_p95 is None:
        say(
            f"Target: results page p95 ≤ {TARGET_P95_MS} ms: not measured (no results page). "
            f"The naive way alone: median {statistics.median(times):.0f} ms."
        )
        return
    verdict = "met" if page_p95 <= TARGET_P95_MS else "NOT met"
    say(
        f"Target: results page p95 ≤ {TARGET_P95_MS} ms: {verdict} ({page_p95:.1f} ms). "
        f"The naive way takes {statistics.median(times) / page_median:.1f}× the results "
        f"page's median."
    )


if __name__ == "__main__":
    main()
