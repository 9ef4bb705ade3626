"""A malicious teammate with `psql` and their own password (issue 24, docs/threat-model.md):
each attack, as raw SQL under Robin's login on a real PostgreSQL team server, is refused or
has no effect on Björn, whose own commands still work."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import random
import sqlite3
import string
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.security.teamkit import LOGINS, ME, PASSWORD, Team
from tests.services.teamkit import run

from netview.store.team import PRIVATE_TABLES


def _person(team: Team, key: str) -> int:
    return int(team.one("bjorn", "SELECT id FROM person WHERE key = %s", key))


def _bjorns_contacts(team: Team, n: int) -> list[str]:
    """Keys of n people tied to Björn, not members."""
    with team.raw("bjorn") as conn:
        rows = conn.execute(
            "SELECT p.key FROM person p JOIN tie t ON p.id IN (t.a_id, t.b_id) "
            "JOIN person b ON b.id IN (t.a_id, t.b_id) AND b.key = %s AND b.id <> p.id "
            "ORDER BY p.key",
            (LOGINS["bjorn"],),
        ).fetchall()
    keys = [str(k) for (k,) in rows if k not in LOGINS.values()]
    assert len(keys) >= n
    return keys[:n]


# --- 1. membership oracle -------------------------------------------------------------------


def test_a_teammates_groups_and_tags_answer_no_duplicate_key(team: Team) -> None:
    inside, outside, later = _bjorns_contacts(team, 3)
    assert team.cli("bjorn", "groups", "--create", "Poach list")[0] == 0
    assert team.cli("bjorn", "groups", "--add", "Poach list", inside)[0] == 0
    with team.raw("bjorn") as conn:
        conn.execute("INSERT INTO tag (name) VALUES ('hot lead')")
        conn.execute(
            "INSERT INTO person_tag (person_id, tag_id) SELECT %s, id FROM tag "
            "WHERE name = 'hot lead'",
            (_person(team, inside),),
        )
    group = team.one("bjorn", "SELECT id FROM \"group\" WHERE name = 'Poach list'")
    tag = team.one("bjorn", "SELECT id FROM tag WHERE name = 'hot lead'")
    probes = {
        "group_member": ("INSERT INTO group_member (group_id, person_id) VALUES (%s, %s)", group),
        "person_tag": ("INSERT INTO person_tag (tag_id, person_id) VALUES (%s, %s)", tag),
    }
    with team.raw("robin") as robin:
        for table, (sql, parent) in probes.items():
            answers = []
            for key in (inside, outside):
                # The probe: the answer must not depend on Björn's rows.
                with pytest.raises(psycopg.Error) as info, robin.transaction():
                    robin.execute(sql, (parent, _person(team, key)))
                answers.append(type(info.value))
            # Not "duplicate key" for the one inside: the same refusal for both.
            assert answers == [psycopg.errors.ForeignKeyViolation] * 2, table
        # Robin's own group may hold the same person as Björn's: no collision either way.
        robin.execute("INSERT INTO \"group\" (name, created_at) VALUES ('mine', now())")
        robin.execute(
            'INSERT INTO group_member (group_id, person_id) SELECT id, %s FROM "group" '
            "WHERE name = 'mine'",
            (_person(team, later),),
        )
    # Björn adds the person Robin put in his own group: no "internal error".
    status, _, err = team.cli("bjorn", "groups", "--add", "Poach list", later)
    assert status == 0, err
    sizes = {g["name"]: g["size"] for g in team.json("bjorn", "groups")}
    assert sizes["Poach list"] == 2


# --- 2. anonymised exports ------------------------------------------------------------------


def _tokens(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as f:
        return {row["key"].removeprefix("anon:") for row in csv.DictReader(f)}


def _reversed(secrets: list[bytes], keys: list[str], tokens: set[str]) -> int:
    found = 0
    for secret in secrets:
        for key in keys:
            digest = hmac.new(secret, f"person\0{key}".encode(), hashlib.sha256).hexdigest()
            found += digest[:12] in tokens
    return found


def test_a_teammates_anonymised_export_cannot_be_reversed(team: Team, tmp_path: Path) -> None:
    out = tmp_path / "bjorn.csv"
    status, _, err = team.cli("bjorn", "export", "csv", "--anonymize", "-o", out)
    assert status == 0, err
    tokens = _tokens(out)
    assert len(tokens) > 20
    assert team.cli("robin", "export", "csv", "--anonymize", "-o", tmp_path / "r.csv")[0] == 0
    with team.raw("robin") as robin:
        keys = [str(k) for (k,) in robin.execute("SELECT key FROM person")]
        assert robin.execute("SELECT value FROM meta WHERE key LIKE '%secret%'").fetchall() == []
        readable = [
            bytes.fromhex(v) for (v,) in robin.execute("SELECT value FROM member_secret").fetchall()
        ]
        assert len(readable) == 1  # Robin's own, and no one else's
    assert _reversed(readable, keys, tokens) == 0
    # The same check with Björn's own secret reverses his pseudonyms: it can fail.
    with team.raw("bjorn") as bjorn:
        (own,) = bjorn.execute("SELECT value FROM member_secret").fetchone()  # type: ignore[misc]
    assert _reversed([bytes.fromhex(own)], keys, tokens) == len(tokens)


# --- 3. server functions and member-written rows --------------------------------------------


SHARED_OF_BJORN = {
    "sources": "SELECT s.source_id FROM person_source s JOIN person p ON p.id = s.person_id "
    "WHERE p.key = %s",
    "targets": "SELECT t.interaction_id FROM interaction_target t JOIN person p "
    "ON p.id = t.person_id WHERE p.key = %s",
    "tie_sources": "SELECT t.id, s.source_id FROM tie t JOIN tie_source s ON s.tie_id = t.id "
    "JOIN person p ON p.id IN (t.a_id, t.b_id) WHERE p.key = %s",
    "invitations": "SELECT i.id, x.source_id FROM interaction i JOIN interaction_source x "
    "ON x.interaction_id = i.id JOIN person p ON p.id = i.actor_id WHERE p.key = %s",
}


def _shared_of_bjorn(team: Team) -> dict[str, list[tuple[Any, ...]]]:
    with team.raw("bjorn") as conn:
        return {
            k: sorted(conn.execute(q, (LOGINS["bjorn"],)).fetchall())
            for k, q in SHARED_OF_BJORN.items()
        }


def test_forged_rows_make_the_servers_functions_do_nothing(team: Team) -> None:
    before = _shared_of_bjorn(team)
    assert all(before.values()), before
    message, source = before["invitations"][0]
    bjorn = _person(team, LOGINS["bjorn"])
    with team.raw("robin") as robin:
        # A message "kept unattached" by Robin on Björn's source: refused (migration 0014).
        entries = json.dumps([{"interaction": message, "names": ["x"]}])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="sources your imports"):
            robin.execute(
                "INSERT INTO pending_message (source_id, entries) VALUES (%s, %s)",
                (source, entries),
            )
        # On his own source, naming Björn's message: the function still refuses it.
        robin.execute(
            "INSERT INTO pending_message (source_id, entries) SELECT id, %s FROM source "
            "WHERE added_by = 'robin' LIMIT 1",
            (entries,),
        )
        with pytest.raises(psycopg.errors.RaiseException, match="not attached by you"):
            robin.execute("SELECT netview_detach_message(%s, %s, true)", (message, source))
        # A "merge" decision that says Björn's links came from a person Robin makes up.
        (fake,) = robin.execute(
            "INSERT INTO person (key, first_name, last_name, name, name_key, created_at) "
            "VALUES ('forged-person', 'F', 'P', 'F P', 'f p', now()) RETURNING id"
        ).fetchone()  # type: ignore[misc]
        detail = {
            "a_id": bjorn,
            "b_row": {"id": fake, "key": "forged-person"},
            "a_row": {"key": LOGINS["bjorn"]},
            "rekeyed": False,
            "person_source": {"added": [s for (s,) in before["sources"]]},
            "targets": {"added": [i for (i,) in before["targets"]]},
            "ties": [
                {"how": "folded", "tie": {}, "sources": [{"source_id": s}],
                 "into": {"tie": {"id": t}, "sources": []}}
                for t, s in before["tie_sources"]
            ],
        }  # fmt: skip
        # Decisions are the server's to write (migration 0012): the forged one never lands.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            robin.execute(
                "INSERT INTO identity_decision (kind, key_a, key_b, detail, created_at) "
                "VALUES ('merge', %s, 'forged-person', %s, now()) RETURNING id",
                (LOGINS["bjorn"], json.dumps(detail)),
            )
        # Any other decision's id (an "apart", none at all) names no merge.
        with pytest.raises(psycopg.errors.RaiseException, match="no such merge"):
            robin.execute("SELECT netview_split_people(%s, %s, false)", (0, fake))
        # Nor can Robin write the journal the functions trust.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            robin.execute(
                "INSERT INTO netview_identity_journal (keep_id, gone_id, gone_key, owner, moved)"
                " VALUES (%s, %s, 'forged-person', '#shared', '{}')",
                (bjorn, fake),
            )
        robin.execute("DELETE FROM pending_message")
    assert _shared_of_bjorn(team) == before
    paths = team.json("bjorn", "paths", LOGINS["robin"])
    assert "no messages" not in json.dumps(paths)


# --- 4. authorship --------------------------------------------------------------------------


def test_rows_a_member_adds_say_who_added_them(team: Team) -> None:
    """Who added a row is the server's to say, and nobody forges it (that a message "from"
    a teammate is refused when the transaction commits is test_team_forgery.py's)."""
    bjorn = _person(team, LOGINS["bjorn"])
    with team.raw("robin") as robin, robin.transaction(force_rollback=True):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
            robin.execute(
                "INSERT INTO interaction (kind, occurred_at, actor_id, conversation_id, "
                "dedup, added_by) VALUES ('message', now(), %s, 'x', md5(random()::text), "
                "'bjorn')",
                (bjorn,),
            )
        (stamp,) = robin.execute(
            "INSERT INTO interaction (kind, occurred_at, actor_id, conversation_id, dedup) "
            "VALUES ('message', now(), %s, 'x', md5(random()::text)) RETURNING added_by",
            (bjorn,),
        ).fetchone()  # type: ignore[misc]
        assert stamp == "robin"
        with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
            robin.execute("UPDATE interaction SET added_by = 'bjorn'")
        # Nor may a member repoint what attests a fact (Björn's messages to someone else).
        for link in ("interaction_target", "interaction_source", "person_source", "tie_source"):
            column = "source_id" if link != "interaction_target" else "person_id"
            with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
                robin.execute(f"UPDATE {link} SET {column} = {column}")
    # Björn's own import stamped his rows with his login.
    assert (
        team.one(
            "bjorn",
            "SELECT count(*) FROM source s JOIN person p ON p.id = s.owner_id "
            "WHERE p.key = %s AND s.added_by = 'bjorn'",
            LOGINS["bjorn"],
        )
        == 1
    )


def test_a_member_cannot_rewrite_a_teammates_undo_journal(team: Team) -> None:
    """What the admin's `forget` puts back (an import's undo journal, in meta) is changed
    only by the member whose import wrote it."""
    with team.raw("robin") as robin:
        theirs = robin.execute(
            "SELECT key, value FROM meta WHERE added_by IS DISTINCT FROM current_user ORDER BY key"
        ).fetchall()
        assert any(k.startswith("undo:") for k, _ in theirs), theirs
        others = "added_by IS DISTINCT FROM current_user"
        assert robin.execute(f"UPDATE meta SET value = '{{}}' WHERE {others}").rowcount == 0
        assert robin.execute(f"DELETE FROM meta WHERE {others}").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
            robin.execute(
                "INSERT INTO meta (key, value, added_by) VALUES ('undo:0', '{}', 'bjorn')"
            )
        # Nor write a journal ahead for a teammate's next source (their import would fail
        # updating it), nor any other key: only the journal of a source of his own.
        (top,) = robin.execute("SELECT max(id) FROM source").fetchone()  # type: ignore[misc]
        for key in (f"undo:{top + 1}", "robin-scratch", "me_person_id"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
                robin.execute("INSERT INTO meta (key, value) VALUES (%s, '{}')", (key,))
        (own,) = robin.execute(
            "SELECT min(id) FROM source WHERE added_by = current_user AND 'undo:' || id "
            "NOT IN (SELECT key FROM meta)"
        ).fetchone()  # type: ignore[misc]
        if own is not None:  # (his archive's import may have written its journal already)
            robin.execute("INSERT INTO meta (key, value) VALUES (%s, '{}')", (f"undo:{own}",))
            assert robin.execute("DELETE FROM meta WHERE key = %s", (f"undo:{own}",)).rowcount == 1
    with team.raw("bjorn") as bjorn:
        assert (
            bjorn.execute(
                "SELECT key, value FROM meta WHERE added_by IS DISTINCT FROM 'robin' ORDER BY key"
            ).fetchall()
            == theirs
        )


# --- 5. the change counter ------------------------------------------------------------------


def test_members_cannot_rewind_or_shadow_the_change_counter(team: Team) -> None:
    with team.raw("robin") as robin:
        for sql in (
            "SELECT setval('netview_generation_seq', 1)",
            "SELECT nextval('netview_generation_seq')",
            "SELECT setval(pg_get_serial_sequence('person', 'id'), 1)",
            "SELECT setval(pg_get_serial_sequence('note', 'id'), 1)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                robin.execute(sql)
        before_ids = robin.execute("SELECT last_value FROM person_id_seq").fetchone()
        robin.execute("SELECT netview_sync_ids('person')")  # moves only forward, to max(id)
        assert robin.execute("SELECT last_value FROM person_id_seq").fetchone() == before_ids
        with pytest.raises(psycopg.errors.RaiseException):
            robin.execute("SELECT netview_sync_ids(%s)", ("netview_generation_seq",))
        # A temporary sequence of the counter's name, then a real change to shared data.
        robin.execute("CREATE TEMP SEQUENCE netview_generation_seq START 1")
        robin.execute("SET search_path = pg_temp, public")
        seen = team.one("bjorn", "SELECT netview_generation()")
        robin.execute(
            "UPDATE public.person SET headline = coalesce(headline, '') WHERE key = %s",
            (LOGINS["robin"],),
        )
        assert robin.execute(
            "SELECT last_value FROM pg_temp.netview_generation_seq"
        ).fetchone() == (1,)
    assert team.one("bjorn", "SELECT netview_generation()") > seen


# --- 6. a held lock -------------------------------------------------------------------------


def _netview(team: Team, login: str, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`netview ARGS` as `login` in its own process (a hang would end the test, not block
    it), with a short lock time-out; the result and the seconds it took."""
    url = team.url(login, options="-c lock_timeout=2s")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "netview", "--db", url, *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done, time.monotonic() - started


def test_a_teammates_lock_costs_one_line_not_a_hang(team: Team) -> None:
    with team.raw("robin") as robin:
        # The shared tables: no member may lock them against readers any more.
        for table in ("person", "tie", "interaction", "source"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
                robin.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        # Tables Robin may write (his own rows of them) he may still lock whole.
        private = ", ".join(f'"{t}"' for t in PRIVATE_TABLES)
        with robin.transaction():
            robin.execute(f"LOCK TABLE {private} IN ACCESS EXCLUSIVE MODE")
            stats, _ = _netview(team, "bjorn", "stats")
            followups, took = _netview(team, "bjorn", "followups", "--all")
    # Both read private tables (stats counts your meetings and e-mails): each ends in one
    # line once the lock time-out passes, never a hang.
    for done in (stats, followups):
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netview: "), done.stderr
        assert "locked for too long" in lines[0] and PASSWORD not in lines[0]
    assert took < 60
    # Once the lock is gone, the same command works.
    assert team.cli("bjorn", "followups", "--all")[0] == 0


# --- 8. lengths -----------------------------------------------------------------------------

LONG_FIRST = "A" * 201
LONG_SLUG = "s" * 450
# Past what any index holds on PostgreSQL (2704 bytes), and random, so it does not compress.
RANDOM = random.Random(24)
HUGE_SLUG = "".join(RANDOM.choice(string.ascii_lowercase + string.digits) for _ in range(3000))
HUGE_NAME = "".join(RANDOM.choice(string.ascii_letters) for _ in range(3000))


def _url(login: str) -> str:
    return f"https://www.linkedin.com/in/{LOGINS[login]}/"


def _long_connections(folder: Path) -> Path:
    path = folder / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"{LONG_FIRST},Long,https://www.linkedin.com/in/{LONG_SLUG},,Acme,CTO,01 Jul 2026\n"
        f"{HUGE_NAME},Huge,https://www.linkedin.com/in/{HUGE_SLUG},,Acme,CEO,01 Jul 2026\n",
        encoding="utf-8",
    )
    return path


def test_what_imports_on_sqlite_imports_and_joins_on_the_server(team: Team, tmp_path: Path) -> None:
    solo = tmp_path / "solo.db"
    csv_file = _long_connections(tmp_path)
    assert run("--db", solo, "import", ME)[0] == 0
    status, _, err = run("--db", solo, "import", csv_file, "--owner-url", _url("robin"))
    assert status == 0, err
    with sqlite3.connect(solo) as conn:
        assert conn.execute(
            "SELECT length(first_name) FROM person WHERE key = ?", (LONG_SLUG,)
        ).fetchall() == [(201,)]
    status, _, err = team.cli("olga", "import", csv_file, "--owner-url", _url("olga"))
    assert status == 0, err
    assert (
        team.one("olga", "SELECT length(first_name) FROM person WHERE key = %s", LONG_SLUG) == 201
    )
    status, _, err = team.cli("robin", "team", "join", "--from", solo)
    assert status == 0, err
    # The huge one is there on both, known by name (no profile slug is 3000 characters).
    for db in (solo, team.url("olga")):
        found = run("--db", db, "stats", "--json")
        assert found[0] == 0, found[2]
    assert (
        team.one(
            "olga", "SELECT count(*) FROM person WHERE last_name = 'Huge' AND key LIKE 'name:%%'"
        )
        >= 1  # (per archive: people known by name only are scoped to it)
    )
    # A group name as long is refused in one line, on both.
    for db in (solo, team.url("olga")):
        status, _, err = run("--db", db, "groups", "--create", HUGE_NAME)
        assert status == 1 and err.count("\n") == 1 and "at most 600 characters" in err, err


# --- 6 and 4. junk, and messages "from" a teammate: the admin undoes a member --------------
# (last in this module: the purge also takes Robin's own archive, which nobody else vouches
# for)


def _first_degree(team: Team, login: str) -> int:
    return int(team.json(login, "stats")["by_degree"].get("1", 0))


def test_the_admin_undoes_what_only_one_member_added(team: Team) -> None:
    ring = _first_degree(team, "bjorn")
    people = team.one("bjorn", "SELECT count(*) FROM person")
    theirs = "SELECT count(*) FROM source WHERE added_by IN ('bjorn', 'olga')"
    sources = team.one("bjorn", theirs)
    bjorn = _person(team, LOGINS["bjorn"])
    robin_id = _person(team, LOGINS["robin"])
    with team.raw("robin") as robin:
        # Junk people and notes on them: the attack, scaled down. Tied to Björn they
        # are refused (test_team_forgery.py); tied to Robin himself they are his own claim.
        robin.execute(
            "INSERT INTO person (key, first_name, last_name, name, name_key, created_at) "
            "SELECT 'junk-' || n, 'J', 'J', 'J J', 'j j', now() FROM generate_series(1, 2000) n"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), robin.transaction():
            robin.execute(
                "INSERT INTO tie (a_id, b_id) SELECT least(id, %s), greatest(id, %s) "
                "FROM person WHERE key LIKE 'junk-%%'",
                (bjorn, bjorn),
            )
        robin.execute(
            "INSERT INTO tie (a_id, b_id) SELECT least(id, %s), greatest(id, %s) FROM person "
            "WHERE key LIKE 'junk-%%'",
            (robin_id, robin_id),
        )
        robin.execute(
            "INSERT INTO note (person_id, body, created_at, updated_at) "
            "SELECT id, 'x', now(), now() FROM person WHERE key LIKE 'junk-%%'"
        )
        # A message from Robin to Olga, attested by a source of his own.
        (source,) = robin.execute(
            "INSERT INTO source (kind, label, content_hash, owner_id, imported_at) "
            "VALUES ('linkedin', 'junk.zip', md5(random()::text), %s, now()) RETURNING id",
            (robin_id,),
        ).fetchone()  # type: ignore[misc]
        (message,) = robin.execute(
            "INSERT INTO interaction (kind, occurred_at, actor_id, conversation_id, dedup) "
            "VALUES ('message', now(), %s, 'x', md5(random()::text)) RETURNING id",
            (robin_id,),
        ).fetchone()  # type: ignore[misc]
        robin.execute(
            "INSERT INTO interaction_target (interaction_id, person_id) "
            "SELECT %s, id FROM person WHERE key = %s",
            (message, LOGINS["olga"]),
        )
        robin.execute(
            "INSERT INTO interaction_source (interaction_id, source_id) VALUES (%s, %s)",
            (message, source),
        )
    assert _first_degree(team, "bjorn") == ring
    assert _first_degree(team, "robin") >= 2000
    # Members may not undo anyone (themselves included): one line.
    status, _, err = team.cli("robin", "team", "purge", "robin")
    assert status == 1 and err.count("\n") == 1 and "only the team's admin" in err, err
    status, out, err = run("--db", team.admin, "team", "purge", "robin", "--json")
    assert status == 0, err
    gone = json.loads(out)
    assert gone["ties"] >= 2000 and gone["people"] >= 2000, gone
    assert gone["messages and other interactions"] >= 1 and gone["sources"] >= 1, gone
    assert _first_degree(team, "bjorn") == ring
    with team.raw("bjorn") as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE key LIKE 'junk-%'").fetchone() == (
            0,
        )
        assert conn.execute(
            "SELECT count(*) FROM interaction WHERE id = %s", (message,)
        ).fetchone() == (0,)
        # What Björn's and Olga's own archives brought is all still there.
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] <= people  # type: ignore[index]
        assert conn.execute(theirs).fetchone() == (sources,)
    assert team.json("bjorn", "stats")["me"]["key"] == LOGINS["bjorn"]
