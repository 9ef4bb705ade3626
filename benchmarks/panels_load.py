"""What each desktop panel reads in its worker, on demo networks of 10k and 100k people (several
exports with messages and invitations, imported as users' are: benchmarks/demo_network.py),
each figure next to load_network measured in the same run (the read every panel waits for).

    PYTHONPATH=src python benchmarks/panels_load.py [--sizes 10000 100000]

The panels' reads run off the UI thread; the target is that none takes longer than loading
the network itself (ratio <= 1.5, or under 0.1 s), so a data change shows everywhere about
when the map does. Exits non-zero when a panel misses it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database

from netview.services import followups as fu
from netview.services import groups as gs
from netview.services.network import load_network
from netview.ui.panels import followups, groups, insights, invitations, paths
from netview.ui.panels.person import ps

MAX_RATIO = 1.5
FAST_ENOUGH_S = 0.1  # below this a ratio says nothing a user would notice
missed: list[str] = []


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), n)
        ln = load_network(db)
        net = ln.net
        # Some follow-ups to list: a cadence on 500 of your connections.
        for i in net.adjacency.neighbours(net.owner)[:500].tolist():
            fu.set_cadence(db, int(net.ids[i]), 30)
        base = timed(lambda: load_network(db))
        print(f"{n} people, {net.tie_a.size} ties: load_network {base:.3f} s")
        rng = np.random.default_rng(4)
        third = np.nonzero(net.degree == 3)[0]
        second = np.nonzero(net.degree == 2)[0]
        who = int(rng.choice(third))
        # The window hands the groups panel the map's communities when the map shows them.
        index, labels = gs.automatic(db, load_network(db), "community")
        communities = (list(net.keys), index.tolist(), labels)
        cases: dict[str, Callable[[], Any]] = {
            "groups": lambda: groups._load(db, ln, communities),
            "follow-ups": lambda: followups._load(db, ln),
            "invitations": lambda: invitations.inv.invitations(db),
            "insights": lambda: insights._load(db, ln),
            "details": lambda: ps.person_details(db, ln, int(rng.choice(second))),
            "paths": lambda: paths._search(db, ln, net.keys[who], 5),
        }
        for name, fn in cases.items():
            t = timed(fn)
            ratio = t / max(base, 1e-9)
            print(f"  {name:12} {t:8.3f} s   ratio {ratio:5.2f}  (load_network)")
            if ratio > MAX_RATIO and t > FAST_ENOUGH_S:
                missed.append(f"{n}: {name} {t:.2f} s = {ratio:.1f} x load_network")
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for n in parser.parse_args().sizes:
        run(n)
    for m in missed:
        print(f"target missed: {m}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
