"""`netview stats`: what the database holds, and how far each person is from you."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from netview.graph.network import build_adjacency, hop_degrees
from netview.store import counts
from netview.store import evidence as evidence_q
from netview.store.db import Database
from netview.store.importing import me_id


def hop_counts(pairs: list[tuple[int, int]], root: int) -> dict[int, int]:
    """Hops from `root` to everyone reachable over the ties, keyed by person id."""
    ids = np.unique(np.array([root, *(x for pair in pairs for x in pair)], dtype=np.int64))
    index = np.searchsorted(ids, np.array(pairs, dtype=np.int64).reshape(-1, 2))
    adj = build_adjacency(ids.size, index[:, 0], index[:, 1])
    hops = hop_degrees(adj, int(np.searchsorted(ids, root)))
    reached = hops >= 0
    return dict(zip(ids[reached].tolist(), hops[reached].tolist(), strict=True))


def stats(db: Database) -> dict[str, Any]:
    with db.session() as session:
        me = me_id(session)
        people = counts.person_count(session)
        kinds = counts.interaction_counts(session)
        out: dict[str, Any] = {
            "me": None,
            "people": max(0, people - (1 if me is not None else 0)),
            "by_degree": {},
            "unconnected": 0,
            "sources": counts.source_count(session),
            "messages": kinds.get("message", 0),
            "invitations": kinds.get("invitation", 0),
            "endorsements": kinds.get("endorsement", 0),
            "recommendations": kinds.get("recommendation", 0),
            "hidden_rows": counts.hidden_rows(session),
            # Your own calendar and mailbox: meetings, e-mails, and the people in them.
            **evidence_q.counts(session),
        }
        if me is None:
            return out
        name, key = counts.person_name_key(session, me)
        out["me"] = {"name": name or "You", "key": key}
        # A contact you kept from your own mailbox or calendar is tied to you there (as on
        # the map: the 1st ring), though LinkedIn knows no tie.
        own = [(me, c) for c in sorted(evidence_q.contacts_in_touch(session))]
        dist = hop_counts(counts.tie_pairs(session) + own, me)
    by_degree = Counter(d for d in dist.values() if d > 0)
    out["by_degree"] = {str(d): by_degree[d] for d in sorted(by_degree)}
    out["unconnected"] = out["people"] - sum(by_degree.values())
    return out
