from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import NullPool, create_engine, text
from tests.samples import SAMPLES as SAMPLES
from tests.samples import sample_zips as sample_zips
from tests.samples import truth as truth

from netview.cli import main


class Cli:
    """Runs `netview …` in-process against one database and returns (status, stdout, stderr).

    `fresh(name)` is another, empty database of the same kind (a file beside this one, or
    another database on the same PostgreSQL server), for tests that compare two.
    """

    def __init__(
        self,
        db: Path | str,
        capsys: pytest.CaptureFixture[str],
        fresh: Callable[[str], Path | str] | None = None,
    ) -> None:
        self.db = db
        self.capsys = capsys
        self._fresh = fresh

    @property
    def on_file(self) -> bool:
        """A SQLite file (which a failed first import removes again), not a server."""
        return isinstance(self.db, Path)

    def fresh(self, name: str) -> Cli:
        if self._fresh is None:
            assert isinstance(self.db, Path)
            return Cli(self.db.with_name(f"{name}.db"), self.capsys)
        return Cli(self._fresh(name), self.capsys, self._fresh)

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Raw SQL against this database (`:name` parameters), read-only, as a list."""
        return query(self.db, sql, **params)

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(["--db", str(self.db), *map(str, args)])
        out, err = self.capsys.readouterr()
        return status, out, err

    def json(self, *args: str | Path) -> Any:
        status, out, err = self(*args, "--json")
        assert status == 0, err
        return json.loads(out)


def query(db: Path | str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Raw SQL on a SQLite file or a database URL, with a plain engine (no NetView code)."""
    url = f"sqlite:///{db}" if isinstance(db, Path) else db
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


@pytest.fixture
def cli(
    backend: str,
    store_url: str,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> Iterator[Cli]:
    """The CLI on a fresh database: a SQLite file, or a PostgreSQL database too (every test
    under services/, store/, cli/ and security/ that takes it runs on both: tests/conftest.py)."""
    if backend == "sqlite":
        yield Cli(db_path, capsys)
        return
    server = request.getfixturevalue("pg_server")
    made: list[str] = []

    def fresh(_name: str) -> str:
        made.append(server.create_database())
        return str(server.url(made[-1]))

    yield Cli(store_url, capsys, fresh)
    for name in made:
        server.drop_database(name)
