"""The columns that hold JSON, and the shape their readers rely on.

A restored backup is checked against these before anything is written (store.backup), so
a hand-edited `source.report` or `identity_decision.detail` is refused in one line instead
of restoring and then breaking `stats`, `import` or `split` with an internal error.
A shape is a type (int, str, bool, list, dict), `ANY`, a one-item list `[shape]` (a list
of such items) or a dict of required keys, each with its shape; other keys may be there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from netview.core import strictjson

ANY = object()
_RANK = re.compile(r"\d+\|[\d-]*\|")  # "<level>|<as of>|<hash>", compared as text

_REPORT_FILE = {"name": str}
_MERGE_DETAIL = {
    "a_id": int,
    "a_row": {"key": str},
    "b_row": {"id": int, "key": str},
    "rekeyed": bool,
    "me": bool,
    "filled": [str],
    "aliases": [str],
    "owned_sources": [int],
    "actor": [int],
    "targets": {"theirs": [int], "added": [int]},
    "ties": list,
    "followup": ANY,
}
_UNDO_JOURNAL = {"people": {}, "aliases": [str]}


def _fits(value: Any, shape: Any, where: str) -> str | None:
    """Why `value` does not have `shape` (naming the place in it), or None when it does."""
    if shape is ANY:
        return None
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{where} is not a list"
        for i, item in enumerate(value):
            problem = _fits(item, shape[0], f"{where}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{where} is not an object"
        for key, inner in shape.items():
            if key not in value:
                return f"{where} has no {key!r}"
            problem = _fits(value[key], inner, f"{where}.{key}")
            if problem:
                return problem
        return None
    if shape is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, shape)
    return None if ok else f"{where} is not {'an' if shape is int else 'a'} {shape.__name__}"


def _report(value: Any) -> str | None:
    problem = _fits(value, {}, "it")
    if problem is None and "files" in value:
        problem = _fits(value["files"], [_REPORT_FILE], "its files")
    if problem is None and "hidden_rows" in value:
        problem = _fits(value["hidden_rows"], int, "its hidden_rows")
    return problem


def _ranks(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "it is not an object"
    for field, rank in value.items():
        if not isinstance(rank, str) or not _RANK.match(rank):
            return f"the rank of {field[:40]!r} is not '<level>|<date>|<hash>'"
    return None


def _detail(value: Any, row: dict[str, Any]) -> str | None:
    if row.get("kind") != "merge":
        return None  # an "apart" decision carries no detail its readers use
    return _fits(value, _MERGE_DETAIL, "it")


def _meta(value: Any, row: dict[str, Any]) -> str | None:
    if str(row.get("key", "")).startswith("undo:"):  # store.undo's journal of an import
        return _fits(value, _UNDO_JOURNAL, "it")
    return None


def _boxes(value: Any) -> str | None:
    """evidence_item.boxes: {"b": [[address, name], ...], "d": [declined address, ...]}."""
    problem = _fits(value, {"b": [[str]]}, "it")
    if problem is None and any(len(box) != 2 for box in value["b"]):
        return "a participant of it is not [address, name]"
    if problem is None and "d" in value:
        problem = _fits(value["d"], [str], "its d")
    return problem


# (table, column) -> check(parsed value, row) -> problem or None
CHECKS: dict[tuple[str, str], Callable[[Any, dict[str, Any]], str | None]] = {
    ("source", "report"): lambda v, row: _report(v),
    ("person", "info_rank"): lambda v, row: _ranks(v),
    ("identity_decision", "detail"): _detail,
    ("pending_message", "entries"): lambda v, row: _fits(v, [dict], "it"),
    ("meta", "value"): _meta,
    ("evidence_item", "boxes"): lambda v, row: _boxes(v),
}
# meta.value is JSON only under these keys; other meta values are plain text.
_META_JSON = ("undo:",)


def problem(table: str, column: str, text: Any, row: dict[str, Any]) -> str | None:
    """Why the JSON `text` of `table.column` would break its readers, or None."""
    check = CHECKS.get((table, column))
    if check is None or not isinstance(text, str):
        return None
    if table == "meta" and not str(row.get("key", "")).startswith(_META_JSON):
        return None
    try:
        value = strictjson.loads(text)
    except json.JSONDecodeError as exc:
        return f"{column} is not valid JSON ({exc.msg})"
    except strictjson.StrictJSONError as exc:
        return f"{column} is not valid JSON: {exc}"
    except RecursionError:
        return f"{column} is nested too deeply"
    found = check(value, row)
    return f"{column} does not fit: {found}" if found else None
