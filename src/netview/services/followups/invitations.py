"""Connection requests you sent and received, and which are still pending."""

from __future__ import annotations

from netview.services.network import NoOwner
from netview.store import network as q
from netview.store import profiles as pq
from netview.store.db import Database
from netview.store.profiles import InvitationRow

__all__ = ["InvitationRow", "invitations", "pending_count"]


def invitations(db: Database) -> list[InvitationRow]:
    """Invitations between you and others, newest first. `connected` False = pending: the
    archive shows the request but no tie between you (yet)."""
    with db.session() as s:
        me = q.owner_id(s)
        if me is None:
            raise NoOwner()
        return pq.invitations(s, me)


def pending_count(rows: list[InvitationRow]) -> tuple[int, int]:
    """(sent and pending, received and pending)."""
    sent = sum(1 for r in rows if r.sent and not r.connected)
    received = sum(1 for r in rows if not r.sent and not r.connected)
    return sent, received
