"""Messages to a name several people share: offered in Details, attached by the user.

The importer keeps them unattached (store/pending.py): "Hi Maria" in a 2018 export with two
Maria Garcías is about one of them, and only the user knows which. Details shows the
messages whose name is the person's (netview.services.matcher) with an Attach button;
attaching makes them ordinary interactions of that person, deduplicated like an import's
and attributed to the export they came from (so forgetting it removes them); undo detaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netview.services.matcher import same_name
from netview.services.merge import dedup
from netview.store import pending
from netview.store.db import Database
from netview.store.importing import sync_id_sequence
from netview.store.models import (
    Interaction,
    InteractionSource,
    InteractionTarget,
    InteractionText,
    Person,
)
from netview.store.people import person_id_by_key


@dataclass(frozen=True)
class Pending:
    name: str  # as the messages spell it
    count: int


def _mine(entry: dict[str, Any], name: str) -> bool:
    return "attached" not in entry and same_name(entry["name"], name)


def pending_for(db: Database, person_id: int) -> Pending | None:
    """Unattached messages whose name is this person's, or None."""
    with db.session() as session:
        name = session.scalar(select(Person.name).where(Person.id == person_id)) or ""
        found = [
            e for entries in pending.load_all(session).values() for e in entries if _mine(e, name)
        ]
    return Pending(found[0]["name"], len(found)) if found else None


def attach_in(session: Session, person_id: int) -> int:
    """Attach every unattached message naming this person's name to them; how many."""
    done = 0
    name = session.scalar(select(Person.name).where(Person.id == person_id)) or ""
    for source_id, entries in pending.load_all(session).items():
        changed = False
        for e in entries:
            if not _mine(e, name):
                continue
            iid = _interaction(session, source_id, e, person_id)
            if iid is None:
                continue
            e["attached"], e["interaction"] = person_id, iid
            changed = True
            done += 1
        if changed:
            pending.save(session, source_id, entries)
    return done


def attach(db: Database, person_id: int) -> int:
    with db.write() as session:
        return attach_in(session, person_id)


def detach_in(session: Session, person_id: int) -> None:
    """Undo of attach: the messages go back to waiting for a person."""
    for source_id, entries in pending.load_all(session).items():
        changed = False
        for e in entries:
            if e.get("attached") == person_id:
                iid = e.pop("interaction", None)
                del e["attached"]
                if iid is not None and e.pop("created", False):
                    session.execute(delete(Interaction).where(Interaction.id == iid))
                elif iid is not None:
                    session.execute(
                        delete(InteractionSource).where(
                            InteractionSource.interaction_id == iid,
                            InteractionSource.source_id == source_id,
                        )
                    )
                changed = True
        if changed:
            pending.save(session, source_id, entries)


def detach(db: Database, person_id: int) -> None:
    with db.write() as session:
        detach_in(session, person_id)


def _interaction(session: Session, source_id: int, e: dict[str, Any], person_id: int) -> int | None:
    others = [person_id_by_key(session, k) for k in e["targets"]]
    actor = person_id if e["from_them"] else person_id_by_key(session, e["actor"] or "")
    targets = sorted({p for p in others if p is not None} | ({person_id} - {actor}))
    if actor is None or not targets:
        return None  # the other side was deleted or forgotten since
    at = datetime.fromisoformat(e["at"]) if e["at"] else None
    fp = dedup(
        "message", actor, ",".join(map(str, targets)), e["at"] or "", e["subject"], e["fingerprint"]
    )
    iid = session.scalar(select(Interaction.id).where(Interaction.dedup == fp))
    if iid is None:
        iid = int(session.scalar(select(func.coalesce(func.max(Interaction.id), 0))) or 0) + 1
        session.add(
            Interaction(
                id=iid,
                kind="message",
                occurred_at=at,
                actor_id=actor,
                conversation_id=e["conversation_id"],
                dedup=fp,
            )
        )
        session.flush()
        sync_id_sequence(session.connection(), Interaction.__table__)  # type: ignore[arg-type]
        if e["subject"] is not None or e["body"] is not None:
            # The text is the attaching member's own, as an import's is (migration 0006).
            session.add(InteractionText(interaction_id=iid, subject=e["subject"], body=e["body"]))
        session.add_all(InteractionTarget(interaction_id=iid, person_id=t) for t in targets)
        e["created"] = True
    session.merge(InteractionSource(interaction_id=iid, source_id=source_id))
    return int(iid)
