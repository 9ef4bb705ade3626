"""What Details adds to reading a person: who in your own meetings and e-mails has their
name but waits to be attached (`waiting_for`), next to the previous version of it (every
stranger's name filtered by the person's longest plain word, then compared), same run; and
the whole read the Details panel makes (netview.ui.panels.person._details), target 10 ms.

Writes the invented Takeout-like mbox of benchmarks/mbox_speed.py (--messages messages, its
senders unknown to LinkedIn), imports it next to an owner's export (the demo's, --people
people), then times both for --persons people of the export. Exits 1 when the whole read
takes more than 10 ms (median).

    PYTHONPATH=src python benchmarks/attach_waiting.py [--messages 30000] [--persons 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from mbox_speed import write_mbox
from timing import row, timed

TARGET = 0.010  # seconds: the whole Details read of one person


def old_waiting_for(db: Any, person_id: int) -> Any:
    """waiting_for as it was before migration 0015: every stranger's name holding the
    person's longest plain word, grouped, then compared by the matcher."""
    from netview.services.identity.matcher import words_key
    from netview.services.importing.evidence import Waiting
    from netview.store import evidence as q
    from netview.store import importing as imp
    from netview.store.keys import labels_of

    with db.session() as session:
        found = labels_of(session, [person_id]).get(person_id)
        if found is None or person_id == imp.me_id(session):
            return None
        key = words_key(found[1])
        if not key:
            return None
        plain = [w for w in found[1].lower().split() if w.isascii() and w.isalpha()]
        word = max(plain, key=len) if plain else ""
        names = {
            who: name
            for who, name in q.unknown_names(session, word)
            if who == f"~{key}" or (name and words_key(name) == key)
        }
        counted = q.unknown_counts(session, sorted(names))
    if not counted:
        return None
    who, times, last = counted[0]
    return Waiting(who, names[who], times, last)


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
    from netview.services.network import load_network
    from netview.store.db import open_database
    from netview.store.models import Person
    from netview.ui.panels.person import _details

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
                people = list(
                    s.execute(select(Person.id, Person.key).order_by(Person.id).limit(args.persons))
                )
            for pid, _key in people:  # the same answer, or the comparison means nothing
                assert waiting_for(db, pid) == old_waiting_for(db, pid), pid
            ours = statistics.median(timed(lambda p=p: waiting_for(db, p))[0] for p, _ in people)
            base = statistics.median(
                timed(lambda p=p: old_waiting_for(db, p))[0] for p, _ in people
            )
            row("waiting_for", ours, base, "the previous version, every stranger's name")
            ln = load_network(db)
            keys = [k for _, k in people if k in ln.net.index_of_key]
            whole = statistics.median(timed(lambda k=k: _details(db, ln, k))[0] for k in keys)
            row("Details", whole, TARGET, "target")
        finally:
            db.dispose()
    return 0 if whole <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
