"""PostgreSQL gives the same answers as SQLite, backups move between them, imports take turns."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.pgserver import PgServer
from tests.services.conftest import Cli, sample_zips, truth

from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.store.models import (
    Interaction,
    InteractionTarget,
    InteractionText,
    Note,
    Person,
    Tie,
)


def by_key(url: Path | str) -> dict[str, Any]:
    """People, ties, interactions and notes named by person keys, as typed values (ids and
    each backend's storage differ)."""
    db = open_database(url)
    with db.session() as s:
        key = dict(s.execute(select(Person.id, Person.key)).all())
        people = {
            k: (n, c, p, u)
            for k, n, c, p, u in s.execute(
                select(Person.key, Person.name, Person.company, Person.position, Person.url)
            )
        }
        ties = {
            (key[a], key[b]): d
            for a, b, d in s.execute(select(Tie.a_id, Tie.b_id, Tie.connected_on))
        }
        targets: dict[int, list[str]] = {}
        for i, pid in s.execute(
            select(InteractionTarget.interaction_id, InteractionTarget.person_id)
        ):
            targets.setdefault(i, []).append(key[pid])
        events = sorted(
            (kind, key[actor], at, tuple(sorted(targets.get(i, []))))
            for i, kind, actor, at in s.execute(
                select(
                    Interaction.id, Interaction.kind, Interaction.actor_id, Interaction.occurred_at
                )
            )
        )
        notes = sorted((key[p], b) for p, b in s.execute(select(Note.person_id, Note.body)))
    db.dispose()
    return {"people": people, "ties": ties, "events": events, "notes": notes}


@pytest.fixture
def pg_cli(pg_server: PgServer, capsys: pytest.CaptureFixture[str]) -> Any:
    name = pg_server.create_database()
    yield Cli(pg_server.url(name), capsys)
    pg_server.drop_database(name)


def _farthest(sample: str) -> str:
    degrees = truth(sample)["degree"]
    return sorted(k for k, d in degrees.items() if d == max(degrees.values()))[0]


@pytest.mark.parametrize("sample", ["network-2024", "network-2026"])
def test_every_answer_is_the_same_on_postgresql_and_sqlite(
    sample: str, pg_cli: Cli, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lite = Cli(db_path, capsys)
    zips = sample_zips(sample)
    for cli in (lite, pg_cli):
        cli.json("import", *zips)
        assert cli("groups", "--create", "Investors")[0] == 0
        assert cli("groups", "--cadence", "Investors", "30")[0] == 0
    target = _farthest(sample)
    asks: list[tuple[str, ...]] = [
        ("stats",),
        ("paths", target),
        ("followups", "--all", "--today", "2026-12-01"),
        ("followups", "--losing", "--today", "2026-12-01"),
        ("groups",),
        ("sources",),
    ]
    for ask in asks:
        on_pg, on_sqlite = pg_cli.json(*ask), lite.json(*ask)
        if ask == ("sources",):  # import times differ by a second or so
            for row in on_pg + on_sqlite:
                row.pop("imported_at")
        assert on_pg == on_sqlite, ask
    stats = pg_cli.json("stats")
    assert stats["people"] == truth(sample)["people_visible"]
    assert pg_cli.json("paths", target)["paths"], target


def test_a_backup_moves_from_sqlite_to_postgresql_and_back(
    pg_cli: Cli, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lite = Cli(db_path, capsys)
    lite.json("import", *sample_zips("network-2024"))
    key = next(iter(sorted(by_key(db_path)["people"])))
    assert lite("note", key, "met at the fintech dinner")[0] == 0
    assert lite("export", "json", "-o", tmp_path / "solo.json")[0] == 0

    status, _, err = pg_cli("restore", tmp_path / "solo.json")
    assert status == 0, err
    assert by_key(pg_cli.db) == by_key(db_path)
    assert pg_cli.json("stats") == lite.json("stats")
    assert pg_cli.json("paths", _farthest("network-2024")) == lite.json(
        "paths", _farthest("network-2024")
    )
    # A person added after the restore gets a fresh id (the sequences moved past the rows).
    assert pg_cli("note", key, "second note")[0] == 0

    assert pg_cli("export", "json", "-o", tmp_path / "team.json")[0] == 0
    back = Cli(tmp_path / "back.db", capsys)
    status, _, err = back("restore", tmp_path / "team.json")
    assert status == 0, err
    assert {**by_key(back.db), "notes": []} == {**by_key(db_path), "notes": []}
    notes = back.json("note", key)
    assert [n["body"] for n in notes] == ["met at the fintech dinner", "second note"]


def test_two_imports_at_the_same_time_both_land(pg_cli: Cli) -> None:
    me, bjorn, olga, _ = sample_zips("network-2024")
    pg_cli.json("import", me)
    db = open_database(pg_cli.db)
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        try:
            import_paths(db, [path])
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (bjorn, olga)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.dispose()
    assert errors == []
    assert {s["label"] for s in pg_cli.json("sources")} == {me.name, bjorn.name, olga.name}


FORMATS = ("csv", "graphml", "gexf", "ics", "png")


def test_every_command_works_on_postgresql(pg_cli: Cli, tmp_path: Path) -> None:
    me, bjorn, *_ = sample_zips("network-2024")
    pg_cli.json("import", me, bjorn)
    olga = "olga-haddad-13dde"
    (tmp_path / "ask.txt").write_text("Hi {first_name}, could you introduce me?\n")
    commands: list[tuple[str | Path, ...]] = [
        ("render", "-o", tmp_path / "map.png", "--size", "400x300"),
        ("templates", "--set", "short", tmp_path / "ask.txt"),
        ("paths", "björn-lee-11eef", "--draft", "--template", "short"),
        ("followups", "--set", olga, "30"),
        ("followups", "--snooze", olga, "2027-01-01"),
        ("followups", "--done", olga),
        ("groups", "--create", "Investors"),
        ("groups", "--add", "Investors", olga),
        ("groups", "--rename", "Investors", "Angels"),
        ("note", olga, "met at the fintech dinner"),
        ("private", olga),
        *(("export", f, "-o", tmp_path / f"out.{f}") for f in FORMATS),
        ("groups", "--delete", "Angels"),
        ("forget", bjorn.name),
        ("delete-person", olga),
    ]  # fmt: skip
    for args in commands:
        status, _, err = pg_cli(*args)
        assert status == 0, (args, err)
    assert (tmp_path / "map.png").stat().st_size > 1000
    assert olga not in (tmp_path / "out.csv").read_text(encoding="utf-8")  # private
    assert {s["label"] for s in pg_cli.json("sources")} == {me.name}
    status, _, err = pg_cli("note", olga)
    assert status == 1 and olga in err  # deleted


@pytest.mark.backends
def test_a_backup_from_before_team_databases_keeps_its_texts_and_private_flags(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup made before migration 0006 (texts on interaction, the flag on person)."""
    solo = Cli(tmp_path / "solo.db", capsys)
    solo.json("import", sample_zips("network-2024")[0])
    olga = "olga-haddad-13dde"
    assert solo("private", olga)[0] == 0
    assert solo("export", "json", "-o", tmp_path / "new.json")[0] == 0
    data = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    tables = data["tables"]
    texts = {r[0]: r[1:] for r in tables.pop("interaction_text")["rows"]}  # id, subject, body
    flagged = {r[0] for r in tables.pop("person_private")["rows"]}
    people, events = tables["person"], tables["interaction"]
    people["columns"].append("private")
    for row in people["rows"]:
        row.append(row[0] in flagged)
    events["columns"] += ["subject", "body"]
    for row in events["rows"]:
        row += list(texts.get(row[0], (None, None)))
    data["schema"] = "0005"
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")

    status, _, err = cli("restore", tmp_path / "old.json")
    assert status == 0, err
    assert cli.json("stats") == solo.json("stats")
    exported = {p["key"] for p in _exported_people(cli, tmp_path)}
    assert olga not in exported and "robin-quill-42" in exported  # still private
    db = open_database(cli.db)
    with db.session() as s:
        restored = s.execute(select(InteractionText.interaction_id, InteractionText.subject,
                                    InteractionText.body)).all()  # fmt: skip
    db.dispose()
    assert {i: (sub, body) for i, sub, body in restored} == {i: tuple(v) for i, v in texts.items()}
    assert texts  # the sample has messages with texts


def _exported_people(cli: Cli, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "people.csv"
    assert cli("export", "csv", "-o", out)[0] == 0
    with out.open(encoding="utf-8", newline="") as f:
        return [{"key": r.get("key") or r.get("url", "")} for r in csv.DictReader(f)]
