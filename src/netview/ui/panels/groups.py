"""Groups: the automatic ones (company, function, …) and your own, with sizes and colours;
tick a group off to hide its people on the map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import Changes
from netview.services.network import LoadedNetwork
from netview.services.people import groups as gs
from netview.services.workspace import Database
from netview.ui import commands
from netview.ui.glyphs import group_text
from netview.ui.panels.base import Panel, fit_columns
from netview.ui.panels.flow import flow_row

KIND_TITLES = {
    "user": "Your groups",
    "company": "Company",
    "function": "Function",
    "seniority": "Seniority",
    "community": "Community",
    "source": "Came from",
    "year": "Connected in",
}
SHOWN_KINDS = ("company", "function", "seniority", "community", "year")
NO_OWN_GROUPS = "No groups of your own yet: select people on the map and press New Group."
PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6")
ROLE = Qt.ItemDataRole.UserRole
# A big network has thousands of companies: the tree lists the largest groups of each kind.
MAX_PER_KIND = 200


@dataclass(frozen=True)
class GroupsData:
    groups: list[gs.GroupInfo]
    # (kind, name) -> profile keys of its members: what hiding a group hides
    members: dict[tuple[str, str], list[str]] = field(default_factory=dict)


# The map's communities: (person keys, group number per person, labels), when it shows them.
Communities = tuple[list[str], list[int], list[str]]


def _load(db: Database, ln: LoadedNetwork, communities: Communities | None = None) -> GroupsData:
    """Automatic and own groups with their members.

    Communities are taken from the map when it shows them, else computed here (Leiden, about
    a second on 100,000 people).
    """
    net = ln.net
    kinds = tuple(k for k in SHOWN_KINDS if k != "community")
    if communities is None:
        kinds = SHOWN_KINDS
    groups = gs.list_groups(db, ln, kinds)
    members: dict[tuple[str, str], list[str]] = {}
    for kind in kinds:
        index, labels = gs.automatic(db, ln, kind)
        for i, g in enumerate(index.tolist()):
            if g >= 0:
                members.setdefault((kind, labels[g]), []).append(net.keys[i])
    if communities is not None:
        keys, numbers, labels = communities
        for key, g in zip(keys, numbers, strict=True):
            if g >= 0 and key in net.index_of_key:
                members.setdefault(("community", labels[g]), []).append(key)
        found = sorted((k for k in members if k[0] == "community"), key=lambda k: -len(members[k]))
        groups += [gs.GroupInfo("community", name, len(members[(kind, name)]))
                   for kind, name in found]  # fmt: skip
    for g in groups:
        if g.kind == "user":
            members[("user", g.name)] = [
                net.keys[idx]
                for pid in gs.members(db, g.name)
                if (idx := net.index_of_id.get(pid)) is not None
            ]
    return GroupsData(groups, members)


def swatch(color: str | None) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color) if color else QColor("#9e9e9e"))
    return QIcon(pixmap)


class GroupsPanel(Panel):
    TITLE = "Groups"
    NAME = "groups"
    DEPENDS = Changes.PEOPLE | Changes.TIES | Changes.GROUPS | Changes.SOURCES  # "came from" groups

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Group", "People"])
        self.tree.setAccessibleName("Groups")
        fit_columns(self.tree)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemChanged.connect(self._visibility_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemDoubleClicked.connect(lambda *_: self.show_only_current())
        self.tree.itemActivated.connect(lambda *_: self.show_only_current())  # Enter, too
        lay.addWidget(self.tree)
        # Below the list, wrapped: a row of the tree cut it to "select peo…" in a dock as
        # narrow as a 1280-pixel window gives it.
        self.no_own_groups = QLabel(NO_OWN_GROUPS)
        self.no_own_groups.setWordWrap(True)
        self.no_own_groups.setEnabled(False)  # in the theme's grey, as empty states are
        self.no_own_groups.hide()
        lay.addWidget(self.no_own_groups)
        self.new_button = QPushButton("New Group…")
        self.new_button.setToolTip("Make a group of the people selected on the map")
        self.new_button.clicked.connect(self.ask_new_group)
        self.add_button = QPushButton("Add Selected")
        self.add_button.setToolTip("Add the people selected on the map to this group")
        self.add_button.clicked.connect(lambda: self.change_selected(add=True))
        self.remove_button = QPushButton("Remove Selected")
        self.remove_button.clicked.connect(lambda: self.change_selected(add=False))
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction("Rename…", self.ask_rename)
        more.addAction("Colour…", self.ask_color)
        more.addAction("Keep-in-touch Cadence…", self.ask_cadence)
        more.addSeparator()
        more.addAction("Delete Group", self.delete_current)
        self.more_button.setMenu(more)
        lay.addWidget(
            flow_row(self.new_button, self.add_button, self.remove_button, self.more_button)
        )
        self.data = GroupsData([])
        self.hidden: set[tuple[str, str]] = set()
        # The map's group filter (kind, name): its kind's other groups are not ticked.
        self.map_filter: tuple[str, str] | None = None
        # The map's number of each group it colours (name -> N): a group whose name no
        # installed font draws is "Group N" on the map, and so here.
        self.map_numbers: dict[str, int] = {}
        self._enable()

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        return _load(db, ln)

    def reload(self) -> None:
        db, ln = self.host.db, self.host.network
        if db is None or ln is None:
            return
        model = getattr(self.host, "model", None)
        communities: Communities | None = None
        if model is not None and getattr(model, "grouping", "") == "community" and len(model):
            # Copied here, on the UI thread: the worker must not read the live map model.
            communities = (list(model.keys), model.raw_group.tolist(), list(model.raw_labels))
        names = list(getattr(model, "group_names", []) or [])
        self.map_numbers = {name: i + 1 for i, name in enumerate(names)}
        self.host.read(self.NAME, _load, db, ln, communities, on_result=self._loaded)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, GroupsData)
        self.data = data
        self.hidden &= set(data.members) | {(g.kind, g.name) for g in data.groups}
        current = self.current_group()
        self.tree.blockSignals(True)
        self.tree.clear()
        tops: dict[str, QTreeWidgetItem] = {}
        for kind in ("user", *SHOWN_KINDS):
            top = QTreeWidgetItem([KIND_TITLES[kind], ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            tops[kind] = top
        per_kind: dict[str, int] = {}
        # Ticking groups off needs the map to hide people by key; without it a double-click
        # shows one group alone (the map's group filter).
        can_hide = self.host.can_hide_on_map()
        for g in data.groups:
            per_kind[g.kind] = per_kind.get(g.kind, 0) + 1
            if g.kind != "user" and per_kind[g.kind] > MAX_PER_KIND:
                continue
            item = QTreeWidgetItem([self._shown(g, per_kind[g.kind]), f"{g.size:,}"])
            item.setData(0, ROLE, g)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if can_hide:
                item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                hidden = (g.kind, g.name) in self.hidden
                state = Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked
                item.setCheckState(0, state)
                item.setToolTip(0, "Untick to hide these people on the map")
            else:
                item.setFlags(flags)
                item.setToolTip(0, "Double-click to show only this group on the map")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            if g.kind == "user":
                item.setIcon(0, swatch(g.color))
            tops[g.kind].addChild(item)
            if current is not None and (g.kind, g.name) == (current.kind, current.name):
                self.tree.setCurrentItem(item)
        self.no_own_groups.setVisible(tops["user"].childCount() == 0)
        for kind, top in tops.items():
            more = per_kind.get(kind, 0) - MAX_PER_KIND
            if kind != "user" and more > 0:
                rest = QTreeWidgetItem([f"… and {more:,} smaller groups"])
                rest.setFlags(Qt.ItemFlag.NoItemFlags)
                top.addChild(rest)
                rest.setFirstColumnSpanned(True)
            top.setText(0, f"{KIND_TITLES[kind]} ({per_kind.get(kind, 0):,})")
            top.setExpanded(kind == "user")
        self.tree.blockSignals(False)
        self._apply_checks()
        self.tree.resizeColumnToContents(1)
        self.show_body()
        self._enable()

    # --- reading the tree --------------------------------------------------------------

    def own_groups(self) -> list[gs.GroupInfo]:
        return [g for g in self.data.groups if g.kind == "user"]

    def current_group(self) -> gs.GroupInfo | None:
        item = self.tree.currentItem()
        g = item.data(0, ROLE) if item else None
        return g if isinstance(g, gs.GroupInfo) else None

    def current_own_group(self) -> gs.GroupInfo | None:
        g = self.current_group()
        return g if g is not None and g.kind == "user" else None

    def _shown(self, g: gs.GroupInfo, place: int) -> str:
        """A group's name as the map draws it (ui.glyphs.group_text); when nothing of it
        can be drawn, "Group N" with the map's N (else its place in this list)."""
        text = group_text(g.name, self.tree.font())
        if text:
            return text
        if g.kind == "user":
            return g.name  # your own name for it: shown as typed
        return f"Group {self.map_numbers.get(g.name, place)}"

    def item_of(self, kind: str, name: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                g = child.data(0, ROLE) if child is not None else None
                if isinstance(g, gs.GroupInfo) and (g.kind, g.name) == (kind, name):
                    return child
        return None

    def _enable(self) -> None:
        own = self.current_own_group() is not None
        self.more_button.setEnabled(own)
        # Add and Remove Selected need someone selected too: without, they did nothing.
        someone = own and bool(self.host.selected_keys())
        for w in (self.add_button, self.remove_button):
            w.setEnabled(someone)

    def selection_changed(self) -> None:
        """Someone was selected on the map or shown in Details (or nobody now)."""
        self._enable()

    # --- showing and hiding on the map -------------------------------------------------

    def reflect_map_filter(self, grouping: str, group: str | None) -> None:
        """The map shows one group alone (or all again): the ticks say who is shown."""
        kind = "user" if grouping == "group" else grouping
        self.map_filter = (kind, group) if group else None
        self._apply_checks()

    def _apply_checks(self) -> None:
        self.tree.blockSignals(True)  # not a user's tick: nothing to hide by key
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                item = top.child(j) if top is not None else None
                if item is None:
                    continue
                g = item.data(0, ROLE)
                if not isinstance(g, gs.GroupInfo):
                    continue
                if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    continue
                shown = (g.kind, g.name) not in self.hidden
                if self.map_filter is not None and g.kind == self.map_filter[0]:
                    shown = shown and g.name.casefold() == self.map_filter[1].casefold()
                item.setCheckState(0, Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)

    def set_group_visible(self, kind: str, name: str, visible: bool) -> None:
        item = self.item_of(kind, name)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def _visibility_changed(self, item: QTreeWidgetItem, column: int) -> None:
        g = item.data(0, ROLE)
        if column != 0 or not isinstance(g, gs.GroupInfo):
            return
        ident = (g.kind, g.name)
        if item.checkState(0) == Qt.CheckState.Checked:
            self.hidden.discard(ident)
        else:
            self.hidden.add(ident)
        keys: set[str] = set()
        for h in self.hidden:
            keys.update(self.data.members.get(h, []))
        self.host.set_hidden_keys(keys)

    # --- edits -------------------------------------------------------------------------

    def ask_new_group(self) -> None:
        name, ok = QInputDialog.getText(self, "New Group", "Name of the group:")
        if ok and name.strip():
            self.new_group(name.strip())

    def new_group(self, name: str, color: str | None = None) -> None:
        """Create a group of the people selected on the map (may be none)."""
        color = color or PALETTE[len(self.own_groups()) % len(PALETTE)]
        keys = self.host.selected_keys()
        self.host.push(commands.create_group(self.host, name, color, keys))

    def change_selected(self, add: bool) -> None:
        g = self.current_own_group()
        keys = self.host.selected_keys()
        if g is not None and keys:
            self.host.push(commands.change_members(self.host, g.name, keys, add))

    def ask_rename(self) -> None:
        g = self.current_own_group()
        if g is None:
            return
        name, ok = QInputDialog.getText(self, "Rename Group", "New name:", text=g.name)
        if ok and name.strip() and name.strip() != g.name:
            self.host.push(commands.rename_group(self.host, g.name, name.strip()))

    def ask_color(self) -> None:
        g = self.current_own_group()
        if g is None:
            return
        color = QColorDialog.getColor(QColor(g.color or "#9e9e9e"), self, "Group Colour")
        if color.isValid():
            self.host.push(commands.recolor_group(self.host, g.name, color.name(), g.color))

    def ask_cadence(self) -> None:
        g = self.current_own_group()
        if g is None:
            return
        days, ok = QInputDialog.getInt(
            self, "Keep in Touch", f"Get in touch with everyone in {g.name} every … days "
            "(0 = off):", g.cadence_days or 90, 0, 3650,
        )  # fmt: skip
        if ok:
            self.host.push(
                commands.set_group_cadence(self.host, g.name, days or None, g.cadence_days)
            )

    def delete_current(self) -> None:
        g = self.current_own_group()
        if g is not None:
            self.host.push(commands.delete_group(self.host, g.name))

    def show_only_current(self) -> bool:
        """Show only the current group on the map (when the map is coloured by its kind)."""
        g = self.current_group()
        return g is not None and self.host.show_only_group(g.kind, g.name)

    def _context_menu(self, pos: Any) -> None:
        g = self.current_group()
        if g is None:
            return
        menu = QMenu(self)
        only = menu.addAction("Show Only This Group on the Map", self.show_only_current)
        only.setEnabled(self.host.map_grouped_by(g.kind))
        menu.addAction("Show All Groups on the Map", lambda: self.host.show_only_group("", ""))
        if g.kind != "user":
            menu.exec(self.tree.viewport().mapToGlobal(pos))
            return
        menu.addSeparator()
        menu.addAction("Add Selected People", lambda: self.change_selected(add=True))
        menu.addAction("Remove Selected People", lambda: self.change_selected(add=False))
        menu.addSeparator()
        menu.addAction("Rename…", self.ask_rename)
        menu.addAction("Colour…", self.ask_color)
        menu.addAction("Keep-in-touch Cadence…", self.ask_cadence)
        menu.addAction("Delete Group", self.delete_current)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
