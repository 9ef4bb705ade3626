"""The map's layout from a loaded network, grouped by community (default) or company."""

from __future__ import annotations

from netview.graph.layout import Layout, degree_layout
from netview.services.network import LoadedNetwork
from netview.services.people.groups import automatic
from netview.store.db import Database

GROUPINGS = ("community", "company", "function", "seniority", "source", "year")


def network_layout(
    db: Database, ln: LoadedNetwork, *, by: str = "community", node_size: float = 1.0
) -> Layout:
    """Positions (n x 2, by person index of ln.net), ring and sector geometry."""
    index, labels = automatic(db, ln, by)
    return degree_layout(ln.net, index, labels, node_size=node_size)
