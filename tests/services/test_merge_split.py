"""Merge and split by hand: nothing of either person is lost, a split restores them, a
re-import keeps the decision, and `netview duplicates` proposes the likely pairs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.services.conftest import Cli

from netview.services.followups.cadence import set_cadence
from netview.services.identity import by_hand as identity
from netview.services.people import groups, notes, tags
from netview.store.db import Database, open_database

# Raw snapshots here read the SQLite file; merging and splitting on a team server,
# as a member, are tested in test_team_identity.py.
pytestmark = pytest.mark.sqlite_only

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"
OLD_OLGA = "name:"  # Olga as Robin's 2018 export knew her: by name only


def table_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row that says something about people, by key rather than id."""
    queries = {
        "people": "SELECT key, name, company, position, email FROM person",
        "aliases": "SELECT a.alias, p.key FROM person_alias a JOIN person p ON p.id = a.person_id",
        "ties": "SELECT pa.key, pb.key, t.connected_on FROM tie t"
        " JOIN person pa ON pa.id = t.a_id JOIN person pb ON pb.id = t.b_id",
        "tie_sources": "SELECT pa.key, pb.key, s.source_id FROM tie_source s JOIN tie t"
        " ON t.id = s.tie_id JOIN person pa ON pa.id = t.a_id JOIN person pb ON pb.id = t.b_id",
        "interactions": "SELECT i.kind, pa.key, i.occurred_at, pt.key FROM interaction i"
        " JOIN person pa ON pa.id = i.actor_id JOIN interaction_target t ON t.interaction_id"
        " = i.id JOIN person pt ON pt.id = t.person_id",
        "user": "SELECT 'note', p.key, n.body FROM note n JOIN person p ON p.id = n.person_id"
        " UNION ALL SELECT 'tag', p.key, g.name FROM person_tag x JOIN tag g ON g.id = x.tag_id"
        " JOIN person p ON p.id = x.person_id UNION ALL SELECT 'group', p.key, g.name"
        ' FROM group_member m JOIN "group" g ON g.id = m.group_id JOIN person p'
        " ON p.id = m.person_id UNION ALL SELECT 'cadence', p.key, f.cadence_days"
        " FROM followup f JOIN person p ON p.id = f.person_id",
    }
    with sqlite3.connect(db) as con:
        return {k: sorted(con.execute(q)) for k, q in queries.items()}


@pytest.fixture
def two_olgas(cli: Cli) -> tuple[Database, str]:
    """Robin's 2024 and 2018 exports and Olga's: Olga twice (with and without a profile)."""
    for name in ("robin-2024", "robin-2018", "olga-2023"):
        cli.json("import", ARCHIVES / name)
    (pair,) = cli.json("duplicates")
    assert pair["a"] == "olga-haddad-13dde" and pair["b"].startswith(OLD_OLGA)
    assert "same name" in pair["why"]
    db = open_database(cli.db)
    old = pair["b"]
    with sqlite3.connect(cli.db) as con:
        (pid,) = con.execute("SELECT id FROM person WHERE key = ?", (old,)).fetchone()
        (new_pid,) = con.execute("SELECT id FROM person WHERE key = 'olga-haddad-13dde'").fetchone()
    notes.add_note(db, pid, "Met at the 2017 offsite")
    tags.add_tag(db, pid, "mentor")
    tags.add_tag(db, new_pid, "mentor")
    groups.create_group(db, "Lisbon")
    groups.add_people(db, "Lisbon", [old])
    set_cadence(db, pid, 30)
    yield db, old
    db.dispose()


def test_merge_keeps_everything_and_split_restores_it(
    cli: Cli, two_olgas: tuple[Database, str]
) -> None:
    _db, old = two_olgas
    before = table_rows(cli.db)
    # The 2018 export is older than the 2024 one: who only it lists (the two Marias, and
    # Olga as it knew her, by name) is history, not 1st degree (a newer archive supersedes).
    assert cli.json("stats")["by_degree"] == {"1": 2, "2": 1}
    status, out, err = cli("merge", old, "olga-haddad-13dde")
    assert status == 0, err
    assert "into Olga Haddad (olga-haddad-13dde)" in out
    merged = table_rows(cli.db)
    assert [p for p in merged["people"] if p[1] == "Olga Haddad"] == [
        ("olga-haddad-13dde", "Olga Haddad", "Initech", "CTO", None)
    ]
    assert (old, "olga-haddad-13dde") in merged["aliases"]
    # Her note, tag, group and cadence from before the merge are the kept Olga's now.
    assert ("note", "olga-haddad-13dde", "Met at the 2017 offsite") in merged["user"]
    assert ("group", "olga-haddad-13dde", "Lisbon") in merged["user"]
    assert ("cadence", "olga-haddad-13dde", 30) in merged["user"]
    assert merged["user"].count(("tag", "olga-haddad-13dde", "mentor")) == 1
    # Both ties to Robin are one tie now, attested by all three exports that list it.
    pair = {"robin-quill-42", "olga-haddad-13dde"}
    assert len([t for t in merged["ties"] if set(t[:2]) == pair]) == 1
    assert len({t[2] for t in merged["tie_sources"] if set(t[:2]) == pair}) == 3
    # Robin's 2018 message to Olga now counts for the one Olga.
    assert any(i[3] == "olga-haddad-13dde" and i[0] == "message" for i in merged["interactions"])
    assert cli.json("stats")["by_degree"] == {"1": 2, "2": 1}
    assert cli.json("duplicates") == []

    status, out, err = cli("split", old)
    assert status == 0, err
    assert table_rows(cli.db) == before
    # Split is remembered: the pair is never proposed again.
    assert cli.json("duplicates") == []


def test_undo_of_a_merge_leaves_no_decision(two_olgas: tuple[Database, str], cli: Cli) -> None:
    db, old = two_olgas
    before = table_rows(cli.db)
    done = identity.merge_people(db, "olga-haddad-13dde", old)
    identity.unmerge(db, done)
    assert table_rows(cli.db) == before
    assert len(cli.json("duplicates")) == 1  # an undone merge is not a decision


def test_a_reimport_keeps_the_merge(
    cli: Cli, two_olgas: tuple[Database, str], tmp_path: Path
) -> None:
    _db, old = two_olgas
    assert cli("merge", old, "olga-haddad-13dde")[0] == 0
    # A later copy of Robin's 2018 export, one connection more: its Olga is the merged one.
    again = tmp_path / "robin-2018-again"
    shutil.copytree(ARCHIVES / "robin-2018", again)
    with (again / "Connections.csv").open("a", encoding="utf-8") as f:
        f.write('\nIvo,Petrov,,Acme,Engineer,"2/2/18, 9:00 AM"')
    cli.json("import", again)
    people = table_rows(cli.db)["people"]
    assert [p[0] for p in people if p[1] == "Olga Haddad"] == ["olga-haddad-13dde"]
    assert cli.json("duplicates") == []


def test_merge_and_split_errors_are_one_line(cli: Cli, two_olgas: tuple[Database, str]) -> None:
    for args in (("merge", "nobody-here", "olga-haddad-13dde"), ("split", "olga-haddad-13dde")):
        status, _out, err = cli(*args)
        assert status == 1
        assert err.count("\n") == 1 and err.startswith("netview: ")


def test_a_reimport_keeps_the_split(
    cli: Cli, two_olgas: tuple[Database, str], tmp_path: Path
) -> None:
    _db, old = two_olgas
    assert cli("merge", old, "olga-haddad-13dde")[0] == 0
    assert cli("split", old)[0] == 0
    again = tmp_path / "robin-2018-again"
    shutil.copytree(ARCHIVES / "robin-2018", again)
    with (again / "Connections.csv").open("a", encoding="utf-8") as f:
        f.write('\nIvo,Petrov,,Acme,Engineer,"2/2/18, 9:00 AM"')
    cli.json("import", again)
    keys = [p[0] for p in table_rows(cli.db)["people"] if p[1] == "Olga Haddad"]
    assert sorted(keys) == sorted([old, "olga-haddad-13dde"])
    assert cli.json("duplicates") == []  # decided apart: not proposed again


def test_a_filtered_export_carries_no_merge_decisions(
    cli: Cli, two_olgas: tuple[Database, str], tmp_path: Path
) -> None:
    _db, old = two_olgas
    assert cli("merge", old, "olga-haddad-13dde")[0] == 0
    full, shared = tmp_path / "full.json", tmp_path / "shared.json"
    assert cli("export", "json", "-o", full)[0] == 0
    assert cli("export", "json", "--degree", "1", "-o", shared)[0] == 0
    assert "identity_decision" in full.read_text(encoding="utf-8")
    assert "identity_decision" not in shared.read_text(encoding="utf-8")
