"""The team the server-attack tests share (issue 24): Robin, Björn and Olga, members of a
fresh team database on the test cluster, each with their own password, and what each test
does as one of them (the command line in-process, or raw SQL under their login)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from tests.pgserver import PgServer
from tests.services.conftest import sample_zips
from tests.services.teamkit import add_members, run

ME, BJORN, OLGA, EMEKA = sample_zips("network-2024")
LOGINS = {"robin": "robin-quill-42", "bjorn": "björn-lee-11eef", "olga": "olga-haddad-13dde"}
PASSWORD = "a teammates own password"
ARCHIVES = {"robin": ME, "bjorn": BJORN, "olga": OLGA}


@dataclass
class Team:
    server: PgServer
    database: str
    admin: str

    def url(self, login: str, **query: str) -> str:
        """`login`'s URL; `query` adds to it (options="-c lock_timeout=1s")."""
        extra = "".join(f"&{k}={quote(v)}" for k, v in query.items())
        return self.server.url(self.database, user=login, password=PASSWORD) + extra

    def cli(self, login: str, *args: str | Path, **query: str) -> tuple[int, str, str]:
        return run("--db", self.url(login, **query), *args)

    def json(self, login: str, *args: str | Path) -> Any:
        status, out, err = self.cli(login, *args, "--json")
        assert status == 0, err
        return json.loads(out)

    def raw(self, login: str) -> psycopg.Connection[Any]:
        dsn = self.server.libpq(self.database, login, PASSWORD)
        return psycopg.connect(dsn, autocommit=True)

    def one(self, login: str, sql: str, *params: Any) -> Any:
        with self.raw(login) as conn:
            row = conn.execute(sql, params).fetchone()
        assert row is not None, sql
        return row[0]


@contextmanager
def new_team(
    server: PgServer, members: Iterable[str] = tuple(LOGINS), imports: Iterable[str] = ()
) -> Iterator[Team]:
    """A team database with `members` (logins of LOGINS), each of `imports` having imported
    their own archive (in that order); dropped after."""
    database = server.create_database()
    admin = server.url(database)
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    add_members(admin, {login: LOGINS[login] for login in members}, PASSWORD)
    team = Team(server, database, admin)
    for login in imports:
        status, _, err = team.cli(login, "import", ARCHIVES[login])
        assert status == 0, err
    try:
        yield team
    finally:
        server.drop_database(database)
