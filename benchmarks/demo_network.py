"""The network every benchmark measures: the demo network, imported as a user's would be.

The demo generator writes LinkedIn archives as members get them (your export and several
colleagues', with messages, invitations, endorsements and recommendations), and the real
importer reads them into a fresh SQLite file; so the benchmarks time what users' data costs,
not a synthetic table of ties.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from netview.demo import generate_archives
from netview.services.analysis.stats import stats
from netview.services.importing.importer import import_paths
from netview.store.db import Database, open_database

CACHE_ENV = "NETVIEW_BENCH_CACHE"  # a folder keeping demo databases between runs


def demo_database(folder: Path, people: int, *, seed: int = 1, keep: bool = True) -> Database:
    """A database in `folder` holding the demo network of `people` people; prints what it holds.

    With NETVIEW_BENCH_CACHE set to a folder, the database is made once there and copied
    (250,000 people take a minute or more to generate and import; the copy is the same data).
    """
    cache = os.environ.get(CACHE_ENV) if keep else None
    if cache:
        kept = Path(cache) / f"demo-{people}-seed{seed}.db"
        if not kept.exists():
            (folder / "made").mkdir(parents=True, exist_ok=True)
            made = demo_database(folder / "made", people, seed=seed, keep=False)
            made.dispose()
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / "made" / "demo.db", kept.with_suffix(".part"))
            kept.with_suffix(".part").replace(kept)
        shutil.copy(kept, folder / "demo.db")
        print(f"demo network (seed {seed}, {people:,} people) from {kept}")
        return open_database(folder / "demo.db")
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
