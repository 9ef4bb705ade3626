"""A community is named alike by the app (your own calendar and mailbox in its network) and by
`netview render` (a picture for someone else: drawn without them): its most central person is
counted on LinkedIn's ties only."""

from __future__ import annotations

from datetime import date

import numpy as np

from netview.graph.network import make_network
from netview.services.network import LoadedNetwork
from netview.services.people.groups import community_groups


def _loaded(ties: list[tuple[int, int]], own: list[tuple[int, int]]) -> LoadedNetwork:
    """You (0) and eight connections at eight companies; `own`: ties only your own
    evidence makes (people you met together), after LinkedIn's."""
    names = ["Me Myself", *(f"Person {i}" for i in range(1, 9))]
    pairs = [(min(a, b), max(a, b)) for a, b in [*ties, *own]]
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    n = len(names)
    net = make_network(
        np.arange(1, n + 1, dtype=np.int64),
        [f"key-{i}" for i in range(n)],
        names,
        [None, *(f"Company {i}" for i in range(1, n))],
        [None] * n,
        0,
        a,
        b,
    )
    linkedin = np.array([True] * len(ties) + [False] * len(own))
    return LoadedNetwork(
        net=net,
        today=date(2026, 12, 1),
        evidence={},
        connected_day=np.full(len(pairs), np.nan),
        company_keys=[""] * n,
        linkedin=linkedin if own else None,
    )


def test_your_own_meetings_do_not_rename_a_community() -> None:
    linkedin = [(0, i) for i in range(1, 9)]
    among = [(a, b) for a in range(1, 9) for b in range(a + 1, 9) if (a + b) % 3]
    linkedin += [(a, b) for a, b in among if 6 not in (a, b)]
    linkedin += [(6, 1), (6, 5)]
    # Your meetings put Person 2 with Person 6 and Person 8: counted, 2 would be the most
    # central of their community, and the app alone would call it "Person 2's circle".
    own = [(6, 2), (6, 8)]
    index, names = community_groups(_loaded(linkedin, own))
    shared_index, shared_names = community_groups(_loaded(linkedin, []))
    assert index.tolist() == shared_index.tolist() == [-1, 0, 1, 0, 0, 1, 1, 0, 1]
    assert names == shared_names == ["Person 1's circle", "Person 5's circle"]
