"""What a data change costs the window: the document's one load (network, then the map
derived from it) next to the two loads the window made before (the map model loading the
network for itself, then the panels' network), with `load_network` alone as baseline.

    PYTHONPATH=src python benchmarks/document_load.py --db FILE   (e.g. a 100,000-person demo)

Target: the document's load under the two separate loads, and under load_network + the map's
own work (it never loads the network twice).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netview.services.document import Document
from netview.services.mapping.mapmodel import load_map_model
from netview.services.network import load_network
from netview.store.db import open_database


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    db = open_database(args.db)
    doc = Document(db)
    cases: dict[str, Callable[[], Any]] = {
        "load_network (baseline)": lambda: load_network(db),
        "map model + panels network (before)": lambda: (load_map_model(db), load_network(db)),
        "document load (after)": lambda: doc.publish(doc.load(doc.changed())),
        "document load, map kept (a note)": lambda: doc.publish(
            doc.load(doc.changed(), keep_map=True)
        ),
    }
    # Interleaved rounds, medians: on a shared machine the load drifts between runs.
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, fn in cases.items():
            times[name].append(timed(fn))
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["load_network (baseline)"]
    for name, t in medians.items():
        print(f"  {name:40} {t:7.2f} s   {t / base:4.1f} x baseline")
    db.dispose()
    after, before = medians["document load (after)"], medians["map model + panels network (before)"]
    raise SystemExit(0 if after < before else 1)


if __name__ == "__main__":
    main()
