"""A team network on PostgreSQL next to the same network in SQLite, measured in one run.

Generates a team of --members members (the demo generator: one archive per member, about
--people people in all), then:

  import   netview.services.importing.importer.import_paths of every archive, into a fresh SQLite
           file (the baseline) and into a fresh PostgreSQL team database (`netview team
           init`, one import as the admin), and their ratio: goal PostgreSQL <= 2x SQLite;
  map      the time for one member (the second archive's owner, logged in as themselves)
           to load their map (load_map_model: people, ties, groups, layout) and their
           analytics network (load_network), next to the same loads of the owner in SQLite;
  start    the member's next start: the map kept on their machine (services/mapping/mapcache.py,
           checked against the server's change counter) next to the full load;
  frames   pan and zoom frames and a full redraw of the member's map as the app draws it
           (ui/map/render.time_pan_frames), next to one pyqtgraph GraphItem of the same
           network (the naive baseline of benchmarks/map_frames.py), in the same run.

The PostgreSQL server is --pg ADMIN_URL, or a throwaway cluster started like the tests'
(tests/pgserver.py: Debian's postgresql package, a Unix socket in a temporary folder).

    PYTHONPATH=src:. python benchmarks/team_scale.py [--people 250000] [--members 25]

(about 10 minutes at the default size on 2 cores)
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
from netview.services.document import Document
from netview.services.importing.importer import import_paths
from netview.services.mapping import mapcache
from netview.services.mapping.mapmodel import load_map_model
from netview.services.network import load_network
from netview.services.team import server as team
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
            first = Document(member, cache=True)
            first.publish(first.load(first.changed()))  # keeps the map, as the app does
            warm, kept = timed(lambda: mapcache.load(member))
            member.dispose()
        frames = _frames(member_model)
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
    shown = "the kept map" if kept is not None else "NOTHING KEPT"
    print(f"start    kept map {warm:7.2f} s   full load {pg_map:7.1f} s   ({shown})")
    print(f"frames   pan {frames['frame_ms_median']:.1f} ms (p95 {frames['frame_ms_p95']:.1f})   "
          f"zoom {frames['zoom_frame_ms_median']:.1f} ms   redraw "
          f"{frames['redraw_ms_median']:.0f} ms   naive GraphItem frame "
          f"{frames['baseline_graphitem_ms_median']:.0f} ms")  # fmt: skip
    return 0 if ratio <= TARGET_RATIO and kept is not None else 1


def _frames(model: Any) -> dict[str, float]:
    """Pan/zoom frames of the member's map offscreen, and the naive baseline."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).parent))
    from map_frames import naive_baseline

    from netview.ui.application import make_application
    from netview.ui.map.render import time_pan_frames

    make_application()
    figures = time_pan_frames(model, 30)
    figures["baseline_graphitem_ms_median"] = naive_baseline(model, 10)
    return figures


def _with_password(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
