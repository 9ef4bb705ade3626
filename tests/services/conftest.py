from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netview.cli import main

SAMPLES = Path(__file__).parents[1] / "fixtures" / "samples"


def sample_zips(name: str) -> list[Path]:
    """The sample's archives, the owner's own (me__…) first."""
    folder = SAMPLES / name
    return sorted(folder.glob("*.zip"), key=lambda p: (not p.name.startswith("me__"), p.name))


def truth(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name / "truth.json").read_text(encoding="utf-8"))


class Cli:
    """Runs `netview …` in-process against one database and returns (status, stdout, stderr)."""

    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(["--db", str(self.db), *map(str, args)])
        out, err = self.capsys.readouterr()
        return status, out, err

    def json(self, *args: str | Path) -> Any:
        status, out, err = self(*args, "--json")
        assert status == 0, err
        return json.loads(out)


@pytest.fixture
def cli(backend: str, store_url: str, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI on a fresh database: a SQLite file, or (@pytest.mark.backends) PostgreSQL too."""
    return Cli(db_path if backend == "sqlite" else store_url, capsys)
