"""Shared set-up: the network-2024 sample (four archives) with groups, notes and follow-ups;
for the team server's tests, a team of three who each imported their own archive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.pgserver import PgServer
from tests.security.teamkit import Team, new_team
from tests.services.conftest import Cli
from tests.services.exportkit import build, copy_db


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("net") / "built.db")


@pytest.fixture
def net(built: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A fresh copy of the built database, driven through the command line."""
    copy_db(built, db_path)
    return Cli(db_path, capsys)


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    """Robin, Björn and Olga, each with their own archive imported (a module's tests share
    it: each attack leaves the others' rows as they were)."""
    with new_team(pg_server, imports=("robin", "bjorn", "olga")) as t:
        yield t
