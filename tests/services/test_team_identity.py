"""Identity fixes on a team database: a member merges two people who are one, splits them
again, attaches messages to a shared name and undoes that; every member's private rows on
the people follow, and no member ever reads another's or deletes shared people at will."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.teamkit import add_members, run

from netview.services.followups.cadence import log_touch, person_id, set_cadence, settings_of
from netview.services.identity import ambiguous
from netview.services.identity import by_hand as identity
from netview.services.importing import forget
from netview.services.people import groups, notes, tags
from netview.store.db import Database, open_database

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"
ROBIN, KEEP = "robin-quill-42", "olga-haddad-13dde"
PASSWORD = "a members long passphrase"
BEAS = {"notes": ["bea's note"], "tags": ["bea-tag"], "cadence": 30}  # what Bea keeps

# Every private row on a person, by the person's key, as the login running it sees them.
PRIVATE = {
    "note": "SELECT p.key, n.body FROM note n JOIN person p ON p.id = n.person_id",
    "touch": "SELECT p.key, t.note FROM touch t JOIN person p ON p.id = t.person_id",
    "tag": "SELECT p.key, g.name FROM person_tag x JOIN tag g ON g.id = x.tag_id"
    " JOIN person p ON p.id = x.person_id",
    "group": 'SELECT p.key, g.name FROM group_member m JOIN "group" g ON g.id = m.group_id'
    " JOIN person p ON p.id = m.person_id",
    "cadence": "SELECT p.key, f.cadence_days FROM followup f JOIN person p ON p.id = f.person_id",
    "private": "SELECT p.key, '' FROM person_private x JOIN person p ON p.id = x.person_id",
}
# What the team shares about people, by key.
SHARED = {
    "people": "SELECT key, name, company, position, email FROM person",
    "aliases": "SELECT a.alias, p.key FROM person_alias a JOIN person p ON p.id = a.person_id",
    "ties": "SELECT pa.key, pb.key, t.connected_on::text FROM tie t"
    " JOIN person pa ON pa.id = t.a_id JOIN person pb ON pb.id = t.b_id",
    "tie_sources": "SELECT pa.key, pb.key, s.source_id FROM tie_source s JOIN tie t"
    " ON t.id = s.tie_id JOIN person pa ON pa.id = t.a_id JOIN person pb ON pb.id = t.b_id",
    "targets": "SELECT i.kind, pa.key, i.occurred_at::text, pt.key FROM interaction i"
    " JOIN person pa ON pa.id = i.actor_id JOIN interaction_target t ON t.interaction_id"
    " = i.id JOIN person pt ON pt.id = t.person_id",
    "sources": "SELECT p.key, s.source_id FROM person_source s JOIN person p ON p.id = s.person_id",
    "members": "SELECT m.login, p.key FROM team_member m JOIN person p ON p.id = m.person_id",
}


_run = run


@dataclass
class Team:
    server: PgServer
    database: str
    admin: str
    old: str  # the name-only Olga of Robin's 2018 export, the one merged away

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def cli(self, login: str, *args: str | Path) -> tuple[int, str, str]:
        return _run("--db", self.url(login) if login != "admin" else self.admin, *args)

    def raw(self, login: str) -> psycopg.Connection[Any]:
        return psycopg.connect(self.server.libpq(self.database, login, PASSWORD), autocommit=True)

    def rows(self, login: str, queries: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
        with self.raw(login) as conn:
            return {k: sorted(conn.execute(q).fetchall()) for k, q in queries.items()}

    def open(self, login: str) -> Database:
        return open_database(self.url(login))


ADMIN = "identity_admin"


def build_team(pg_server: PgServer) -> Team:
    """Ivy, who is Robin Quill and imported three archives (Olga is in them twice, once by
    name only), and Bea, a teammate who imported nothing but keeps notes, cadences… on
    people. The admin is no superuser (as on a hosted server), so the server's row-level
    security holds for them too, and the functions' way past it is what is tested."""
    database = pg_server.create_database()
    with psycopg.connect(pg_server.libpq(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ADMIN,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {ADMIN} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {ADMIN}')
    with psycopg.connect(pg_server.libpq(database), autocommit=True) as conn:
        conn.execute(f"ALTER SCHEMA public OWNER TO {ADMIN}")  # as createdb --owner gives it
    admin = pg_server.url(database, ADMIN, PASSWORD)
    assert _run("team", "init", "--db", admin)[0] == 0
    add_members(admin, {"ivy": ROBIN, "bea": "bea-stone-1"}, PASSWORD)
    t = Team(pg_server, database, admin, "")
    for name in ("robin-2024", "robin-2018", "olga-2023"):
        status, _, err = t.cli("ivy", "import", ARCHIVES / name)
        assert status == 0, err
    status, out, err = t.cli("ivy", "duplicates", "--json")
    (pair,) = json.loads(out)
    assert pair["a"] == KEEP and pair["b"].startswith("name:"), pair
    t.old = pair["b"]
    return t


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[Team]:
    t = build_team(pg_server)
    yield t
    pg_server.drop_database(t.database)


def keep_private_rows(t: Team, login: str, on: str, days: int) -> None:
    """A note, touch, tag, group, cadence and private flag of `login` on person `on`."""
    db = t.open(login)
    try:
        pid = person_id(db, on)
        notes.add_note(db, pid, f"{login}'s note")
        with db.write() as s:
            log_touch(s, pid, note=f"{login} had coffee")
            forget.mark_private(s, on)
        tags.add_tag(db, pid, f"{login}-tag")
        groups.create_group(db, f"{login}'s circle")
        groups.add_people(db, f"{login}'s circle", [on])
        set_cadence(db, pid, days)
    finally:
        db.dispose()


def _private_of(t: Team, login: str, key: str) -> dict[str, Any]:
    """What `login` sees of their own rows on `key`, through the services."""
    db = t.open(login)
    try:
        pid = person_id(db, key)
        return {
            "notes": [n.body for n in notes.notes(db, pid)],
            "tags": tags.tags_of(db, pid),
            "cadence": settings_of(db, pid)[0],
        }
    finally:
        db.dispose()


def test_a_member_merges_and_splits_and_every_members_rows_follow(team: Team) -> None:
    t = team
    keep_private_rows(t, "bea", t.old, 30)
    keep_private_rows(t, "ivy", t.old, 14)
    db = t.open("ivy")
    try:
        set_cadence(db, person_id(db, KEEP), 60)  # Ivy has a cadence on both
    finally:
        db.dispose()
    before = {who: t.rows(who, PRIVATE) for who in ("ivy", "bea")}
    shared = t.rows("ivy", SHARED)
    assert before["bea"]["cadence"] == [(t.old, 30)]

    status, out, err = t.cli("ivy", "merge", t.old, KEEP)
    assert status == 0, err
    assert f"into Olga Haddad ({KEEP})" in out
    # Bea's rows are on the one Olga now, with raw SQL as Bea and through the services.
    bea = t.rows("bea", PRIVATE)
    assert bea == {k: [(KEEP, *row[1:]) for row in rows] for k, rows in before["bea"].items()}
    assert _private_of(t, "bea", KEEP) == BEAS
    status, out, err = t.cli("bea", "followups", "--all", "--json")
    assert status == 0, err
    assert KEEP in out
    # Ivy's too; where both Olgas had a cadence, the kept one's stays.
    robin = t.rows("ivy", PRIVATE)
    assert robin["cadence"] == [(KEEP, 60)] and robin["note"] == [(KEEP, "ivy's note")]
    merged = t.rows("ivy", SHARED)
    assert [p[0] for p in merged["people"]] == sorted(
        p[0] for p in shared["people"] if p[0] != t.old
    )
    assert (t.old, KEEP) in merged["aliases"]
    # Ivy never could read Bea's rows, nor the server's record of what moved.
    with t.raw("ivy") as conn:
        for table in ("note", "touch", "person_tag", "group_member", "followup", "person_private"):
            found = conn.execute(f"SELECT count(*) FROM {table} WHERE owner <> current_user")
            assert found.fetchone() == (0,), table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM netview_identity_journal")
    # Running `team init` again (an upgrade) replaces the functions and keeps the journal.
    assert _run("team", "init", "--db", t.admin)[0] == 0

    status, out, err = t.cli("ivy", "split", t.old)
    assert status == 0, err
    assert t.rows("bea", PRIVATE) == before["bea"]
    assert t.rows("ivy", PRIVATE) == before["ivy"]
    assert t.rows("ivy", SHARED) == shared
    status, out, _ = t.cli("bea", "duplicates", "--json")
    assert json.loads(out) == []  # split is remembered, for the whole team


def test_the_admins_merge_keeps_members_rows_too(team: Team) -> None:
    t = team
    keep_private_rows(t, "bea", t.old, 30)
    status, _, err = t.cli("admin", "merge", KEEP, t.old)
    assert status == 0, err
    assert _private_of(t, "bea", KEEP) == BEAS
    status, _, err = t.cli("admin", "split", t.old)
    assert status == 0, err
    assert t.rows("bea", PRIVATE)["cadence"] == [(t.old, 30)]
    # The admin's own view stays their own: the role the functions run as is nobody's.
    with psycopg.connect(t.server.libpq(t.database, ADMIN, PASSWORD), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM note").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM pg_roles WHERE pg_has_role(current_user, oid, 'MEMBER')"
            " AND rolname LIKE 'netview_identity_%'"
        ).fetchone() == (0,)


def test_a_teammates_login_follows_their_person_through_merge_and_split(team: Team) -> None:
    t = team
    members = [("bea", "bea-stone-1"), ("ivy", ROBIN)]
    assert t.rows("ivy", SHARED)["members"] == members
    # Both have profiles, so the first given is kept: Bea's person is the one merged away.
    status, _, err = t.cli("ivy", "merge", KEEP, "bea-stone-1")
    assert status == 0, err
    assert t.rows("ivy", SHARED)["members"] == [("bea", KEEP), ("ivy", ROBIN)]
    status, _, err = t.cli("ivy", "split", "bea-stone-1")
    assert status == 0, err
    assert t.rows("ivy", SHARED)["members"] == members


def test_the_servers_functions_are_no_way_to_delete_people(team: Team) -> None:
    t = team
    keep_private_rows(t, "ivy", KEEP, 14)
    with t.raw("bea") as conn:
        (keep, old) = (
            conn.execute("SELECT id FROM person WHERE key = %s", (k,)).fetchone()[0]  # type: ignore[index]
            for k in (KEEP, t.old)
        )
        with pytest.raises(psycopg.errors.RaiseException, match="no such merge"):
            conn.execute("SELECT netview_split_people(0, %s, false)", (old,))
        # Called by hand, the merge function makes a merge like any other: recorded for
        # everyone, and split back whole (it moves; it never loses).
        shared = t.rows("ivy", SHARED)
        conn.execute("SELECT netview_merge_people(%s, %s, '{}')", (keep, old))
        assert conn.execute(
            "SELECT count(*) FROM identity_decision WHERE kind = 'merge' AND key_b = %s", (t.old,)
        ).fetchone() == (1,)
    status, _, err = t.cli("bea", "split", t.old)
    assert status == 0, err
    assert t.rows("ivy", SHARED) == shared
    with t.raw("bea") as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="not attached by you"):
            conn.execute("SELECT netview_detach_message(1, 1, true)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM person WHERE id = %s", (old,))
    assert t.rows("ivy", PRIVATE)["note"] == [(KEEP, "ivy's note")]
    # The commands that delete shared people are still the admin's alone.
    for args in (("delete-person", t.old), ("forget", "robin-2018")):
        status, _, err = t.cli("bea", *args)
        assert status == 1 and err.count("\n") == 1 and "only the team's admin" in err, err


def test_a_member_attaches_messages_to_a_shared_name_and_undoes_it(team: Team) -> None:
    t = team
    db = t.open("ivy")
    try:
        with db.session() as s:
            from sqlalchemy import text

            (acme,) = s.execute(text("SELECT id FROM person WHERE company = 'Acme'")).one()
        offer = ambiguous.pending_for(db, acme)
        assert offer is not None and offer.count == 2
        before = t.rows("ivy", SHARED)["targets"]
        assert ambiguous.attach(db, acme) == 2
        attached = t.rows("ivy", SHARED)["targets"]
        assert len(attached) > len(before)
        texts = "SELECT count(*) FROM interaction_text"
        with t.raw("ivy") as conn:  # the texts are Ivy's alone
            (robins,) = conn.execute(texts).fetchone()  # type: ignore[misc]
        with t.raw("bea") as conn:
            assert conn.execute(texts).fetchone() == (0,)
        ambiguous.detach(db, acme)  # Edit > Undo
        assert t.rows("ivy", SHARED)["targets"] == before
        assert ambiguous.pending_for(db, acme) == offer
        with t.raw("ivy") as conn:
            assert conn.execute(texts).fetchone() == (robins - 2,)
        # Attached again, and Bea holds her own copy of one message's text (as her import
        # of the same conversation would give her): the undo keeps that message and her text.
        assert ambiguous.attach(db, acme) == 2
        with psycopg.connect(t.server.libpq(t.database), autocommit=True) as superuser:
            superuser.execute(
                "INSERT INTO interaction_text (interaction_id, owner, body) "
                "SELECT max(id), 'bea', 'her copy' FROM interaction"
            )
        ambiguous.detach(db, acme)
        with t.raw("bea") as conn:
            assert conn.execute("SELECT body FROM interaction_text").fetchall() == [("her copy",)]
        with t.raw("ivy") as conn:
            assert conn.execute(texts).fetchone() == (robins - 1,)
        assert ambiguous.pending_for(db, acme) == offer
    finally:
        db.dispose()


def test_a_merge_undone_in_the_app_leaves_no_decision(team: Team) -> None:
    t = team
    keep_private_rows(t, "bea", t.old, 30)
    before = t.rows("bea", PRIVATE)
    db = t.open("ivy")
    try:
        done = identity.merge_people(db, KEEP, t.old)
        identity.unmerge(db, done)
    finally:
        db.dispose()
    assert t.rows("bea", PRIVATE) == before
    out = t.cli("ivy", "duplicates", "--json")[1]
    assert len(json.loads(out)) == 1  # an undone merge is not a decision


def test_unattached_messages_are_their_importers_alone(team: Team) -> None:
    # Ivy's 2018 export holds "Hi Maria" / "Hello Robin", to a name two people share: kept
    # unattached, texts and all. They are message texts: Bea must not read them anywhere.
    t = team
    with t.raw("ivy") as conn:
        ((entries,),) = conn.execute("SELECT entries FROM pending_message").fetchall()
    assert "Hi Maria" in entries and "Hello Robin" in entries
    with t.raw("bea") as conn:
        assert conn.execute("SELECT count(*) FROM pending_message").fetchone() == (0,)
        everything = " ".join(str(v) for (v,) in conn.execute("SELECT value FROM meta").fetchall())
        assert "Hi Maria" not in everything and "Hello Robin" not in everything
        with pytest.raises(psycopg.Error):  # nor write one in Ivy's name
            conn.execute(
                "INSERT INTO pending_message (owner, source_id, entries) "
                "SELECT 'ivy', min(id), '[]' FROM source"
            )
    bea = t.open("bea")
    try:
        with bea.session() as s:
            from sqlalchemy import text

            (acme,) = s.execute(text("SELECT id FROM person WHERE company = 'Acme'")).one()
        assert ambiguous.pending_for(bea, acme) is None  # not offered to Bea to attach
    finally:
        bea.dispose()
