"""Analytics speed on demo networks of 10k and 100k people, each figure next to a baseline
measured in the same run.

    PYTHONPATH=src python benchmarks/analytics_speed.py [--sizes 10000 100000]

The networks are the demo's (benchmarks/demo_network.py): several exports with messages and
invitations, imported through the real importer, as users' data is.

- load:   load_network (people, ties, interaction evidence, degrees, strengths) vs reading the
          tie table alone into a networkx graph and a networkx BFS from you;
- map:    load_map_model (the map's whole model: load, grouping, layout, colours, sizes) vs
          load_network, the read it is built on;
- communities: graph.groups.communities (igraph Leiden) vs
          networkx louvain_communities on the whole network, the textbook way;
- layout: degree_layout (company sectors) vs networkx shell_layout with the same rings;
- paths:  top-5 paths to a 3rd-degree person (median of 50 targets) vs networkx BFS
          shortest_path to the same target.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import networkx as nx
import numpy as np
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database
from timing import over_sizes, row, timed

from netview.graph.groups import communities, company_groups
from netview.graph.layout import degree_layout
from netview.graph.paths import best_paths
from netview.services.mapping.mapmodel import load_map_model
from netview.services.network import load_network
from netview.store.models import Tie

# Targets (issue 3), absolute: load "about a second" for 60,000 people and 100,000 ties
# (here: 1.2 s at up to 100,000 people), layout under 1 s, slowest top-5 query under 100 ms.
# Ratios to the baselines are printed so figures can be compared across machines. The map model
# and communities have no absolute target here; their ratios show what they add.
LOAD_SECONDS = 1.2
LAYOUT_SECONDS = 1.0
PATHS_SECONDS = 0.100
missed: list[str] = []


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), n)
        owner = load_network(db).net
        me = int(owner.ids[owner.owner])
        print(f"{owner.n} people, {owner.tie_a.size} ties")

        def baseline_load() -> dict[int, int]:
            with db.session() as s:
                ties = s.execute(select(Tie.a_id, Tie.b_id)).all()
            g = nx.Graph()
            g.add_edges_from(ties)
            return dict(nx.single_source_shortest_path_length(g, me))

        t_load, ln = timed(lambda: load_network(db))
        t_base, _ = timed(baseline_load)
        row("load", t_load, t_base, "tie table -> networkx graph + BFS from you")
        if t_load > LOAD_SECONDS:
            missed.append(f"{n}: load {t_load:.2f} s")
        t_map, _ = timed(lambda: load_map_model(db), repeat=1 if n > 20_000 else 3)
        row("map", t_map, t_load, "load_network, the read the map is built on")
        db.dispose()

    net = ln.net
    groups, labels = company_groups(net.companies)
    t_lay, _ = timed(lambda: degree_layout(net, groups, labels))
    g = nx.Graph()
    g.add_nodes_from(range(net.n))
    g.add_edges_from(zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True))
    shells = [np.nonzero(net.degree == d)[0].tolist() for d in range(int(net.degree.max()) + 1)]
    t_shell, _ = timed(lambda: nx.shell_layout(g, nlist=shells))
    row("layout", t_lay, t_shell, "networkx shell_layout, same rings")
    if t_lay > LAYOUT_SECONDS:
        missed.append(f"{n}: layout {t_lay:.2f} s")

    # Louvain on 100,000 people takes many seconds: once each, not the median of three.
    repeat = 1 if n > 20_000 else 3
    t_comm, _ = timed(
        lambda: communities(net.n, net.tie_a, net.tie_b, exclude=net.owner), repeat=repeat
    )
    whole = nx.Graph()
    whole.add_nodes_from(i for i in range(net.n) if i != net.owner)
    whole.add_edges_from(
        (a, b)
        for a, b in zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True)
        if net.owner not in (a, b)
    )
    t_louvain, _ = timed(lambda: nx.community.louvain_communities(whole, seed=7), repeat=repeat)
    row("communities", t_comm, t_louvain, "networkx louvain_communities, whole network")

    rng = np.random.default_rng(3)
    third = np.nonzero(net.degree == 3)[0]
    targets = rng.choice(third, size=min(50, third.size), replace=False).tolist()
    ours, base = [], []
    for t in targets:
        ours.append(timed(lambda t=t: best_paths(net, [t], 5), repeat=1)[0])
        base.append(timed(lambda t=t: nx.shortest_path(g, net.owner, t), repeat=1)[0])
    row("paths", statistics.median(ours), statistics.median(base), "networkx BFS shortest_path")
    print(f"           slowest top-5 query {max(ours) * 1000:.1f} ms")
    if max(ours) > PATHS_SECONDS:
        missed.append(f"{n}: top-5 paths {max(ours) * 1000:.0f} ms")


def main() -> None:
    over_sizes(run, [10_000, 100_000], missed, __doc__)


if __name__ == "__main__":
    main()
