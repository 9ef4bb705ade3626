"""Test-wide set-up: Qt offscreen, settings and data folders redirected to tmp_path."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netview.core.pause_gc import collect_due
from tests import pgserver

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_dirs(tmp_path: Path) -> Iterator[None]:
    """A test never touches the developer's own database, settings or logs.

    Through a MonkeyPatch of its own, not the test's `monkeypatch`: a test that calls
    `monkeypatch.undo()` (to end its own patches early) would undo these too, and the rest
    of it would write into the real home folder."""
    home = tmp_path / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        patch.setenv("XDG_STATE_HOME", str(home / "state"))
        patch.delenv("NETVIEW_DB", raising=False)
        yield


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    """As in the app (netview.ui.gc_timer): no cyclic garbage collection while a test runs,
    so no worker thread ever destroys a Qt object; what is due is collected after, here."""
    gc.disable()
    yield
    collect_due()
    gc.enable()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--scratch-imports",
        action="store_true",
        help="import every archive's connections through the scratch table and a spool on "
        "disk (the path of files past 50,000 connections), to check it gives the same",
    )


@pytest.fixture(autouse=True)
def _scratch_imports(request: pytest.FixtureRequest) -> Iterator[None]:
    # Its own MonkeyPatch, as _fresh_dirs: a test's monkeypatch.undo() leaves it alone.
    with pytest.MonkeyPatch.context() as patch:
        if request.config.getoption("--scratch-imports"):
            from netview.io import spool
            from netview.services.importing import merge

            patch.setattr(merge, "SCRATCH_FROM", 0)
            patch.setattr(spool, "KEEP", 2)
            patch.setattr(spool, "BLOCK", 3)
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netview.db"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


# --- PostgreSQL: one throwaway cluster per test session (tests/pgserver.py) ---------------

_pg: dict[str, object] = {}


def _pg_server() -> pgserver.PgServer | None:
    if "server" not in _pg:
        # NETVIEW_TEST_POSTGRESQL=0 runs the suite without them (SQLite only).
        server, why = (
            (None, "NETVIEW_TEST_POSTGRESQL=0")
            if os.environ.get("NETVIEW_TEST_POSTGRESQL") == "0"
            else pgserver.start()
        )
        _pg["server"], _pg["why"] = server, why
    return _pg["server"]  # type: ignore[return-value]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    """The session's PostgreSQL server; the test is skipped when none can be started."""
    server = _pg_server()
    if server is None:
        pytest.skip(f"PostgreSQL tests skipped: {_pg['why']}")
    yield server


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    server = _pg.get("server")
    if isinstance(server, pgserver.PgServer):
        server.stop()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # One line, so `make test` says whether the PostgreSQL half of the suite ran.
    if "why" in _pg:
        ran = _pg["server"] is not None
        state = "ran on " if ran else "SKIPPED: "
        terminalreporter.write_line(f"PostgreSQL tests: {state}{_pg['why']}")


BACKENDS = ("sqlite", "postgresql")


# The store, services, command-line and security tests that take their database from the
# `cli` or `store_url` fixture run on both backends; elsewhere @pytest.mark.backends asks
# for it. @pytest.mark.sqlite_only keeps a test about SQLite files to SQLite.
BOTH_BACKENDS_UNDER = ("services", "store", "cli", "security")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    folder = Path(str(metafunc.definition.fspath)).parent.name
    if metafunc.definition.get_closest_marker("backends") or folder in BOTH_BACKENDS_UNDER:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a database on the test PostgreSQL server."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'netview.db'}"
        return
    server: pgserver.PgServer = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)
