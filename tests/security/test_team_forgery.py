"""A malicious teammate with `psql` and their own password (issue 24, the rest; issue 19's
team gaps; docs/threat-model.md "Authorship"): Robin, with raw SQL under his own login on a
real PostgreSQL team server, cannot make the network say something in Björn's name, rewrite
what another login added, or write identity decisions; he forgets his own calendar, never
Björn's files. Each refusal is checked next to what Robin may still do, so a test whose
refusal came from something else would fail."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.security.teamkit import BJORN, LOGINS, ME, OLGA, Team, new_team
from tests.services.evidencekit import EVIDENCE

from netview.services.importing.importer import import_paths
from netview.store.db import open_database

REFUSED = psycopg.errors.InsufficientPrivilege


def _id(conn: psycopg.Connection[Any], sql: str, *params: Any) -> int:
    row = conn.execute(sql, params).fetchone()
    assert row is not None, sql
    return int(row[0])


def _person(conn: psycopg.Connection[Any], key: str) -> int:
    return _id(conn, "SELECT id FROM person WHERE key = %s", key)


def _new_person(conn: psycopg.Connection[Any], key: str) -> int:
    return _id(
        conn,
        "INSERT INTO person (key, first_name, last_name, name, name_key, created_at) "
        "VALUES (%s, 'F', 'P', 'F P', 'f p', now()) RETURNING id",
        key,
    )


def _bjorns(conn: psycopg.Connection[Any]) -> dict[str, int]:
    """Ids of rows Björn's own import added: his source, a message he sent, a tie of his."""
    return {
        "source": _id(conn, "SELECT min(id) FROM source WHERE added_by = 'bjorn'"),
        "message": _id(
            conn,
            "SELECT min(i.id) FROM interaction i JOIN person p ON p.id = i.actor_id "
            "WHERE p.key = %s AND i.added_by = 'bjorn'",
            LOGINS["bjorn"],
        ),
        "tie": _id(conn, "SELECT min(id) FROM tie WHERE added_by = 'bjorn'"),
        "position": _id(conn, "SELECT min(id) FROM position WHERE added_by = 'bjorn'"),
    }


SEEN_BY_BJORN = {
    "messages": "SELECT i.id, i.actor_id, i.kind, i.conversation_id FROM interaction i",
    "targets": "SELECT interaction_id, person_id FROM interaction_target",
    "ties": "SELECT id, a_id, b_id, connected_on FROM tie",
    "sources": "SELECT id, owner_id, label, report IS NULL FROM source",
    "links": "SELECT person_id, source_id FROM person_source",
    "me": "SELECT key, name, company, position FROM person WHERE key = 'björn-lee-11eef'",
    "aliases": "SELECT alias, person_id FROM person_alias",
    "positions": "SELECT id, person_id, company FROM position",
    "decisions": "SELECT id, kind, key_a, key_b FROM identity_decision",
}


def _seen(team: Team) -> dict[str, list[tuple[Any, ...]]]:
    with team.raw("bjorn") as conn:
        return {k: sorted(conn.execute(q).fetchall()) for k, q in SEEN_BY_BJORN.items()}


# --- 1. forged authorship is refused, not just stamped -----------------------------------


def test_a_message_from_a_teammate_to_anyone_else_is_refused(team: Team) -> None:
    before = _seen(team)
    with team.raw("robin") as robin:
        bjorn, olga = _person(robin, LOGINS["bjorn"]), _person(robin, LOGINS["olga"])
        me = _person(robin, LOGINS["robin"])

        def message(actor: int, *targets: int) -> None:
            iid = _id(
                robin,
                "INSERT INTO interaction (kind, occurred_at, actor_id, conversation_id, dedup) "
                "VALUES ('message', now(), %s, 'forged', md5(random()::text)) RETURNING id",
                actor,
            )
            for target in targets:
                robin.execute(
                    "INSERT INTO interaction_target (interaction_id, person_id) VALUES (%s, %s)",
                    (iid, target),
                )

        # "Björn wrote to Olga": refused when Robin's transaction commits.
        with pytest.raises(REFUSED, match="a message from a teammate"), robin.transaction():
            message(bjorn)
        with pytest.raises(REFUSED, match=r"a message (from|to) a teammate"), robin.transaction():
            message(bjorn, olga)
        # "Robin wrote to Olga", "Björn wrote to Robin": Robin's own archive may say so.
        with robin.transaction(force_rollback=True):
            message(me, olga)
            message(bjorn, me)
            robin.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the commit's check, now
        # Nor may he add Olga to a message Björn's import added.
        mine = _bjorns(robin)
        with pytest.raises(REFUSED, match="messages your imports added"), robin.transaction():
            robin.execute(
                "INSERT INTO interaction_target (interaction_id, person_id) VALUES (%s, %s)",
                (mine["message"], olga),
            )
    assert _seen(team) == before


def test_ties_to_a_teammate_and_sources_in_their_name_are_refused(team: Team) -> None:
    before = _seen(team)
    with team.raw("robin") as robin:
        bjorn, me = _person(robin, LOGINS["bjorn"]), _person(robin, LOGINS["robin"])
        theirs = _bjorns(robin)
        with pytest.raises(REFUSED, match="a tie to a teammate"), robin.transaction():
            stranger = _new_person(robin, "stranger-1")
            robin.execute(
                "INSERT INTO tie (a_id, b_id) VALUES (%s, %s)",
                (min(stranger, bjorn), max(stranger, bjorn)),
            )
        with pytest.raises(REFUSED, match="teammate's own archive"), robin.transaction():
            robin.execute(
                "INSERT INTO source (kind, label, content_hash, owner_id, imported_at) "
                "VALUES ('linkedin', 'forged.zip', md5(random()::text), %s, now())",
                (bjorn,),
            )
        # What Björn's source attests: nobody else's import writes it.
        for sql in (
            "INSERT INTO person_source (person_id, source_id) VALUES (%(p)s, %(s)s)",
            "INSERT INTO position (person_id, source_id, company) VALUES (%(p)s, %(s)s, 'X')",
            "INSERT INTO interaction_source (interaction_id, source_id) "
            "SELECT max(id), %(s)s FROM interaction WHERE added_by = 'robin'",
            "INSERT INTO network_change (source_id, person_id, kind, seen) "
            "VALUES (%(s)s, %(p)s, 'new', now())",
        ):
            with pytest.raises(REFUSED, match="source of yours"), robin.transaction():
                stranger = _new_person(robin, "stranger-2")
                robin.execute(sql, {"p": stranger, "s": theirs["source"]})
        # Robin's own claims still go in: a tie to Björn from Robin, a colleague's archive
        # (not a member) with its ties, links on a source of his own.
        with robin.transaction(force_rollback=True):
            robin.execute(
                "INSERT INTO tie (a_id, b_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (min(me, bjorn), max(me, bjorn)),
            )
            colleague = _new_person(robin, "colleague-1")
            source = _id(
                robin,
                "INSERT INTO source (kind, label, content_hash, owner_id, imported_at) "
                "VALUES ('linkedin', 'theirs.zip', md5(random()::text), %s, now()) RETURNING id",
                colleague,
            )
            robin.execute(
                "INSERT INTO tie (a_id, b_id) VALUES (%s, %s)",
                (min(colleague, bjorn), max(colleague, bjorn)),
            )
            robin.execute(
                "INSERT INTO person_source (person_id, source_id) VALUES (%s, %s)",
                (colleague, source),
            )
    assert _seen(team) == before


# --- 2. rows another login added are not a member's to rewrite ----------------------------


def test_a_member_cannot_rewrite_what_a_teammate_added(team: Team) -> None:
    before = _seen(team)
    with team.raw("robin") as robin:
        theirs = _bjorns(robin)
        olga = _person(robin, LOGINS["olga"])
        bjorn = _person(robin, LOGINS["bjorn"])
        for sql, why in (
            ("UPDATE interaction SET actor_id = %(o)s WHERE id = %(message)s", "never who sent"),
            ("UPDATE interaction SET conversation_id = 'x' WHERE id = %(message)s", "messages"),
            ("UPDATE tie SET connected_on = '1999-01-01' WHERE id = %(tie)s", "own ties"),
            ("UPDATE source SET label = 'x' WHERE id = %(source)s", "sources your own"),
            ("UPDATE source SET owner_id = NULL WHERE added_by = 'robin'", "only the server"),
            ("UPDATE person SET name = 'Idiot' WHERE id = %(bjorn)s", "theirs to change"),
        ):
            with pytest.raises(REFUSED, match=why), robin.transaction():
                robin.execute(sql, {**theirs, "o": olga, "bjorn": bjorn})
        # Where an alias, a position or a link points: no member moves those at all.
        for sql in (
            "UPDATE person_alias SET person_id = %(o)s",
            "UPDATE position SET person_id = %(o)s WHERE id = %(position)s",
            "UPDATE person_source SET person_id = person_id",
        ):
            with pytest.raises(REFUSED), robin.transaction():
                robin.execute(sql, {**theirs, "o": olga})
        # His own rows he may still update (what a re-import does).
        with robin.transaction(force_rollback=True):
            robin.execute("UPDATE source SET report = report WHERE added_by = 'robin'")
            robin.execute("UPDATE person SET headline = 'mine' WHERE key = %s", (LOGINS["robin"],))
    assert _seen(team) == before
    assert team.json("bjorn", "stats")["me"]["name"].startswith("Bj")


def test_a_persons_old_key_must_still_find_them(team: Team) -> None:
    """A member may change the key of someone who is not a member (NetView's merge keeps
    the better key), but not so that the old one finds nobody: Björn's next import of it
    would then add the person again."""
    with team.raw("robin") as robin:
        row = robin.execute(
            "SELECT id, key FROM person WHERE id NOT IN (SELECT person_id FROM team_member) "
            "AND key LIKE '%%-%%' ORDER BY id LIMIT 1"
        ).fetchone()
        assert row is not None
        someone, old = row
        # Refused when the transaction commits: one line, and the key is as it was.
        with pytest.raises(REFUSED, match="old key must still find them"), robin.transaction():
            robin.execute("UPDATE person SET key = 'made-up-99' WHERE id = %s", (someone,))
        assert robin.execute("SELECT key FROM person WHERE id = %s", (someone,)).fetchone() == (
            old,
        )
        # With the old key kept as an alias (what a merge does) the change stands.
        with robin.transaction(force_rollback=True):
            robin.execute("UPDATE person SET key = 'made-up-99' WHERE id = %s", (someone,))
            robin.execute(
                "INSERT INTO person_alias (alias, person_id) VALUES (%s, %s)", (old, someone)
            )
            robin.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the commit's check, now
            assert robin.execute("SELECT key FROM person WHERE id = %s", (someone,)).fetchone() == (
                "made-up-99",
            )


# --- 3. identity decisions --------------------------------------------------------------


def test_identity_decisions_are_written_only_by_the_servers_functions(team: Team) -> None:
    with team.raw("robin") as robin:
        for sql in (
            "INSERT INTO identity_decision (kind, key_a, key_b, created_at) "
            "VALUES ('apart', 'a', 'b', now())",
            "UPDATE identity_decision SET key_a = key_a",
            "DELETE FROM identity_decision",
        ):
            with pytest.raises(REFUSED), robin.transaction():
                robin.execute(sql)
        # The pre-0012 functions, which trusted a session's moves, are gone.
        for name in ("merge", "split"):
            old = f"netview_{name}_people(integer, integer)"
            assert robin.execute("SELECT to_regprocedure(%s)", (old,)).fetchone() == (None,)


def test_a_members_merge_and_split_still_work_and_are_recorded_for_all(
    team: Team,
) -> None:
    with team.raw("robin") as robin:
        me = _person(robin, LOGINS["robin"])
        dup = _new_person(robin, "name:robin-duplicate")
        robin.execute(
            "INSERT INTO person_alias (alias, person_id) VALUES ('dup-alias', %s)", (dup,)
        )
    before = _seen(team)
    status, _, err = team.cli("robin", "merge", LOGINS["robin"], "name:robin-duplicate")
    assert status == 0, err
    with team.raw("bjorn") as conn:
        decisions = conn.execute(
            "SELECT kind, key_a, key_b FROM identity_decision ORDER BY id"
        ).fetchall()
        assert decisions[-1] == ("merge", LOGINS["robin"], "name:robin-duplicate")
        assert _id(conn, "SELECT person_id FROM person_alias WHERE alias = 'dup-alias'") == me
    status, _, err = team.cli("robin", "split", "name:robin-duplicate")
    assert status == 0, err
    after = _seen(team)
    assert after["decisions"][-1][1:] == ("apart", LOGINS["robin"], "name:robin-duplicate")
    assert {k: v for k, v in after.items() if k not in ("decisions", "aliases")} == {
        k: v for k, v in before.items() if k not in ("decisions", "aliases")
    }
    with team.raw("bjorn") as conn:
        back = _id(conn, "SELECT id FROM person WHERE key = 'name:robin-duplicate'")
        assert _id(conn, "SELECT person_id FROM person_alias WHERE alias = 'dup-alias'") == back


# --- issue 19: a member's own calendar ---------------------------------------------------


def test_a_member_forgets_their_own_calendar_and_nobody_sees_its_name(team: Team) -> None:
    calendar = EVIDENCE / "calendar.ics"
    status, _, err = team.cli("robin", "import", calendar)
    assert status == 0, err
    own = {s["label"]: s for s in team.json("robin", "sources")}
    assert "calendar.ics" in own, own
    seen_by_bjorn = json.dumps(team.json("bjorn", "sources"))
    assert "calendar.ics" not in seen_by_bjorn and '"calendar"' in seen_by_bjorn
    meetings = team.json("robin", "stats")["meetings"]
    assert meetings > 0
    source = own["calendar.ics"]["id"]
    # Björn may not forget Robin's calendar, nor Robin Björn's archive: one line each.
    status, _, err = team.cli("bjorn", "forget", str(source))
    assert status == 1 and err.count("\n") == 1 and "only the team's admin" in err, err
    bjorns = next(s for s in team.json("robin", "sources") if s["owner_key"] == LOGINS["bjorn"])
    status, _, err = team.cli("robin", "forget", str(bjorns["id"]))
    assert status == 1 and err.count("\n") == 1 and "only the team's admin" in err, err
    # His own, by the file's name: gone, with every meeting it brought.
    status, _, err = team.cli("robin", "forget", "calendar.ics")
    assert status == 0, err
    assert team.json("robin", "stats")["meetings"] == 0
    assert source not in {s["id"] for s in team.json("bjorn", "sources")}
    assert bjorns["id"] in {s["id"] for s in team.json("bjorn", "sources")}


def test_a_teammates_own_archive_is_theirs_to_import(pg_server: PgServer) -> None:
    """Before 0012 a member could import a teammate's export in their name (and so make
    up one): refused in one line, nothing written; the teammate's own import works."""
    with new_team(pg_server, ("robin", "bjorn")) as t:
        counts = "SELECT (SELECT count(*) FROM source) + (SELECT count(*) FROM tie)"
        before = t.one("robin", counts)
        status, _, err = t.cli("robin", "import", BJORN)
        assert status == 1 and err.count("\n") == 1, err
        assert "teammate's own archive" in err and "internal error" not in err, err
        assert t.one("robin", counts) == before
        status, _, err = t.cli("bjorn", "import", BJORN)
        assert status == 0, err
        assert t.json("robin", "stats")["people"] > 10


def test_two_members_import_their_own_archives_at_the_same_time(pg_server: PgServer) -> None:
    """Each held to the checks, two members' imports at once both land (they take turns on
    the server's import lock; the commit-time checks see each other's rows)."""
    with new_team(pg_server) as t:
        assert t.cli("robin", "import", ME)[0] == 0
        errors: list[BaseException] = []

        def own_import(login: str, archive: Path) -> None:
            db = open_database(t.url(login))
            try:
                import_paths(db, [archive])
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)
            finally:
                db.dispose()

        threads = [
            threading.Thread(target=own_import, args=(login, archive))
            for login, archive in (("bjorn", BJORN), ("olga", OLGA))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        owners = {s["owner_key"] for s in t.json("robin", "sources")}
        assert owners == {LOGINS["robin"], LOGINS["bjorn"], LOGINS["olga"]}
