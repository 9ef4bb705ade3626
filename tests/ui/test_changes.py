"""Each change says what it changed: the views re-read only what they show.

Reads are counted where they happen, at the database engine: every SQL statement a
connection of the window's database executes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from netview.services import document
from netview.services.network import load_network
from netview.store import db as dbmod
from netview.ui import commands


class Statements:
    """The SQL statements run on `engine` while it is attached, and its transactions
    ("read", or "write" for one taken up front with BEGIN IMMEDIATE)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.seen: list[str] = []
        self.transactions: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)
        event.listen(engine, "begin", self._begin)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.seen.append(statement)

    def _begin(self, conn: Any) -> None:
        write = conn.get_execution_options().get(dbmod._WRITE)
        self.transactions.append("write" if write else "read")

    def detach(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
        event.remove(self.engine, "begin", self._begin)


@pytest.fixture
def idle(qtbot, sample_window):  # type: ignore[no-untyped-def]
    """The sample window once every first read is done."""
    qtbot.waitUntil(lambda: not sample_window.workers.busy, timeout=30_000)
    return sample_window


@pytest.fixture
def statements(idle) -> Iterator[Statements]:  # type: ignore[no-untyped-def]
    counter = Statements(idle.db.engine)
    yield counter
    counter.detach()


@pytest.fixture
def loads(idle, monkeypatch: pytest.MonkeyPatch) -> list[object]:  # type: ignore[no-untyped-def]
    """The network loads the window's document runs from now on (their databases)."""
    seen: list[object] = []

    def counted(db: Any, **kwargs: Any) -> Any:
        seen.append(db)
        return load_network(db, **kwargs)

    monkeypatch.setattr(document, "load_network", counted)
    return seen


def colour_by(window: Any) -> dict[str, Any]:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    menu = next(a.menu() for a in view.actions() if a.text() == "&Colour By")
    return {a.text(): a for a in menu.actions()}


def updates(window: Any) -> list[str]:
    seen: list[str] = []
    for name, panel in window.panels.items():
        panel.updated.connect(lambda name=name: seen.append(name))
    return seen


def test_colour_by_reads_nothing_from_the_database_and_reloads_no_panel(
    qtbot, idle, statements: Statements
) -> None:  # type: ignore[no-untyped-def]
    panels = updates(idle)
    # Every colouring, including those by export and by own group, which read the
    # database when they were first asked for.
    for text, grouping in [
        ("Company", "company"),
        ("Source", "source"),
        ("Group", "group"),
        ("Year", "year"),
        ("&Automatic", "community"),
    ]:
        with qtbot.waitSignal(idle.map_ready, timeout=30_000):
            colour_by(idle)[text].trigger()
        assert idle.map.model.grouping == grouping
        qtbot.waitUntil(lambda: not idle.workers.busy, timeout=30_000)
    assert statements.seen == [] and statements.transactions == []
    assert panels == []
    # The picture really changed: exports by source give the sample's exporters' names.
    by_source = idle.document.document.current.models["source"]
    assert len(by_source.group_names) >= 2


def test_a_note_reloads_details_only_and_not_the_network(qtbot, idle, loads: list[object]) -> None:  # type: ignore[no-untyped-def]
    ln = idle.network
    key = ln.net.keys[1]
    with qtbot.waitSignal(idle.panels["person"].updated, timeout=20_000):
        idle.select_person(key)
    panels = updates(idle)
    maps: list[object] = []
    idle.map_ready.connect(maps.append)
    details = idle.panels["person"]
    with qtbot.waitSignal(details.updated, timeout=20_000):
        idle.push(commands.add_note(idle, details.details.person_id, "Met at the meetup"))
    qtbot.waitUntil(lambda: not idle.workers.busy, timeout=20_000)
    assert details.notes.count() == 1 and "Met at the meetup" in details.notes.item(0).text()
    assert panels == ["person"] and loads == [] and maps == []
    assert idle.network is ln  # the panels still share the network they had


def test_a_logged_contact_loads_the_network_but_keeps_the_map(
    qtbot, idle, loads: list[object]
) -> None:  # type: ignore[no-untyped-def]
    model = idle.map.model
    pid = int(idle.network.net.ids[1])
    panels = updates(idle)
    showing = ["followups", "insights", "person"]
    with qtbot.waitSignals([idle.panels[n].updated for n in showing], timeout=30_000):
        idle.push(commands.mark_done(idle, pid))
    qtbot.waitUntil(lambda: not idle.workers.busy, timeout=20_000)
    assert len(loads) == 1 and idle.map.model is model
    assert sorted(panels) == showing  # not Groups, Introductions, Invitations


def test_a_new_selection_cancels_the_details_read_of_the_previous_one(
    qtbot, idle, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from netview.services.identity import ambiguous
    from netview.services.people import person as ps

    net = idle.network.net
    first, second = net.keys[1], net.keys[2]
    gate = threading.Event()
    started: list[str] = []
    pending: list[int] = []
    real_details, real_pending = ps.person_details, ambiguous.pending_for

    def slow_details(db: Any, ln: Any, i: int) -> Any:
        started.append(ln.net.keys[i])
        if ln.net.keys[i] == first:
            gate.wait(10)  # still reading when the user picks someone else
        return real_details(db, ln, i)

    def counted_pending(db: Any, pid: int) -> Any:
        pending.append(pid)
        return real_pending(db, pid)

    monkeypatch.setattr(ps, "person_details", slow_details)
    monkeypatch.setattr(ambiguous, "pending_for", counted_pending)
    details = idle.panels["person"]
    shown: list[str] = []
    details.updated.connect(lambda: shown.append(details.details.key))
    idle.select_person(first)
    qtbot.waitUntil(lambda: started == [first], timeout=10_000)
    with qtbot.waitSignal(details.updated, timeout=10_000):
        idle.select_person(second)
    gate.set()
    qtbot.waitUntil(lambda: not idle.workers.busy, timeout=10_000)
    # The first read stopped at its next check: it read nothing more and showed nothing.
    assert shown == [second] and details.name_label.text()
    assert pending == [int(net.ids[2])]
    assert idle.tasks.last_error is None


# --- one snapshot for everything shared --------------------------------------------------------


def test_an_export_from_the_window_reads_once_and_loads_nothing_again(
    qtbot, idle, tmp_path, statements: Statements, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from netview.services import network
    from netview.services.analysis import stats
    from netview.ui.export_dialog import ExportChoice

    loads: list[object] = []
    hops: list[object] = []
    real_load, real_hops = network.load_network, stats.hop_counts
    monkeypatch.setattr(
        network, "load_network", lambda *a, **k: loads.append(a) or real_load(*a, **k)
    )
    monkeypatch.setattr(stats, "hop_counts", lambda *a, **k: hops.append(a) or real_hops(*a, **k))
    for n, anonymize in enumerate((False, True)):
        statements.transactions.clear()
        target = tmp_path / f"net{n}.csv"
        with qtbot.waitSignal(idle.exporting.exported, timeout=60_000):
            idle.exporting.export_to(ExportChoice("csv", 1, None, anonymize), target)
        qtbot.waitUntil(lambda: idle.current_task is None, timeout=20_000)
        # One transaction (a write one when anonymised: the pseudonyms' secret); the
        # network, its ties, everyone's steps from you and the map come from the window's
        # document.
        assert statements.transactions == (["write"] if anonymize else ["read"])
        assert loads == [] and hops == []
        assert not [s for s in statements.seen if re.search(r"\bFROM tie\b", s)]
        rows = target.read_text(encoding="utf-8").splitlines()
        assert len(rows) == 1 + idle.model.degree_counts()[1] + 1  # header, 1st degree, you


def test_the_exported_picture_is_coloured_as_the_map_is(
    qtbot, idle, tmp_path, statements: Statements, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage

    from netview.ui.export_dialog import ExportChoice
    from netview.ui.map import render

    with qtbot.waitSignal(idle.map_ready, timeout=30_000):
        colour_by(idle)["Company"].trigger()
    described: list[dict[str, Any]] = []

    def render_file(model: Any, path: Any, size: Any, theme: str) -> Any:
        described.append(render.render_picture(model, path, size, theme))
        return path

    monkeypatch.setattr(render, "render_file", render_file)
    png = tmp_path / "map.png"
    statements.transactions.clear()
    with qtbot.waitSignal(idle.exporting.exported, timeout=60_000):
        idle.exporting.export_to(ExportChoice("png", None, None, False), png)
    assert statements.transactions == ["read"]  # who may be shown; the map is the window's
    assert not [s for s in statements.seen if re.search(r"\bFROM tie\b", s)]
    (picture,) = described
    shown = {e.name for e in idle.map.model.legend} - {"Other"}
    assert picture["colour_by"] == "company"
    assert {g["name"] for g in picture["groups"]} == shown
    # The largest company's colour is in the picture's pixels.
    top = picture["groups"][0]["colour"]
    image = QImage(str(png))
    want = QColor(top).rgb() & 0xFFFFFF
    found = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) & 0xFFFFFF == want
    )
    assert found > 20, top


def test_colour_by_during_a_load_that_keeps_the_map_still_recolours_it(qtbot, idle) -> None:  # type: ignore[no-untyped-def]
    pid = int(idle.network.net.ids[1])
    with qtbot.waitSignal(idle.editor.landed, timeout=20_000):
        idle.push(commands.mark_done(idle, pid))  # a load that keeps the map starts now
    assert idle.document._task is not None
    colour_by(idle)["Company"].trigger()  # while that load is on its way
    qtbot.waitUntil(lambda: not idle.workers.busy, timeout=30_000)
    assert idle.map.model.grouping == "company"
    assert idle.document.document.current.grouping == "company"
