"""Insights: your network's growth, where your connections work, and your goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.analysis import insights as ins
from netview.services.changes import Changes
from netview.services.introductions import asked as intros
from netview.services.network import LoadedNetwork
from netview.services.workspace import Database
from netview.ui import commands
from netview.ui.panels.base import Panel
from netview.ui.panels.flow import flow_row

NO_GOALS = "No goals yet: set one below, e.g. 10 new connections in fintech this quarter."


@dataclass(frozen=True)
class InsightsData:
    dates: list[Any]
    totals: list[int]
    undated: int
    companies: list[tuple[str, int]]
    functions: list[tuple[str, int]]
    goals: list[ins.GoalProgress]
    brokers: list[ins.BrokerRow]
    shape: str
    intros: intros.IntroCounts | None = None


def _load(db: Database, ln: LoadedNetwork) -> InsightsData:
    dates, totals, undated = ins.growth(ln)
    with db.session() as s:
        asked = intros.counts(intros.requests(s), ln.today)
    return InsightsData(
        dates,
        totals,
        undated,
        ins.top_companies(ln),
        ins.top_functions(ln),
        ins.goals(db, ln),
        ins.connectors_of_groups(ln),
        ins.shape_text(ins.network_shape(ln)),
        asked,
    )


def intro_text(c: intros.IntroCounts | None) -> str:
    """ "3 asked: 1 introduced, 1 met, 1 declined; 1 waiting an answer"."""
    if c is None or not c.asked:
        return "None asked for yet: Introductions › Ask for This Introduction records one."
    outcomes = ", ".join(
        f"{n} {state}" for state, n in c.by_state.items() if n and state != "asked"
    )
    text = f"{c.asked} asked" + (f": {outcomes}" if outcomes else "")
    if c.by_state["asked"]:
        text += f"; {c.by_state['asked']} still open"
    if c.waiting:
        text += f", {c.waiting} waiting an answer"
    return text


def _counts_tree(title: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName({"Company": "Top companies", "Function": "Top functions"}[title])
    tree.setHeaderLabels([title, "People"])
    tree.setRootIsDecorated(False)
    tree.setMinimumHeight(120)
    tree.setMaximumHeight(230)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return tree


class InsightsPanel(Panel):
    TITLE = "Insights"
    NAME = "insights"
    DEPENDS = (
        Changes.PEOPLE | Changes.TIES | Changes.TOUCHES | Changes.GOALS | Changes.INTROS
    )  # goals count contacts

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setAccessibleName("Growth of your network: connections over time")
        self.plot.setMinimumHeight(160)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setLabel("left", "Connections")
        self.plot.showGrid(x=False, y=True, alpha=0.2)
        self.curve = self.plot.plot([], [], stepMode=None, pen=pg.mkPen("#4363d8", width=2))
        # The day the map's time control shows (View > As of…); hidden at "now".
        self.as_of_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#d55e00", width=2))
        self.as_of_line.setVisible(False)
        self.plot.addItem(self.as_of_line, ignoreBounds=True)
        self.as_of: int | None = None
        self.growth_note = QLabel()
        self.growth_note.setWordWrap(True)
        self.plot.setMaximumHeight(280)  # the top lists and goals stay in view
        lay.addWidget(self.plot, 2)
        lay.addWidget(self.growth_note)
        tops = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.tops = tops
        self.companies = _counts_tree("Company")
        self.functions = _counts_tree("Function")
        tops.addWidget(self.companies)
        tops.addWidget(self.functions)
        lay.addLayout(tops, 1)
        self.shape = QLabel()
        self.shape.setWordWrap(True)
        self.shape.setAccessibleName("The shape of your network")
        lay.addWidget(self.shape)
        # A heading of its own: as the first column's title it was cut to "Who connects y…",
        # and sized to it the column cut the names below it.
        lay.addWidget(QLabel("<b>Who connects your groups</b>"))
        self.brokers = QTreeWidget()
        self.brokers.setAccessibleName("Who connects your groups")
        self.brokers.setHeaderLabels(["Person", "Groups linked"])
        self.brokers.setRootIsDecorated(False)
        self.brokers.setMaximumHeight(160)
        header = self.brokers.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.brokers)

        lay.addWidget(QLabel("<b>Introductions</b>"))
        self.intros_label = QLabel()
        self.intros_label.setWordWrap(True)
        self.intros_label.setAccessibleName("Introductions you asked for")
        lay.addWidget(self.intros_label)

        lay.addWidget(QLabel("<b>Goals</b>"))
        self.goals_box = QWidget()
        self.goals_grid = QGridLayout(self.goals_box)
        self.goals_grid.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.goals_box)
        self.goal_kind = QComboBox()
        self.goal_kind.setAccessibleName("Goal: what to count")
        self.goal_kind.addItem("New connections", "connections")
        self.goal_kind.addItem("People followed up", "followups")
        self.goal_target = QSpinBox()
        self.goal_target.setAccessibleName("Goal: how many")
        self.goal_target.setRange(1, 10_000)
        self.goal_target.setValue(10)
        self.goal_topic = QLineEdit()
        self.goal_topic.setAccessibleName("Goal: in which field (optional)")
        self.goal_topic.setPlaceholderText("in… (e.g. fintech; optional)")
        self.goal_period = QComboBox()
        self.goal_period.setAccessibleName("Goal: by when")
        for p in ins.PERIODS:
            self.goal_period.addItem(f"this {p}", p)
        self.goal_period.setCurrentIndex(1)
        self.goal_kind.currentIndexChanged.connect(
            lambda _: self.goal_topic.setEnabled(self.goal_kind.currentData() == "connections")
        )
        add = QPushButton("Add Goal")
        add.clicked.connect(self.add_goal_from_form)
        self.goal_topic.returnPressed.connect(self.add_goal_from_form)
        lay.addWidget(flow_row(self.goal_kind, self.goal_target, self.goal_period))
        form2 = QHBoxLayout()
        form2.addWidget(self.goal_topic, 1)
        form2.addWidget(add)
        lay.addLayout(form2)
        self.data: InsightsData | None = None
        self.goal_bars: list[QProgressBar] = []
        self._match_palette()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side when there is room, one above the other in a narrow dock.
        narrow = event.size().width() < 440
        self.tops.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def _match_palette(self) -> None:
        """The plot takes the theme's colours (pyqtgraph draws black on white otherwise)."""
        pal = self.palette()
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._match_palette()
        super().changeEvent(event)

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        return _load(db, ln)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, InsightsData)
        self.data = data
        xs = [datetime.combine(d, time()).timestamp() for d in data.dates]
        self.curve.setData(xs, data.totals)
        if xs:
            self.plot.enableAutoRange()
        total = data.totals[-1] if data.totals else 0
        note = f"{total:,} connections with a known date"
        if data.undated:
            note += f"; {data.undated:,} more without one (not in the curve)"
        self.growth_note.setText(note)
        for tree, rows in ((self.companies, data.companies), (self.functions, data.functions)):
            tree.clear()
            for name, n in rows:
                item = QTreeWidgetItem([name, f"{n:,}"])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                tree.addTopLevelItem(item)
        self.shape.setText(data.shape)
        self.brokers.clear()
        for b in data.brokers:
            item = QTreeWidgetItem([b.name, ", ".join(b.groups)])
            for column in (0, 1):  # the groups a narrow dock cuts, whole
                item.setToolTip(column, item.text(column))
            self.brokers.addTopLevelItem(item)
        if not data.brokers:
            # In the second column: the first fits the names, and there are none.
            none = QTreeWidgetItem(["", "Nobody yet: no one is tied into two of your groups"])
            none.setToolTip(1, none.text(1))
            self.brokers.addTopLevelItem(none)
        self._show_goals(data.goals)
        self.intros_label.setText(intro_text(data.intros))
        self.show_body()

    def set_as_of(self, day: int | None) -> None:
        """Mark the day the map shows (a date ordinal; None: now, no mark)."""
        self.as_of = day
        if day is None:
            self.as_of_line.setVisible(False)
            return
        self.as_of_line.setValue(datetime.combine(date.fromordinal(day), time()).timestamp())
        self.as_of_line.setVisible(True)

    def _show_goals(self, goals: list[ins.GoalProgress]) -> None:
        while self.goals_grid.count():
            item = self.goals_grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.goal_bars = []
        if not goals:
            empty = QLabel(NO_GOALS)
            empty.setWordWrap(True)
            self.goals_grid.addWidget(empty, 0, 0)
            return
        for row, g in enumerate(goals):
            bar = QProgressBar()
            bar.setRange(0, g.target)
            bar.setValue(min(g.done, g.target))
            bar.setFormat(f"{g.done} of {g.target}")
            bar.setToolTip(f"{g.start.isoformat()} to {g.end.isoformat()}")
            remove = QPushButton("×")
            remove.setToolTip("Delete this goal")
            remove.setFixedWidth(28)
            remove.clicked.connect(lambda _=False, goal=g: self.delete_goal(goal))
            text = QLabel(g.text)
            text.setWordWrap(True)
            self.goals_grid.addWidget(text, row, 0)
            self.goals_grid.addWidget(bar, row, 1)
            self.goals_grid.addWidget(remove, row, 2)
            self.goal_bars.append(bar)

    def add_goal_from_form(self) -> None:
        kind = str(self.goal_kind.currentData())
        topic = self.goal_topic.text().strip() if kind == "connections" else ""
        self.add_goal(kind, self.goal_target.value(), str(self.goal_period.currentData()), topic)
        self.goal_topic.clear()

    def add_goal(self, kind: str, target: int, period: str, topic: str | None = None) -> None:
        self.host.push(commands.add_goal(self.host, kind, target, period, topic or None))

    def delete_goal(self, goal: ins.GoalProgress) -> None:
        self.host.push(commands.delete_goal(self.host, goal))
