"""A mailbox of --messages messages imported whole (`netview import`: read, recognise who is
who, write, one transaction) next to the standard library iterating over it, same run.

Writes the invented Takeout-like mbox of benchmarks/mbox_speed.py and a database holding an
owner's LinkedIn export (the demo's, --people people), then times, --repeat times each and
alternating, each in a fresh child process (so that each peak memory is its own):

  import    netview.services.importing.importer.import_paths(db, [mbox]) into a fresh copy of the
            database (owner's export already in, and your address known, so it streams;
            --unknown-owner: not known, so the mailbox is held once to find whose it is)
  baseline  the standard library's mailbox.mbox, iterated, reading each message's From

and prints the medians, their ratio and the import's peak memory (max RSS of its process).
Targets (issue 19): import <= 3x baseline, peak memory < 500 MB. Exits 1 when one is missed.

    PYTHONPATH=src python benchmarks/evidence_import.py [--messages 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mbox_speed import stdlib_messages, write_mbox
from timing import in_child, medians, report

TARGET_RATIO = 3.0
TARGET_MB = 500


def child(which: str, path: str, db_path: str) -> None:
    start = time.perf_counter()
    if which.startswith("import"):
        from netview.services.importing.importer import import_paths
        from netview.store.db import open_database

        db = open_database(db_path)
        start = time.perf_counter()  # opening and migrating are not the import
        # Your address known (as after your calendar, or with --my-address): the import
        # streams. Without it, the mailbox is held once to find whose it is.
        mine = [] if which == "import-unknown-owner" else ["me@benchmark.example"]
        (result,) = import_paths(db, [path], my_addresses=mine)
        count = result.files[0].rows_read
        db.dispose()
    else:
        count, _ = stdlib_messages(path)
    report(start, count=count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--unknown-owner",
        action="store_true",
        help="no address of yours known: the mailbox is held to find whose it is",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    from netview.demo import generate_archives
    from netview.services.importing.importer import import_paths
    from netview.store.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "Takeout.mbox"
        size = write_mbox(path, args.messages)
        print(f"mbox: {args.messages:,} messages, {size / 2**20:.0f} MB")
        owner_zip = generate_archives(folder / "archives", args.people, 1)[0]  # yours first
        template = folder / "template.db"
        db = open_database(template)
        import_paths(db, [owner_zip])
        db.dispose()
        ours: list[dict[str, float]] = []
        base: list[dict[str, float]] = []
        for i in range(args.repeat):
            fresh = folder / f"run{i}.db"
            shutil.copy(template, fresh)
            base.append(in_child(__file__, "baseline", str(path), str(fresh)))
            which = "import-unknown-owner" if args.unknown_owner else "import"
            ours.append(in_child(__file__, which, str(path), str(fresh)))
            print(
                f"  run {i + 1}: import {ours[-1]['seconds']:.2f} s ({ours[-1]['mb']:.0f} MB), "
                f"baseline {base[-1]['seconds']:.2f} s"
            )
    m = medians(ours, base)
    print(f"import    median {m.ours:8.2f} s   ({args.messages / m.ours:,.0f} messages/s)")
    print(f"baseline  median {m.base:8.2f} s   (mailbox.mbox, each From header)")
    print(f"ratio     import/baseline {m.ratio:.2f}x (target <= {TARGET_RATIO:.0f}x)")
    print(f"peak      {m.peak_mb:.0f} MB (target < {TARGET_MB} MB)")
    return 0 if m.ratio <= TARGET_RATIO and m.peak_mb < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
