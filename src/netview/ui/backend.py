"""The service functions the window calls, gathered so tests can substitute them.

The defaults import their service lazily: the window opens even while a service module is
missing, and says so in an error dialog only when the user asks for that service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netview.core.progress import Progress
from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.services.workspace import Database, open_database


def _import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    owner_url: str | None = None,
    progress: Progress | None = None,
    supersede: bool = False,
) -> Any:
    from netview.services.importing.importer import import_paths

    return import_paths(
        db, list(paths), owner_url=owner_url, progress=progress, supersede=supersede
    )


def _fill_demo(db: Database, *, progress: Progress | None = None) -> Any:
    from netview.services.importing.demo import fill_demo

    return fill_demo(db, progress=progress)


@dataclass
class Backend:
    open_database: Callable[[str | None], Database] = open_database
    import_paths: Callable[..., Any] = _import_paths
    fill_demo: Callable[..., Any] = _fill_demo
    # The document's map builder: (db, by=grouping, loaded=network) -> MapModel.
    load_map: Callable[..., MapModel] = load_map_model
