"""The document (netview.services.document) for the window: loads run in a read worker,
and `data_changed(generation)` tells the map and every panel that a new generation is
current. Panels subscribe to it and share `network` instead of loading their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from netview.core.errors import Cancelled
from netview.services.document import Document, Snapshot
from netview.services.mapmodel import MapModel, load_map_model
from netview.services.network import LoadedNetwork
from netview.store.db import Database
from netview.ui.workers import Task, Workers

log = logging.getLogger(__name__)


class DocumentView(QObject):
    """One Document at a time (the open database), loaded off the UI thread."""

    data_changed = Signal(int)  # the generation now current
    map_changed = Signal(object)  # a new MapModel to draw
    load_failed = Signal()  # a load failed (its error goes to the window's one handler)

    def __init__(
        self,
        workers: Workers,
        parent: QObject | None = None,
        *,
        load_map: Callable[..., MapModel] = load_map_model,
        cache: bool = True,
    ) -> None:
        super().__init__(parent)
        self.cache = cache  # keep the map on disk for the next start (services.mapcache)
        self.workers = workers
        self._load_map = load_map
        self.document: Document | None = None
        self.grouping: str | None = None  # the map's colouring (None: automatic)
        self._task: Task | None = None

    @property
    def network(self) -> LoadedNetwork | None:
        return self.document.network if self.document is not None else None

    @property
    def model(self) -> MapModel:
        return self.document.model if self.document is not None else MapModel.empty()

    @property
    def generation(self) -> int:
        return self.document.generation if self.document is not None else 0

    def open(self, db: Database) -> None:
        """A new database: a document of its own, loaded now."""
        self._cancel()
        build = self._load_map
        self.document = Document(
            db,
            build_map=lambda d, ln, by, previous=None: build(
                d, by=by, loaded=ln, previous=previous
            ),
            cache=self.cache,
        )
        if self.document.preview is not None and self.grouping is None:
            # Last start's map of this very data: painted now, the load follows behind it.
            self.map_changed.emit(self.document.preview)
        self.reload()

    def close(self) -> None:
        self._cancel()
        self.document = None

    def reload(self, map_too: bool = True, *, fresh: bool = False) -> None:
        """The data changed: one load for the map and every panel; older loads stop.
        `fresh`: lay the map out afresh instead of keeping people where they were."""
        doc = self.document
        if doc is None:
            return
        self._cancel()
        generation = doc.changed()
        self._start(
            "Load network",
            doc,
            doc.load,
            generation,
            self.grouping,
            keep_map=not map_too,
            fresh=fresh,
        )

    def _start(self, name: str, doc: Document, fn: Any, *args: Any, **kwargs: Any) -> None:
        task: Task | None = None

        def finished() -> None:
            if self._task is task:
                self._task = None

        task = self.workers.run(
            name,
            fn,
            *args,
            on_result=lambda snap: self._loaded(doc, snap),
            on_error=self._failed,
            on_finished=finished,
            **kwargs,
        )
        self._task = task

    def relayout(self) -> None:
        """Lay the map out afresh (the data as it is: no reload)."""
        doc = self.document
        if doc is None:
            return
        if self._task is not None:  # a load is on its way: let it lay out afresh instead
            self.reload(fresh=True)
            return
        doc.changed()
        self._start("Lay out map", doc, doc.relayout)

    def regroup(self, grouping: str | None) -> None:
        """Colour the map another way: a new map model of the network already loaded."""
        self.grouping = grouping
        doc = self.document
        if doc is None:
            return
        if self._task is not None:  # a load is on its way: it must not be lost, redo it
            self.reload()
            return
        doc.changed()
        self._start("Colour map", doc, doc.regroup, grouping)

    def _cancel(self) -> None:
        # Cooperative: the worker stops at its next check (the Document also sees the
        # newer generation through its own Progress wrapper).
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _loaded(self, doc: Document, snapshot: object) -> None:
        assert isinstance(snapshot, Snapshot)
        if doc is not self.document:
            return  # a database opened before the current one
        shown = doc.model
        if not doc.publish(snapshot):
            return  # superseded while it finished
        if snapshot.model is not shown:
            self.map_changed.emit(snapshot.model)
        self.data_changed.emit(snapshot.generation)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, Cancelled):
            log.debug("a load was superseded by a newer one")
            return True
        self.load_failed.emit()
        return False  # the window's one error handler shows and logs it
