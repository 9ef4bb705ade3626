"""File › Import's dialogs show a LinkedIn archive's whole name (issue 21.7)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QTreeView

from netview.ui.file_dialogs import import_dialog

NAMES = [
    "me__Complete_LinkedInDataExport_11-20-2026.zip",
    "shared-1-björn__Complete_LinkedInDataExport_11-20-2026.zip",
    "Connections.csv",
]


def test_the_import_dialog_shows_each_name_size_and_type_whole(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Its columns were fixed at Qt's defaults: "me__Complete_Lin…t_11-20-2026.zip", "Zip…ive",
    and, in the next folder opened, "9.…iB"."""
    folder, other = tmp_path / "Downloads", tmp_path / "archives"
    for place, size in ((folder, 2), (other, 9830)):
        place.mkdir()
        for name in NAMES:
            (place / name).write_bytes(b"PK" + bytes(size))
    dialog = import_dialog(None, "Import", folder, "Everything (*.zip *.csv);;All files (*)")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() >= 700
    assert dialog.findChild(QLineEdit, "fileNameEdit").text() == ""  # no name pre-filled
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    header = tree.header()
    metrics = tree.fontMetrics()

    def fits() -> bool:
        root = tree.rootIndex()
        if model.rowCount(root) != len(NAMES):
            return False
        for row in range(model.rowCount(root)):
            for column in range(header.count()):
                text = str(model.index(row, column, root).data() or "")
                # the text, and room for the icon and the cell's margins
                room = 24 if column == 0 else 6
                if not text or metrics.horizontalAdvance(text) + room > header.sectionSize(column):
                    return False
        return True

    for place in (folder, other):  # the first folder, then another one typed in
        dialog.setDirectory(str(place))
        qtbot.waitUntil(fits, timeout=5000)
        assert Path(dialog.directory().absolutePath()) == place
        root = tree.rootIndex()
        shown = {model.index(r, 0, root).data() for r in range(model.rowCount(root))}
        assert shown == set(NAMES)


def test_the_folder_dialog_opens_where_asked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "export").mkdir()
    dialog = import_dialog(None, "Import Folder", tmp_path, folders=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert Path(dialog.directory().absolutePath()) == tmp_path
    assert dialog.findChild(QLineEdit, "fileNameEdit").text() == ""
