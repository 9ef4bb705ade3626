"""Re-reading your own evidence after a correction of your addresses (`netview my-address`),
next to importing the same mailbox, same run.

Writes the invented Takeout-like mbox of benchmarks/mbox_speed.py (--messages messages) and
a database holding an owner's LinkedIn export (the demo's, --people people), imports the
mailbox (timed: the baseline), then times `set_my_addresses` with one address (a correction
that changes few messages) and with --many addresses (one that changes a large share of
them; each item changed is rewritten), and prints each against the import.

    PYTHONPATH=src python benchmarks/evidence_reread.py [--messages 100000] [--many 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mbox_speed import write_mbox


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--many", type=int, default=500)
    args = parser.parse_args()
    from netview.demo import generate_archives
    from netview.services.importing.evidence import set_my_addresses
    from netview.services.importing.importer import import_paths
    from netview.store.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "Takeout.mbox"
        size = write_mbox(path, args.messages)
        print(f"mbox: {args.messages:,} messages, {size / 2**20:.0f} MB")
        owner_zip = generate_archives(folder / "archives", args.people, 1)[0]
        db = open_database(folder / "reread.db")
        try:
            import_paths(db, [owner_zip])
            start = time.perf_counter()
            import_paths(db, [path], my_addresses=["me@benchmark.example"])
            t_import = time.perf_counter() - start
            print(f"import              {t_import:8.2f} s   (baseline)")
            # mbox_speed's addresses: p<n>@example<n % 97>.example, n < 5000 in To lines.
            rows = [
                ("one address", ["p1@example1.example"]),
                (
                    f"{args.many} addresses",
                    [f"p{n}@example{n % 97}.example" for n in range(args.many)],
                ),
            ]
            for label, addresses in rows:
                start = time.perf_counter()
                done = set_my_addresses(db, addresses)
                seconds = time.perf_counter() - start
                changed = done.counted + done.uncounted + done.changed
                print(
                    f"re-read, {label:15} {seconds:8.2f} s   {seconds / t_import:5.2f}x the import"
                    f"   ({changed:,} messages changed)"
                )
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
