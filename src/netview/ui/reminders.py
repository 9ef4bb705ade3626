"""Reminders that reach you: a one-line digest in the status bar (click: Follow-ups) and,
while the app runs, minimised too, a system notification when follow-ups or introductions
fall due: one summary a day, never a flood; View > Remind Me Daily turns it off.

The notification goes through Qt's system tray icon where the desktop has a tray; where it
has none, the window asks for attention (a flashing task bar entry) and the digest stays.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QSystemTrayIcon

from netview.services.followups.reminders import DueToday, due_today
from netview.ui.panels.intro_requests import intro_wait_days

log = logging.getLogger(__name__)

CHECK_MS = 15 * 60 * 1000  # a due date passes at midnight; a quarter hour late is soon enough


class Reminders(QObject):
    notified = Signal(str, str)  # a notification given: title, body

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.today = date.today  # tests move the day
        self.due = DueToday([], [])
        self.digest = QPushButton()
        self.digest.setFlat(True)
        self.digest.setAccessibleName("Due today: open Follow-ups")
        self.digest.setToolTip("Open Follow-ups")
        self.digest.clicked.connect(self.open_followups)
        self.digest.hide()
        window.statusBar().addPermanentWidget(self.digest)
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def refresh(self, *_: object) -> None:
        """The database changed (or was opened): count again, off the UI thread."""
        db = self.window.db
        if db is None:
            self.show_due(DueToday([], []))
            return
        wait = intro_wait_days(self.window)
        self.window.read("reminders", due_today, db, self.today(), wait, on_result=self.show_due)

    def check(self) -> None:
        self.refresh()

    def show_due(self, due: DueToday) -> None:
        self.due = due
        text = due.text()
        self.digest.setText(text)
        self.digest.setVisible(bool(text))
        if due.any:  # the digest stays in its corner: it never hides an edit's feedback
            self.notify(due)

    def notify(self, due: DueToday) -> None:
        """One summary a day, when something is due and the setting is on."""
        day = self.today().isoformat()
        if not self.settings.reminders or self.settings.reminded_on == day:
            return
        self.settings.reminded_on = day
        title, body = f"NetView: {due.text()}", due.details()
        tray = self._tray()
        if tray is not None:
            tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            QApplication.alert(self.window)
        log.info("reminder: %s", title)
        self.notified.emit(title, body)

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = QIcon(
                    self.window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                )
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("NetView")
            self.tray.messageClicked.connect(self.open_followups)
            self.tray.activated.connect(lambda *_: self.open_followups())
            self.tray.show()
        return self.tray

    def set_enabled(self, on: bool) -> None:
        self.settings.reminders = on
        if on:
            self.refresh()

    def open_followups(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        panel = self.window.panels.get("followups")
        if panel is not None:
            panel.present()
