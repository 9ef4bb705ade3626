"""Shared set-up: the network-2024 sample (four archives) with groups, notes and follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
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
