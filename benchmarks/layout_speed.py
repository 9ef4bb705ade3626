"""The map's layout and communities at scale, on the demo network (benchmarks/demo_network.py),
each figure next to a baseline measured in the same run.

    PYTHONPATH=src python benchmarks/layout_speed.py [--sizes 60000 100000]

- communities: the map's communities (igraph Leiden, small ones merged, names included) vs
               networkx Louvain on the same ties (what NetView used before); target under
               3 s at 100,000;
- layout:      degree_layout (radial tree, community colours) vs networkx shell_layout with
               the same rings; target under 1 s at 100,000;
- coherence:   share of 2nd- and of 3rd-degree people within 25 degrees of a connector one
               ring in, vs the same people at random angles; target at least 95%;
- grey:        share of people on rings 1-3 the default colouring leaves grey "Other"
               (target at most 15% at 60,000), vs colouring by company (what NetView did
               beyond 20,000 people).
"""

from __future__ import annotations

import math
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database
from timing import over_sizes, row, timed

from netview.graph.layout import degree_layout
from netview.graph.network import Network
from netview.services.mapping.mapmodel import OTHER, build_map_model, load_map_model
from netview.services.network import LoadedNetwork, load_network
from netview.services.people.groups import automatic, community_groups

LAYOUT_SECONDS = 1.0
COMMUNITY_SECONDS = 3.0
NEAR = 0.95
GREY = 0.15
missed: list[str] = []


def near_share(net: Network, angle: np.ndarray, degree: int) -> float:
    who, conn = net.connector_table()
    apart = np.abs((angle[who] - angle[conn] + math.pi) % (2 * math.pi) - math.pi)
    near = np.zeros(net.n, dtype=np.bool_)
    np.logical_or.at(near, who, apart <= math.radians(25))
    ring = net.degree == degree
    return float(near[ring].mean()) if ring.any() else float("nan")


def coherence(label: str, net: Network, positions: np.ndarray) -> None:
    angle = np.arctan2(positions[:, 1], positions[:, 0])
    rng = np.random.default_rng(5)
    shuffled = rng.uniform(-math.pi, math.pi, net.n)
    for d in (2, 3):
        ours, base = near_share(net, angle, d), near_share(net, shuffled, d)
        print(f"  {d}{'nd' if d == 2 else 'rd'} within 25°  {ours:7.1%}   baseline {base:7.1%}"
              "  (random angles)")  # fmt: skip
        if ours < NEAR:
            missed.append(f"{label}: {d} degree within 25° {ours:.1%}")


def louvain(net: Network) -> Any:
    g = nx.Graph()
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    g.add_edges_from(zip(net.tie_a[keep].tolist(), net.tie_b[keep].tolist(), strict=True))
    return nx.community.louvain_communities(g, seed=7)


def fresh(net: Network) -> LoadedNetwork:
    """A loaded network with an empty cache, so communities are computed, not remembered."""
    return LoadedNetwork(net, date.today(), {}, np.zeros(net.tie_a.size), [])


def run(people: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), people)
        ln = load_network(db)
        model = load_map_model(db, loaded=ln)
        by_company = build_map_model(ln.net, *automatic(db, ln, "company"), grouping="company")
        db.dispose()
    net = ln.net
    t_comm, (index, labels) = timed(lambda: community_groups(fresh(net)))
    t_base, _ = timed(lambda: louvain(net), repeat=1)
    row("communities", t_comm, t_base, "networkx Louvain, same ties", width=12)
    if people >= 100_000 and t_comm > COMMUNITY_SECONDS:
        missed.append(f"{people}: communities {t_comm:.2f} s")
    t_lay, layout = timed(lambda: degree_layout(net, index, labels))
    g = nx.Graph()
    g.add_nodes_from(range(net.n))
    g.add_edges_from(zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True))
    shells = [np.nonzero(net.degree == d)[0].tolist() for d in range(int(net.degree.max()) + 1)]
    t_shell, _ = timed(lambda: nx.shell_layout(g, nlist=shells))
    row("layout", t_lay, t_shell, "networkx shell_layout, same rings", width=12)
    if people >= 100_000 and t_lay > LAYOUT_SECONDS:
        missed.append(f"{people}: layout {t_lay:.2f} s")
    coherence(f"{people}", net, layout.positions)
    inside = (model.degree > 0) & (model.degree < 4)

    def grey(m: Any) -> float:
        return float((m.group == m.group_names.index(OTHER))[inside].mean())

    ours, base = grey(model), grey(by_company)
    print(f"  grey         {ours:7.1%}   baseline {base:7.1%}  (coloured by company)"
          f"   by {model.grouping}: {len(model.group_names) - 1} coloured groups")  # fmt: skip
    if ours > GREY:
        missed.append(f"{people}: {ours:.1%} grey")


def main() -> None:
    over_sizes(run, [60_000, 100_000], missed, __doc__)


if __name__ == "__main__":
    main()
