"""Forgetting a shared export returns the database to what it was before that import."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from tests.services.conftest import Cli, sample_zips
from tests.services.test_import_guarantees import snapshot

from netview.store.db import open_database


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
    assert any(k.startswith("undo:") for k, _ in changed["meta"])
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
    without = Cli(tmp_path / "without.db", capsys)
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
