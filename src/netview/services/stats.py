"""`netview stats`: what the database holds, and how far each person is from you."""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from typing import Any

from netview.store import counts
from netview.store.db import Database
from netview.store.importing import me_id


def hop_counts(pairs: list[tuple[int, int]], root: int) -> dict[int, int]:
    """Hops from `root` to everyone reachable over the ties (breadth-first)."""
    adjacent: dict[int, list[int]] = defaultdict(list)
    for a, b in pairs:
        adjacent[a].append(b)
        adjacent[b].append(a)
    dist = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other in adjacent[node]:
            if other not in dist:
                dist[other] = dist[node] + 1
                queue.append(other)
    return dist


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
        }
        if me is None:
            return out
        name, key = counts.person_name_key(session, me)
        out["me"] = {"name": name, "key": key}
        dist = hop_counts(counts.tie_pairs(session), me)
    by_degree = Counter(d for d in dist.values() if d > 0)
    out["by_degree"] = {str(d): by_degree[d] for d in sorted(by_degree)}
    out["unconnected"] = out["people"] - sum(by_degree.values())
    return out
