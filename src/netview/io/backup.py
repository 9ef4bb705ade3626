"""The JSON backup file: every table of the database, as columns and rows.

Format (version 1)::

    {"format": "netview-backup", "version": 1, "schema": "<alembic revision>",
     "created_at": "...", "anonymized": false,
     "tables": {"person": {"columns": ["id", ...], "rows": [[1, ...], ...]}, ...}}

Pure functions on plain data: the store decides what the rows are.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

from netview.core import strictjson
from netview.core.errors import ImportFailure
from netview.core.tables import Backup, TableRows

FORMAT = "netview-backup"
VERSION = 1


def write_backup(backup: Backup, out: IO[str]) -> None:
    """Write `backup` as JSON, one table row per line (diffable, streamable)."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "schema": backup.schema,
        "created_at": backup.created_at,
        "anonymized": backup.anonymized,
    }
    text = json.dumps(head, ensure_ascii=False)
    out.write(text[:-1] + ', "tables": {')
    for t, (name, tbl) in enumerate(backup.tables.items()):
        out.write(",\n" if t else "\n")
        out.write(f'{json.dumps(name)}: {{"columns": {json.dumps(tbl.columns)}, "rows": [')
        for i, row in enumerate(tbl.rows):
            out.write(",\n  " if i else "\n  ")
            out.write(json.dumps(row, ensure_ascii=False))
        out.write("]}")
    out.write("\n}}\n")


def read_backup(path: str | os.PathLike[str]) -> Backup:
    """Read a backup file; ImportFailure naming file and line when it is not one."""
    label = Path(path).name
    try:
        # utf-8-sig: a backup re-saved by a Windows editor starts with a byte-order mark.
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(label, f"cannot read: {exc}") from None
    try:
        data = strictjson.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(label, f"not valid JSON ({exc.msg})", exc.lineno) from None
    except strictjson.StrictJSONError as exc:
        raise ImportFailure(label, str(exc)) from None
    except RecursionError:
        raise ImportFailure(label, "nested too deeply to be a NetView backup") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailure(label, 'not a NetView backup (no "format": "netview-backup")', 1)
    if data.get("version") != VERSION:
        raise ImportFailure(label, f"backup version {data.get('version')!r} is not supported", 1)
    raw = data.get("tables")
    if not isinstance(raw, dict):
        raise ImportFailure(label, 'no "tables" object', 1)
    tables: dict[str, TableRows] = {}
    for name, value in raw.items():
        cols = value.get("columns") if isinstance(value, dict) else None
        rows = value.get("rows") if isinstance(value, dict) else None
        if not isinstance(cols, list) or not isinstance(rows, list):
            raise ImportFailure(label, f'table {name!r}: needs "columns" and "rows" lists')
        for i, row in enumerate(rows):
            if not isinstance(row, list) or len(row) != len(cols):
                raise ImportFailure(
                    label, f"table {name!r}, row {i + 1}: expected {len(cols)} values"
                )
        tables[str(name)] = TableRows([str(c) for c in cols], rows)
    return Backup(
        schema=data.get("schema"),
        tables=tables,
        created_at=str(data.get("created_at") or ""),
        anonymized=bool(data.get("anonymized")),
    )
