"""How fast NetView imports LinkedIn exports, next to a bare baseline measured in the same run.

Generates an invented network (netview.demo) of about --people people in --archives
archives, then times, --repeat times each:

  import    netview.services.importing.importer.import_paths into a fresh SQLite file
  baseline  the same CSV files read with the csv module and inserted with sqlite3
            executemany into equivalent tables (NetView's own tables and indexes: people,
            ties, interactions, and the sources attesting each), one transaction, same
            SQLite pragmas

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

from netview.demo import generate_archives

TARGET_RATIO = 3.0


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
    """The same rows, parsed with csv and inserted with executemany into equivalent tables.

    "Equivalent" means NetView's own tables, created beforehand (not timed, as NetView's
    own opening and migrations are not) by opening a NetView database at `db_file`, so that
    both sides pay for the same indexes and constraints, and the same rows: people, ties,
    interactions with their targets, and which source attests each (the provenance that lets
    a shared export be forgotten later). What the baseline leaves out is the work that makes
    the import right: header detection, every date format, identity resolution across
    spellings and archives, owner detection, deduplication, the report.
    """
    con = sqlite3.connect(db_file, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    ids: dict[str, int] = {}
    people: list[tuple[object, ...]] = []
    person_sources: set[tuple[int, int]] = set()
    source_id = 0
    now = "2026-01-01 00:00:00.000000"

    def person(
        url: str, first: str = "", last: str = "", company: str = "", title: str = ""
    ) -> int:
        key = _key(url)
        found = ids.get(key)
        if found is None:
            found = ids[key] = len(ids) + 1
            name = f"{first} {last}".strip()
            people.append((found, key, first, last, name, name.lower(), url, company, title, now))
        person_sources.add((found, source_id))
        return found

    sources, ties, tie_sources = [], {}, []
    interactions: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []  # message texts, in their own table (migration 0006)
    targets, interaction_sources = [], []

    def interaction(kind: str, actor: int, target_ids: list[int], at: str, body: str) -> None:
        iid = len(interactions) + 1
        interactions.append((iid, kind, at, actor, f"{kind}-{iid}"))
        if body:
            texts.append((iid, body))
        targets.extend((iid, t) for t in set(target_ids) if t != actor)
        interaction_sources.append((iid, source_id))

    for path in paths:
        source_id += 1
        sources.append((source_id, "linkedin", path.name, path.name, now))
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
                pair = (min(owner, other), max(owner, other))
                tie = ties.setdefault(pair, len(ties) + 1)
                tie_sources.append((tie, source_id, r["Connected On"]))
            for r in invites:
                interaction(
                    "invitation",
                    person(r["inviterProfileUrl"]),
                    [person(r["inviteeProfileUrl"])],
                    r["Sent At"],
                    r["Message"],
                )
            for r in _rows(archive, "messages.csv"):
                if not r["SENDER PROFILE URL"]:
                    continue  # sponsored mail
                recipients = [person(u) for u in r["RECIPIENT PROFILE URLS"].split(",")]
                interaction(
                    "message", person(r["SENDER PROFILE URL"]), recipients, r["DATE"], r["CONTENT"]
                )
            for r in _rows(archive, "Endorsement_Received_Info.csv"):
                interaction(
                    "endorsement",
                    person(r["Endorser Public Url"]),
                    [owner],
                    r["Endorsement Date"],
                    r["Skill Name"],
                )
            for r in _rows(archive, "Endorsement_Given_Info.csv"):
                interaction(
                    "endorsement",
                    owner,
                    [person(r["Endorsee Public Url"])],
                    r["Endorsement Date"],
                    r["Skill Name"],
                )
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO person (id, key, first_name, last_name, name, name_key, url, company,"
        " position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        people,
    )
    con.executemany(
        "INSERT INTO source (id, kind, label, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)",
        sources,
    )
    con.executemany("INSERT INTO person_source VALUES (?, ?)", sorted(person_sources))
    con.executemany(
        "INSERT INTO tie (id, a_id, b_id) VALUES (?, ?, ?)",
        [(i, a, b) for (a, b), i in ties.items()],
    )
    con.executemany(
        "INSERT OR IGNORE INTO tie_source (tie_id, source_id, connected_on) VALUES (?, ?, ?)",
        tie_sources,
    )
    con.executemany(
        "INSERT INTO interaction (id, kind, occurred_at, actor_id, dedup) VALUES (?, ?, ?, ?, ?)",
        interactions,
    )
    con.executemany("INSERT INTO interaction_text (interaction_id, body) VALUES (?, ?)", texts)
    con.executemany("INSERT OR IGNORE INTO interaction_target VALUES (?, ?)", targets)
    con.executemany("INSERT INTO interaction_source VALUES (?, ?)", interaction_sources)
    con.execute("COMMIT")
    con.close()
    return {"people": len(people), "ties": len(ties), "interactions": len(interactions)}


def netview_import(paths: Sequence[Path], db_file: Path) -> tuple[float, float]:
    """(wall, CPU) seconds import_paths takes (opening the database and migrations not
    counted)."""
    from netview.services.importing.importer import import_paths
    from netview.store.db import open_database

    db = open_database(db_file)
    try:
        return _timed(lambda: import_paths(db, paths))
    finally:
        db.dispose()


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) that `run` takes."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def _empty_database(db_file: Path) -> Path:
    from netview.store.db import open_database

    open_database(db_file).dispose()
    return db_file


def _report(label: str, times: list[tuple[float, float]]) -> tuple[float, float]:
    """Print and return the medians of (wall, CPU) seconds."""
    wall = statistics.median(t for t, _ in times)
    cpu = statistics.median(c for _, c in times)
    runs = ", ".join(f"{t:.2f}" for t, _ in times)
    print(f"{label + ':':38s} median {wall:.2f} s (CPU {cpu:.2f} s)  runs {runs}")
    return wall, cpu


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

        base_times: list[tuple[float, float]] = []
        counts: dict[str, int] = {}
        for n in range(args.repeat):
            db_file = _empty_database(root / f"baseline-{n}.db")
            base_times.append(_timed(lambda f=db_file: counts.update(baseline_import(paths, f))))
        print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        baseline = _report("baseline (csv + sqlite3 executemany)", base_times)

        try:
            import_times = [
                netview_import(paths, root / f"netview-{n}.db") for n in range(args.repeat)
            ]
        except ImportError as exc:
            print(f"netview import: not available ({exc})")
            return 1
        imported = _report("netview import_paths", import_times)
        ratio = imported[0] / baseline[0]
        verdict = "ok" if ratio <= TARGET_RATIO else "SLOWER THAN TARGET"
        print(f"ratio import/baseline: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x): {verdict}")
        # CPU time hardly moves with what else the machine runs; wall time does.
        print(f"ratio of CPU seconds: {imported[1] / baseline[1]:.2f}x")
        return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
