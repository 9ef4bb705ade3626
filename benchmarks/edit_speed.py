"""How fast a big group edit is: create, delete and undo a 3,000-person group on the demo
network, each next to a bare bulk SELECT of the same keys measured in the same run.

    PYTHONPATH=src python benchmarks/edit_speed.py [--people 100000] [--group 3000] [--db FILE]

Each edit runs as the app runs it: one write transaction (BEGIN IMMEDIATE) with its undo
record, keys resolved in bulk. `--db` reuses a demo database made earlier (`netview demo
--people 100000 --db FILE`); otherwise one is made in a temporary folder (a minute or two).
"Per-key lookups" is how keys were resolved before (one query and session per person), for
comparison. Target: each edit under 0.3 s. Exits non-zero when one misses it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from netview.services.importing.demo import fill_demo
from netview.services.people import groups as gs
from netview.store import keys as keys_q
from netview.store.db import Database, open_database
from netview.store.models import Person

TARGET_S = 0.3


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def bench(db: Database, size: int, repeat: int) -> list[str]:
    with db.session() as s:
        everyone = list(s.scalars(select(Person.key)))
    keys = random.Random(11).sample(everyone, size)
    print(f"{len(everyone):,} people; a group of {size:,}; medians of {repeat}")

    def bulk_select() -> int:
        with db.session() as s:
            return len(keys_q.ids_for_keys(s, keys))

    def per_key() -> int:  # the old way: a session and a query per person
        found = 0
        for key in keys:
            with db.session() as s:
                found += keys_q.id_for_key(s, key) is not None
        return found

    figures: dict[str, list[float]] = {"baseline": [], "create": [], "delete": [], "undo": []}
    for r in range(repeat):
        name = f"Bench {r}"
        figures["baseline"].append(timed(bulk_select)[0])

        def create(name: str = name) -> int:
            with db.write() as s:
                return gs.create(s, name, "#336699", keys)

        def delete(name: str = name) -> gs.GroupSnapshot:
            with db.write() as s:
                return gs.delete(s, name)

        figures["create"].append(timed(create)[0])
        t, snapshot = timed(delete)
        figures["delete"].append(t)

        def undo(snapshot: gs.GroupSnapshot = snapshot) -> None:
            with db.write() as s:
                gs.restore(s, snapshot)

        figures["undo"].append(timed(undo)[0])
        assert len(gs.members(db, name)) == size
        gs.delete_group(db, name)
    old, found = timed(per_key)
    assert found == size
    base = statistics.median(figures["baseline"])
    print(f"  {'bulk SELECT of the keys (baseline)':36} {base:7.3f} s")
    missed = []
    for what in ("create", "delete", "undo"):
        t = statistics.median(figures[what])
        print(f"  {what + ' the group':36} {t:7.3f} s   {t / max(base, 1e-9):5.1f} x baseline")
        if t > TARGET_S:
            missed.append(f"{what}: {t:.2f} s > {TARGET_S} s")
    print(
        f"  {'per-key lookups (before)':36} {old:7.3f} s   {old / max(base, 1e-9):5.1f} x baseline"
    )
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--group", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="a demo database made earlier")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "demo.db"
        db = open_database(path)
        if args.db is None:
            t, _ = timed(lambda: fill_demo(db, people=args.people, seed=1))
            print(f"demo network of {args.people:,} made in {t:.0f} s")
        missed = bench(db, args.group, args.repeat)
        db.dispose()
    for m in missed:
        print(f"target missed: {m}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
