"""What the second audit of the team server (issue 24) still found open, each as raw SQL
under Robin's login on a real PostgreSQL server: refused in one line, or without effect on
Björn and Olga, whose own commands still work (docs/threat-model.md, "Ids").

- ids a member chose that the server never handed out (one far ahead blocks every
  import; one just ahead collides with a teammate's next note, which they cannot see);
- the import lock held on purpose: a teammate's import waits a bounded time, then one line
  naming who holds it;
- evidence and messages kept unattached hung on a teammate's source;
- an undo journal written ahead under a teammate's next source id;
- rows or tables held locked: the teammate's line names who held them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from tests.pgserver import PgServer
from tests.security.teamkit import EMEKA, LOGINS, OLGA, PASSWORD, Team, new_team

from netview.store import importing, team_ids
from netview.store.db import open_database
from netview.store.errors import timed_out
from netview.store.team import PRIVATE_TABLES

TOP_ID = 2**31 - 1  # PostgreSQL's largest integer: every id after it is out of range


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    # Olga imports later, in the tests.
    with new_team(pg_server, imports=("robin", "bjorn")) as t:
        yield t


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netview: "), err
    return lines[0]


# --- forged ids -----------------------------------------------------------------------------


def test_ids_the_server_did_not_hand_out_are_refused(team: Team) -> None:
    with team.raw("robin") as robin:
        (someone,) = robin.execute("SELECT min(id) FROM person").fetchone()  # type: ignore[misc]
        (handed,) = robin.execute("SELECT last_value FROM note_id_seq").fetchone()  # type: ignore[misc]
        # The ids Björn's next notes would get, taken first.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not handed out"):
            robin.execute(
                "INSERT INTO note (id, person_id, body, created_at, updated_at) "
                "SELECT g, %s, 'x', now(), now() FROM generate_series(%s::int, %s::int) g",
                (someone, handed + 1, handed + 50),
            )
        # The last id there is: every import after it would end out of range. Not even
        # while holding the import lock (as an import does).
        person = (
            "INSERT INTO person (id, key, first_name, last_name, name, name_key, created_at) "
            "VALUES (%s, 'far-away', 'F', 'A', 'F A', 'f a', now())"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not handed out"):
            robin.execute(person, (TOP_ID,))
        with robin.transaction(force_rollback=True):
            robin.execute("SELECT pg_advisory_xact_lock(%s)", (team_ids.IMPORT_LOCK,))
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="far past"):
                robin.execute(person, (TOP_ID,))
        # Nor may a row of his own move to such an id later.
        (note,) = robin.execute(
            "INSERT INTO note (person_id, body, created_at, updated_at) "
            "VALUES (%s, 'mine', now(), now()) RETURNING id",
            (someone,),
        ).fetchone()  # type: ignore[misc]
        for sql in (
            "UPDATE note SET id = id + 1 WHERE id = %s",
            "UPDATE person SET id = 2147483647 WHERE id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="keeps its id"):
                robin.execute(sql, (note if "note" in sql else someone,))
        # The column's default is still his to use: his own note went in above.
        assert robin.execute("SELECT count(*) FROM note").fetchone() == (1,)
    # Björn's next note and Olga's first import take the next ids, as before.
    status, _, err = team.cli("bjorn", "note", LOGINS["robin"], "met at the fair")
    assert status == 0, err
    status, _, err = team.cli("olga", "import", OLGA)
    assert status == 0, err
    with team.raw("olga") as olga:
        assert olga.execute("SELECT max(id) < 1000000 FROM person").fetchone() == (True,)


# --- a held import lock ---------------------------------------------------------------------


def _connections(folder: Path, first: str = "Nia") -> Path:
    """A colleague's one-line Connections.csv, naming one new person."""
    path = folder / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"{first},Newcomer,https://www.linkedin.com/in/{first.lower()}-newcomer-77,,Acme,CTO,"
        "01 Jul 2026\n",
        encoding="utf-8",
    )
    return path


def test_a_held_import_lock_costs_one_line_naming_who_holds_it(
    team: Team, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(importing, "IMPORT_WAIT", 2)  # 3 minutes in real use
    bjorn = f"https://www.linkedin.com/in/{LOGINS['bjorn']}/"
    archive = (_connections(tmp_path), "--owner-url", bjorn)
    before = _sources(team)
    with team.raw("robin") as robin:
        # Not for one transaction, as an import does: for as long as he stays connected.
        robin.execute("SELECT pg_advisory_lock(%s)", (team_ids.IMPORT_LOCK,))
        status, _, err = team.cli("bjorn", "import", *archive)
        assert status == 1
        line = _one_line(err)
        assert "robin" in line and "nothing was imported" in line, line
        robin.execute("SELECT pg_advisory_unlock(%s)", (team_ids.IMPORT_LOCK,))
    assert _sources(team) == before
    status, _, err = team.cli("bjorn", "import", *archive)
    assert status == 0, err
    assert len(_sources(team)) == len(before) + 1


def _sources(team: Team) -> list[str]:
    status, out, err = team.cli("bjorn", "sources", "--json")
    assert status == 0, err
    return [s["label"] for s in json.loads(out)]


# --- evidence on a teammate's source --------------------------------------------------------


PRIVATE_ON_A_SOURCE = {
    "pending_message": "INSERT INTO pending_message (source_id, entries) VALUES (%s, '[]')",
    "evidence_report": "INSERT INTO evidence_report (source_id, report) VALUES (%s, '{}')",
    "evidence_item": "INSERT INTO evidence_item (source_id, kind, dedup, at) "
    "VALUES (%s, 'meeting', 'forged', now())",
    "evidence_address": "INSERT INTO evidence_address (source_id, address, how) "
    "VALUES (%s, 'bjorn@example.com', 'from')",
}


def test_private_rows_hang_only_on_the_members_own_sources(team: Team) -> None:
    with team.raw("robin") as robin:
        (theirs,) = robin.execute("SELECT min(id) FROM source WHERE added_by = 'bjorn'").fetchone()  # type: ignore[misc]
        (own,) = robin.execute("SELECT min(id) FROM source WHERE added_by = 'robin'").fetchone()  # type: ignore[misc]
        for table, sql in PRIVATE_ON_A_SOURCE.items():
            with (
                pytest.raises(psycopg.errors.InsufficientPrivilege, match="sources your imports"),
                robin.transaction(),
            ):
                robin.execute(sql, (theirs,))
            assert robin.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        # On his own source the same row goes in (and out again).
        robin.execute(PRIVATE_ON_A_SOURCE["evidence_report"], (own,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
            robin.execute("UPDATE evidence_report SET source_id = %s", (theirs,))
        assert robin.execute("DELETE FROM evidence_report").rowcount == 1
    # Björn's source is untouched, in his list as before.
    status, out, err = team.cli("bjorn", "sources", "--json")
    assert status == 0, err
    assert theirs in [s["id"] for s in json.loads(out)]


# --- the undo journal -----------------------------------------------------------------------


def test_a_journal_written_ahead_cannot_fail_a_teammates_import(team: Team) -> None:
    """An import keeps an undo journal in meta under 'undo:' and its source's id; a member
    who wrote one first for the next ids made the teammate's import fail."""
    with team.raw("robin") as robin:
        (top,) = robin.execute("SELECT max(id) FROM source").fetchone()  # type: ignore[misc]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            robin.execute(
                "INSERT INTO meta (key, value) SELECT 'undo:' || g, '{}' "
                "FROM generate_series(%s::int, %s::int) g",
                (top + 1, top + 20),
            )
    # Olga's import of a colleague's archive (it updates people she shares with Björn)
    # keeps its journal, as before.
    status, _, err = team.cli("olga", "import", EMEKA)
    assert status == 0, err
    with team.raw("olga") as olga:
        found = olga.execute(
            "SELECT m.added_by FROM meta m JOIN source s ON m.key = 'undo:' || s.id "
            "WHERE s.id > %s",
            (top,),
        ).fetchall()
    assert found == [("olga",)]


# --- rows and tables held locked ------------------------------------------------------------


def _name(team: Team, login: str) -> str:
    name = team.one(
        "olga",
        "SELECT p.name FROM team_member m JOIN person p ON p.id = m.person_id WHERE m.login = %s",
        login,
    )
    assert name, login
    return str(name)


def test_rows_held_locked_cost_one_line_naming_who_holds_them(team: Team, tmp_path: Path) -> None:
    """Robin may lock shared rows (SELECT … FOR UPDATE) and stay idle: Björn's note and
    import that need them end in one line saying it was Robin, not just "another session"."""
    robins = _name(team, "robin")
    bjorn = f"https://www.linkedin.com/in/{LOGINS['bjorn']}/"
    before = _sources(team)
    with team.raw("robin") as robin, robin.transaction():
        # Every person: Björn's note points at one, his import's new tie at himself.
        robin.execute("SELECT id FROM person FOR UPDATE")
        note = team.cli("bjorn", "note", LOGINS["olga"], "held up", options="-c lock_timeout=1s")
        imported = team.cli(
            "bjorn",
            "import",
            _connections(tmp_path, "Ines"),
            "--owner-url",
            bjorn,
            options="-c lock_timeout=1s",
        )
    for status, _, err in (note, imported):
        assert status == 1
        line = _one_line(err)
        assert f"{robins} (login robin) kept what this needs locked" in line, line
        assert "another session" not in line and PASSWORD not in line
    assert _sources(team) == before
    # Once he lets go, the same commands work.
    assert team.cli("bjorn", "note", LOGINS["olga"], "held up")[0] == 0


def test_a_table_held_locked_costs_a_read_one_line_naming_who_holds_it(team: Team) -> None:
    robins = _name(team, "robin")
    with team.raw("robin") as robin, robin.transaction():
        locked = ", ".join(f'"{t}"' for t in PRIVATE_TABLES)
        robin.execute(f"LOCK TABLE {locked} IN ACCESS EXCLUSIVE MODE")
        status, _, err = team.cli("bjorn", "followups", "--all", options="-c lock_timeout=1s")
    assert status == 1
    line = _one_line(err)
    assert f"{robins} (login robin) kept what this needs locked" in line, line
    assert team.cli("bjorn", "followups", "--all")[0] == 0


def test_a_row_two_teammates_hold_names_both(team: Team) -> None:
    """Two sessions sharing a row lock (FOR SHARE) hold it together: the line names both."""
    names = sorted(f"{_name(team, login)} (login {login})" for login in ("robin", "bjorn"))
    key = team.one(
        "olga",
        "SELECT key FROM person WHERE id NOT IN (SELECT person_id FROM team_member) "
        "ORDER BY id LIMIT 1",
    )
    db = open_database(team.url("olga", options="-c lock_timeout=1s"))
    try:
        with (
            team.raw("robin") as robin,
            team.raw("bjorn") as bjorn,
            robin.transaction(),
            bjorn.transaction(),
        ):
            for conn in (robin, bjorn):
                conn.execute("SELECT id FROM person WHERE key = %s FOR SHARE", (key,))
            with pytest.raises(OperationalError) as caught, db.write() as s:
                s.execute(
                    text("UPDATE person SET headline = 'moved on' WHERE key = :k"),
                    {"k": key},
                )
        line = timed_out(caught.value)
        assert line is not None and line.startswith(f"{names[0]} and {names[1]} kept"), line
    finally:
        db.dispose()


def test_a_lock_on_what_the_lookup_reads_still_costs_one_line(team: Team) -> None:
    """The admin holding the people and the members themselves: naming the holder cannot
    read the member's name (that read times out too), so the line names the login."""
    admin = psycopg.connect(team.server.libpq(team.database), autocommit=True)
    with admin, admin.transaction():
        admin.execute("LOCK TABLE person, team_member IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        status, _, err = team.cli("bjorn", "stats", options="-c lock_timeout=1s")
        took = time.monotonic() - started
        (login,) = admin.execute("SELECT current_user").fetchone()  # type: ignore[misc]
    assert status == 1
    # Not a hang: the lookup's own time-out ends it (looking up again and again, one
    # connection after another, took a minute, until the pool ran out).
    assert took < 30, took
    line = _one_line(err)
    assert f"the login {login} kept what this needs locked" in line, line
