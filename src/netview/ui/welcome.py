"""The first-run view: how to get a LinkedIn archive, import it, or try the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ARCHIVE_HELP = """
<p>NetView reads the archive LinkedIn gives you of your own data. Nothing leaves this
computer.</p>
<ol>
<li>On LinkedIn, open <b>Settings &amp; Privacy → Data privacy → Get a copy of your data</b>.</li>
<li>Choose <b>Download larger data archive</b> (the Complete archive, with messages and
invitations), or pick <b>Connections</b> for a quick start.</li>
<li>LinkedIn emails you when it is ready: the <b>Basic</b> archive arrives within minutes,
the <b>Complete</b> one within a day.</li>
<li>Download the .zip and import it here — no need to unzip it. You can also drop it
onto this window.</li>
</ol>
<p>Import the archives of friends or colleagues who share theirs to see your 2nd and 3rd
degree. Add your own calendar (.ics), mailbox (mbox, .eml) and address book (.vcf, contacts
CSV) to see who among your connections know each other and when you last met: only their
headers are read, and they never appear in a file or picture you share.</p>
"""


class WelcomeView(QWidget):
    """Shown while the database holds nobody."""

    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1>Welcome to NetView</h1>")
        subtitle = QLabel("A private map of your professional network, from your LinkedIn data.")
        subtitle.setWordWrap(True)
        body = QLabel(ARCHIVE_HELP)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QPushButton("Import LinkedIn Archive…")
        self.import_button.setDefault(True)
        self.import_button.setMinimumHeight(34)
        self.demo_button = QPushButton("Open Demo Network")
        self.demo_button.setMinimumHeight(34)
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        for widget in (title, subtitle, body):
            column.addWidget(widget)
        column.addSpacing(8)
        column.addLayout(buttons)
        card = QWidget()
        card.setLayout(column)
        card.setMaximumWidth(620)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)


class LoadingView(QWidget):
    """Shown from the moment the window opens until the network is on screen, so a database
    that has a network never flashes the welcome view (nor a blank window) first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Opening your network…")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the map's load reports no fractions
        self.bar.setMaximumWidth(260)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Loading")
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.label)
        column.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
