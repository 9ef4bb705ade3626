"""The network every benchmark measures: the demo network, imported as a user's would be.

The demo generator writes LinkedIn archives as members get them (your export and several
colleagues', with messages, invitations, endorsements and recommendations), and the real
importer reads them into a fresh SQLite file; so the benchmarks time what users' data costs,
not a synthetic table of ties.
"""

from __future__ import annotations

import time
from pathlib import Path

from netview.demo import generate_archives
from netview.services.analysis.stats import stats
from netview.services.importing.importer import import_paths
from netview.store.db import Database, open_database


def demo_database(folder: Path, people: int, *, seed: int = 1) -> Database:
    """A database in `folder` holding the demo network of `people` people; prints what it holds."""
    start = time.perf_counter()
    paths = generate_archives(folder / "archives", people, seed)
    made = time.perf_counter() - start
    db = open_database(folder / "demo.db")
    start = time.perf_counter()
    import_paths(db, paths)
    imported = time.perf_counter() - start
    got = stats(db)
    rings = ", ".join(f"{n:,} at degree {d}" for d, n in got["by_degree"].items())
    print(
        f"demo network (seed {seed}): {got['people']:,} people ({rings}) from "
        f"{len(paths)} exports; {got['messages']:,} messages, {got['invitations']:,} "
        f"invitations; generated in {made:.1f} s, imported in {imported:.1f} s"
    )
    return db
