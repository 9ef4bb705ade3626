"""Messages an import could not attach: addressed to (or from) a name several people share.

In name-only formats (2018 Messages.csv) a message to "Maria García" is about one of the
Marias, and nothing in the file says which. The importer attaches it to nobody and keeps it
here, in `meta` under ``pending:<source id>`` (no migration; a backup carries it along), so
that the user can attach it to the right person from Details. Each entry is a dict: line,
name, from_them (the namesake sent it), actor and targets (keys of the others), at,
subject, body, fingerprint, conversation_id, and once attached `attached` (person id) with
`interaction` (the interaction id it became).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netview.store.models import Meta, Source

PREFIX = "pending:"


def save(session: Session, source_id: int, entries: list[dict[str, Any]]) -> None:
    session.merge(Meta(key=f"{PREFIX}{source_id}", value=json.dumps(entries)))


def drop(session: Session, source_id: int) -> None:
    session.execute(delete(Meta).where(Meta.key == f"{PREFIX}{source_id}"))


def load_all(session: Session) -> dict[int, list[dict[str, Any]]]:
    """Every source's kept messages, by source id (sources since forgotten left out)."""
    live = set(session.scalars(select(Source.id)))
    out: dict[int, list[dict[str, Any]]] = {}
    for key, value in session.execute(
        select(Meta.key, Meta.value).where(Meta.key.like("pending:%"))
    ):
        tail = key[len(PREFIX) :]
        if tail.isdigit() and int(tail) in live:
            out[int(tail)] = json.loads(value)
    return out
