"""The dialogs the menus open beside the map: Sources, What's New, Find Duplicates, the
archive help and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from netview.ui import dialogs
from netview.ui.controllers.database import database_label
from netview.ui.welcome import ARCHIVE_HELP

if TYPE_CHECKING:
    from netview.ui.duplicates_dialog import DuplicatesDialog
    from netview.ui.main_window import MainWindow
    from netview.ui.sources_dialog import SourcesDialog
    from netview.ui.whats_new import WhatsNewDialog


class DialogController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sources_dialog: SourcesDialog | None = None
        self.duplicates_dialog: DuplicatesDialog | None = None
        self.whats_new: WhatsNewDialog | None = None
        self.help_box: QMessageBox | None = None

    def show_sources(self) -> None:
        """File › Sources…: the imports, and forgetting one."""
        from netview.ui.sources_dialog import SourcesDialog

        if self.window.db is None:
            return
        if self.sources_dialog is None:
            self.sources_dialog = SourcesDialog(self.window)  # reloads on every data change
        else:
            self.sources_dialog.reload()
        self.sources_dialog.open()

    def show_whats_new(self) -> None:
        """File › What's New…: what newer archives changed (as `netview changes` lists it)."""
        from netview.ui.whats_new import WhatsNewDialog, load_changes

        window = self.window
        if window.db is None:
            return
        self.whats_new = WhatsNewDialog(window)
        window.read("whats-new", load_changes, window.db, on_result=self.whats_new.show_changes)
        self.whats_new.open()

    def show_duplicates(self) -> None:
        """Edit › Find Duplicates…: likely pairs with the evidence, and Merge."""
        from netview.ui.duplicates_dialog import DuplicatesDialog

        if self.window.db is None:
            return
        if self.duplicates_dialog is None:
            self.duplicates_dialog = DuplicatesDialog(self.window)  # reloads on data changes
        else:
            self.duplicates_dialog.reload()
        self.duplicates_dialog.open()

    def show_archive_help(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, "Your LinkedIn Archive", "", parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(ARCHIVE_HELP)
        box.open()
        self.help_box = box

    def show_about(self) -> None:
        from netview.ui.application import log_dir

        db = self.window.db
        database = database_label(db.url) if db else "none"
        QMessageBox.about(
            self.window,
            "About NetView",
            dialogs.about_text(str(log_dir() / "netview.log"), self.window.settings.file, database),
        )
