"""How fast read_archive is next to a bare csv.reader pass over the same bytes.

The export is the largest of the demo network's (benchmarks/demo_network.py: your export or
a colleague's, with connections, messages, invitations, endorsements, recommendations),
unpacked into a temporary folder; both timings (best of 3) and their ratio are printed. Run:

    PYTHONPATH=src python benchmarks/read_speed.py [people]
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netview.demo import generate_exports
from netview.demo.writer import write_folder
from netview.io.linkedin import read_archive


def bare_pass(folder: Path) -> int:
    """The baseline: read the bytes, decode, and walk every row of every CSV with csv.reader."""
    count = 0
    for path in sorted(folder.glob("*.csv")):
        text = path.read_bytes().decode("utf-8")
        for _row in csv.reader(io.StringIO(text, newline="")):
            count += 1
    return count


def best_of(runs: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    exports = [e for _, e in generate_exports(people, seed=1)]
    export = max(exports, key=lambda e: len(e.connections) + len(e.messages))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(export, Path(tmp) / "Complete_LinkedInDataExport_11-20-2026")
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        contents = read_archive(folder)
        base = best_of(3, lambda: bare_pass(folder))
        ours = best_of(3, lambda: read_archive(folder))
    print(
        f"largest of {len(exports)} demo exports ({people:,} people): "
        f"{len(contents.connections):,} connections, {len(contents.messages):,} messages, "
        f"{len(contents.invitations):,} invitations, {size:.1f} MB"
    )
    print(f"bare csv.reader pass: {base:8.3f} s")
    print(f"read_archive:         {ours:8.3f} s")
    print(f"ratio:                {ours / base:8.2f} x")


if __name__ == "__main__":
    main()
