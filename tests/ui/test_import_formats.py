"""Drag and drop and File > Import follow the format registry: what a file holds decides."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import write_graphml
from netview.store.db import Database
from netview.ui.backend import Backend

EVIDENCE = Path(__file__).parent.parent / "fixtures" / "evidence"


def test_a_drop_takes_what_the_registry_recognises(qtbot, make_window, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    got: list[list[Path]] = []

    def importer(
        db: Database, paths: list[Path], *, owner_url: str | None = None, progress: object = None
    ) -> list[str]:
        got.append(list(paths))
        return []

    network = tmp_path / "network.xml"  # GraphML under a name that does not say so
    with network.open("wb") as f:
        write_graphml(GraphData(nodes=[Node("a"), Node("b")], edges=[Edge("a", "b")]), f)
    inbox = tmp_path / "Inbox"  # a Thunderbird mbox: no extension
    shutil.copy(EVIDENCE / "mail.mbox", inbox)
    notes = tmp_path / "notes.csv"  # a CSV that is none of NetView's formats
    notes.write_text("a,b,c\n1,2,3\n")
    window = make_window(Backend(import_paths=importer))
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        assert window.database.open_database(str(db_path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (network, inbox, notes)])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        window.dropEvent(event)
    assert got == [[network, inbox]]


def test_the_import_dialog_filters_show_graphml_gexf_and_evidence(
    qtbot, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from netview.ui import file_dialogs

    asked: list[str] = []

    def fake_dialog(parent: object, title: str, folder: object, filters: str) -> list[str]:
        asked.append(filters)
        return []

    monkeypatch.setattr(file_dialogs, "choose_files", fake_dialog)
    make_window().importing.choose_import()
    (filters,) = asked
    first = filters.split(";;")[0]
    for pattern in ("*.zip", "*.csv", "*.graphml", "*.gexf", "*.ics", "*.mbox", "*.vcf"):
        assert pattern in first
