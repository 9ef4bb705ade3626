"""Upgrading a team database: the admin's upgrade secures what it adds in the same
transaction and reaches every member's rows, a member whose NetView is newer than the
database is told whom to ask; and a superuser admin is warned that the policies do not
bind it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from tests.pgserver import PgServer
from tests.services.teamkit import add_members
from tests.services.test_team import LOGINS, ME, PASSWORD, Team, _run

from netview.store import migrate, schema_head
from netview.store.db import DatabaseUnusable, open_database

LATER = """
from alembic import op

revision = "9999"
down_revision = "{head}"


def upgrade() -> None:
{body}
"""
# A later migration as the members meet it: a table (here `goal`, taken apart) neither
# granted to them nor under their row-level policy.
UNSECURED_TABLE = """
    op.execute('DROP POLICY IF EXISTS own_rows ON goal')
    op.execute('ALTER TABLE goal NO FORCE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE goal DISABLE ROW LEVEL SECURITY')
    op.execute('REVOKE ALL ON goal FROM PUBLIC')
    op.execute('REVOKE ALL ON goal FROM "{group}"')
"""
# A later migration that rewrites private rows: it must reach every member's.
REWRITE_NOTES = """
    op.execute("UPDATE note SET body = body || ' (kept)'")
"""


def _add_members(admin: str) -> None:
    add_members(admin, {k: LOGINS[k] for k in ("robin", "bjorn")}, PASSWORD)


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[Team]:
    """A team whose admin is the cluster's superuser."""
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert _run("team", "init", "--db", admin)[0] == 0
    _add_members(admin)
    yield Team(pg_server, database, admin, {})
    pg_server.drop_database(database)


@pytest.fixture
def owned_team(pg_server: PgServer) -> Iterator[Team]:
    """A team whose admin owns the database and may create roles, no more (as the README
    advises)."""
    with psycopg.connect(pg_server.libpq(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'fundadmin'").fetchone() is None:
            conn.execute(f"CREATE ROLE fundadmin LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        conn.execute("CREATE DATABASE owned OWNER fundadmin")
    admin = pg_server.url("owned", "fundadmin", PASSWORD)
    status, _, err = _run("team", "init", "--db", admin)
    assert status == 0 and err == "", err  # no warning: the policies bind this admin
    _add_members(admin)
    yield Team(pg_server, "owned", admin, {})
    pg_server.drop_database("owned")


def _newer_netview(t: Team, body: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This NetView, with one migration more than the team database has."""
    scripts = tmp_path / "migrations"
    shutil.copytree(
        str(resources.files("netview.store") / "migrations"),
        scripts,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    group = f"netview_members_{t.database}"
    later = LATER.format(head=migrate.head_revision(), body=body.format(group=group))
    (scripts / "versions" / "9999_later.py").write_text(later, encoding="utf-8")

    def config() -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    monkeypatch.setattr(migrate, "_config", config)
    # The quick "already current?" check at every open reads the same scripts.
    monkeypatch.setattr(schema_head, "scripts_folder", lambda: scripts)
    assert migrate.head_revision() == "9999"


@pytest.fixture
def newer_netview(team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _newer_netview(team, UNSECURED_TABLE, tmp_path, monkeypatch)


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


def test_init_as_a_superuser_warns_in_one_line(team: Team) -> None:
    status, out, err = _run("team", "init", "--db", team.admin)
    assert status == 0 and out.startswith("Team database ready")
    assert err.count("\n") == 1 and err.startswith("netview: warning:") and "superuser" in err
    assert "--createrole" in err


def test_the_owning_admins_upgrade_reaches_every_members_private_rows(
    owned_team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    t, olga = owned_team, LOGINS["olga"]
    assert _run("--db", t.admin, "import", ME)[0] == 0
    for login in ("robin", "bjorn"):
        assert _run("--db", t.url(login), "note", olga, f"{login}'s note")[0] == 0
    _newer_netview(t, REWRITE_NOTES, tmp_path, monkeypatch)
    status, _, err = _run("--db", t.admin, "stats")
    assert status == 0, err
    for login in ("robin", "bjorn"):
        assert [n["body"] for n in t.as_(login, "note", olga)] == [f"{login}'s note (kept)"]
    # Afterwards the policies bind the admin again: members' notes are not the admin's.
    assert t.as_("fundadmin", "note", olga) == []
    with psycopg.connect(t.server.libpq("owned"), autocommit=True) as conn:
        forced = conn.execute(
            "SELECT bool_and(relforcerowsecurity) FROM pg_class WHERE relname IN "
            "('note', 'tag', 'goal', 'followup', 'interaction_text')"
        ).fetchone()
    assert forced == (True,)


def test_a_team_database_taken_back_a_version_is_the_admins_to_upgrade(team: Team) -> None:
    """With the real migrations: the database as the previous NetView left it."""
    head = migrate.head_revision()
    script = ScriptDirectory.from_config(migrate._config()).get_revision(head)
    previous = script.down_revision
    assert isinstance(previous, str)
    engine = create_engine(team.admin)
    try:
        with engine.begin() as conn:
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, previous)
    finally:
        engine.dispose()
    status, _, err = _run("--db", team.url("robin"), "stats")
    assert status == 1 and err.count("\n") == 1, err
    assert f"({previous}) is older than this NetView's ({head})" in err
    status, _, err = _run("team", "init", "--db", team.admin)
    assert status == 0, err
    assert team.as_("robin", "stats")["me"]["key"] == LOGINS["robin"]
