"""The import report in the app: per archive and per file, rows read, imported, skipped and
why. Shown after an import and again from File > Sources… (Report…).

Under your own calendar or mailbox it lists the people you were often in touch with whom no
LinkedIn person matched; Attach to Person… and Keep as Contact ask the window to attach one
to a person or make them a contact of your own (undoable edits: the dialog only says what
the user chose)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.importing.import_summary import ArchiveSummary, summarise

FILE_SHARE = 0.55  # of the tree's width, at most, for the File column
WHO = Qt.ItemDataRole.UserRole  # on a correspondent's row: whom `netview address` means
LISTED = Qt.ItemDataRole.UserRole + 1  # the same, kept after they were kept or attached
CORRESPONDENT = "not on LinkedIn"
NAMESAKE = "name several share"  # a correspondent whose name is several people's
LABEL = Qt.ItemDataRole.UserRole + 2  # on a correspondent's row: CORRESPONDENT or NAMESAKE


class ImportReportDialog(QDialog):
    """A tree: each archive (what it added), its files (counts), their skipped rows, and
    for your own evidence who was often in touch but is not on LinkedIn.

    `keep_contact(who, name)`: the user chose to keep that correspondent as a contact;
    `attach_to(who, name)`: to attach them to a person (chosen in ui.attach_dialog)."""

    keep_contact = Signal(str, str)
    attach_to = Signal(str, str)

    def __init__(self, reports: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Report")
        self.resize(720, 460)
        self.summaries: list[ArchiveSummary] = [summarise(r) for r in reports]
        self.checked = False  # whether still_listed has said who is unknown now
        self.keeping_refused: str | None = None  # why Keep as Contact is not for here
        n = len(self.summaries)
        heading = QLabel(
            f"{n} archive{'s' if n != 1 else ''} imported. Rows NetView could not use are "
            "listed under their file, with the line and the reason."
        )
        heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["File", "Rows"])
        self.tree.setAccessibleName("Import report")
        header = self.tree.header()
        header.setStretchLastSection(True)
        # Not ResizeToContents: an archive's long title took the whole width and pushed the
        # Rows column out of sight. The File column gets at most FILE_SHARE of the width
        # (the user may drag it), long titles are elided and shown whole in a tooltip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for s in self.summaries:
            top = QTreeWidgetItem([s.title, s.added])
            self.tree.addTopLevelItem(top)
            for f in s.files:
                item = QTreeWidgetItem([f.name, f.text])
                top.addChild(item)
                for line in f.skipped:
                    item.addChild(QTreeWidgetItem(["", line]))
            for w in s.warnings:
                top.addChild(QTreeWidgetItem(["warning", w]))
            for c in s.correspondents:
                label = NAMESAKE if c.namesake else CORRESPONDENT
                item = QTreeWidgetItem([label, c.text])
                item.setData(0, LABEL, label)
                item.setData(0, WHO, c.who)
                item.setData(0, LISTED, c.who)
                item.setData(1, WHO, c.name)
                top.addChild(item)
            top.setExpanded(True)
        for item in self._items():
            for column in (0, 1):
                item.setToolTip(column, item.text(column))
        self._fit_wide_enough()
        self._fit_file_column()
        self.tree.viewport().installEventFilter(self)
        heading.setBuddy(self.tree)
        copy = QPushButton("&Copy Report")
        copy.setToolTip("Copy the report as text, e.g. to keep it or to ask for help")
        copy.clicked.connect(self.copy)
        self.keep_button = QPushButton("&Keep as Contact")
        self.keep_button.setToolTip(
            "Make the selected correspondent a contact of your own: on your map, tied to "
            "the people they met or wrote with; private, never in an export (Edit › Undo)"
        )
        self.keep_button.setEnabled(False)
        self.keep_button.setVisible(self.has_correspondents())
        self.keep_button.clicked.connect(self._keep)
        self.attach_button = QPushButton("&Attach to Person…")
        self.attach_button.setToolTip(
            "Say who the selected correspondent is: their meetings and e-mails then count for "
            "that person, as do later imports (Edit › Undo)"
        )
        self.attach_button.setEnabled(False)
        self.attach_button.setVisible(self.has_correspondents())
        self.attach_button.clicked.connect(self._attach)
        self.tree.currentItemChanged.connect(lambda *_: self._update_keep())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.attach_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _chosen(self) -> QTreeWidgetItem | None:
        """The correspondent selected, while not yet kept."""
        item = self.tree.currentItem()
        if item is None or not isinstance(item.data(0, WHO), str):
            return None
        return item

    def _update_keep(self) -> None:
        chosen = self._chosen() is not None
        self.keep_button.setEnabled(chosen and self.keeping_refused is None)
        self.attach_button.setEnabled(chosen)

    def refuse_keeping(self, why: object) -> None:
        """`why` (services.evidence.keeping_refused; None: nothing refused): this database
        refuses a kept contact (a team server), so the button stays disabled and says why.
        Attach to Person… still works."""
        if not isinstance(why, str) or not why:
            return
        self.keeping_refused = why
        self.keep_button.setToolTip(f"Not on this database: {why[0].upper()}{why[1:]}.")
        self._update_keep()

    def _attach(self) -> None:
        item = self._chosen()
        if item is not None:
            self.attach_to.emit(str(item.data(0, WHO)), str(item.data(1, WHO)))

    def _keep(self) -> None:
        item = self._chosen()
        if item is not None:
            self.keep_contact.emit(str(item.data(0, WHO)), str(item.data(1, WHO)))

    def has_correspondents(self) -> bool:
        return any(s.correspondents for s in self.summaries)

    def still_listed(self, rows: object) -> None:
        """`rows`: everyone still unknown (services.evidence.strangers). A correspondent no
        longer among them was kept or attached since this report was made; one among them
        again (Edit › Undo) can be kept or attached again."""
        if not isinstance(rows, list):
            return
        self.checked = True
        listed = {r["who"] for r in rows if isinstance(r, dict)}
        for item in self._items():
            who = item.data(0, LISTED)
            if not isinstance(who, str):
                continue
            if who in listed and item.data(0, WHO) is None:
                item.setData(0, WHO, who)
                item.setText(0, str(item.data(0, LABEL)))
            elif who not in listed and item.data(0, WHO) is not None:
                item.setData(0, WHO, None)
                item.setText(0, "kept or attached since")
            item.setToolTip(0, item.text(0))
        self._update_keep()

    def mark_kept(self, who: str) -> None:
        """The window kept `who` as a contact: their row says so and can be kept no more."""
        self._mark(who, "kept as your contact")

    def mark_attached(self, who: str, name: str) -> None:
        """The window attached `who` to the person `name`: their row says so."""
        self._mark(who, f"attached to {name}")

    def _mark(self, who: str, text: str) -> None:
        for item in self._items():
            if item.data(0, WHO) == who:
                item.setData(0, WHO, None)
                item.setText(0, text)
                item.setToolTip(0, item.text(0))
        self._update_keep()

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _fit_wide_enough(self) -> None:
        """Wider than its first size where its texts need it (up to the screen): at 720
        pixels an archive's title and what it added were cut in the middle ("added 61
        people, 60 tie…ents")."""
        tree = self.tree
        files, rows = tree.sizeHintForColumn(0), tree.sizeHintForColumn(1)
        # The File column may take FILE_SHARE of the width at most: room for it there too.
        inner = max(files + rows, int(files / FILE_SHARE) + 1)
        frame = tree.frameWidth() * 2 + tree.verticalScrollBar().sizeHint().width() + 24
        wanted = inner + frame
        screen = self.screen().availableGeometry().width()
        if wanted > self.width():
            self.resize(min(wanted, screen), self.height())

    def _fit_file_column(self) -> None:
        self.tree.resizeColumnToContents(0)
        cap = int(self.tree.viewport().width() * FILE_SHARE)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), cap))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # On the list's own resize: the dialog's came before its layout gave the list its
        # new width, so the File column was capped by the width it had before.
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_file_column()
        return super().eventFilter(watched, event)

    def text(self) -> str:
        """The report as plain text (what Copy Report puts on the clipboard)."""
        lines: list[str] = []
        for s in self.summaries:
            lines.append(f"{s.title}; {s.added}" if s.added else s.title)
            for f in s.files:
                lines.append(f"  {f.name}: {f.text}")
                lines.extend(f"    {line}" for line in f.skipped)
            lines.extend(f"  warning: {w}" for w in s.warnings)
            lines.extend(
                f"  {NAMESAKE if c.namesake else CORRESPONDENT}: {c.text}" for c in s.correspondents
            )
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
