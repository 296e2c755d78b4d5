"""The fuzzer's figures, printed at the end of the run (a pytest plugin, loaded with
``-p tests.fuzz.report`` in pyproject.toml so that under xdist the controller, which
collects no tests, sums what each worker counted)."""

import json
from collections import Counter

COUNTS: Counter = Counter()  # this process's figures, filled by tests/fuzz/test_forms.py
STATUSES: Counter = Counter()
UNREACHED: set = set()  # routes no role's crawl reached, as a page or a form's action
_WORKERS: list[dict] = []


def record(**figures) -> None:
    COUNTS.update(figures)


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # an xdist worker: hand them over
        session.config.workeroutput["fuzz"] = json.dumps(
            {"counts": dict(COUNTS), "statuses": dict(STATUSES), "unreached": sorted(UNREACHED)}
        )


def pytest_testnodedown(node, error):
    output = getattr(node, "workeroutput", {}).get("fuzz")
    if output:
        _WORKERS.append(json.loads(output))


def pytest_terminal_summary(terminalreporter):
    counts, statuses, unreached = Counter(COUNTS), Counter(STATUSES), set(UNREACHED)
    for worker in _WORKERS:
        counts.update(worker["counts"])
        statuses.update(worker["statuses"])
        unreached.update(worker["unreached"])
    if not counts.get("cases"):
        return
    # Discovery runs once per worker process: report one worker's view of the site.
    workers = max(1, counts.get("discoveries", 1))
    write = terminalreporter.write_line
    terminalreporter.section("form fuzzer")
    write(
        f"routes in the URLconf: {counts['routes'] // workers}, reached (page or form action): "
        f"{counts['reached'] // workers}, skipped by SKIPPED: {counts['skipped'] // workers}"
    )
    write(f"not reached ({len(unreached)}): " + ", ".join(sorted(unreached)))
    write(
        f"POST forms found: {counts['forms'] // workers} on {counts['form_routes'] // workers}"
        f" routes; as {counts['roles']} roles: {counts['pairs']} form x role pairs, "
        f"{counts['own']} of them on a form the role reached"
    )
    write(f"cases posted: {counts['cases']}, re-rendered forms checked: {counts['rerendered']}")
    write("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    write(
        f"seconds: discovery {counts['discovery_seconds']:.0f} (summed over {workers} "
        f"processes), posting {counts['fuzz_seconds']:.0f}"
    )
    write(f"server errors (500 or ERROR logged): {counts['errors']}")
