"""The menu bar as data (napari's qactions): every menu action's id, text, shortcut, menu,
handler and when it is enabled, in one list; `build_menus` lays them out.

A handler is a dotted name looked up on the window when the action is triggered
("importing.choose_import" is `window.importing.choose_import`), so the list stays plain
data and a controller can be replaced (in a test) after the menus are built. A `Section` is
a place the window fills itself: lists that change (Open Recent, the panels) or choices
bound to live objects (Undo, Colour By, Theme).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Shortcut = str | QKeySequence.StandardKey | None


@dataclass(frozen=True)
class MenuAction:
    id: str
    text: str
    menu: str  # a key of MENUS
    handler: str  # dotted name on the window; a checkable action's handler gets `checked`
    shortcut: Shortcut = None
    enabled_when: str | None = None  # a condition of `Actions.update` ("idle": no long job)
    role: QAction.MenuRole | None = None
    checkable: bool = False
    checked: str | bool = False  # a dotted name on the window (a setting) or a constant
    tip: str = ""


@dataclass(frozen=True)
class Section:
    """Filled by the window: `fill(menu)` adds its entries where the section stands."""

    id: str
    menu: str


@dataclass(frozen=True)
class Separator:
    menu: str


Entry = MenuAction | Section | Separator

MENUS = {"file": "&File", "edit": "&Edit", "view": "&View", "help": "&Help"}

_StdKey = QKeySequence.StandardKey
_Role = QAction.MenuRole

ENTRIES: tuple[Entry, ...] = (
    # File
    MenuAction(
        "import", "&Import…", "file", "importing.choose_import", "Ctrl+I",
        enabled_when="idle",
        tip="A LinkedIn archive (yours or a colleague's), a network file (GraphML, GEXF, edge "
        "list), or your own calendar, mailbox or address book",
    ),
    # Waits for a running job as Import does: a folder picked then would only be refused.
    MenuAction(
        "import_folder", "Import &Folder…", "file", "importing.choose_import_folder",
        enabled_when="idle",
    ),
    MenuAction("export", "&Export…", "file", "exporting.choose_export", "Ctrl+E"),
    MenuAction("sources", "&Sources…", "file", "dialogs.show_sources"),
    MenuAction("whats_new", "What's &New…", "file", "dialogs.show_whats_new"),
    Separator("file"),
    MenuAction("open", "&Open Database…", "file", "database.choose_database", _StdKey.Open),
    MenuAction("new", "&New Database…", "file", "database.choose_new_database", _StdKey.New),
    MenuAction("open_team", "Open &Team Database…", "file", "database.choose_team_database"),
    Section("recent", "file"),
    Separator("file"),
    MenuAction("quit", "&Quit", "file", "close", _StdKey.Quit, role=_Role.QuitRole),
    # Edit
    Section("undo", "edit"),
    Separator("edit"),
    # Keys that work anywhere in the window, listed where a newcomer looks for them.
    MenuAction("find", "&Find a Person…", "edit", "search_box.focus_search", _StdKey.Find),
    MenuAction(
        "log_contact", "&Log Contact", "edit", "selection.log_contact", "Ctrl+L",
        tip="You were in touch today: the row chosen in Follow-ups, else the person selected",
    ),
    Separator("edit"),
    MenuAction("duplicates", "Find &Duplicates…", "edit", "dialogs.show_duplicates"),
    # View
    # The map's own commands wait for a map ("people": the database has someone to show).
    MenuAction(
        "reset_view", "&Reset View", "view", "view.reset_view", "Ctrl+0", enabled_when="people"
    ),
    # New data keeps people where they were on the map; this lays it out afresh.
    MenuAction("relayout", "Re-&layout Map", "view", "document.relayout", enabled_when="people"),
    Section("colour_size", "view"),
    MenuAction(
        "rings", "Ring &Guides", "view", "map.set_rings_visible", checkable=True, checked=True
    ),
    MenuAction(
        "as_of", "&As of…", "view", "view.show_time_control", checkable=True,
        enabled_when="people", tip="Show the network as it was on a date, or replay its growth",
    ),
    Section("labels", "view"),
    Separator("view"),
    # The checkable entries show or hide a panel; Ctrl+1…6 only ever bring one forward.
    Section("panels", "view"),
    MenuAction("reset_layout", "Reset &Layout", "view", "docks.reset"),
    Separator("view"),
    Section("theme", "view"),
    MenuAction(
        "remind", "Remind Me &Daily", "view", "reminders.set_enabled", checkable=True,
        checked="settings.reminders",
        tip="A system notification once a day when follow-ups fall due",
    ),
    MenuAction("intro_wait", "Introduction &Wait…", "view", "view.ask_intro_wait"),
    # Help
    MenuAction(
        "archive_help", "How to Get Your LinkedIn Archive", "help", "dialogs.show_archive_help"
    ),
    MenuAction("about", "&About NetView", "help", "dialogs.show_about", role=_Role.AboutRole),
)  # fmt: skip


def resolve(root: object, dotted: str) -> Any:
    """`window.importing.choose_import` for "importing.choose_import"."""
    target = root
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


class Actions:
    """The QActions made from ENTRIES, by id; `update` enables them by condition."""

    def __init__(self) -> None:
        self.by_id: dict[str, QAction] = {}
        self.conditions: dict[str, str] = {}  # action id -> its enabled-when condition

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]

    def update(self, **conditions: bool) -> None:
        """`update(idle=False)`: actions enabled only when idle are disabled."""
        for action_id, condition in self.conditions.items():
            if condition in conditions:
                self.by_id[action_id].setEnabled(conditions[condition])


def make_action(window: QWidget, spec: MenuAction) -> QAction:
    action = QAction(spec.text, window)
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    if spec.role is not None:
        action.setMenuRole(spec.role)
    if spec.tip:
        action.setToolTip(spec.tip)
    if spec.checkable:
        action.setCheckable(True)
        checked = spec.checked
        action.setChecked(bool(resolve(window, checked) if isinstance(checked, str) else checked))
        action.toggled.connect(lambda on, h=spec.handler: resolve(window, h)(on))
    else:
        action.triggered.connect(lambda _=False, h=spec.handler: resolve(window, h)())
    return action


def build_menus(
    window: QWidget,
    bar: QMenuBar,
    sections: Mapping[str, Callable[[QMenu], object]],
    entries: Iterable[Entry] = ENTRIES,
) -> Actions:
    """The menu bar from `entries`; `sections[id](menu)` fills each section in place."""
    menus = {key: bar.addMenu(title) for key, title in MENUS.items()}
    actions = Actions()
    for entry in entries:
        menu = menus[entry.menu]
        if isinstance(entry, Separator):
            menu.addSeparator()
        elif isinstance(entry, Section):
            sections[entry.id](menu)
        else:
            action = make_action(window, entry)
            menu.addAction(action)
            actions.by_id[entry.id] = action
            if entry.enabled_when is not None:
                actions.conditions[entry.id] = entry.enabled_when
    return actions
