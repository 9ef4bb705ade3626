"""Messages to a name several people share: offered in Details, attached by the user.

The importer keeps them unattached (store/pending.py): "Hi Maria" in a 2018 export with two
Maria Garcías is about one of them, and only the user knows which. Details shows the
messages whose name is the person's (netview.services.identity.matcher) with an Attach button;
attaching makes them ordinary interactions of that person, deduplicated like an import's
and attributed to the export they came from (so forgetting it removes them); undo detaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from netview.core.dedup import dedup
from netview.services.identity.matcher import same_name
from netview.store import keys as keys_q
from netview.store import pending
from netview.store.db import Database


@dataclass(frozen=True)
class Pending:
    name: str  # as the messages spell it
    count: int


def _name(session: Session, person_id: int) -> str:
    label = keys_q.labels_of(session, [person_id]).get(person_id)
    return label[1] if label is not None else ""


def _mine(entry: dict[str, Any], name: str) -> bool:
    return "attached" not in entry and same_name(entry["name"], name)


def pending_for(db: Database, person_id: int) -> Pending | None:
    """Unattached messages whose name is this person's, or None."""
    with db.session() as session:
        name = _name(session, person_id)
        found = [
            e for entries in pending.load_all(session).values() for e in entries if _mine(e, name)
        ]
    return Pending(found[0]["name"], len(found)) if found else None


def attach_in(session: Session, person_id: int) -> int:
    """Attach every unattached message naming this person's name to them; how many."""
    done = 0
    name = _name(session, person_id)
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
                if iid is not None:
                    pending.unlink_message(session, iid, source_id, e.pop("created", False))
                changed = True
        if changed:
            pending.save(session, source_id, entries)


def detach(db: Database, person_id: int) -> None:
    with db.write() as session:
        detach_in(session, person_id)


def _interaction(session: Session, source_id: int, e: dict[str, Any], person_id: int) -> int | None:
    # Keys as the import kept them: looked up exactly, in one query.
    known = keys_q.ids_for_keys(session, [*e["targets"], e["actor"] or ""])
    others = [known.get(k) for k in e["targets"]]
    actor = person_id if e["from_them"] else known.get(e["actor"] or "")
    targets = sorted({p for p in others if p is not None} | ({person_id} - {actor}))
    if actor is None or not targets:
        return None  # the other side was deleted or forgotten since
    at = datetime.fromisoformat(e["at"]) if e["at"] else None
    fp = dedup(
        "message", actor, ",".join(map(str, targets)), e["at"] or "", e["subject"], e["fingerprint"]
    )
    iid = pending.message_id(session, fp)
    if iid is None:
        iid = pending.add_message(
            session,
            dedup=fp,
            at=at,
            actor=actor,
            targets=targets,
            conversation_id=e["conversation_id"],
            subject=e["subject"],
            body=e["body"],
        )
        e["created"] = True
    pending.link_message(session, iid, source_id)
    return int(iid)
