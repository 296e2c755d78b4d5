"""`make run` (scripts/run): SITE_URL, which every mail's links are made from, is
the address it serves, unless one is given."""

import importlib.machinery
import importlib.util
import os
import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_script():
    loader = importlib.machinery.SourceFileLoader("scripts_run", str(ROOT / "scripts" / "run"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    # main() installs its own signal handlers: the test process gets its own back.
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield module
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize(
    "address,url",
    [
        ("127.0.0.1:8301", "http://127.0.0.1:8301"),
        ("localhost:8000", "http://localhost:8000"),
        ("0.0.0.0:8000", "http://127.0.0.1:8000"),
        ("[::]:8000", "http://[::1]:8000"),
        ("8000", "http://127.0.0.1:8000"),
    ],
)
def test_site_url_of_the_address_served(run_script, address, url):
    assert run_script.site_url_for(address) == url


def _steps_seen(run_script, monkeypatch, address) -> list[tuple[str, str | None]]:
    """What SITE_URL each step of `make run` starts with (the embedded database is not
    needed: DATABASE_URL is set, as in the test suite)."""
    assert os.environ.get("DATABASE_URL")
    seen = []

    def step(args):
        seen.append((args[0], os.environ.get("SITE_URL")))
        return 0

    monkeypatch.setattr(run_script, "_run", step)
    assert run_script.main(address) == 0
    return seen


def test_every_step_gets_the_site_url_of_the_port_served(run_script, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    seen = _steps_seen(run_script, monkeypatch, "127.0.0.1:8301")
    assert [name for name, _url in seen] == [s[0] for s in run_script.STEPS] + ["runserver"]
    assert {url for _name, url in seen} == {"http://127.0.0.1:8301"}


def test_a_site_url_given_is_kept(run_script, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://abc.example.se")
    seen = _steps_seen(run_script, monkeypatch, "127.0.0.1:8301")
    assert {url for _name, url in seen} == {"https://abc.example.se"}
