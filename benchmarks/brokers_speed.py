"""Who connects your groups: betweenness on the tie graph, on demo networks of 10k and 60k
people, each figure next to baselines measured in the same run.

    PYTHONPATH=src python benchmarks/brokers_speed.py [--sizes 10000 60000]

- brokers:  graph.brokers.brokers (igraph betweenness estimated from 256 sampled sources,
            exact up to 2,000 people, plus each broker's groups) vs load_network, the read
            every panel waits for anyway;
- networkx: networkx.betweenness_centrality with the same number of sampled sources, the
            textbook way, on the same graph: what pure Python would cost;
- shape:    graph.brokers.shape (networkx, on your connections only) vs load_network.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database
from timing import timed

from netview.graph.brokers import PIVOTS, SEED, brokers, shape
from netview.services.network import load_network
from netview.services.people.groups import community_groups


def run(people: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), people)
        load_s, ln = timed(lambda: load_network(db))
        db.dispose()
    net = ln.net
    group, _labels = community_groups(ln)
    brokers_s, found = timed(lambda: brokers(net, group))
    shape_s, _ = timed(lambda: shape(net))
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    graph = nx.Graph()
    graph.add_edges_from(zip(net.tie_a[keep].tolist(), net.tie_b[keep].tolist(), strict=True))
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    nx_s, _ = timed(lambda: nx.betweenness_centrality(graph, k=min(PIVOTS, n), seed=SEED), 1)
    print(f"{people:,} people ({n:,} tied to someone other than you, {m:,} ties)")
    print(f"  load_network (baseline)   {load_s:8.2f} s")
    print(
        f"  brokers, igraph           {brokers_s:8.2f} s  = {brokers_s / load_s:6.2f}x load; "
        f"{len(found)} found"
    )
    print(
        f"  networkx, same estimate   {nx_s:8.2f} s  = {nx_s / load_s:6.2f}x load "
        f"= {nx_s / max(brokers_s, 1e-9):,.0f}x brokers"
    )
    print(f"  shape                     {shape_s:8.3f} s  = {shape_s / load_s:6.3f}x load")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 60_000])
    for people in parser.parse_args().sizes:
        run(people)


if __name__ == "__main__":
    main()
