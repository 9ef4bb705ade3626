"""Issue 24, attack 7: the team's day-to-day admin cannot read members' notes.

The database owner (a --createrole login owning the database) runs `team init --admin ada`:
NetView's tables go to a NOLOGIN role the owner belongs to and Ada does not, and Ada, who
may not create roles, adds and removes members through the server's functions. Ada tries
the issue's SQL and every way around it; the database owner still can (it is trusted with
everything, as the README says)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.conftest import sample_zips
from tests.services.teamkit import add_member, run

ME, BJORN, _OLGA, _EMEKA = sample_zips("network-2024")
PASSWORD = "the owners long password"
DATABASE = "adminsteam"
NOTE = "robin's private note"


@dataclass
class Team:
    server: PgServer

    def url(self, login: str) -> str:
        return self.server.url(DATABASE, user=login, password=PASSWORD)

    def raw(self, login: str) -> psycopg.Connection[Any]:
        return psycopg.connect(self.server.libpq(DATABASE, login, PASSWORD), autocommit=True)

    def cli(self, login: str, *args: str | Path, stdin: str = "") -> tuple[int, str, str]:
        return run("--db", self.url(login), *args, stdin=stdin)


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    with psycopg.connect(pg_server.libpq(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'dbowner'").fetchone() is None:
            conn.execute(f"CREATE ROLE dbowner LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        conn.execute(f"CREATE DATABASE {DATABASE} OWNER dbowner")
    t = Team(pg_server)
    status, out, err = t.cli("dbowner", "team", "init", "--admin", "ada", "--password-stdin",
                             stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 0 and "Day-to-day admin: ada" in out, err
    # The cluster is shared by every test module: logins are cluster-wide, so these are new.
    for login, key in (("a_robin", "robin-quill-42"), ("a_bjorn", "björn-lee-11eef")):
        status, _, err = add_member(t.url("ada"), login, key, PASSWORD)
        assert status == 0, err
    for login, archive in (("a_robin", ME), ("a_bjorn", BJORN)):
        assert t.cli(login, "import", archive)[0] == 0
    assert t.cli("a_robin", "note", "olga-haddad-13dde", NOTE)[0] == 0
    yield t
    pg_server.drop_database(DATABASE)
    with psycopg.connect(pg_server.libpq(), autocommit=True) as conn:
        for role in ("ada", "a_robin", "a_bjorn", "a_dana"):
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def test_the_admin_cannot_lift_the_policies_or_become_the_owner(team: Team) -> None:
    owner = f"netview_tables_{DATABASE}"
    with team.raw("ada") as ada:
        for sql in (
            "ALTER TABLE note NO FORCE ROW LEVEL SECURITY",  # the attack
            "ALTER TABLE note DISABLE ROW LEVEL SECURITY",
            "DROP POLICY own_rows ON note",
            f"GRANT {owner} TO ada",
            f"SET ROLE {owner}",
            "SET ROLE dbowner",
            "ALTER ROLE ada CREATEROLE",
            "CREATE ROLE spy LOGIN",
            "SELECT setval('netview_generation_seq', 1)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), ada.transaction():
                ada.execute(sql)
        assert ada.execute("SELECT body FROM note").fetchall() == []
        # The functions that make members' logins touch members' logins only.
        for who in ("dbowner", "netview_admin", owner, "ada"):
            with pytest.raises(psycopg.errors.RaiseException), ada.transaction():
                ada.execute("SELECT netview_add_login(%s, 'hijacked')", (who,))
            with pytest.raises(psycopg.errors.RaiseException), ada.transaction():
                ada.execute("SELECT netview_drop_login(%s)", (who,))
    status, _, err = team.cli("ada", "team", "init")
    assert status == 1 and err.count("\n") == 1 and "database owner" in err, err
    # The owner's password still works: Ada could not change it.
    team.raw("dbowner").close()


def test_members_may_not_use_the_admins_functions(team: Team) -> None:
    with team.raw("a_bjorn") as bjorn:
        for sql in (
            "SELECT netview_add_login('mallory', 'x')",
            "SELECT netview_drop_login('a_robin')",
            "SELECT netview_delete_private_rows('a_robin')",
            "SELECT netview_purge_login('a_robin')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), bjorn.transaction():
                bjorn.execute(sql)


def test_the_database_owner_can_still_read_everything(team: Team) -> None:
    # As docs/threat-model.md and the README say: trusted with everything.
    with team.raw("dbowner") as owner, owner.transaction(force_rollback=True):
        owner.execute("ALTER TABLE note NO FORCE ROW LEVEL SECURITY")
        assert owner.execute("SELECT body FROM note").fetchall() == [(NOTE,)]


def test_the_admin_still_runs_the_team(team: Team) -> None:
    status, out, err = add_member(team.url("ada"), "a_dana", "dana-new-1", PASSWORD)
    assert status == 0, err
    team.raw("a_dana").close()
    # A login of another database on this server is not the admin's to take over.
    with psycopg.connect(team.server.libpq(), autocommit=True) as conn:
        conn.execute("CREATE ROLE outsider LOGIN")
    try:
        status, out, err = add_member(team.url("ada"), "outsider", "dana-new-1", PASSWORD)
    finally:
        with psycopg.connect(team.server.libpq(), autocommit=True) as conn:
            conn.execute("DROP ROLE outsider")
    assert status == 1 and err == "netview: outsider is another login of this server\n", err
    status, out, err = team.cli("ada", "team", "remove-member", "a_robin")
    assert status == 0, err
    assert "private rows with it" in out and " 0 private rows" not in out, out
    with team.raw("dbowner") as owner, owner.transaction(force_rollback=True):
        owner.execute("ALTER TABLE note NO FORCE ROW LEVEL SECURITY")
        assert owner.execute("SELECT body FROM note").fetchall() == []  # gone, unseen by Ada
    with pytest.raises(psycopg.OperationalError):
        team.raw("a_robin").close()
    status, out, err = team.cli("ada", "team", "purge", "a_robin", "--json")
    assert status == 0, err
    assert team.cli("a_bjorn", "stats")[0] == 0
