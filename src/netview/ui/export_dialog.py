"""File > Export…: what to export (format, who) before choosing where."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from netview.io import formats

# (format, menu text, file filter), from the registry: the order users meet them in.
FORMATS: list[tuple[str, str, str]] = [
    (f.name, f.label, f"{f.label} (*{f.suffix})") for f in formats.exported()
]


@dataclass(frozen=True)
class ExportChoice:
    format: str
    degree: int | None
    group: str | None
    anonymize: bool

    @property
    def file_filter(self) -> str:
        return next(f for fmt, _, f in FORMATS if fmt == self.format)


class ExportDialog(QDialog):
    def __init__(self, groups: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.format = QComboBox()
        for fmt, text, _ in FORMATS:
            self.format.addItem(text, fmt)
        form.addRow("Export:", self.format)
        self.degree = QComboBox()
        for text, value in (
            ("Everyone", None),
            ("1st degree", 1),
            ("Up to 2nd degree", 2),
            ("Up to 3rd degree", 3),
        ):
            self.degree.addItem(text, value)
        form.addRow("People:", self.degree)
        self.group = QComboBox()
        self.group.addItem("All groups", None)
        for name in groups:
            self.group.addItem(name, name)
        form.addRow("Group:", self.group)
        self.anonymize = QCheckBox("Replace names, profiles, e-mails and companies with pseudonyms")
        form.addRow("", self.anonymize)
        note = QLabel(
            "People you marked private are never exported. Anonymised exports leave out "
            "messages and notes."
        )
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def set_choice(self, choice: ExportChoice) -> None:
        """Open as `choice` (the last export): a group since deleted leaves All groups."""
        for box, value in (
            (self.format, choice.format),
            (self.degree, choice.degree),
            (self.group, choice.group),
        ):
            index = box.findData(value)
            if index >= 0:
                box.setCurrentIndex(index)
        self.anonymize.setChecked(choice.anonymize)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            format=str(self.format.currentData()),
            degree=self.degree.currentData(),
            group=self.group.currentData(),
            anonymize=self.anonymize.isChecked(),
        )
