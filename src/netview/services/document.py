"""The open database as the app sees it: one loaded network per generation, and what is
derived from it (map models per colouring; communities, strengths and layouts cached on the
network), shared by the map and every panel.

A change bumps the generation; the next load reads the network once, for everyone. A load
of an older generation is cancelled through the Progress protocol it runs under (it checks
between its steps), not merely ignored when it ends. Qt-free: the window drives it through
a thin adapter (netview.ui.document) and runs `load` in a read worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from netview.core.progress import NoProgress, Progress, check
from netview.services.asof import loaded_reach_days
from netview.services.mapping import mapcache
from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.services.network import LoadedNetwork, NoOwner, load_network
from netview.services.people.groups import adopt_communities, keep_group_inputs
from netview.store.db import Database

log = logging.getLogger(__name__)

LoadNetwork = Callable[[Database, Progress], LoadedNetwork]
# (db, network, grouping, previous=map shown before or None) -> the map model
BuildMap = Callable[..., MapModel]


def _load_network(db: Database, progress: Progress) -> LoadedNetwork:
    return load_network(db, progress=progress)


def _build_map(
    db: Database, ln: LoadedNetwork, grouping: str | None, previous: MapModel | None = None
) -> MapModel:
    return load_map_model(db, grouping, loaded=ln, previous=previous)


@dataclass
class Snapshot:
    """What one generation of the document holds."""

    generation: int
    network: LoadedNetwork | None  # None: nobody is known as "you" yet (empty database)
    grouping: str | None  # the map's colouring asked for (None: automatic)
    model: MapModel
    # Map models of this network by colouring, so switching back costs nothing.
    models: dict[str | None, MapModel] = field(default_factory=dict, repr=False)


class _Superseded:
    """A Progress that reads as cancelled once a newer generation has started."""

    def __init__(self, outer: Progress, document: Document, generation: int) -> None:
        self.outer, self.document, self.generation = outer, document, generation

    def report(self, fraction: float, text: str) -> None:
        self.outer.report(fraction, text)

    def cancelled(self) -> bool:
        return self.outer.cancelled() or self.document.generation != self.generation


class Document:
    """The database, its generation counter and the current generation's snapshot.

    Thread use: `changed`, `publish` and the properties on the UI thread; `load` and
    `regroup` in workers (they read `generation`, an int, and never write shared state).
    """

    def __init__(
        self,
        db: Database,
        *,
        load: LoadNetwork = _load_network,
        build_map: BuildMap = _build_map,
        cache: bool = False,
    ) -> None:
        self.db = db
        # `cache`: keep the default colouring's map on disk for the next start
        # (netview.services.mapping.mapcache); `preview` is that map, shown until the first load.
        self.cache = cache
        self.preview: MapModel | None = mapcache.load(db) if cache else None
        # The data's key when the preview was found to be its map: while the key stays the
        # same, the first load takes the preview instead of grouping and laying out again.
        self._preview_key = mapcache.cache_key(db) if self.preview is not None else None
        self.generation = 0
        self.current: Snapshot | None = None
        self._load = load
        self._build_map = build_map
        self._lock = threading.Lock()

    # --- the UI thread ---------------------------------------------------------------

    def changed(self) -> int:
        """The data changed (or is about to be loaded): a new generation. Loads of older
        generations see themselves cancelled at their next check."""
        with self._lock:
            self.generation += 1
            return self.generation

    def publish(self, snapshot: Snapshot) -> bool:
        """Make `snapshot` current unless a newer generation has started since."""
        with self._lock:
            if snapshot.generation != self.generation:
                return False
            self.current = snapshot
            return True

    @property
    def network(self) -> LoadedNetwork | None:
        return self.current.network if self.current is not None else None

    @property
    def model(self) -> MapModel:
        if self.current is not None:
            return self.current.model
        return self.preview if self.preview is not None else MapModel.empty()

    # --- workers ---------------------------------------------------------------------

    def load(
        self,
        generation: int,
        grouping: str | None = None,
        *,
        keep_map: bool = False,
        fresh: bool = False,
        progress: Progress | None = None,
    ) -> Snapshot:
        """Read the network once for `generation` and derive the map from it.

        `keep_map`: the change cannot show on the map (a note, a tag): the map model of the
        current snapshot is kept, so the map neither recomputes nor jumps. Otherwise the new
        map keeps the angles of the map shown before (this session's, or the one kept for
        the database at the last start), unless `fresh` (View > Re-layout). Raises Cancelled
        when a newer generation starts before it is done.
        """
        p = _Superseded(progress or NoProgress(), self, generation)
        check(p)
        # Taken before the read: a write during it leaves a key that no longer matches.
        key = mapcache.cache_key(self.db) if self.cache and grouping is None else None
        p.report(0.0, "Loading your network")
        try:
            ln: LoadedNetwork | None = self._load(self.db, p)  # it checks `p` as it goes
        except NoOwner:
            ln = None
        check(p)
        before = self.current
        if ln is None:
            return Snapshot(generation, None, grouping, MapModel.empty())
        keep_group_inputs(self.db, ln)  # so a new colouring (Colour By) reads nothing
        if keep_map and before is not None and len(before.model):
            kept = before.model
            return Snapshot(generation, ln, before.grouping, kept, {before.grouping: kept})
        p.report(0.5, "Laying out the map")
        preview = self.preview
        if not fresh and key is not None and key == self._preview_key and preview is not None:
            # Unchanged since the kept map was made: it is the map (communities, layout and
            # all), with the ties attached; the panels get the network a second sooner.
            preview.net = ln.net
            if len(preview.since) != ln.net.n:
                preview.since = loaded_reach_days(ln)
            if preview.grouping == "community":
                adopt_communities(ln, preview.raw_group, preview.raw_labels)
            if preview.own_evidence is None:
                # Kept by a version that did not say whether your own evidence is in it:
                # said now, so `netview render` may draw it (shared_view.picture_model).
                preview.own_evidence = ln.own_evidence
                mapcache.save(self.db, preview, key)
            p.report(1.0, "")
            return Snapshot(generation, ln, grouping, preview, {grouping: preview})
        previous = None if fresh else self._previous(before, grouping)
        if previous is not None:
            model = self._build_map(self.db, ln, grouping, previous=previous)
        else:
            model = self._build_map(self.db, ln, grouping)
        check(p)
        if key is not None:
            model = self._keep(model, key)
        p.report(1.0, "")
        return Snapshot(generation, ln, grouping, model, {grouping: model})

    def _previous(self, before: Snapshot | None, grouping: str | None) -> MapModel | None:
        """The map whose angles the next layout keeps: the one shown in this colouring, else
        (the first load) the map kept on disk for this database, even if the data changed
        since: that change is what must not move people (netview.services.mapping.mapcache)."""
        if before is not None and before.grouping == grouping and len(before.model):
            return before.model
        if before is None and grouping is None and self.cache:
            return self.preview or mapcache.load(self.db, any_data=True)
        return None

    def _keep(self, model: MapModel, key: str) -> MapModel:
        """The map to show for the fresh `model`: the cached preview when it draws the same
        (so the map does not redraw), with the network attached; saved for the next start."""
        shown = self.preview
        if shown is not None and same_map(shown, model):
            shown.net = model.net
            shown.since = model.since  # a map kept by an older version may lack the days
            if shown.own_evidence != model.own_evidence:
                shown.own_evidence = model.own_evidence
                mapcache.save(self.db, shown, key)
            return shown
        mapcache.save(self.db, model, key)
        return model

    def regroup(self, grouping: str | None, progress: Progress | None = None) -> Snapshot:
        """The current network coloured another way: a new map model, no reload."""
        base = self.current
        generation = self.generation
        if base is None or base.network is None:
            return self.load(generation, grouping, progress=progress)
        p = _Superseded(progress or NoProgress(), self, generation)
        model = base.models.get(grouping)
        if model is None:
            model = self._build_map(self.db, base.network, grouping)
            check(p)
        models = {**base.models, grouping: model}
        return Snapshot(generation, base.network, grouping, model, models)

    def relayout(self, progress: Progress | None = None) -> Snapshot:
        """The current network laid out afresh (View > Re-layout Map): no reload, nobody
        kept at their former angle; kept for the next start as the map to hold still."""
        base = self.current
        generation = self.generation
        if base is None or base.network is None:
            return self.load(generation, base.grouping if base else None, fresh=True)
        p = _Superseded(progress or NoProgress(), self, generation)
        key = mapcache.cache_key(self.db) if self.cache and base.grouping is None else None
        model = self._build_map(self.db, base.network, base.grouping)
        check(p)
        if key is not None:
            mapcache.save(self.db, model, key)
        return Snapshot(generation, base.network, base.grouping, model, {base.grouping: model})


def same_map(a: MapModel, b: MapModel) -> bool:
    """Whether `a` and `b` draw the same picture (people, places, colours, sizes, labels)."""
    return (
        a.keys == b.keys
        and a.names == b.names
        and a.companies == b.companies
        and a.titles == b.titles
        and a.group_names == b.group_names
        and a.grouping == b.grouping
        and a.size_by == b.size_by
        and [(r.degree, r.count) for r in a.rings] == [(r.degree, r.count) for r in b.rings]
        and _close([(r.radius, r.outer) for r in a.rings], [(r.radius, r.outer) for r in b.rings])
        and [(x.text, x.count, x.group) for x in a.sector_labels]
        == [(x.text, x.count, x.group) for x in b.sector_labels]
        and _close([x.angle for x in a.sector_labels], [x.angle for x in b.sector_labels])
        and a.legend == b.legend
        and _close(a.xy, b.xy)
        and all(
            np.array_equal(getattr(a, name), getattr(b, name))
            for name in (
                "person_ids",
                "degree",
                "group",
                "colors",
                "sizes",
                "edges",
                "importance",
                "strength_to_you",
                "ties_count",
                "tree_parent",
                "raw_group",
            )
        )
    )


def _close(a: object, b: object) -> bool:
    """Equal to far below a pixel: a layout that keeps the angles of the map it was made
    from (a kept map) lands on it up to rounding, and must not count as a new picture."""
    x, y = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=0.0, atol=1e-9))
