"""Introduction paths: choose someone (or a company), see who can introduce you, and a
draft request to copy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netview.core.errors import NetViewError
from netview.services.changes import Changes
from netview.services.identity.matcher import NameIndex
from netview.services.introductions import drafts as intro
from netview.services.introductions.paths import AmbiguousTarget, find_paths, resolve_target
from netview.services.network import LoadedNetwork
from netview.services.wording import degree_words
from netview.services.workspace import Database
from netview.ui import commands
from netview.ui.glyphs import shown_name
from netview.ui.panels.base import Panel
from netview.ui.panels.flow import flow_row
from netview.ui.panels.intro_requests import IntroRequestsBox, intro_wait_days

SUGGESTIONS = 10
HELP = (
    "Type a name, a LinkedIn profile URL, or company:NAME and press Enter — or click "
    "someone on the map and press “Use Selected”."
)


@dataclass(frozen=True)
class ShownPath:
    keys: list[str]
    names: list[str]
    score: float
    why: list[str]
    draft: str | None


@dataclass(frozen=True)
class PathsData:
    label: str
    paths: list[ShownPath]
    candidates: list[tuple[str, str, int, str]]  # name, key, degree, role: when ambiguous
    error: str = ""
    # Team databases: each teammate's best path (after yours in the list).
    teammates: list[ShownPath] = field(default_factory=list)

    @property
    def rows(self) -> list[ShownPath]:
        return self.paths + self.teammates


def _search(db: Database, ln: LoadedNetwork, query: str, k: int) -> PathsData:
    try:
        target = resolve_target(db, ln, query)
    except AmbiguousTarget as e:
        # People sharing a name are told apart by what they do, not by their keys.
        net = ln.net
        found = []
        for name, key, degree in e.candidates:
            i = net.index_of_key.get(key)
            role = "" if i is None else _role(net.positions[i], net.companies[i])
            found.append((name, key, degree, role))
        return PathsData(query, [], found)
    except NetViewError as e:
        return PathsData(query, [], [], str(e))
    result = find_paths(ln, target, k)
    net = ln.net
    shown = []
    for p in result.paths:
        hops = list(zip(p.nodes[:-1], p.nodes[1:], strict=True))
        shown.append(
            ShownPath(
                [net.keys[i] for i in p.nodes],
                [ln.display_name(i) for i in p.nodes],
                p.score,
                [ln.hop_sentence(i, j, score=False) for i, j in hops],
                intro.draft_request(db, ln, p),
            )
        )
    return PathsData(target.label, shown, [], teammates=_via_teammates(db, ln, target.people))


def _via_teammates(db: Database, ln: LoadedNetwork, targets: list[int]) -> list[ShownPath]:
    from netview.services.team import server as team

    shown = []
    for member, p in team.teammate_paths(ln, team.members(db), targets):
        hops = list(zip(p.nodes[:-1], p.nodes[1:], strict=True))
        who = member.name or member.key
        shown.append(
            ShownPath(
                [ln.net.keys[i] for i in p.nodes],
                [ln.display_name(i) for i in p.nodes],
                p.score,
                [ln.hop_sentence(i, j, score=False) for i, j in hops],
                f"Ask {who}, your teammate: their path is "
                + " → ".join(ln.display_name(i) for i in p.nodes)
                + ".",
            )
        )
    return shown


class PathsPanel(Panel):
    TITLE = "Introductions"
    NAME = "paths"
    DEPENDS = Changes.PEOPLE | Changes.TIES | Changes.INTROS
    TOP = 5

    def _document_changed(self, changes: Changes) -> None:
        if changes & (Changes.PEOPLE | Changes.TIES):
            super()._document_changed(changes)
        elif changes & Changes.INTROS:
            self.requests.reload()  # the paths shown stay as they are

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Who do you want to meet?")
        self.query.setAccessibleName("Who do you want to meet")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        # Suggestions come from the one name matcher (as Ctrl+F's): the model holds its
        # matches, shown as they are.
        self.names: list[str] = []
        self.names_index: NameIndex | None = None
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated.connect(lambda text: self.search(text))
        self.query.setCompleter(self.completer)
        self.query.textEdited.connect(self._suggest)
        self.find_button = QPushButton("Find Paths")
        self.find_button.clicked.connect(lambda: self.search())
        self.use_selected = QPushButton("Use Selected")
        self.use_selected.setToolTip("Find paths to the person selected on the map")
        self.use_selected.clicked.connect(self.search_selected)
        lay.addWidget(self.query)
        lay.addWidget(flow_row(self.find_button, self.use_selected))
        self.status = QLabel(HELP)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Vertical)
        self.paths = QListWidget()
        self.paths.setWordWrap(True)
        self.paths.setAccessibleName("Introduction paths, best first")
        self.paths.currentRowChanged.connect(self._path_chosen)
        self.paths.itemActivated.connect(self._candidate_chosen)
        # One line per hop; activating one selects that person everywhere (map, Details).
        self.why = QListWidget()
        self.why.setWordWrap(True)
        self.why.setAccessibleName("Hops of the chosen path")
        self.why.setToolTip("Double-click or press Enter on a hop to see that person's details")
        self.why.itemActivated.connect(self._hop_chosen)
        draft_box = QWidget()
        dl = QVBoxLayout(draft_box)
        dl.setContentsMargins(0, 0, 0, 0)
        self.draft = QPlainTextEdit()
        self.draft.setPlaceholderText("The draft introduction request appears here.")
        self.draft.setAccessibleName("Draft introduction request")
        self.draft.setTabChangesFocus(True)
        self.copy_button = QPushButton("Copy Message")
        self.copy_button.setToolTip("Copy the request, as edited, to the clipboard")
        self.copy_button.clicked.connect(self.copy_draft)
        self.ask_button = QPushButton("Ask for This Introduction")
        self.ask_button.setToolTip(
            "Record that you sent this request (copy it first): Follow-ups reminds you when "
            "no answer comes"
        )
        self.ask_button.clicked.connect(self.ask)
        dl.addWidget(self.draft)
        # A flowing row: in a narrow dock the second button wraps under the first.
        dl.addWidget(flow_row(self.copy_button, self.ask_button))
        self.requests = IntroRequestsBox(self.host, lambda: intro_wait_days(self.host))
        for w in (self.paths, self.why, draft_box, self.requests):
            split.addWidget(w)
        # Shown with the first result: before it, three empty boxes said nothing (the help
        # text above says what to do).
        self.results = (self.paths, self.why, draft_box)
        for w in self.results:
            w.hide()
        split.setSizes([160, 100, 200, 160])
        lay.addWidget(split, 1)
        self.data: PathsData | None = None
        self._draft_enabled(False)

    def _suggest(self, text: str) -> None:
        if text.strip().casefold().startswith("company:") or "/" in text:
            self.suggestions.setStringList([])
            return
        if self.names_index is None:
            self.names_index = NameIndex(self.names)
        hits = self.names_index.find(text, limit=SUGGESTIONS)
        self.suggestions.setStringList([self.names[i] for i, _score in hits])
        if hits and self.query.hasFocus():
            self.completer.complete()

    # --- data --------------------------------------------------------------------------

    def network_changed(self, ln: LoadedNetwork | None) -> None:
        if ln is None:
            super().network_changed(ln)
            return
        self.names = sorted({n for i, n in enumerate(ln.net.names) if n and i != ln.net.owner})
        self.names_index = None  # built on the first keystroke
        self.show_body()
        self.requests.reload()
        if self.data is not None and self.query.text().strip():
            self.search()  # the network changed under the shown paths: recompute them
        else:
            self.updated.emit()

    def search(self, text: str | None = None) -> None:
        if text is not None:
            self.query.setText(text)
        query = self.query.text().strip()
        db, ln = self.host.db, self.host.network
        if not query:
            self.status.setText(HELP)  # nothing typed: what to type, not the last result
            return
        if db is None or ln is None:
            return
        self.status.setText(f"Looking for paths to {query}…")
        self.host.read(self.NAME, _search, db, ln, query, self.TOP, on_result=self._loaded)

    def search_selected(self) -> None:
        keys = self.host.selected_keys()
        if keys:
            self.search(keys[0])
        else:
            self.status.setText("Nobody is selected: click someone on the map first.")

    def choose_target(self, key: str) -> None:
        """Find paths to a person chosen elsewhere (the map, the details panel)."""
        self.search(key)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, PathsData)
        self.data = data
        for w in self.results:
            w.show()
        self.paths.blockSignals(True)
        self.paths.clear()
        self.paths.blockSignals(False)
        self.why.clear()
        self.draft.clear()
        self._draft_enabled(False)
        self.host.clear_path_on_map()
        if data.error:
            self.status.setText(data.error)
        elif data.candidates:
            self.status.setText(f"Several people match “{data.label}”: choose one.")
            for name, key, degree, role in data.candidates:
                name = shown_name(name, key)
                text = "  ·  ".join(
                    x for x in (name, role or "role unknown", degree_words(degree)) if x
                )
                item = QListWidgetItem(text)
                item.setToolTip(key)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.paths.addItem(item)
        elif not data.paths and data.teammates:
            self.status.setText(f"No path of yours to {data.label}; teammates have some:")
        elif not data.paths:
            self.status.setText(f"No path to {data.label}: nobody you know is connected to them.")
        else:
            n = len(data.paths)
            self.status.setText(f"{n} path{'s' if n != 1 else ''} to {data.label}, best first")
            for rank, p in enumerate(data.paths, 1):
                names = " → ".join(map(shown_name, p.names, p.keys))
                self.paths.addItem(f"{rank}. {names}")  # the rank says how good it is
        if data.teammates and not data.error and not data.candidates:
            for p in data.teammates:
                names = " → ".join(map(shown_name, p.names, p.keys))
                self.paths.addItem(f"via teammates: {names}")
        if data.rows and not data.error and not data.candidates:
            self.paths.setCurrentRow(0)
        self.show_body()

    def _path_chosen(self, row: int) -> None:
        data = self.data
        if data is None or data.candidates or not (0 <= row < len(data.rows)):
            return
        p = data.rows[row]
        for sentence, key in zip(p.why, p.keys[1:], strict=True):
            item = QListWidgetItem(sentence)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.why.addItem(item)
        self.draft.setPlainText(p.draft or "You are connected directly: no introduction needed.")
        self._draft_enabled(p.draft is not None)
        self.host.show_path_on_map(p.keys)

    def _hop_chosen(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str):
            self.host.select_person(key)

    def _candidate_chosen(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str):
            self.search(key)

    def _draft_enabled(self, on: bool) -> None:
        self.draft.setEnabled(on)
        self.copy_button.setEnabled(on)
        row = self.paths.currentRow()
        # Only a path of yours: a teammate's path starts with the teammate, not you.
        own = self.data is not None and 0 <= row < len(self.data.paths)
        self.ask_button.setEnabled(on and own)

    def ask(self) -> None:
        """Record the request along the chosen path: to its target, through its first hop,
        with the draft as edited, today."""
        data, ln = self.data, self.host.network
        row = self.paths.currentRow()
        if data is None or ln is None or not (0 <= row < len(data.paths)):
            return
        p = data.paths[row]
        if len(p.keys) < 3:
            return
        via, target = ln.net.index_of_key.get(p.keys[1]), ln.net.index_of_key.get(p.keys[-1])
        if via is None or target is None:
            return
        draft = self.draft.toPlainText()
        self.host.push(
            commands.ask_intro(
                self.host, int(ln.net.ids[target]), int(ln.net.ids[via]), draft, date.today()
            )
        )
        self.status.setText(
            f"Recorded: you asked {p.names[1]} to introduce you to {p.names[-1]}. Follow-ups "
            f"reminds you if no answer comes within {intro_wait_days(self.host)} days."
        )

    def copy_draft(self) -> None:
        QGuiApplication.clipboard().setText(self.draft.toPlainText())
        self.status.setText("Message copied: paste it into LinkedIn or your mail.")


def _role(position: str | None, company: str | None) -> str:
    """'Engineer at Acme', or whichever of the two is known."""
    return " at ".join(x for x in (position, company) if x)
