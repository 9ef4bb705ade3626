"""Messages an import could not attach: addressed to (or from) a name several people share.

In name-only formats (2018 Messages.csv) a message to "Maria García" is about one of the
Marias, and nothing in the file says which. The importer attaches it to nobody and keeps it
here, in `pending_message` (one row per source and login; migration 0008 moved them out of
the shared `meta`, where a teammate could have read their texts), so that the user can
attach it to the right person from Details. On a team server the rows are private to the
member whose import kept them (row-level security, like interaction_text). Each entry is
a dict: line, name, from_them (the namesake sent it), actor and targets (keys of the others), at,
subject, body, fingerprint, conversation_id, and once attached `attached` (person id) with
`interaction` (the interaction id it became).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netview.store import team
from netview.store.importing import lock_for_import, next_id, sync_id_sequence
from netview.store.models import (
    Interaction,
    InteractionSource,
    InteractionTarget,
    InteractionText,
    PendingMessages,
)


def save(session: Session, source_id: int, entries: list[dict[str, Any]]) -> None:
    drop(session, source_id)
    session.add(PendingMessages(source_id=source_id, entries=json.dumps(entries)))


def drop(session: Session, source_id: int) -> None:
    """This login's kept messages of the source (row-level security: only theirs)."""
    session.execute(
        delete(PendingMessages).where(
            PendingMessages.source_id == source_id, PendingMessages.owner == team.login(session)
        )
    )


def load_all(session: Session) -> dict[int, list[dict[str, Any]]]:
    """Every source's kept messages, by source id (this login's)."""
    stmt = select(PendingMessages.source_id, PendingMessages.entries).where(
        PendingMessages.owner == team.login(session)
    )
    return {int(sid): json.loads(value) for sid, value in session.execute(stmt)}


def message_id(session: Session, dedup: str) -> int | None:
    """The message already known under this dedup key, if any."""
    return session.scalar(select(Interaction.id).where(Interaction.dedup == dedup))


def add_message(
    session: Session,
    *,
    dedup: str,
    at: datetime | None,
    actor: int,
    targets: list[int],
    conversation_id: str | None,
    subject: str | None,
    body: str | None,
) -> int:
    """A message attached by hand: the interaction, its targets and its text; its id."""
    # Ids are chosen as imports choose them, so take turns with a teammate's import.
    lock_for_import(session)
    iid = next_id(session, Interaction.id)
    session.add(
        Interaction(
            id=iid,
            kind="message",
            occurred_at=at,
            actor_id=actor,
            conversation_id=conversation_id,
            dedup=dedup,
        )
    )
    session.flush()
    sync_id_sequence(session.connection(), Interaction.__table__)  # type: ignore[arg-type]
    if subject is not None or body is not None:
        # The text is the attaching member's own, as an import's is (migration 0006).
        session.add(InteractionText(interaction_id=iid, subject=subject, body=body))
    session.add_all(InteractionTarget(interaction_id=iid, person_id=t) for t in targets)
    return iid


def link_message(session: Session, interaction_id: int, source_id: int) -> None:
    session.merge(InteractionSource(interaction_id=interaction_id, source_id=source_id))


def unlink_message(session: Session, interaction_id: int, source_id: int, created: bool) -> None:
    """Undo of attaching: a message made by the attach goes; a known one loses the link.

    Call it while the entry still names the message (pending_message): on a team database the
    server checks that before it deletes what a member may not (netview.store.team)."""
    if team.fixes_on_server(session):
        team.detach_on_server(session, interaction_id, source_id, created)
    elif created:
        session.execute(delete(Interaction).where(Interaction.id == interaction_id))
    else:
        session.execute(
            delete(InteractionSource).where(
                InteractionSource.interaction_id == interaction_id,
                InteractionSource.source_id == source_id,
            )
        )
