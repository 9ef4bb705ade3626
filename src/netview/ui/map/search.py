"""The map's search box: fuzzy find a name, Enter flies the map to the best match."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from netview.ui.glyphs import shown_name
from netview.ui.map.widget import MapWidget

SUGGESTIONS = 10


class MapSearch(QLineEdit):
    """A line edit with name suggestions (rapidfuzz, typos forgiven) over the map's people.

    Edit › Find a Person… (Ctrl+F, the platform's Find key) focuses it; Enter or choosing a
    suggestion selects that person and flies the map to them (`found(index)`).
    """

    found = Signal(int)
    not_found = Signal(str)  # what was typed, when Enter finds nobody (the status bar says so)

    def __init__(self, map_widget: MapWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = map_widget
        self.setPlaceholderText("Find a person…  (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(240)
        self._names = QStringListModel(self)
        self._hits: list[int] = []
        self._picked: int | None = None
        self._shown: int | None = None  # the person whose name the box holds after a search
        # Another person selected (map, panel): the old name would say the wrong one.
        map_widget.selection_changed.connect(self._selection_changed)
        completer = QCompleter(self._names, self)
        # The model already holds the fuzzy matches: show them all, in our order.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The stubs declare signals unindexable; the text overload is the one wanted here.
        completer.activated[str].connect(self._chosen)  # type: ignore[index]
        self.setCompleter(completer)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh_suggestions)
        self.textEdited.connect(lambda _text: self._debounce.start())
        self.returnPressed.connect(self.go)

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def matches(self, text: str) -> list[int]:
        return self.map.model.search(text, limit=SUGGESTIONS)

    def refresh_suggestions(self) -> None:
        self._hits = self.matches(self.text())
        m = self.map.model
        # Names as the fonts can draw them: no tofu boxes in the suggestions.
        entries = [_entry(shown_name(m.names[i], m.keys[i]), m.companies[i]) for i in self._hits]
        self._names.setStringList(entries)
        if self._hits and self.hasFocus():
            self.completer().complete()

    def _chosen(self, entry: str) -> None:
        entries = self._names.stringList()
        if entry in entries:
            self._picked = self._hits[entries.index(entry)]
            self.fly(self._picked)

    def go(self) -> int | None:
        """Enter: the best match of the text, or None when nobody matches."""
        picked, self._picked = self._picked, None
        if picked is not None:  # Enter on a suggestion: it flew there already
            return picked
        hits = self.matches(self.text())
        if not hits:
            if self.text().strip():  # Enter did nothing at all: say why
                self.not_found.emit(self.text().strip())
            return None
        self.fly(hits[0])
        return hits[0]

    def fly(self, index: int) -> None:
        self._shown = index
        self.map.fly_to(index)
        self.setText(shown_name(self.map.model.names[index], self.map.model.keys[index]))
        self.found.emit(index)

    def _selection_changed(self) -> None:
        if self._shown is not None and self.map.selected != self._shown:
            self._shown = None
            self.clear()


def _entry(name: str, company: str) -> str:
    return f"{name} — {company}" if company else name
