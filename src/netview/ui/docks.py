"""The panels' docks: Details on the right, two tab groups on the left, the map keeping half
the window, every tab title whole, widths that come back when the window grows again.

Five tabs in one group do not fit a side dock ("w-ups", "roductions" at every size), so the
left side holds two groups of tabs, one above the other. A dock is never narrower than its
tab group needs. On a narrow window (about 870 px at the default font) the two groups'
tabs and a usable Details would leave the map less than half: Details then joins the lower
left group as a tab, and goes back to the right once the window is wide again. The saved
arrangement carries LAYOUT_VERSION: one saved by an older NetView (all five tabs in one row)
is not restored, the default is used instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QTabWidget

SIDE_MAX = 340  # a dock's width on a large screen (px)
SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
# The state saved by QMainWindow.saveState; bump it when the default arrangement changes.
LAYOUT_VERSION = 2
# Left side: a group above (its first panel in front), a group below; Details on the right.
GROUPS = (("followups", "groups", "insights"), ("paths", "invitations"))
RIGHT = "person"
# Details narrower than this is hard to read: below it, it becomes a tab on the left instead.
RIGHT_MIN = 200
SPLITTER = 8  # a side dock's separator and frame, roughly (px)


def side_width(window: QMainWindow, sides: int = 2) -> int:
    """The width of one side's docks so that together they leave the map half the window."""
    return max(160, min(SIDE_MAX, window.width() // (2 * max(1, sides)) - 8))


def tabs_width(bar: QTabBar) -> int:
    """What a tab bar needs to show every title whole, side by side."""
    return sum(bar.tabSizeHint(i).width() for i in range(bar.count()))


def _open(dock: QDockWidget) -> bool:
    """Not closed by the user (a dock behind another tab is open but not visible)."""
    return dock.toggleViewAction().isChecked()


class DockLayout(QObject):
    """Arranges `docks` (panel name -> dock) in `window` and keeps them readable."""

    def __init__(self, window: QMainWindow, docks: Mapping[str, QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = dict(docks)
        # Each side's width as the user left it: given back once the window is wide
        # enough again after it was too small for it.
        self.wanted: dict[Qt.DockWidgetArea, int] = {}
        self.asked: dict[Qt.DockWidgetArea, int] = {}  # the widths window_resized set
        self.ready = False  # laid out on screen once: widths before that mean nothing
        self.settled = window.size()  # the window's size when window_resized last ran
        # While Details is a tab on the left because the window is narrow: the width the
        # left side needed before (what decides when the window is wide enough again).
        self.folded: int | None = None
        self.folded_with: QDockWidget | None = None  # the dock Details is a tab beside
        window.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        for dock in self.docks.values():
            dock.dockLocationChanged.connect(lambda _area: self.readable_tabs())
            dock.installEventFilter(self)

    def reset(self) -> None:
        """View › Reset Layout, and a first start."""
        window, p = self.window, self.docks
        self.folded = None
        for dock in p.values():
            dock.setFloating(False)
            window.removeDockWidget(dock)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, p[RIGHT])
        (top, *top_rest), (below, *below_rest) = GROUPS
        window.addDockWidget(left, p[top])
        window.splitDockWidget(p[top], p[below], Qt.Orientation.Vertical)
        for first, rest in ((top, top_rest), (below, below_rest)):
            for name in rest:
                window.tabifyDockWidget(p[first], p[name])
        for dock in p.values():
            dock.show()
        p[top].raise_()
        p[below].raise_()
        self.size()

    def size(self) -> None:
        """Both sides at the width that leaves the map half the window."""
        side = side_width(self.window)
        top = GROUPS[0][0]
        self.wanted = dict.fromkeys(SIDES, SIDE_MAX)  # as wide as a large window allows
        self.asked = dict.fromkeys(SIDES, side)
        self.window.resizeDocks(
            [self.docks[top], self.docks[RIGHT]], [side, side], Qt.Orientation.Horizontal
        )
        self.readable_tabs()

    def _shown(self) -> dict[Qt.DockWidgetArea, QDockWidget]:
        """One docked, visible dock per side."""
        shown: dict[Qt.DockWidgetArea, QDockWidget] = {}
        for dock in self.docks.values():
            area = self.window.dockWidgetArea(dock)
            if area in SIDES and dock.isVisible() and not dock.isFloating():
                shown.setdefault(area, dock)
        return shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A side dock resized while the window kept its size: the user dragged it (Qt's own
        answer to a window resize comes with a new window size, and window_resized's with
        the width it asked for): the width that side wants from now on."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QDockWidget):
            area = self.window.dockWidgetArea(watched)
            width = watched.width()
            # At its side's minimum, a dock is held there by Qt (the widest tab group of
            # that side, on a narrow window), which is no width the user asked for: kept, it
            # would stay narrow on a wide window.
            least = self._side_need(area)
            ours = (self.asked.get(area), max(self.asked.get(area, 0), least), least)
            if (
                self.ready
                and area in SIDES
                and watched.isVisible()
                and not watched.isFloating()
                and self.window.size() == self.settled
                and width not in ours
            ):
                self.wanted[area] = width
        return False

    def window_resized(self) -> None:
        """Each side as wide as the user wants it, within what leaves the map half the
        window: narrower on a small window (or a layout saved on a bigger screen), and back
        to what it was once the window is large again."""
        window = self.window
        if not window.isVisible():
            return
        if self._fold_details():
            # Qt lays the docks out anew: those resizes are not the user's (eventFilter);
            # the widths are set once that is done.
            self.ready = False
            QTimer.singleShot(0, self.window, self.window_resized)
            return
        shown = self._shown()
        if not shown:
            return
        self.ready = True
        self.settled = window.size()
        room = window.width() // (2 * len(shown)) - 8
        widths = {area: dock.width() for area, dock in shown.items()}
        for area, width in widths.items():
            self.wanted.setdefault(area, width)
        sizes = {area: min(self.wanted[area], room) for area in shown}
        self.asked = dict(sizes)
        if sizes != widths:
            window.resizeDocks(
                list(shown.values()), list(sizes.values()), Qt.Orientation.Horizontal
            )

    def _side_need(self, area: Qt.DockWidgetArea) -> int:
        """The width a side's docks need for their tabs (see readable_tabs)."""
        return max(
            (
                d.minimumWidth()
                for d in self.docks.values()
                if self.window.dockWidgetArea(d) == area and d.isVisible() and not d.isFloating()
            ),
            default=0,
        )

    def _fold_details(self) -> bool:
        """Details as a tab of the lower left group while the window is too narrow for it
        beside the left groups and half the window for the map; back on the right after.
        True if it moved."""
        window, details = self.window, self.docks[RIGHT]
        half = window.width() // 2
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        if self.folded is None:
            need = self._side_need(left)
            # The lower group's first open dock (else the upper group's) takes it as a tab.
            below = next(
                (
                    d
                    for d in (self.docks[n] for n in (*GROUPS[1], *GROUPS[0]))
                    if window.dockWidgetArea(d) == left and _open(d) and not d.isFloating()
                ),
                None,
            )
            if (
                below is not None
                and need
                and half - need - 2 * SPLITTER < RIGHT_MIN
                and window.dockWidgetArea(details) == Qt.DockWidgetArea.RightDockWidgetArea
                and _open(details)
                and not details.isFloating()
            ):
                self.folded = need
                self.folded_with = below
                window.tabifyDockWidget(below, details)
                details.raise_()  # it was on screen before; it stays in front
                self.readable_tabs()
                return True
        elif half - self.folded - 2 * SPLITTER >= RIGHT_MIN:
            return self.unfold()
        return False

    def unfold(self) -> bool:
        """Details back on the right, if it is still where the narrow window put it; True if
        it moved."""
        window, details = self.window, self.docks[RIGHT]
        folded, self.folded = self.folded, None
        if folded is None or window.dockWidgetArea(details) != Qt.DockWidgetArea.LeftDockWidgetArea:
            return False
        shown = _open(details)  # closed by the user meanwhile: it stays closed
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, details)
        details.setVisible(shown)
        if self.folded_with is not None:
            self.folded_with.raise_()  # the tab that was in front before
        room = max(
            RIGHT_MIN,
            min(
                self.wanted.get(Qt.DockWidgetArea.RightDockWidgetArea, SIDE_MAX),
                window.width() // 4 - SPLITTER,
            ),
        )
        window.resizeDocks([details], [room], Qt.Orientation.Horizontal)
        self.readable_tabs()
        return True

    def readable_tabs(self) -> None:
        """Dock tabs with whole titles ("Follow-ups", never "Follo…" or "w-ups"): titles are
        not elided, and each dock of a tab group is at least as wide as the group's tabs.
        Qt makes the tab bars lazily, so this runs again after layout changes."""

        def tidy() -> None:
            titles = {dock.windowTitle(): dock for dock in self.docks.values()}
            needs = dict.fromkeys(self.docks.values(), 0)  # a dock alone needs no more
            for bar in self.window.findChildren(QTabBar):
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)  # beyond the minimum (a font bigger than ours)
                bar.setExpanding(False)
                for i in range(bar.count()):
                    dock = titles.get(bar.tabText(i))
                    if dock is not None:
                        needs[dock] = max(needs[dock], tabs_width(bar) + 2)
            for dock, needed in needs.items():
                dock.setMinimumWidth(needed)

        tidy()
        QTimer.singleShot(0, self.window, tidy)

    def save(self) -> QByteArray:
        """The arrangement to restore next time: Details where the user put it, not where a
        narrow window moved it."""
        self.unfold()
        return QByteArray(self.window.saveState(LAYOUT_VERSION))

    def restore(self, state: QByteArray) -> bool:
        """The user's own arrangement, unless it was saved by an older layout version."""
        if state.isEmpty() or not self.window.restoreState(state, LAYOUT_VERSION):
            return False
        self.wanted = {}  # the restored widths, once the window has its size
        self.readable_tabs()
        return True
