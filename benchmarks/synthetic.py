"""A synthetic network shaped like a real one, for benchmarks: you, a 1st-degree ring, and
2nd/3rd-degree people who reach you through a few connectors in their own cluster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Synthetic:
    keys: list[str]
    names: list[str]
    companies: list[str | None]
    tie_a: npt.NDArray[np.int64]
    tie_b: npt.NDArray[np.int64]
    owner: int = 0


def synthetic(n: int, ties: int, *, seed: int = 1, clusters: int = 40) -> Synthetic:
    """n people (index 0 is you), about `ties` ties, degrees 1..3."""
    rng = np.random.default_rng(seed)
    n1 = max(10, n // 60)
    n2 = max(10, n // 4)
    cluster = rng.integers(0, clusters, n)
    ring = np.zeros(n, dtype=np.int64)
    ring[1 : 1 + n1] = 1
    ring[1 + n1 : 1 + n1 + n2] = 2
    ring[1 + n1 + n2 :] = 3
    by_ring_cluster = {
        (r, c): np.nonzero((ring == r) & (cluster == c))[0] for r in (1, 2) for c in range(clusters)
    }
    edges: set[tuple[int, int]] = {(0, i) for i in range(1, 1 + n1)}
    people = np.arange(1 + n1, n)
    for i in people.tolist():
        r = int(ring[i]) - 1
        pool = by_ring_cluster[(r, int(cluster[i]))]
        if pool.size == 0:
            pool = np.nonzero(ring == r)[0]
        for j in rng.choice(pool, size=min(pool.size, 1 + int(rng.random() < 0.15)), replace=False):
            edges.add((min(i, int(j)), max(i, int(j))))
    # Remaining ties between people of the same ring (do not change degrees).
    while len(edges) < ties:
        i, j = (int(x) for x in rng.integers(1, n, 2))
        if i != j and ring[i] == ring[j]:
            edges.add((min(i, j), max(i, j)))
    pairs = np.array(sorted(edges), dtype=np.int64)
    companies = [f"Company {c}" if c % 3 else None for c in cluster.tolist()]
    keys = [f"person-{i:06d}" for i in range(n)]
    names = [f"Person {i}" for i in range(n)]
    return Synthetic(keys, names, companies, pairs[:, 0], pairs[:, 1])


def fill_database(url: str, net: Synthetic, *, messages: int = 2000, seed: int = 2) -> None:
    """Write the network into a fresh database with core bulk inserts."""
    from sqlalchemy import insert

    from netview.store.db import open_database
    from netview.store.models import Interaction, InteractionTarget, Meta, Person, Tie

    rng = np.random.default_rng(seed)
    db = open_database(url)
    now = datetime(2026, 11, 20)
    with db.session() as s:
        s.execute(
            insert(Person),
            [
                {"id": i + 1, "key": k, "name": nm, "company": c, "created_at": now}
                for i, (k, nm, c) in enumerate(zip(net.keys, net.names, net.companies, strict=True))
            ],
        )
        s.execute(
            insert(Tie),
            [
                {"a_id": int(a) + 1, "b_id": int(b) + 1, "connected_on": date(2015, 1, 1)}
                for a, b in zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True)
            ],
        )
        firsts = net.tie_b[net.tie_a == net.owner]
        rows = []
        targets = []
        for m in range(messages):
            other = int(rng.choice(firsts)) + 1
            mine = bool(m % 2)
            rows.append(
                {
                    "id": m + 1,
                    "kind": "message",
                    "actor_id": net.owner + 1 if mine else other,
                    "occurred_at": now - timedelta(days=int(rng.integers(0, 1500))),
                    "dedup": f"m{m}",
                }
            )
            targets.append({"interaction_id": m + 1, "person_id": other if mine else net.owner + 1})
        if rows:
            s.execute(insert(Interaction), rows)
            s.execute(insert(InteractionTarget), targets)
        s.add(Meta(key="me_person_id", value=str(net.owner + 1)))
    db.dispose()
