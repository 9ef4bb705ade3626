"""File > Open Team Database…: a team's PostgreSQL database, the password kept in the
operating system's keyring (never in the settings file).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from sqlalchemy import URL, make_url

from netview.services.workspace import is_server, keyring_passwords, set_password_lookup

log = logging.getLogger(__name__)

TLS_MODES = ("prefer", "require", "verify-full", "disable")
# Passwords typed this session without "remember": in memory only, gone when the app quits.
_session_passwords: dict[str, str] = {}


def typed_password(url: URL) -> str | None:
    """A password typed in this run for `url`; the keyring and libpq's own sources are
    asked by the store when there is none (netview.store.passwords)."""
    return _session_passwords.get(keyring_passwords.account(url))


def keep_password(url: URL, password: str, remember: bool) -> str | None:
    """Keep the password for this session, and in the keyring when asked; a message when the
    keyring cannot keep it."""
    _session_passwords[keyring_passwords.account(url)] = password
    if remember and not keyring_passwords.set_password(url, password):
        return (
            "This system has no keyring NetView can use, so the password is kept for this "
            "session only. To remember it, add it to libpq's password file (~/.pgpass)."
        )
    return None


def install_password_lookup() -> None:
    set_password_lookup(typed_password)


class TeamDatabaseDialog(QDialog):
    """Host, port, database, login, TLS mode and password of a team database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Team Database")
        form = QFormLayout(self)
        form.addRow(
            QLabel("Your team's PostgreSQL server. The password stays in your system's keyring.")
        )
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("netview")
        self.login = QLineEdit()
        self.tls = QComboBox()
        self.tls.addItems(TLS_MODES)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Remember the password in the system keyring")
        self.remember.setChecked(True)
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&Login:", self.login)
        form.addRow("&TLS:", self.tls)
        form.addRow("Pass&word:", self.password)
        form.addRow(self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Open)
        for field in (self.host, self.database, self.login):
            field.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        filled = all(f.text().strip() for f in (self.host, self.database, self.login))
        self.ok.setEnabled(filled)

    def url(self) -> URL:
        """The database's URL, without the password."""
        query = {} if self.tls.currentText() == "prefer" else {"sslmode": self.tls.currentText()}
        return URL.create(
            "postgresql+psycopg",
            username=self.login.text().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            query=query,
        )

    def fill_from(self, url: str) -> None:
        """Start from a team database opened before (the last one, say)."""
        parsed = make_url(url)
        self.host.setText(parsed.host or "localhost")
        self.port.setValue(parsed.port or 5432)
        self.database.setText(parsed.database or "")
        self.login.setText(parsed.username or "")
        mode = parsed.query.get("sslmode", "prefer")
        self.tls.setCurrentText(mode if isinstance(mode, str) else "prefer")


def ask_team_database(parent: Any, last: str | None = None) -> str | None:
    """Run the dialog; the URL to open (no password in it), or None when cancelled."""
    dialog = TeamDatabaseDialog(parent)
    if last and is_server(last):
        dialog.fill_from(last)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    url = dialog.url()
    if dialog.password.text():
        problem = keep_password(url, dialog.password.text(), dialog.remember.isChecked())
        if problem and parent is not None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(parent, "Open Team Database", problem)
    return url.render_as_string(hide_password=False)
