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


def _same(table: str, column: str, like: str, row: int = 0, other: int = 0) -> Edit:
    """Row `row`'s `column` set to row `other`'s `like` (a tie to itself, a key twice)."""

    def edit(data: dict[str, Any]) -> None:
        t = data["tables"][table]
        value = t["rows"][other][t["columns"].index(like)]
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
        (_same("tie", "b_id", "a_id"), "is not below b_id"),
        (_same("person", "key", "key", 2, 1), "appears twice"),
    ],
    ids=[
        "owner",
        "reference",
        "type",
        "missing",
        "date",
        "duplicate",
        "nul",
        "key",
        "name",
        "tie-order",
        "unique-key",
    ],
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


# --- issue 21, point 5: JSON in columns, numbers, duplicated keys, over-long strings ---


def _merge_row(detail: str) -> Edit:
    """A merge decision with the given detail, as a hand-edited backup could hold."""

    def edit(data: dict[str, Any]) -> None:
        t = data["tables"]["identity_decision"]
        values = {
            "id": 900,
            "kind": "merge",
            "key_a": "a",
            "key_b": "b",
            "detail": detail,
            "created_at": "2026-01-01T00:00:00",
        }
        t["rows"].append([values.get(c) for c in t["columns"]])

    return edit


def _raw(find: str, put: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert find in text
        return text.replace(find, put, 1)

    return edit


def _first_rank(data: dict[str, Any]) -> int:
    t = data["tables"]["person"]
    at = t["columns"].index("info_rank")
    return next(i for i, row in enumerate(t["rows"]) if row[at])


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_set("source", "report", '{"files": [{"name": '), "report is not valid JSON"),
        (_set("source", "report", "[1, 2]"), "report does not fit: it is not an object"),
        (
            _set("source", "report", '{"hidden_rows": "many"}'),
            "report does not fit: its hidden_rows is not an int",
        ),
        (_set("source", "report", '{"a": 1, "a": 2}'), "the key 'a' appears twice"),
        (_set("person", "info_rank", "{oops"), "info_rank is not valid JSON"),
        (
            _set("person", "info_rank", '{"name": 2}'),
            "info_rank does not fit: the rank of 'name' is not",
        ),
        (_merge_row("not json"), "detail is not valid JSON"),
        (_merge_row('{"a_id": 1}'), "detail does not fit: it has no 'a_row'"),
        (_set("pending_message", "entries", "{}", row=-1), "entries does not fit"),
    ],
    ids=[
        "report-broken",
        "report-list",
        "report-field",
        "report-dupkey",
        "rank-broken",
        "rank-shape",
        "detail-broken",
        "detail-shape",
        "pending",
    ],
)
def test_json_in_a_column_is_checked_like_the_rest(
    backup: dict[str, Any], tmp_path: Path, capsys: Any, edit: Edit, says: str
) -> None:
    if says.startswith("entries") and not backup["tables"]["pending_message"]["rows"]:
        t = backup["tables"]["pending_message"]
        source = backup["tables"]["source"]["rows"][0][0]
        values = {"id": 1, "owner": None, "source_id": source, "entries": "[]"}
        t["rows"].append([values.get(c) for c in t["columns"]])
    edit(backup)
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup))
    assert status == 1 and err.count("\n") == 1 and "edited.json" in err, err
    assert says in err, err
    assert _empty(fresh)


def test_a_rank_that_does_not_parse_is_refused_in_the_row_that_holds_it(
    backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    row = _first_rank(backup)
    _set("person", "info_rank", "{", row=row)(backup)
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup))
    assert status == 1 and f"table person, row {row + 1}: info_rank is not valid JSON" in err
    assert _empty(fresh)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_raw('"format": "netview-backup"', '"format": "x", "format": "netview-backup"'),
         "the key 'format' appears twice"),
        (_raw('"rows": [', '"rows": [], "rows": [', ), "the key 'rows' appears twice"),
        (_raw('"version": 1', '"version": 1e999'), "1e999 is too large"),
        (_raw('"version": 1', '"version": -Infinity'), "-Infinity is not a number"),
    ],
    ids=["dup-top", "dup-table", "inf", "minus-infinity"],
)  # fmt: skip
def test_the_file_itself_is_strict_json(
    backup: dict[str, Any], tmp_path: Path, capsys: Any, edit: Callable[[str], str], says: str
) -> None:
    status, err, fresh = _restore(tmp_path, capsys, edit(json.dumps(backup)))
    assert status == 1 and err.count("\n") == 1 and says in err, err
    assert _empty(fresh)


def test_an_infinite_weight_is_refused_so_every_backup_restores_again(
    net: Cli, backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    """1e999 restored, and the next `export json` wrote Infinity, which restore refuses."""
    t = backup["tables"]["tie_source"]
    t["rows"][0][t["columns"].index("weight")] = 12345.5
    text = json.dumps(backup).replace("12345.5", "1e999", 1)
    status, err, fresh = _restore(tmp_path, capsys, text)
    assert status == 1 and "1e999 is too large to store" in err, err
    assert _empty(fresh)
    # A finite weight restores, and its backup restores again.
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup))
    assert status == 0, err
    again = tmp_path / "again.json"
    assert fresh("export", "json", "-o", again)[0] == 0
    assert "Infinity" not in again.read_text(encoding="utf-8")
    twice = Cli(tmp_path / "twice.db", capsys)
    assert twice("restore", again)[0] == 0


def test_an_over_long_string_is_refused(
    backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    from netview.core.strictjson import MAX_TEXT

    _set("person", "headline", "x" * (MAX_TEXT + 1), row=1)(backup)
    status, err, fresh = _restore(tmp_path, capsys, json.dumps(backup))
    assert status == 1 and err.count("\n") == 1, err
    assert f"table person, row 2: headline is {MAX_TEXT + 1:,} characters long" in err, err
    assert _empty(fresh)


def test_a_merge_restores_and_splits_after_restore(
    net: Cli, backup: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    """The checks refuse no backup NetView wrote: a merge's detail restores and still splits."""
    people = backup["tables"]["person"]
    at = people["columns"].index("key")
    me = next(int(v) for k, v in backup["tables"]["meta"]["rows"] if k == "me_person_id")
    a, b = [row[at] for row in people["rows"] if row[0] != me][3:5]
    assert net("merge", a, b)[0] == 0
    out_file = tmp_path / "merged.json"
    assert net("export", "json", "-o", out_file)[0] == 0
    fresh = Cli(tmp_path / "merged.db", capsys)
    status, _, err = fresh("restore", out_file)
    assert status == 0, err
    before = fresh("stats", "--json")[1]
    status, _, err = fresh("split", b)
    assert status == 0, err
    assert json.loads(fresh("stats", "--json")[1])["people"] == json.loads(before)["people"] + 1


@pytest.mark.parametrize(
    "edit", [_same("tie", "b_id", "a_id"), _same("person", "key", "key", 2, 1)]
)
def test_a_backup_the_server_would_refuse_is_one_line_there_too(
    backup: dict[str, Any], tmp_path: Path, pg_server: Any, edit: Edit
) -> None:
    """On PostgreSQL a constraint the database checks half-way used to end in psycopg's own
    "pipeline aborted" line before NetView's (issue 24, point 8)."""
    from tests.services.teamkit import run

    edit(backup)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    name = pg_server.create_database()
    try:
        status, _, err = run("--db", pg_server.url(name), "restore", path)
        assert status == 1 and err.count("\n") == 1, err
        assert err.startswith("netview: edited.json: table "), err
        assert run("--db", pg_server.url(name), "stats", "--json")[1].count('"people": 0') == 1
    finally:
        pg_server.drop_database(name)
