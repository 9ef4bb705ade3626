"""File › Export…: what to export (the dialog), where, and the export in the write queue, from
the document's snapshot (the network already loaded, the map as shown)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from netview.services.mapping.mapmodel import MapModel
from netview.services.workspace import Database
from netview.ui.export_dialog import ExportChoice, ExportDialog
from netview.ui.workers import Task

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def own_group_names(db: Database) -> list[str]:
    """Your own groups for the export dialog (worker thread; they need no loaded network)."""
    from netview.services.people.groups import own_groups

    try:
        return [g.name for g in own_groups(db)]
    except Exception:  # a list for a combo box must never stop an export
        log.exception("could not list groups for export")
        return []


class ExportController(QObject):
    exported = Signal(str)  # the file an export wrote

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # What the last export was (format, people, group, pseudonyms): the next one opens
        # with it, as exporting the same file again is the common case.
        self.last_choice: ExportChoice | None = None

    def choose_export(self) -> None:
        """Ask what to export, then where; data formats are written by a worker."""
        window = self.window
        if window.db is None or not len(window.model):
            QMessageBox.information(window, "Export", "Import your LinkedIn archive first.")
            return
        # The dialog lists your groups: read in a worker, then asked.
        window.read("export groups", own_group_names, window.db, on_result=self._ask_export)

    def _ask_export(self, names: object) -> None:
        dialog = ExportDialog(list(names) if isinstance(names, list) else [], self.window)
        if self.last_choice is not None:
            dialog.set_choice(self.last_choice)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        choice = self.last_choice = dialog.choice()
        folder = Path(self.window.settings.export_folder or Path.home())
        suggested = str((folder if folder.is_dir() else Path.home()) / f"netview.{choice.format}")
        target, _ = QFileDialog.getSaveFileName(
            self.window, "Export", suggested, choice.file_filter
        )
        if target:
            self.window.settings.export_folder = str(Path(target).parent)
            self.export_to(choice, Path(target))

    def export_to(self, choice: ExportChoice, target: Path) -> Task | None:
        from netview.services.sharing.export import PICTURES, Selection, export, picture_model

        window = self.window

        def done(result: object) -> None:
            if choice.format in PICTURES:
                from netview.ui.map.render import render_file  # painting is the UI thread's

                assert isinstance(result, MapModel)  # what picture_model returns
                # A shared picture is on white, whatever the window's theme.
                render_file(result, target, (1600, 1000), "light")
            window.statusBar().showMessage(f"Exported to {target}", 8000)
            self.exported.emit(str(target))

        selection = Selection(choice.group, choice.degree, choice.anonymize)
        # From the document's snapshot: the network already loaded and the map as shown
        # (View › Colour By), filtered for the audience; nothing loaded again.
        shown = {"loaded": window.network, "model": window.model if len(window.model) else None}
        start = window.tasks.start_write
        if choice.format in PICTURES:
            return start(
                "Exporting", picture_model, selection, on_result=done, reloads=False, **shown
            )
        return start(
            "Exporting",
            export,
            choice.format,
            target,
            group=choice.group,
            degree=choice.degree,
            anonymize=choice.anonymize,
            on_result=done,
            reloads=False,
            **shown,
        )
