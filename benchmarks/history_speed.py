"""What knowing the newest archive costs: the importer's history step and the read of
current ties, each next to a baseline measured in the same run.

Imports the demo network (benchmarks/demo_network.py's kind: your export and colleagues'),
then a newer export of yours without 5% of its connections, timing `history.after_import`
inside each import. Then reads the ties the map is drawn from (`tie_columns`, which leaves out
ended ties) against the same query without that condition (medians of 5). Run:

    PYTHONPATH=src python benchmarks/history_speed.py [people]

Targets: the history step <= 10% of an import; the current-ties read <= 2x the plain read.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, true

sys.path.insert(0, str(Path(__file__).parent))

from netview.demo import generate_archives
from netview.services.importing import history, importer
from netview.store import network as nq
from netview.store.db import open_database
from netview.store.models import Tie


def newer_copy(source: Path, target: Path, drop_every: int = 20) -> Path:
    """The same export, made later, without every `drop_every`-th connection."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("Connections.csv"):
                text = data.decode("utf-8-sig")
                head, _, body = text.partition("First Name,")
                rows = list(csv.reader(io.StringIO("First Name," + body)))
                out = io.StringIO()
                w = csv.writer(out, lineterminator="\n")
                w.writerow(rows[0])
                w.writerows(r for i, r in enumerate(rows[1:]) if i % drop_every)
                data = (head + out.getvalue()).encode("utf-8")
            zout.writestr(item, data)
    return target


def main() -> int:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    spent: list[float] = []
    real = history.after_import

    def timed(*args: Any, **kwargs: Any) -> None:
        t0 = time.perf_counter()
        real(*args, **kwargs)
        spent.append(time.perf_counter() - t0)

    importer.history.after_import = timed  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate_archives(folder, people, 7, archives=6)
        db = open_database(str(folder / "bench.db"))
        t0 = time.perf_counter()
        importer.import_paths(db, paths)
        first = time.perf_counter() - t0
        first_hook = sum(spent)
        newer = newer_copy(paths[0], folder / "me__Complete_LinkedInDataExport_12-31-2026.zip")
        spent.clear()
        t0 = time.perf_counter()
        (report,) = importer.import_paths(db, [newer])
        second = time.perf_counter() - t0
        second_hook = sum(spent)
        with db.session() as s:
            ties = int(s.scalar(select(func.count()).select_from(Tie)) or 0)
            nq.tie_columns(s)  # both from a warm cache
            current = timed(lambda: nq.tie_columns(s), 5)[0]
            # The baseline: the same read of every tie, ended or not.
            nq.current = lambda _session: true()  # type: ignore[assignment]
            plain = timed(lambda: nq.tie_columns(s), 5)[0]
        db.dispose()
    print(f"demo network of {people:,} people in {len(paths)} archives; {ties:,} ties")
    print(f"import of every archive: {first:7.2f} s, of which history {first_hook:6.3f} s "
          f"({100 * first_hook / first:.1f}%)")  # fmt: skip
    print(f"import of a newer export of yours: {second:7.2f} s, of which history "
          f"{second_hook:6.3f} s ({100 * second_hook / second:.1f}%)")  # fmt: skip
    print(f"  it found {report.changes}")
    print(f"ties read, plain: {1000 * plain:7.1f} ms; current only (tie_columns): "
          f"{1000 * current:7.1f} ms; ratio {current / plain:.2f}x")  # fmt: skip
    share = max(first_hook / first, second_hook / second)
    ok = share <= 0.10 and current <= 2 * plain
    print(
        "targets (history <= 10% of an import, current read <= 2x plain):", "ok" if ok else "MISSED"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
