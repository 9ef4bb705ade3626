"""How fast NetView imports LinkedIn exports, next to a bare baseline measured in the same run.

Generates an invented network (netview.services.demo) of about --people people in --archives
archives, then times, --repeat times each:

  import    netview.services.importer.import_paths into a fresh SQLite file
  baseline  the same CSV files read with the csv module and inserted with sqlite3
            executemany into equivalent tables (people, ties, messages, invitations,
            endorsements, recommendations), one transaction, same SQLite pragmas

and prints the medians and their ratio. Target: import <= 3x baseline.

    PYTHONPATH=src python benchmarks/import_speed.py [--people 60000] [--archives 12] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote

from netview.services.demo import generate_archives

TARGET_RATIO = 3.0

BASELINE_SCHEMA = """
CREATE TABLE people (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, first_name TEXT,
                     last_name TEXT, company TEXT, position TEXT);
CREATE TABLE ties (a_id INTEGER NOT NULL REFERENCES people(id),
                   b_id INTEGER NOT NULL REFERENCES people(id), connected_on TEXT,
                   PRIMARY KEY (a_id, b_id));
CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id TEXT, sender_id INTEGER
                       REFERENCES people(id), recipients TEXT, sent_at TEXT, subject TEXT,
                       content TEXT);
CREATE TABLE invitations (id INTEGER PRIMARY KEY, inviter_id INTEGER REFERENCES people(id),
                          invitee_id INTEGER REFERENCES people(id), sent_at TEXT, message TEXT);
CREATE TABLE endorsements (id INTEGER PRIMARY KEY, giver_id INTEGER REFERENCES people(id),
                           receiver_id INTEGER REFERENCES people(id), skill TEXT,
                           endorsed_at TEXT);
CREATE TABLE recommendations (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES people(id),
                              received INTEGER, first_name TEXT, last_name TEXT, body TEXT,
                              created_at TEXT);
"""


def _key(url: str) -> str:
    """The bare minimum of identity: the slug after /in/, decoded and lower-cased."""
    return unquote(url.rsplit("/in/", 1)[-1]).strip("/").lower()


def _rows(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, str]]:
    if name not in archive.namelist():
        return iter(())
    text = archive.read(name).decode("utf-8")
    if name == "Connections.csv":
        text = text[text.index("First Name,") :]
    return csv.DictReader(io.StringIO(text))


def baseline_import(paths: Sequence[Path], db_file: Path) -> dict[str, int]:
    con = sqlite3.connect(db_file, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(BASELINE_SCHEMA)
    ids: dict[str, int] = {}
    people: list[tuple[int, str, str, str, str, str]] = []

    def person(
        url: str, first: str = "", last: str = "", company: str = "", position: str = ""
    ) -> int:
        key = _key(url)
        found = ids.get(key)
        if found is None:
            found = ids[key] = len(ids) + 1
            people.append((found, key, first, last, company, position))
        return found

    ties: dict[tuple[int, int], str] = {}
    messages, invitations, endorsements, recommendations = [], [], [], []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            invites = list(_rows(archive, "Invitations.csv"))
            owner_url = next(
                r["inviterProfileUrl"] for r in invites if r["Direction"] == "OUTGOING"
            )
            owner = person(owner_url)
            for r in _rows(archive, "Connections.csv"):
                if not r["URL"]:
                    continue
                other = person(
                    r["URL"], r["First Name"], r["Last Name"], r["Company"], r["Position"]
                )
                ties[(min(owner, other), max(owner, other))] = r["Connected On"]
            for r in invites:
                invitations.append(
                    (
                        person(r["inviterProfileUrl"]),
                        person(r["inviteeProfileUrl"]),
                        r["Sent At"],
                        r["Message"],
                    )
                )
            for r in _rows(archive, "messages.csv"):
                if not r["SENDER PROFILE URL"]:
                    continue  # sponsored mail
                recipients = ",".join(
                    str(person(u)) for u in r["RECIPIENT PROFILE URLS"].split(",")
                )
                messages.append(
                    (
                        r["CONVERSATION ID"],
                        person(r["SENDER PROFILE URL"]),
                        recipients,
                        r["DATE"],
                        r["SUBJECT"],
                        r["CONTENT"],
                    )
                )
            for r in _rows(archive, "Endorsement_Received_Info.csv"):
                endorsements.append(
                    (
                        person(r["Endorser Public Url"]),
                        owner,
                        r["Skill Name"],
                        r["Endorsement Date"],
                    )
                )
            for r in _rows(archive, "Endorsement_Given_Info.csv"):
                endorsements.append(
                    (
                        owner,
                        person(r["Endorsee Public Url"]),
                        r["Skill Name"],
                        r["Endorsement Date"],
                    )
                )
            for received, name in (
                (1, "Recommendations_Received.csv"),
                (0, "Recommendations_Given.csv"),
            ):
                for r in _rows(archive, name):
                    recommendations.append(
                        (
                            owner,
                            received,
                            r["First Name"],
                            r["Last Name"],
                            r["Text"],
                            r["Creation Date"],
                        )
                    )
    con.execute("BEGIN")
    con.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)", people)
    con.executemany("INSERT INTO ties VALUES (?, ?, ?)", [(a, b, d) for (a, b), d in ties.items()])
    con.executemany(
        "INSERT INTO messages (conversation_id, sender_id, recipients, sent_at, "
        "subject, content) VALUES (?, ?, ?, ?, ?, ?)",
        messages,
    )
    con.executemany(
        "INSERT INTO invitations (inviter_id, invitee_id, sent_at, message) VALUES (?, ?, ?, ?)",
        invitations,
    )
    con.executemany(
        "INSERT INTO endorsements (giver_id, receiver_id, skill, endorsed_at) VALUES (?, ?, ?, ?)",
        endorsements,
    )
    con.executemany(
        "INSERT INTO recommendations (owner_id, received, first_name, last_name, "
        "body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        recommendations,
    )
    con.execute("COMMIT")
    con.close()
    return {
        "people": len(people),
        "ties": len(ties),
        "messages": len(messages),
        "invitations": len(invitations),
        "endorsements": len(endorsements),
        "recommendations": len(recommendations),
    }


def netview_import(paths: Sequence[Path], db_file: Path) -> float:
    """Seconds import_paths takes (opening the database and migrations not counted)."""
    from netview.services.importer import import_paths
    from netview.store.db import open_database

    db = open_database(db_file)
    try:
        start = time.perf_counter()
        import_paths(db, paths)
        return time.perf_counter() - start
    finally:
        db.dispose()


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--archives", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="netview-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        paths = generate_archives(root / "archives", args.people, args.seed, archives=args.archives)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"generated {len(paths)} archives, {size:.1f} MB, for {args.people:,} people "
            f"in {time.perf_counter() - start:.1f} s"
        )

        base_times: list[float] = []
        counts: dict[str, int] = {}
        for n in range(args.repeat):
            db_file = root / f"baseline-{n}.db"
            base_times.append(_timed(lambda f=db_file: counts.update(baseline_import(paths, f))))
        print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        baseline = statistics.median(base_times)
        print(
            f"baseline (csv + sqlite3 executemany): median {baseline:.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in base_times)}"
        )

        try:
            import_times = [
                netview_import(paths, root / f"netview-{n}.db") for n in range(args.repeat)
            ]
        except ImportError as exc:
            print(f"netview import: not available ({exc})")
            return 1
        imported = statistics.median(import_times)
        print(
            f"netview import_paths:               median {imported:.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in import_times)}"
        )
        ratio = imported / baseline
        verdict = "ok" if ratio <= TARGET_RATIO else "SLOWER THAN TARGET"
        print(f"ratio import/baseline: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x): {verdict}")
        return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
