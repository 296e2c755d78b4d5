"""Load benchmark: gunicorn with the production settings, wrk on loopback.

Starts the web process as production does (``scripts/serve web``: gunicorn with
``portal.settings.prod`` and the environment a deployment gives), 2 sync workers,
on the 50,000-association benchmark database (seeded with register.py's seed when
it is not), then runs wrk (Debian's package) with 4 connections against a trivial
view (/healthz, the ceiling), the home page, the directory's first page, a search
uncached and repeated, an association's page and the calendar. Twice: first with
the page cache off (PAGE_CACHE_SECONDS=0, today's figures), then on. Then the
uncached search again with both servers up, in alternating slices, so that the
machine's changing load weighs on both alike: that is the figure the "no slower"
target compares. Prints requests/s, p50 and p99 latency, errors, and each page's
throughput as a share of the trivial view's, with the targets.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/load.py [--duration 30]
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEARCH = "/foreningar/?q=" + quote("idrottsförening")
# Each request a new address (per run, wrk thread and request), so every one misses
# the cache; the filters ignore the parameter, the page counts it as one filter.
UNIQUE_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "%s&bench=%s-" .. tid .. "-" .. n)
end
"""
SEED = """
import sys
sys.path.append("benchmarks")
import harness, register
harness.migrated()
if not register.seeded():
    register.seed()
"""
TARGET_SHARE = 0.5
WARM_UP_SECONDS = 2
SLICE_SECONDS = 3  # of the interleaved uncached search, each server in turn


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def environment(args, *, page_cache_seconds: int, static_root: str, port: int = 0) -> dict:
    """What a deployment gives the web process (prod.py refuses to start without it),
    with plain HTTP on loopback."""
    port = port or args.port
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        EMAIL_URL="console:",
        SITE_URL=f"https://127.0.0.1:{port}",
        CONTACT_EMAIL="kontaktcenter@kommun.example",
        CONTACT_PHONE="08-465 004 00",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PORT=str(port),
        WEB_WORKERS=str(args.workers),
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
    )
    return env


def seed(args) -> None:
    env = dict(os.environ, DATABASE_URL=args.database_url, REDIS_URL="")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([PYTHON, "-c", SEED], cwd=ROOT, env=env, check=True)


def fresh_cache(env) -> None:
    """A new content version: no page cached by an earlier run is served (without
    emptying a Redis database that others may share)."""
    subprocess.run(
        [PYTHON, "-c", "import django; django.setup(); import portal.pagecache as p; p.bump()"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


class Server:
    """``scripts/serve web`` in the background, its log in a file."""

    def __init__(self, env, port: int, log: Path):
        self.env, self.port, self.log = env, port, log

    def __enter__(self):
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "scripts/serve", "web"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit(f"gunicorn did not answer /healthz; see {self.log}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def _wrk(server: Server, path: str, *, seconds: int, connections: int, unique: bool) -> str:
    command = ["wrk", f"--threads={min(connections, 2)}", f"--connections={connections}"]
    command += [f"--duration={seconds}s", "--timeout=10s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if unique:
            script.write(UNIQUE_LUA % (path, secrets.token_hex(8)))  # new in every run
            script.flush()
            command.append(f"--script={script.name}")
        command.append(server.url(path))
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def wrk(server: Server, name: str, path: str, args, *, unique: bool = False) -> Result:
    """One wrk run after WARM_UP_SECONDS of the same, which fill the cache and every
    worker's caches of templates and code."""
    run = {"connections": args.connections, "unique": unique}
    _wrk(server, path, seconds=WARM_UP_SECONDS, **run)
    result = _result(name, path, _wrk(server, path, seconds=args.duration, **run))
    say(f"  {name:<36} {result.requests_per_second:8.1f} req/s  p50 {result.p50_ms:7.1f} ms"
        f"  p99 {result.p99_ms:7.1f} ms  errors {result.errors}")  # fmt: skip
    return result


def _result(name: str, path: str, output: str) -> Result:
    """wrk's figures. Errors: non-2xx/3xx answers and socket errors."""
    if "Latency Distribution" not in output:
        raise SystemExit(f"wrk gave no latency distribution for {path}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1])
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1])
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    if socket := re.search(r"Socket errors: ((?:\w+ \d+,? ?)+)", output):
        errors += sum(int(n) for n in re.findall(r"\d+", socket[1]))
    return Result(name, rate, p50, p99, errors)


def association_path(server: Server) -> str:
    """The first association the directory links to."""
    with urllib.request.urlopen(server.url("/foreningar/"), timeout=30) as response:
        html = response.read().decode()
    return re.search(r'href="(/foreningar/bench-\d+/)"', html)[1]


def measure(args, *, page_cache_seconds: int, static_root: str, title: str) -> dict:
    env = environment(args, page_cache_seconds=page_cache_seconds, static_root=static_root)
    fresh_cache(env)
    say(f"\n{title} (PAGE_CACHE_SECONDS={page_cache_seconds})")
    log = ROOT / "var" / f"load-gunicorn-{page_cache_seconds}.log"
    log.parent.mkdir(exist_ok=True)
    with Server(env, args.port, log) as server:
        association = association_path(server)
        runs = [
            ("trivial view (/healthz)", "/healthz", False),
            ("home page", "/", False),
            ("directory, first page", "/foreningar/", False),
            ("search, uncached", SEARCH, True),
            ("search, repeated", SEARCH, False),
            ("association page", association, False),
            ("calendar, first page", "/foreningar/kalender/", False),
        ]
        return {name: wrk(server, name, path, args, unique=unique) for name, path, unique in runs}


def interleaved(args, *, static_root: str) -> tuple[Result, Result]:
    """The uncached search against both servers up at once (cache off, cache on),
    SLICE_SECONDS each in turn for ``--duration`` seconds each, every round in the
    other order: two servers measured minutes apart see different loads on a shared
    machine, these see the same. Requests/s averaged over the slices; errors summed."""
    rounds = max(2, args.duration // SLICE_SECONDS)
    say(f"\nUncached search, interleaved ({rounds} × {SLICE_SECONDS} s each, both servers up)")
    slices = {0: [], 300: []}
    with ExitStack() as stack:
        servers = {}
        for seconds in slices:
            port = free_port()
            env = environment(args, page_cache_seconds=seconds, static_root=static_root, port=port)
            log = ROOT / "var" / f"load-gunicorn-interleaved-{seconds}.log"
            servers[seconds] = stack.enter_context(Server(env, port, log))
        run = {"connections": args.connections, "unique": True}
        for server in servers.values():
            _wrk(server, SEARCH, seconds=WARM_UP_SECONDS, **run)
        for n in range(rounds):
            for seconds in (0, 300) if n % 2 == 0 else (300, 0):
                output = _wrk(servers[seconds], SEARCH, seconds=SLICE_SECONDS, **run)
                slices[seconds].append(_result("search, uncached", SEARCH, output))
    results = []
    for seconds, title in ((0, "cache off"), (300, "cache on")):
        runs = slices[seconds]
        rate = sum(r.requests_per_second for r in runs) / len(runs)
        result = Result(title, rate, median(r.p50_ms for r in runs),
                        max(r.p99_ms for r in runs), sum(r.errors for r in runs))  # fmt: skip
        say(f"  {title:<36} {rate:8.1f} req/s  p50 {result.p50_ms:7.1f} ms (median of the"
            f" slices)  p99 {result.p99_ms:7.1f} ms (worst)  errors {result.errors}")  # fmt: skip
        results.append(result)
    return results[0], results[1]


def table(before: dict, after: dict, off: Result, on: Result) -> bool:
    ceiling = after["trivial view (/healthz)"].requests_per_second
    say(f"\nWith the cache, as a share of the trivial view ({ceiling:.0f} req/s):")
    say(f"  {'page':<36} {'req/s':>8} {'share':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
        f" {'before':>8}")  # fmt: skip
    for name, result in after.items():
        share = result.requests_per_second / ceiling
        say(
            f"  {name:<36} {result.requests_per_second:8.1f} {share:6.1%} {result.p50_ms:7.1f}"
            f" {result.p99_ms:7.1f} {result.errors:6d} {before[name].requests_per_second:8.1f}"
        )
    every = [*before.values(), *after.values(), off, on]
    checks = [("0 errors", all(r.errors == 0 for r in every))]
    for name in (
        "home page",
        "directory, first page",
        "calendar, first page",
        "association page",
        "search, repeated",
    ):
        share = after[name].requests_per_second / ceiling
        checks.append((f"{name} >= {TARGET_SHARE:.0%} of the trivial view", share >= TARGET_SHARE))
    # The same requests (each a new address) to both servers, interleaved: only the
    # cache differs.
    checks.append(
        (
            f"uncached search no slower than before caching, interleaved"
            f" ({on.requests_per_second:.1f} vs {off.requests_per_second:.1f} req/s,"
            f" {on.requests_per_second / off.requests_per_second:.0%}; 10 % tolerance for noise)",
            on.requests_per_second >= 0.9 * off.requests_per_second,
        )
    )
    # The two servers run minutes apart on a machine whose load moves: each one's
    # share of its own trivial view is the comparison that load does not skew.
    shares = [
        r["search, uncached"].requests_per_second / r["trivial view (/healthz)"].requests_per_second
        for r in (after, before)
    ]  # noqa: E501
    say(f"\nUncached search as a share of each run's trivial view: {shares[0]:.1%} with the"
        f" cache, {shares[1]:.1%} without")  # fmt: skip
    say("\nTargets:")
    for text, ok in checks:
        say(f"  [{'ok' if ok else 'MISSED'}] {text}")
    say(f"\nLoad average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return all(ok for _text, ok in checks)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per page (30)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=free_port(), help="a free one unless given")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    say("Seeding the benchmark database if needed …")
    seed(args)
    with tempfile.TemporaryDirectory() as static_root:
        env = environment(args, page_cache_seconds=0, static_root=static_root)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env,
            check=True,
        )  # fmt: skip
        before = measure(args, page_cache_seconds=0, static_root=static_root, title="No cache")
        after = measure(
            args, page_cache_seconds=300, static_root=static_root, title="Page cache on"
        )
        off, on = interleaved(args, static_root=static_root)
    sys.exit(0 if table(before, after, off, on) else 1)


if __name__ == "__main__":
    main()
