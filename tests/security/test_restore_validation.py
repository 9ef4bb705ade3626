"""Issue 13, point 7: restore checks the whole backup before it writes anything.

A backup is a file anyone can edit. Whatever is wrong with it (you pointing at nobody, a
reference to a missing row, a number no column holds, nesting deep enough to exhaust the
parser, a value of the wrong type) is refused in one line naming the file, with exit
status 1 and an empty database; a byte-order mark from a Windows editor is fine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.services.conftest import Cli
from tests.services.test_import_guarantees import snapshot

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def backup(net: Cli, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "full.json"
    assert net("export", "json", "-o", out)[0] == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _restore(
    tmp_path: Path, capsys: Any, text: str, encoding: str = "utf-8"
) -> tuple[int, str, Cli]:
    path = tmp_path / "edited.json"
    path.write_text(text, encoding=encoding)
    fresh = Cli(tmp_path / "fresh.db", capsys)
    status, _, err = fresh("restore", path)
    return status, err, fresh


def _empty(cli: Cli) -> bool:
    return all(not rows for t, rows in snapshot(cli.db).items() if t != "alembic_version")


def _set(table: str, column: str, value: Any, row: int = 0) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        t = data["tables"][table]
        t["rows"][row][t["columns"].index(column)] = value

    return edit


def _owner_missing(data: dict[str, Any]) -> None:
    meta = data["tables"]["meta"]
    for row in meta["rows"]:
        if row[0] == "me_person_id":
            row[1] = "999999"


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_owner_missing, "person 999999"),
        (_set("tie", "a_id", 999999), "a_id 999999 names no row of table person"),
        (_set("person", "id", "seven"), "id 'seven' is not a valid integer"),
        (_set("person", "key", None), "key is missing"),
        (_set("person", "created_at", "yesterday"), "is not a valid datetime"),
        (_set("person", "id", 2), "appears twice"),
        (_set("person", "headline", "a\x00b", row=3), "headline holds a NUL character"),
        (_set("person", "key", "k" * 601, row=3), "key is longer than 600 characters"),
        (_set("group", "name", "g" * 601), "name is longer than 600 characters"),
    ],
    ids=["owner", "reference", "type", "missing", "date", "duplicate", "nul", "key", "name"],
)
def test_an_inconsistent_backup_is_refused_before_anything_is_written(
    backup: dict[str, Any], tmp_path: Path, capsys: Any, edit: Edit, says: str
) -> None:
    edit(backup)
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup))
    assert status == 1 and err.count("\n") == 1 and "edited.json" in err, err
    assert says in err, err
    assert _empty(fresh)


def test_hostile_json_gets_one_line_not_a_traceback(
    backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    huge = json.dumps(backup).replace('"rows": [[1,', '"rows": [[' + "9" * 5000 + ",", 1)
    deep = (
        '{"format": "netview-backup", "version": 1, "tables": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    for text, says in ((huge, "5000 digits"), (deep, "nested too deeply")):
        status, err, fresh = _restore(tmp_path, capsys, text)
        assert status == 1 and err.count("\n") == 1 and says in err, err
        assert "Traceback" not in err and _empty(fresh)


def test_a_backup_saved_with_a_byte_order_mark_restores(
    net: Cli, backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup), encoding="utf-8-sig")
    assert status == 0, err
    assert snapshot(fresh.db) == snapshot(net.db)
