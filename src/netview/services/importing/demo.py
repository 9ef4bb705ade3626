"""The demo network in a database: `netview demo` and the app's demo tour.

The network itself is invented by netview.demo; this use case imports its archives, and your
invented calendar, mailbox and address book, through the real importer, so the demo shows
exactly what a member's own data would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netview.core.errors import NetViewError
from netview.core.progress import Progress
from netview.demo import generate_demo_files
from netview.io.scratch import DEMO_PREFIX, scratch_dir
from netview.services.importing.import_report import ImportReport
from netview.services.importing.importer import import_paths
from netview.store.db import Database
from netview.store.importing import me_id


def fill_demo(
    db: Database,
    people: int = 400,
    seed: int = 7,
    progress: Progress | None = None,
    *,
    as_of: date | None = None,
) -> list[ImportReport]:
    """Generate the demo network and import it into `db` through the real importer.

    The demo's "today" is the real today unless `as_of` is given, so recent conversations
    look recent when the app opens.
    """
    with db.session() as session:
        if me_id(session) is not None:
            # Mixing an invented network into a real one could not be undone cleanly.
            raise NetViewError(
                f"{db.url}: this database already holds a network; the demo needs an empty database"
            )
    if progress is not None:
        progress.report(0.0, f"Inventing a network of {people:,} people")
    # A demo killed midway leaves its folder; the next demo sweeps such folders away.
    with scratch_dir(DEMO_PREFIX) as tmp:
        paths = generate_demo_files(Path(tmp), people, seed, as_of=as_of or date.today())
        return import_paths(db, paths, progress=progress)
