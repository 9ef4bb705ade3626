"""Forgetting a shared export returns the database to what it was before that import."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from tests.services.conftest import Cli, sample_zips
from tests.services.test_import_guarantees import snapshot

from netview.store.db import open_database


@pytest.mark.backends
def test_forgetting_a_shared_export_restores_every_table(cli: Cli) -> None:
    me, *shared = sample_zips("network-2024")
    cli.json("import", me)
    before = snapshot(cli.db)
    for zip_path in shared:
        cli.json("import", zip_path)
        assert snapshot(cli.db) != before
        status, out, err = cli("forget", zip_path.name)
        assert status == 0, err
        assert zip_path.name in out
        assert snapshot(cli.db) == before


def test_forgetting_a_newer_export_puts_back_the_facts_it_updated(cli: Cli, tmp_path: Path) -> None:
    me, olga = sample_zips("network-2024")[0], sample_zips("network-2024")[2]
    # Same archive, made later: its owner's facts about shared connections win while it is there.
    newer = tmp_path / olga.name.replace("11-20-2026", "12-24-2026")
    shutil.copy(olga, newer)
    cli.json("import", me)
    before = snapshot(cli.db)
    cli.json("import", newer)
    changed = snapshot(cli.db)
    assert changed["person"] != before["person"]
    assert any(k.startswith("undo:") for k, *_ in changed["meta"])  # (+ added_by on a server)
    status, _, err = cli("forget", newer.name)
    assert status == 0, err
    assert snapshot(cli.db) == before


def by_key(db_path: Path) -> dict[str, Any]:
    """People, ties and interactions named by person keys (ids differ between databases)."""
    db = open_database(db_path)
    with db.engine.connect() as conn:
        key = dict(conn.execute(text("SELECT id, key FROM person")).all())
        people = {
            r[0]: tuple(r[1:])
            for r in conn.execute(text("SELECT key, name, company, position, url FROM person"))
        }
        ties = {
            (key[a], key[b]): d
            for a, b, d in conn.execute(text("SELECT a_id, b_id, connected_on FROM tie"))
        }
        targets: dict[int, list[str]] = {}
        for i, p in conn.execute(text("SELECT interaction_id, person_id FROM interaction_target")):
            targets.setdefault(i, []).append(key[p])
        events = sorted(
            (kind, at or "", key[actor], tuple(sorted(targets.get(i, []))))
            for i, kind, at, actor in conn.execute(
                text("SELECT id, kind, occurred_at, actor_id FROM interaction")
            )
        )
    db.dispose()
    return {"people": people, "ties": ties, "events": events}


def test_forgetting_an_earlier_export_keeps_what_later_ones_attest(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    me, first, second, third = sample_zips("network-2024")
    cli.json("import", me, second, first, third)  # second imported before the others
    status, _, err = cli("forget", second.name)
    assert status == 0, err
    without = cli.fresh("without")
    without.json("import", me, first, third)
    assert by_key(cli.db) == by_key(without.db)


def test_sources_lists_counts_and_forget_refuses_unknown(cli: Cli) -> None:
    me, shared, *_ = sample_zips("network-2024")
    cli.json("import", me, shared)
    sources = cli.json("sources")
    assert [s["label"] for s in sources] == [me.name, shared.name]
    assert all(s["people"] > 0 and s["ties"] > 0 for s in sources)
    assert sources[0]["owner_key"] != sources[1]["owner_key"]
    status, _, err = cli("forget", "no-such-export.zip")
    assert status == 1 and err.count("\n") == 1 and "no-such-export.zip" in err


def _add_note(db_path: Path, key: str) -> None:
    from datetime import datetime

    from netview.store.models import Note, Person

    db = open_database(db_path)
    with db.session() as s:
        pid = s.scalars(select(Person.id).where(Person.key == key)).one()
        now = datetime(2026, 11, 2)
        s.add(Note(person_id=pid, body=f"note on {key}", created_at=now, updated_at=now))
    db.dispose()


def _notes(db_path: Path) -> list[str]:
    db = open_database(db_path)
    with db.engine.connect() as conn:
        found = sorted(b for (b,) in conn.execute(text("SELECT body FROM note")))
    db.dispose()
    return found


@pytest.mark.backends
def test_user_data_of_removed_people_goes_and_of_the_others_stays(cli: Cli) -> None:
    me, bjorn, *_ = sample_zips("network-2024")
    cli.json("import", me)
    mine = set(by_key(cli.db)["people"])
    cli.json("import", bjorn)
    theirs_only = sorted(set(by_key(cli.db)["people"]) - mine)
    both = sorted(mine & set(by_key(cli.db)["people"]))[1]
    _add_note(cli.db, theirs_only[0])
    _add_note(cli.db, both)
    assert cli("forget", bjorn.name)[0] == 0
    assert _notes(cli.db) == [f"note on {both}"]


@pytest.mark.backends
def test_delete_person_removes_them_with_their_ties_and_notes(cli: Cli) -> None:
    cli.json("import", sample_zips("network-2024")[0])
    victim = sorted(k for k in by_key(cli.db)["people"] if k != "robin-quill-42")[0]
    _add_note(cli.db, victim)
    before = by_key(cli.db)
    status, _, err = cli("delete-person", f"https://www.linkedin.com/in/{victim}/")
    assert status == 0, err
    after = by_key(cli.db)
    assert victim not in after["people"] and len(after["people"]) == len(before["people"]) - 1
    assert not [t for t in after["ties"] if victim in t]
    assert _notes(cli.db) == []
    status, _, err = cli("delete-person", victim)
    assert status == 1 and err.count("\n") == 1 and victim in err
