"""What an import changed in rows it did not add, so that forgetting its source undoes it.

An import adds rows of its own (people, ties, interactions: attributed to the source in
person_source, tie_source, interaction_source) and also changes rows others added: a newer
export updates a person's company, a name-only person receives their profile key, a URN
becomes an alias. The importer records each such person's row as it was before, and the
aliases it added, in `meta` under ``undo:<source id>`` (meta rather than a table of its
own: no migration, and a backup carries it along like everything else).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netview.store import rows as r
from netview.store.models import Meta, Person

PREFIX = "undo:"


def person_rows(session: Session, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Person rows as JSON-able dicts, by id."""
    wanted = sorted(set(ids))
    tbl = r.table("person")
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        for row in session.execute(select(tbl).where(tbl.c.id.in_(chunk))).mappings():
            out[int(row["id"])] = {k: r.encode(tbl, k, v) for k, v in row.items()}
    return out


def save(
    session: Session, source_id: int, before: dict[int, dict[str, Any]], aliases: list[str]
) -> None:
    if not before and not aliases:
        return
    value = json.dumps({"people": {str(k): v for k, v in before.items()}, "aliases": aliases})
    session.merge(Meta(key=f"{PREFIX}{source_id}", value=value))


def load(session: Session, source_id: int) -> tuple[dict[int, dict[str, Any]], list[str]]:
    value = session.scalar(select(Meta.value).where(Meta.key == f"{PREFIX}{source_id}"))
    if not value:
        return {}, []
    data = json.loads(value)
    return {int(k): v for k, v in data.get("people", {}).items()}, list(data.get("aliases", []))


def later_sources(session: Session, source_id: int) -> list[int]:
    """Sources with a journal that were imported after `source_id`, oldest first."""
    found = []
    for (key,) in session.execute(select(Meta.key).where(Meta.key.like(f"{PREFIX}%"))):
        tail = key[len(PREFIX) :]
        if tail.isdigit() and int(tail) > source_id:
            found.append(int(tail))
    return sorted(found)


def drop(session: Session, source_id: int) -> None:
    session.execute(delete(Meta).where(Meta.key == f"{PREFIX}{source_id}"))


def restore_person(session: Session, row: dict[str, Any]) -> None:
    """Put a person row back as it was (if the person still exists)."""
    tbl = r.table("person")
    values = {k: r.decode(tbl, k, v) for k, v in row.items() if k != "id" and k in tbl.c}
    session.execute(tbl.update().where(tbl.c.id == row["id"]).values(**values))


def person_exists(session: Session, person_id: int) -> bool:
    return session.scalar(select(Person.id).where(Person.id == person_id)) is not None
