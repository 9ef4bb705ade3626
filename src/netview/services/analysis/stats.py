"""`netview stats`: what the database holds, and how far each person is from you."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from netview.graph.network import build_adjacency, hop_degrees
from netview.services.network import own_evidence_ties
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
            # Of the 1st degree, those only your own evidence ties to you (no LinkedIn tie).
            "first_from_evidence": 0,
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
        # Your own meetings, e-mails and group chats tie people as they do on the map: the
        # people you met or e-mailed (a contact you kept too) are in your 1st ring there,
        # though LinkedIn knows no tie, and those who met each other are tied.
        linkedin = counts.tie_pairs(session)
        own = own_evidence_ties(session, me)
        dist = hop_counts(linkedin + own, me)
    direct = {b if a == me else a for a, b in linkedin if me in (a, b)}
    out["first_from_evidence"] = sum(1 for p, d in dist.items() if d == 1 and p not in direct)
    by_degree = Counter(d for d in dist.values() if d > 0)
    out["by_degree"] = {str(d): by_degree[d] for d in sorted(by_degree)}
    out["unconnected"] = out["people"] - sum(by_degree.values())
    return out
