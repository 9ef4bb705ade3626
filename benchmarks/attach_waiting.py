"""What Details adds to reading a person: who in your own meetings and e-mails has their
name but waits to be attached (`waiting_for`), next to listing every such stranger with
their counts (`strangers`, what `netview address` prints and the first version of
`waiting_for` read for each person), same run.

Writes the invented Takeout-like mbox of benchmarks/mbox_speed.py (--messages messages, its
senders unknown to LinkedIn), imports it next to an owner's export (the demo's, --people
people), then times both for --persons people of the export.

    PYTHONPATH=src python benchmarks/attach_waiting.py [--messages 30000] [--persons 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mbox_speed import write_mbox
from timing import row, timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--persons", type=int, default=20)
    args = parser.parse_args()
    from sqlalchemy import select

    from netview.demo import generate_archives
    from netview.services.importing.evidence import strangers, waiting_for
    from netview.services.importing.importer import import_paths
    from netview.store.db import open_database
    from netview.store.models import Person

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "Takeout.mbox"
        write_mbox(path, args.messages)
        owner_zip = generate_archives(folder / "archives", args.people, 1)[0]
        db = open_database(folder / "waiting.db")
        try:
            import_paths(db, [owner_zip])
            import_paths(db, [path], my_addresses=["me@benchmark.example"])
            listed = strangers(db)
            print(f"mbox: {args.messages:,} messages, {len(listed):,} strangers")
            with db.session() as s:
                pids = list(s.scalars(select(Person.id).order_by(Person.id).limit(args.persons)))
            ours = statistics.median(timed(lambda p=p: waiting_for(db, p))[0] for p in pids)
            base = statistics.median(timed(lambda: strangers(db))[0] for _ in pids[:3])
            row("waiting_for", ours, base, "strangers(): every stranger counted")
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
