"""The document (netview.services.document) for the window: loads run in a read worker,
and `data_changed(changes)` tells the map and every panel what changed (a
netview.services.changes.Changes). Panels subscribe to it, re-read only when a kind they
show is among the changes, and share `network` instead of loading their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from netview.core.errors import Cancelled
from netview.services.changes import EVERYTHING, Changes, needs_load, redraws_map
from netview.services.document import Document, Snapshot
from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.services.network import LoadedNetwork
from netview.services.people.groups import SOURCE_LABELS, source_labels
from netview.services.workspace import Database
from netview.ui.workers import Task, Workers

log = logging.getLogger(__name__)


class DocumentView(QObject):
    """One Document at a time (the open database), loaded off the UI thread."""

    data_changed = Signal(object)  # Changes: what differs from what the views show
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
        # What the load on its way will announce: the changes of every edit folded into it.
        self._pending = Changes.NONE
        self._loading = False  # the task on its way reads the network (not a recolouring)

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
        self._pending = Changes.NONE
        self.reload(EVERYTHING)

    def close(self) -> None:
        self._cancel()
        self._pending = Changes.NONE
        self.document = None

    def apply(self, changes: Changes) -> None:
        """The database changed in these ways: load the network again only if it holds one
        of them; otherwise the views re-read their own part at once."""
        if self.document is None:
            return
        if needs_load(changes):
            self.reload(changes)
        elif self._task is not None and self._loading:
            self._pending |= changes  # announced with the load on its way
        else:
            self.data_changed.emit(changes)

    def reload(self, changes: Changes = EVERYTHING, *, fresh: bool = False) -> None:
        """One load for the map and every panel; older loads stop (their changes are
        announced with this one). `fresh`: lay the map out afresh instead of keeping people
        where they were."""
        doc = self.document
        if doc is None:
            return
        self._cancel()
        self._pending |= changes
        generation = doc.changed()
        keep_map = not redraws_map(self._pending) and not fresh
        self._loading = True
        self._start(
            "Load network",
            doc,
            doc.load,
            generation,
            self.grouping,
            keep_map=keep_map,
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
        if self._task is not None and self._loading:  # a load is on its way: redo it
            self.reload(Changes.GROUPING)
            return
        self._cancel()  # an earlier colouring still being built
        self._pending = Changes.GROUPING
        self._loading = False
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
        changes, self._pending = self._pending, Changes.NONE
        if snapshot.model is not shown:
            changes |= Changes.MAP
            self.map_changed.emit(snapshot.model)
        self.data_changed.emit(changes)
        if snapshot.network is not None and SOURCE_LABELS not in snapshot.network.cache:
            # What colouring by export needs (Colour By then reads nothing), read once the
            # panels' reads are on their way: read with the network, it held them all back.
            self.workers.run(
                "Read exports of people",
                source_labels,
                doc.db,
                snapshot.network,
                on_error=lambda exc: isinstance(exc, Cancelled),
            )

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, Cancelled):
            log.debug("a load was superseded by a newer one")
            return True
        self._pending = Changes.NONE
        self.load_failed.emit()
        return False  # the window's one error handler shows and logs it
