"""Who is selected and what the map shows for the panels: the person in Details, a path, the
groups switched off, one group filtered. The panels ask the window (panels/base.py `Host`),
which hands these methods on."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from netview.services.changes import Changes
from netview.ui.panels import FollowUpsPanel, GroupsPanel, PathsPanel

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow


class SelectionController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.current_key: str | None = None  # the person Details shows
        self.hidden_keys: set[str] = set()
        self.shown_path: list[str] = []

    def log_contact(self) -> None:
        """Edit › Log Contact (Ctrl+L): Follow-ups says with whom, or whom to choose."""
        followups = self.window.panels["followups"]
        assert isinstance(followups, FollowUpsPanel)
        followups.log_contact_shortcut()

    def person_from_map(self, key: str) -> None:
        if key:
            self.current_key = key
            self.window.person_chosen.emit(key)

    def select_person(self, key: str, *, raise_details: bool = True) -> None:
        """Show a person in the details panel and on the map (from any panel).

        `raise_details=False` while the user walks a list with the arrow keys: Details
        follows without being brought to the front over the list they are walking.
        """
        self.current_key = key
        self.window.map.select_key(key)
        self.window.person_chosen.emit(key)
        if raise_details:
            self.window.panels["person"].raise_()

    def forget_gone(self, changes: Changes) -> None:
        """After a change of people: a selected person deleted, or forgotten with a source."""
        if not changes & Changes.PEOPLE or self.current_key is None:
            return
        ln = self.window.network
        if ln is None or self.current_key not in ln.net.index_of_key:
            self.current_key = None

    def show_again(self) -> None:
        """A reload (e.g. after a group edit) keeps who is selected and the path shown."""
        if self.current_key:
            self.window.map.select_key(self.current_key, centre=False)
        if self.shown_path:
            self.window.map.show_path(self.shown_path)

    def find_paths_to(self, key: str) -> None:
        """Show the Introductions panel with the paths to `key`."""
        paths = self.window.panels["paths"]
        assert isinstance(paths, PathsPanel)
        paths.show()
        paths.raise_()
        paths.choose_target(key)

    def selected_keys(self) -> list[str]:
        """The people selected on the map (or the one shown in the details panel)."""
        keys = list(self.window.map.selected_keys())
        if keys:
            return keys
        return [self.current_key] if self.current_key else []

    def show_path_on_map(self, keys: list[str]) -> None:
        self.shown_path = list(keys)
        self.window.map.show_path(list(keys))

    def clear_path_on_map(self) -> None:
        self.shown_path = []
        self.window.map.clear_path()

    def set_hidden_keys(self, keys: set[str]) -> None:
        """People of the groups the user switched off in the groups panel."""
        self.hidden_keys = set(keys)
        self.window.map.set_hidden_keys(set(keys))

    def can_hide_on_map(self) -> bool:
        return True  # the map hides people by key

    def map_grouped_by(self, kind: str) -> bool:
        """Whether the map is coloured by this kind of group (own groups: "group")."""
        model = self.window.map.model
        return bool(len(model)) and model.grouping == ("group" if kind == "user" else kind)

    def groups_follow_filter(self) -> None:
        groups = self.window.panels.get("groups")
        if isinstance(groups, GroupsPanel):
            groups.reflect_map_filter(self.window.map.model.grouping, self.window.map.filters.group)

    def show_only_group(self, kind: str, name: str) -> bool:
        """Filter the map to one group of its current colouring; empty `name`: all groups."""
        window = self.window
        if name and not self.map_grouped_by(kind):
            window.statusBar().showMessage(
                f"Colour the map by {kind} (View › Colour By) to show one of these groups", 8000
            )
            return False
        combo = window.filter_bar.group
        i = combo.findText(name) if name else 0
        if i >= 0:
            combo.setCurrentIndex(i)  # the filter bar applies it and shows the choice
        else:  # a small group beyond the ones the combo lists
            window.map.set_filters(replace(window.map.filters, group=name or None))
        return True

    def open_url(self, url: str) -> bool:
        """Open a profile in the user's browser (the app itself makes no network access)."""
        return bool(QDesktopServices.openUrl(QUrl(url)))
