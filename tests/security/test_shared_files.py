"""Issue 13, points 1 and 2: a file made for someone else says no more than the user chose.

Any selection (--degree, --group, --anonymize) is a shared file: it carries the selected
people, their ties among themselves and what happened only among them; never the
pseudonym secret, a source report, a private person, or a message or invitation that
involves anyone outside the selection, nor a group named after such a person. It still
restores into NetView, as the smaller network. Only the plain backup is the whole database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.services.conftest import Cli

from netview.store.db import open_database
from netview.store.models import Group, GroupMember, Interaction, InteractionTarget, Person

PRIVATE = "olga-haddad-13dde"  # a colleague whose own export is imported, messaged by you
FORMATS = ("csv", "graphml", "gexf", "ics", "json")


def _export(cli: Cli, tmp_path: Path, fmt: str, *args: str) -> str:
    out = tmp_path / f"shared.{fmt}"
    status, _, err = cli("export", fmt, "-o", out, *args)
    assert status == 0, err
    return out.read_text(encoding="utf-8")


def _rows(backup: dict[str, Any], table: str) -> list[dict[str, Any]]:
    t = backup["tables"].get(table, {"columns": [], "rows": []})
    return [dict(zip(t["columns"], r, strict=True)) for r in t["rows"]]


def _everyone(db: Path) -> dict[str, Person]:
    d = open_database(db)
    with d.session() as s:
        found = {p.key: p for p in s.scalars(select(Person))}
    d.dispose()
    return found


def _secret(cli: Cli, tmp_path: Path) -> str:
    _export(cli, tmp_path, "csv", "--anonymize")  # the first pseudonym makes the secret
    full = json.loads(_export(cli, tmp_path, "json"))
    # The full backup is the user's own: it carries their secret (a private row).
    return next(r["value"] for r in _rows(full, "member_secret") if r["name"] == "anonymize")


def test_a_filtered_backup_never_carries_the_pseudonym_secret(net: Cli, tmp_path: Path) -> None:
    secret = _secret(net, tmp_path)
    for args in (("--degree", "1"), ("--group", "Climbing club"), ("--anonymize",)):
        text = _export(net, tmp_path, "json", *args)
        assert secret not in text, args
        keys = {r["key"] for r in _rows(json.loads(text), "meta")}
        assert keys <= {"me_person_id"}, args  # no forget journal
        assert "member_secret" not in json.loads(text)["tables"], args


def test_a_private_exporter_is_nowhere_in_a_filtered_backup(net: Cli, tmp_path: Path) -> None:
    olga = _everyone(net.db)[PRIVATE]
    assert net("private", PRIVATE)[0] == 0
    text = _export(net, tmp_path, "json", "--degree", "3")
    for trace in (
        PRIVATE,
        olga.name,
        "shared-2-olga",
    ):  # her key, her name, her archive's file name
        assert trace.casefold() not in text.casefold(), trace
    backup = json.loads(text)
    ids = {r["id"] for r in _rows(backup, "person")}
    assert olga.id not in ids
    assert all(r["report"] is None for r in _rows(backup, "source"))
    # What you exchanged with her (invitation notes, messages) left with her.
    for i in _rows(backup, "interaction_target"):
        assert i["person_id"] in ids
    assert {r["actor_id"] for r in _rows(backup, "interaction")} <= ids


def test_a_group_export_holds_only_what_happened_within_the_group(net: Cli, tmp_path: Path) -> None:
    backup = json.loads(_export(net, tmp_path, "json", "--group", "Climbing club"))
    people = {r["id"] for r in _rows(backup, "person")}
    assert len(people) == 3 + 1  # the group and you
    kept = {r["id"] for r in _rows(backup, "interaction")}
    targets: dict[int, set[int]] = {}
    for r in _rows(backup, "interaction_target"):
        targets.setdefault(r["interaction_id"], set()).add(r["person_id"])
    assert all(targets.get(i, set()) <= people for i in kept)
    assert {r["actor_id"] for r in _rows(backup, "interaction")} <= people
    # Every message among the four is there: the file is still the truth about them.
    d = open_database(net.db)
    with d.session() as s:
        among = 0
        for iid, actor in s.execute(select(Interaction.id, Interaction.actor_id)):
            ends = set(
                s.scalars(
                    select(InteractionTarget.person_id).where(
                        InteractionTarget.interaction_id == iid
                    )
                )
            )
            among += actor in people and ends <= people
    d.dispose()
    assert len(kept) == among
    assert {r["name"] for r in _rows(backup, "group")} == {"Climbing club"}
    assert len(_rows(backup, "tie")) <= 3 + 3  # ties among the four at most


def test_no_format_names_anyone_outside_the_selection(net: Cli, tmp_path: Path) -> None:
    everyone = _everyone(net.db)
    backup = json.loads(_export(net, tmp_path, "json", "--group", "Climbing club"))
    inside = {r["key"] for r in _rows(backup, "person")}
    outside = [p for k, p in everyone.items() if k not in inside]
    assert len(outside) == len(everyone) - 4
    for fmt in FORMATS:
        text = _export(net, tmp_path, fmt, "--group", "Climbing club").casefold()
        named = [p.key for p in outside if p.key.casefold() in text or p.name.casefold() in text]
        assert not named, (fmt, named[:3])


def test_the_plain_backup_is_still_the_whole_database(net: Cli, tmp_path: Path) -> None:
    secret = _secret(net, tmp_path)
    assert net("private", PRIVATE)[0] == 0
    full = json.loads(_export(net, tmp_path, "json"))
    assert secret in {r["value"] for r in _rows(full, "member_secret")}
    assert PRIVATE in {r["key"] for r in _rows(full, "person")}
    assert len(_rows(full, "person")) == len(_everyone(net.db))


def test_a_group_named_after_someone_left_out_is_not_named(net: Cli, tmp_path: Path) -> None:
    bjorn = _everyone(net.db)["björn-lee-11eef"]
    d = open_database(net.db)
    with d.session() as s:
        friend = s.scalars(select(Person).order_by(Person.id).offset(7).limit(1)).one()
        group = Group(name=f"{bjorn.name} and friends", created_at=friend.created_at)
        s.add(group)
        s.flush()
        s.add(GroupMember(group_id=group.id, person_id=friend.id))
    d.dispose()
    assert net("private", bjorn.key)[0] == 0
    for fmt in FORMATS:
        args = ("--degree", "3") if fmt == "json" else ()
        text = _export(net, tmp_path, fmt, *args)
        assert bjorn.name not in text, fmt
    rows = _export(net, tmp_path, "csv")
    assert "Unnamed group 1" in rows  # the friend is still in a group, just not his


def test_a_shared_backup_restores_as_the_smaller_network(
    net: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (("--group", "Climbing club"), ("--degree", "1", "--anonymize")):
        out = tmp_path / "shared.json"
        assert net("export", "json", "-o", out, *args)[0] == 0
        fresh = Cli(tmp_path / f"fresh{len(args)}.db", capsys)
        status, _, err = fresh("restore", out)
        assert status == 0, err
        people = len(_rows(json.loads(out.read_text(encoding="utf-8")), "person"))
        assert fresh.json("stats")["people"] == people - 1  # everyone but you
