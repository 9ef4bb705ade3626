"""What the team server's authorship checks (store/team_guard.py) cost an import, in one run.

Generates --members archives (the demo generator, about --people people in all), then
imports each into two fresh PostgreSQL team databases of the same server:

  unchecked  every archive imported by its own member, logged in as themselves, on a
             team database whose authorship triggers and id checks (store/team_ids.py,
             named like them) were dropped (the baseline: the same logins, rows, COPY and
             row-level security, no checks);
  checked    the same imports on a team database as `team init` makes it (statement
             triggers over each COPY, the ids each statement took, the commit's checks of
             ties and messages that name a teammate);

and prints both times and their ratio (goal: at most 1.5x). Run a small size on a shared
machine:

    PYTHONPATH=src:. python benchmarks/team_guard.py [--people 20000] [--members 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import make_url, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netview.demo import generate_archives
from netview.services.importing.importer import import_paths
from netview.services.team import server as team
from netview.store.db import open_database
from netview.store.models import Person, Source

TARGET_RATIO = 1.5
PASSWORD = "benchmark"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from tests import pgserver

    server, why = pgserver.start()
    if server is None:
        print(f"team_guard: no PostgreSQL server: {why}", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="netview-guard-") as tmp:
            paths = generate_archives(
                Path(tmp) / "zips", args.people, args.seed, archives=args.members
            )
            lite = open_database(Path(tmp) / "owners.db")
            import_paths(lite, paths)
            with lite.session() as s:
                owners = [
                    str(k)
                    for (k,) in s.execute(
                        select(Person.key)
                        .join(Source, Source.owner_id == Person.id)
                        .order_by(Source.id)
                    )
                ]
            lite.dispose()
            unchecked = _members_import(server, paths, owners, checked=False)
            checked = _members_import(server, paths, owners, checked=True)
    finally:
        server.stop()

    ratio = checked / unchecked
    print(f"{len(paths)} archives, about {args.people:,} people, each imported by its member")
    print(f"import   unchecked {unchecked:6.1f} s   checked {checked:6.1f} s   "
          f"ratio {ratio:.2f} (goal <= {TARGET_RATIO})")  # fmt: skip
    return 0 if ratio <= TARGET_RATIO else 1


def _members_import(server: Any, paths: list[Path], owners: list[str], *, checked: bool) -> float:
    """Seconds for every member to import their own archive into a fresh team database."""
    database = server.create_database()
    admin = open_database(server.url(database))
    team.init(admin)
    logins = [f"m{n:02d}" for n in range(len(owners))]
    for login, key in zip(logins, owners, strict=True):
        team.add_member(admin, login, f"https://www.linkedin.com/in/{key}/", PASSWORD)
    urls = [
        make_url(team.member_url(admin, login))
        .set(password=PASSWORD)
        .render_as_string(hide_password=False)
        for login in logins
    ]
    admin.dispose()
    if not checked:
        with psycopg.connect(server.libpq(database), autocommit=True) as conn:
            triggers = conn.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
                "WHERE tgname LIKE 'netview_guard%'"
            ).fetchall()
            for name, table in triggers:
                conn.execute(f"DROP TRIGGER {name} ON {table}")
    took = 0.0
    for url, path in zip(urls, paths, strict=True):
        member = open_database(url)
        started = time.perf_counter()
        import_paths(member, [path])
        took += time.perf_counter() - started
        member.dispose()
    return took


if __name__ == "__main__":
    sys.exit(main())
