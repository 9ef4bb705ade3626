"""Upgrading a team database: the admin's upgrade secures what it adds in the same
transaction, and a member whose NetView is newer than the database is told whom to ask."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import psycopg
import pytest
from alembic.config import Config
from tests.pgserver import PgServer
from tests.services.test_team import LOGINS, PASSWORD, Team, _run

from netview.store import migrate
from netview.store.db import DatabaseUnusable, open_database

# A later migration as the members meet it: a table (here `goal`, taken apart) neither
# granted to them nor under their row-level policy.
LATER = """
from alembic import op

revision = "9999"
down_revision = "{head}"


def upgrade() -> None:
    op.execute('DROP POLICY IF EXISTS own_rows ON goal')
    op.execute('ALTER TABLE goal NO FORCE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE goal DISABLE ROW LEVEL SECURITY')
    op.execute('REVOKE ALL ON goal FROM PUBLIC')
    op.execute('REVOKE ALL ON goal FROM "{group}"')
"""


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[Team]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert _run("team", "init", "--db", admin)[0] == 0
    for login in ("robin", "bjorn"):
        status, _, err = _run(
            "team", "add-member", "--login", login, "--profile-url",
            f"https://www.linkedin.com/in/{LOGINS[login]}/", "--password-stdin",
            "--db", admin, stdin=f"{PASSWORD}\n",
        )  # fmt: skip
        assert status == 0, err
    yield Team(pg_server, database, admin, {})
    pg_server.drop_database(database)


@pytest.fixture
def newer_netview(team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This NetView, with one migration more than the team database has."""
    scripts = tmp_path / "migrations"
    shutil.copytree(
        str(resources.files("netview.store") / "migrations"),
        scripts,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    group = f"netview_members_{team.database}"
    later = LATER.format(head=migrate.head_revision(), group=group)
    (scripts / "versions" / "9999_later.py").write_text(later, encoding="utf-8")

    def config() -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    monkeypatch.setattr(migrate, "_config", config)
    assert migrate.head_revision() == "9999"


def _goal_security(t: Team) -> tuple[bool, bool]:
    with psycopg.connect(t.server.libpq(t.database), autocommit=True) as conn:
        row = conn.execute(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'goal'"
        ).fetchone()
    assert row is not None
    return bool(row[0]), bool(row[1])


@pytest.mark.usefixtures("newer_netview")
def test_a_member_meeting_an_older_schema_is_told_to_ask_the_admin(team: Team) -> None:
    status, out, err = _run("--db", team.url("robin"), "stats")
    assert status == 1 and not out and err.count("\n") == 1, err
    assert "ask the team's admin to run `netview team init`" in err
    assert "older than this NetView" in err and PASSWORD not in err
    # The app opens databases the same way and shows this line.
    with pytest.raises(DatabaseUnusable, match="ask the team's admin"):
        open_database(team.url("robin"))
    assert _goal_security(team) == (True, True)  # the member changed nothing


@pytest.mark.usefixtures("newer_netview")
def test_the_admins_upgrade_secures_what_it_adds_at_once(team: Team) -> None:
    # Any command of the admin's upgrades the database, not only `team init`.
    status, _, err = _run("--db", team.admin, "stats")
    assert status == 0, err
    assert _goal_security(team) == (True, True)
    assert team.as_("robin", "stats")["me"]["key"] == LOGINS["robin"]
    with team.raw("robin") as robin:
        robin.execute(
            "INSERT INTO goal (kind, target, period, topic, created_at) "
            "VALUES ('connections', 10, 'quarter', 'fintech', now())"
        )
        assert robin.execute("SELECT count(*) FROM goal").fetchone() == (1,)
    with team.raw("bjorn") as bjorn:
        assert bjorn.execute("SELECT count(*) FROM goal").fetchone() == (0,)
