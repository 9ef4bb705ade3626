"""File > Export… from the window: data formats in a worker, pictures as the map shows."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from PySide6.QtGui import QImage

from netview.ui.export_dialog import FORMATS, ExportChoice, ExportDialog


def test_export_dialog_offers_every_format_and_the_filters(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(["VIP"])
    qtbot.addWidget(dialog)
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == [
        f for f, _, _ in FORMATS
    ]
    # The list is the registry's: what `netview export` accepts, in the menu's order.
    assert [f for f, _, _ in FORMATS] == ["png", "svg", "csv", "gexf", "graphml", "ics", "json"]
    dialog.format.setCurrentIndex(3)
    dialog.degree.setCurrentIndex(1)
    dialog.group.setCurrentIndex(1)
    dialog.anonymize.setChecked(True)
    assert dialog.choice() == ExportChoice("gexf", 1, "VIP", True)
    assert dialog.choice().file_filter == "Network for Gephi (GEXF) (*.gexf)"


def test_exporting_gexf_and_png_from_the_window(qtbot, sample_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    gexf = tmp_path / "net.gexf"
    with qtbot.waitSignal(window.exporting.exported, timeout=60_000):
        window.exporting.export_to(ExportChoice("gexf", 1, None, False), gexf)
    graph = nx.read_gexf(gexf)
    degrees = window.model.degree_counts()
    assert graph.number_of_nodes() == degrees[1] + 1  # your 1st degree and you
    qtbot.waitUntil(lambda: window.current_task is None, timeout=20_000)  # one job at a time
    png = tmp_path / "map.png"
    with qtbot.waitSignal(window.exporting.exported, timeout=60_000):
        window.exporting.export_to(ExportChoice("png", None, None, False), png)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1000)
