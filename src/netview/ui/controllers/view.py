"""The View menu's map options (Colour By, Size By, Labels, the time control), the theme,
the panels' entries and the introduction wait."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from netview.services.changes import Changes
from netview.services.mapping.mapmodel import GROUPINGS, SIZE_MODES
from netview.ui import dock_buttons
from netview.ui.panels import InsightsPanel
from netview.ui.settings import THEMES
from netview.ui.theme import apply_theme

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow

LABELS = [("&Fewer", "fewer"), ("&Normal", "normal"), ("&More", "more")]


class ViewController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # None: community, or company beyond 20k people; View › Colour By is remembered.
        chosen = window.settings.colour_by or None
        self.grouping: str | None = chosen if chosen in GROUPINGS else None
        self.colour_actions: dict[Any, QAction] = {}
        self.theme_actions: dict[str, QAction] = {}

    def _choices(
        self, menu: QMenu, title: str, names: list[tuple[str, Any]], current: Any, slot: Any
    ) -> dict[Any, QAction]:
        """A submenu of exclusive choices; `slot(value)` when one is picked."""
        sub = menu.addMenu(title)
        group = QActionGroup(self)
        actions = {}
        for text, value in names:
            action = QAction(text, self.window, checkable=True, checked=value == current)
            action.triggered.connect(lambda _=False, v=value: slot(v))
            group.addAction(action)
            sub.addAction(action)
            actions[value] = action
        return actions

    def add_colour_size(self, menu: QMenu) -> None:
        groupings = [("&Automatic", None)] + [(g.capitalize(), g) for g in GROUPINGS]
        self.colour_actions = self._choices(
            menu, "&Colour By", groupings, self.grouping, self.regroup
        )
        sizes = [(m.capitalize(), m) for m in SIZE_MODES]
        self._choices(menu, "&Size By", sizes, "strength", self.window.map.set_size_by)

    def add_labels(self, menu: QMenu) -> None:
        self._choices(menu, "&Labels", LABELS, "normal", self.window.map.set_label_density)

    def add_panels(self, menu: QMenu) -> None:
        """Go to Panel (Ctrl+1…6 brings one forward), then one checkable entry per panel."""
        go_menu = menu.addMenu("&Go to Panel")
        for n, panel in enumerate(self.window.panels.values(), 1):
            menu.addAction(panel.toggleViewAction())
            go = go_menu.addAction(panel.TITLE)
            go.setShortcut(QKeySequence(f"Ctrl+{n}"))
            go.triggered.connect(lambda _=False, p=panel: p.present())

    def add_themes(self, menu: QMenu) -> None:
        theme_menu = menu.addMenu("&Theme")
        group = QActionGroup(self)
        for name in THEMES:
            action = QAction(name.capitalize(), self.window, checkable=True)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action

    def regroup(self, by: str | None) -> None:
        settings = self.window.settings
        self.grouping = by
        settings.colour_by = by or ""
        settings.colour_by_database = self.window.database.key
        self.window.document.regroup(by)

    def colour_for_database(self) -> None:
        """View › Colour By as chosen on this database; another one starts Automatic."""
        settings = self.window.settings
        chosen = settings.colour_by or None
        if settings.colour_by_database != self.window.database.key or chosen not in GROUPINGS:
            chosen = None
        self.grouping = chosen
        self.window.document.grouping = chosen
        action = self.colour_actions.get(chosen)
        if action is not None:
            action.setChecked(True)

    def set_theme(self, name: str) -> None:
        name = name if name in THEMES else "system"
        effective = apply_theme(name, self._follow_theme)  # "system" keeps following
        self._follow_theme(effective)
        self.theme_actions[name].setChecked(True)
        self.window.settings.theme = name

    def _follow_theme(self, effective: str) -> None:
        self.window.map.set_theme(effective)
        dock_buttons.tint(self.window.panels.values())  # Fusion's own are dark on dark

    def reset_view(self) -> None:
        """The whole map in view; a map that kept people where they were is laid out
        afresh too (as View > Re-layout Map)."""
        self.window.map.reset_view()
        if self.window.map.model.anchored:
            self.window.document.relayout()

    def show_time_control(self, shown: bool) -> None:
        """View > As of…: the slider above the map; hiding it shows the network as it is."""
        timebar = self.window.timebar
        timebar.setVisible(shown)
        if shown and timebar.timeline is None:
            why = "No connection dates known: nothing to replay"
            self.window.statusBar().showMessage(why, 8000)
        self.show_as_of(timebar.as_of() if shown else None)

    def show_as_of(self, day: int | None) -> None:
        """The map and the Insights growth chart show the same day."""
        self.window.map.set_as_of(day)
        insights = self.window.panels["insights"]
        assert isinstance(insights, InsightsPanel)
        insights.set_as_of(day)
        self.window.panels["person"].set_as_of(day)  # type: ignore[attr-defined]  # Details

    def ask_intro_wait(self) -> None:
        """View › Introduction Wait…: after how many days without an answer a request you
        sent is due a nudge (Follow-ups, the daily reminder)."""
        settings = self.window.settings
        days, ok = QInputDialog.getInt(
            self.window, "Introduction Wait",
            "Remind me of an introduction request with no answer after … days:",
            settings.intro_wait_days, 1, 365,
        )  # fmt: skip
        if ok and days != settings.intro_wait_days:
            settings.intro_wait_days = days
            self.window.changed(Changes.INTROS)  # who waits for an answer is counted anew
