"""A team network on PostgreSQL next to the same network in SQLite, measured in one run.

Generates a team of --members members (the demo generator: one archive per member, about
--people people in all), then:

  import   netview.services.importer.import_paths of every archive, into a fresh SQLite
           file (the baseline) and into a fresh PostgreSQL team database (`netview team
           init`, one import as the admin), and their ratio: goal PostgreSQL <= 2x SQLite;
  map      the time for one member (the second archive's owner, logged in as themselves)
           to load their map (load_map_model: people, ties, groups, layout) and their
           analytics network (load_network), next to the same loads of the owner in SQLite.

The PostgreSQL server is --pg ADMIN_URL, or a throwaway cluster started like the tests'
(tests/pgserver.py: Debian's postgresql package, a Unix socket in a temporary folder).

    PYTHONPATH=src:. python benchmarks/team_scale.py [--people 250000] [--members 25]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netview.demo import generate_archives
from netview.services import team
from netview.services.importer import import_paths
from netview.services.mapmodel import load_map_model
from netview.services.network import load_network
from netview.store.db import open_database
from netview.store.models import Person, Source

TARGET_RATIO = 2.0
PASSWORD = "benchmark"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=250_000)
    parser.add_argument("--members", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", help="admin URL of an empty PostgreSQL database to use")
    args = parser.parse_args()

    server = None
    admin_url = args.pg
    if admin_url is None:
        from tests import pgserver

        server, why = pgserver.start()
        if server is None:
            print(f"team_scale: no PostgreSQL server: {why}", file=sys.stderr)
            return 1
        admin_url = server.url(server.create_database())
    try:
        with tempfile.TemporaryDirectory(prefix="netview-team-") as tmp:
            folder = Path(tmp)
            seconds, paths = timed(
                lambda: generate_archives(
                    folder / "zips", args.people, args.seed, archives=args.members
                )
            )
            size = sum(p.stat().st_size for p in paths) / 1e6
            print(f"generated {len(paths)} archives ({size:.0f} MB) in {seconds:.1f} s")

            lite = open_database(folder / "team.db")
            lite_import, _ = timed(lambda: import_paths(lite, paths))
            lite_map, model = timed(lambda: load_map_model(lite))
            lite_net, _ = timed(lambda: load_network(lite))
            people = int(model.person_ids.size)
            lite.dispose()

            pg = open_database(admin_url)
            team.init(pg)
            pg_import, _ = timed(lambda: import_paths(pg, paths))
            with pg.session() as s:
                owners = [
                    str(k)
                    for (k,) in s.execute(
                        select(Person.key)
                        .join(Source, Source.owner_id == Person.id)
                        .order_by(Source.id)
                    )
                ]
            for n, key in enumerate(owners):
                team.add_member(pg, f"m{n:02d}", f"https://www.linkedin.com/in/{key}/", PASSWORD)
            member_url = team.member_url(pg, "m01")
            pg.dispose()
            member = open_database(_with_password(member_url))
            pg_map, member_model = timed(lambda: load_map_model(member))
            pg_net, _ = timed(lambda: load_network(member))
            member.dispose()
    finally:
        if server is not None:
            server.stop()

    ratio = pg_import / lite_import
    print(f"people: {people:,} in {len(paths)} archives ({args.members} members)")
    print(f"import   SQLite {lite_import:7.1f} s   PostgreSQL {pg_import:7.1f} s   "
          f"ratio {ratio:.2f} (goal <= {TARGET_RATIO})")  # fmt: skip
    print(f"map      SQLite {lite_map:7.1f} s   PostgreSQL {pg_map:7.1f} s   (one member's map, "
          f"{int(member_model.visible.sum()):,} people shown)")  # fmt: skip
    print(f"network  SQLite {lite_net:7.1f} s   PostgreSQL {pg_net:7.1f} s   (analytics load)")
    return 0 if ratio <= TARGET_RATIO else 1


def _with_password(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
