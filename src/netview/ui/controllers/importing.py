"""Imports: choosing files or a folder, dropping them, the demo, asking whose archive it is
(then importing again with that owner), whether an older-looking archive supersedes, and the
import report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from netview.core.errors import OwnerUnknown
from netview.io import formats
from netview.services.identity.pick import Choice
from netview.services.importing.history import ArchiveLooksOlder
from netview.services.workspace import is_server
from netview.ui import commands, demo_db, dialogs, file_dialogs
from netview.ui.workers import Task

if TYPE_CHECKING:
    from netview.ui.import_report import ImportReportDialog
    from netview.ui.main_window import MainWindow


def importable(path: Path) -> bool:
    """What a drop may bring: anything netview.io.formats recognises from its content."""
    return formats.recognise(path) is not None


class ImportController(QObject):
    """One import at a time, in the write queue; its questions asked once its worker is done."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # An import that stopped to ask whose archive it is: asked once its worker is done.
        self.pending_owner: tuple[list[Path], OwnerUnknown] | None = None
        # An import asked for while a database was opening (or the demo was open, so the
        # user's own one is opened for it): it runs once that database is open.
        self.after_open: list[Path] | None = None
        # One whose archive looks older than the one it would supersede: asked likewise.
        self.pending_older: tuple[list[Path], str | None, ArchiveLooksOlder] | None = None
        self.import_report: ImportReportDialog | None = None
        self.owner_dialog: dialogs.OwnerDialog | None = None
        self.supersede_box: QMessageBox | None = None

    def import_folder(self) -> Path:
        """Where File > Import… opens: the folder of the last import, else Downloads, else
        home; always a folder that exists (a missing one ends up as the file name)."""
        settings = self.window.settings
        for folder in (settings.import_folder, Path.home() / "Downloads", Path.home()):
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path.cwd()

    def choose_import(self) -> None:
        paths = file_dialogs.choose_files(
            self.window,
            "Import: LinkedIn Archive, Network, Calendar, Mailbox or Address Book",
            self.import_folder(),
            formats.import_filters(),
        )
        if paths:
            self.window.settings.import_folder = str(Path(paths[0]).parent)
            self.start_import([Path(p) for p in paths])

    def choose_import_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self.window, "Import Unzipped LinkedIn Archive", self.import_folder()
        )
        if folder:
            self.window.settings.import_folder = str(Path(folder).parent)
            self.start_import([Path(folder)])

    def start_demo(self, only_if_empty: bool = False) -> Task | None:
        """The welcome view's demo: filled into `demo.db` only, opened first if need be."""
        window = self.window
        on_demo = window.db is not None and demo_db.is_demo(window.db.url)
        if not on_demo and not only_if_empty:  # the open database is the user's: leave it be
            window.database.open_demo()
            return None
        if only_if_empty and len(window.model):
            return None

        def done(_: object) -> None:
            window.statusBar().showMessage("Demo network ready", 5000)

        return window.tasks.start_write(
            "Creating demo network",
            window.backend.fill_demo,
            on_result=done,
            on_error=window.tasks.quiet_cancel,
        )

    def resume_after_open(self) -> None:
        """The import asked for while the demo was open, now the user's database is."""
        pending, self.after_open = self.after_open, None
        if pending is not None:
            self.start_import(pending)

    def start_import(
        self, paths: Sequence[Path], owner_url: str | None = None, supersede: bool = False
    ) -> Task | None:
        window = self.window
        paths = list(paths)
        if window.database.opening is not None:  # into the database being opened, once it is
            self.after_open = paths
            return None
        if window.db is not None and demo_db.is_demo(window.db.url):
            # A real archive never goes into the demo: its invented owner would stay "you".
            own = demo_db.own_database(None, window.settings.recent_databases)
            self.after_open = paths
            if not window.database.open_database(own):
                self.after_open = None
            else:
                window.statusBar().showMessage(
                    "The demo stays in demo.db; your archive goes into your own database", 8000
                )
            return None

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, OwnerUnknown):
                # Ask once the worker is done, so the retry is not refused as "busy".
                self.pending_owner = (paths, exc)
                return True
            if isinstance(exc, ArchiveLooksOlder):
                self.pending_older = (paths, owner_url, exc)
                return True
            return window.tasks.quiet_cancel(exc)

        def done(reports: object) -> None:
            n = len(reports) if isinstance(reports, list) else len(paths)
            text = f"Imported {n} archive{'s' if n != 1 else ''}"
            listed = reports if isinstance(reports, list) else []
            vague = sum(getattr(r, "ambiguous_messages", 0) for r in listed)
            if vague:  # to a name several people share (docs/identity.md)
                many = "s" if vague != 1 else ""
                text += f"; {vague} message{many} to ambiguous names (attach them in Details)"
            window.statusBar().showMessage(text, 15000 if vague else 8000)
            if isinstance(reports, list):
                self.show_import_report([r.to_dict() for r in reports if hasattr(r, "to_dict")])

        self.pending_owner = None
        self.pending_older = None
        extra = {"supersede": True} if supersede else {}
        return window.tasks.start_write(
            "Importing",
            window.backend.import_paths,
            paths,
            owner_url=owner_url,
            on_error=failed,
            on_result=done,
            on_finished=self._ask_if_needed,
            **extra,
        )

    def _ask_if_needed(self) -> None:
        """The import is over: ask whose archive it is, or whether it supersedes, if it said
        it needs to know (a retry then finds the write queue free)."""
        self._ask_owner_if_needed()
        self._ask_supersede_if_needed()

    def _ask_supersede_if_needed(self) -> None:
        """An archive dated newer that looks older: the user says whether it supersedes."""
        pending, self.pending_older = self.pending_older, None
        if pending is None:
            return
        paths, owner_url, exc = pending
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Archive Looks Older",
            f"{exc.label} looks older than {exc.previous}, the archive imported before.\n\n"
            f"{str(exc).split('(', 1)[-1].split(')')[0]}.\n\nImport it anyway and let its "
            "connection list replace the current one? Nothing has been changed yet.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Import and Supersede")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.start_import(paths, owner_url, supersede=True))
        self.supersede_box = box
        box.open()

    def _ask_owner_if_needed(self) -> None:
        pending, self.pending_owner = self.pending_owner, None
        if pending is None or self.window.db is None:
            return
        paths, exc = pending

        def ask(people: list[Choice]) -> None:
            dialog = dialogs.OwnerDialog(self.window, str(exc), exc.profile_name, people)
            self.owner_dialog = dialog
            dialog.accepted.connect(lambda: self.start_import(paths, owner_url=dialog.owner_url()))
            dialog.open()

        from netview.services.identity.pick import people_to_pick

        # The people already known, so the user can pick the owner instead of pasting a URL.
        self.window.read("owner-people", people_to_pick, self.window.db, on_result=ask)

    # --- the import report ----------------------------------------------------------------

    def show_import_report(self, reports: list[dict[str, Any]]) -> None:
        """The per-file report of an import (beside the window, not blocking it)."""
        from netview.ui.import_report import ImportReportDialog

        if reports:
            self.import_report = ImportReportDialog(reports, self.window)
            self.connect_report(self.import_report)
            self.import_report.show()

    def connect_report(self, dialog: ImportReportDialog) -> None:
        """An import report's Keep as Contact, as an undoable edit; a report kept from an
        earlier import learns who has been kept or attached since."""
        from netview.services.importing.evidence import keeping_refused, strangers
        from netview.ui.attach_dialog import wire_attach

        window = self.window

        def keep(who: str, name: str) -> None:
            window.push(commands.keep_contact(window, who, name), lambda: dialog.mark_kept(who))

        dialog.keep_contact.connect(keep)
        wire_attach(window, dialog)  # Attach to Person… (ui.attach_dialog)
        if window.db is not None and dialog.has_correspondents():
            # One read per report: two reports open each learn who was kept since.
            window.read(
                f"report-strangers-{id(dialog)}",
                strangers,
                window.db,
                on_result=dialog.still_listed,
            )
            if is_server(window.db.url):  # a team server refuses kept contacts
                window.read(
                    f"report-keeping-{id(dialog)}",
                    keeping_refused,
                    window.db,
                    on_result=dialog.refuse_keeping,
                )
