"""The file dialogs of File › Import: wide enough to read a LinkedIn archive's name.

Qt's own dialog (used wherever the desktop offers no native one, as on a bare Linux
session) opens at about 600 px with fixed column widths, so an export named
`Complete_LinkedInDataExport_11-20-2026.zip` showed as "Complete_Lin…t_11-20-2026.zip"
and its type as "Zip…ive". Here the dialog opens wider and fits its columns to the names
of each folder as it is listed; a native dialog is left as the platform draws it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

WIDTH, HEIGHT = 960, 600  # on a screen with room for it: 90% of a smaller one


def import_dialog(
    parent: QWidget | None, title: str, folder: Path, filters: str = "", folders: bool = False
) -> QFileDialog:
    """A dialog that picks files (or, with `folders`, one folder), opening in `folder`."""
    dialog = QFileDialog(parent, title, str(folder), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if folders:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    _fit(dialog)
    return dialog


def _fit(dialog: QFileDialog) -> None:
    screen = (dialog.parentWidget() or dialog).screen()
    room = screen.availableGeometry() if screen is not None else None
    width = min(WIDTH, int(room.width() * 0.9)) if room is not None else WIDTH
    height = min(HEIGHT, int(room.height() * 0.85)) if room is not None else HEIGHT
    dialog.resize(max(width, dialog.width()), max(height, dialog.height()))
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:  # a native dialog: the platform sizes it
        return
    header = tree.header()
    # Every column as wide as its longest text, kept so while the folder is listed in the
    # background (sizes and types arrive last); the last one takes what room is left, and a
    # name longer than the list scrolls it sideways instead of being cut.
    for column in range(header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


def choose_files(parent: QWidget | None, title: str, folder: Path, filters: str) -> list[str]:
    """The files chosen (none when cancelled)."""
    dialog = import_dialog(parent, title, folder, filters)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return dialog.selectedFiles()


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> str:
    """The folder chosen ("" when cancelled)."""
    dialog = import_dialog(parent, title, folder, folders=True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""
