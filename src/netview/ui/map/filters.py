"""The map's filter bar: degrees, a group, a company, people whose follow-up is due."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from netview.services.mapping.mapmodel import OTHERS, RING_NAMES, MapFilters
from netview.ui.glyphs import group_text
from netview.ui.map.widget import MapWidget

ANY = "All groups"
MAX_GROUPS = 200  # the combo lists the largest groups; the filter accepts any by name


class MapFilterBar(QWidget):
    """Every change goes straight to `MapWidget.set_filters`.

    The follow-up filter needs the keys of people whose follow-up is due, which come from the
    database: whoever knows them (the follow-ups panel, the window) calls `set_due_keys`.
    """

    def __init__(self, map_widget: MapWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = map_widget
        self.due_keys: frozenset[str] = frozenset()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.degree_boxes: dict[int, QCheckBox] = {}
        for d in (1, 2, 3, OTHERS):
            box = QCheckBox(RING_NAMES[d] if d < OTHERS else "Further")
            box.setChecked(d < OTHERS)
            box.toggled.connect(self.apply)
            layout.addWidget(box)
            self.degree_boxes[d] = box
        self.group = QComboBox()
        self.group.setMinimumContentsLength(14)
        self.group.currentIndexChanged.connect(self.apply)
        layout.addWidget(self.group)
        self.company = QLineEdit()
        self.company.setPlaceholderText("Company…")
        self.company.setClearButtonEnabled(True)
        self.company.editingFinished.connect(self.apply)
        layout.addWidget(self.company)
        self.followup = QCheckBox("Follow-up due")
        self.followup.setEnabled(False)
        self.followup.toggled.connect(self.apply)
        layout.addWidget(self.followup)
        self.refresh_groups()
        map_widget.model_changed.connect(self._new_model)
        # The map's filters also change elsewhere (choosing someone they hide shows them
        # again, the Groups panel picks a group): the bar always says what the map shows.
        map_widget.filters_changed.connect(self._follow_map)

    def _new_model(self) -> None:
        self.refresh_groups()
        self.apply()  # a group of the old grouping may be gone

    def refresh_groups(self) -> None:
        """List the current grouping's groups, largest first (call after a new model)."""
        m = self.map.model
        sizes = Counter(int(g) for g in m.raw_group.tolist() if g >= 0)
        names = [m.raw_labels[g] for g, _ in sizes.most_common(MAX_GROUPS)]
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(ANY, None)
        for place, name in enumerate(names, start=1):
            self.group.addItem(self._shown(name, place), name)  # the filter takes the name
        self.group.setCurrentIndex(max(self.group.findData(current), 0))
        self.group.blockSignals(False)

    def _shown(self, name: str, place: int) -> str:
        """A group's name as the map draws it (ui.glyphs.group_text): a circle named after
        a name no installed font draws is "Group N" with the map's N, as on the map and in
        the Groups panel (else its place in this list)."""
        text = group_text(name, self.group.font())
        if text:
            return text
        names = self.map.model.group_names
        return f"Group {names.index(name) + 1 if name in names else place}"

    def _follow_map(self) -> None:
        f = self.map.filters
        if f == self.filters():
            return
        controls = [*self.degree_boxes.values(), self.group, self.company, self.followup]
        for control in controls:
            control.blockSignals(True)
        for d, box in self.degree_boxes.items():
            box.setChecked(d in f.degrees)
        if f.group and self.group.findData(f.group) < 0:
            # A small group beyond the ones listed.
            self.group.addItem(self._shown(f.group, self.group.count()), f.group)
        self.group.setCurrentIndex(max(self.group.findData(f.group), 0) if f.group else 0)
        if (f.company or "") != self.company.text().strip():
            self.company.setText(f.company or "")
        self.followup.setChecked(f.followup_due is not None)
        for control in controls:
            control.blockSignals(False)

    def set_due_keys(self, keys: frozenset[str]) -> None:
        self.due_keys = frozenset(keys)
        # With nobody due, ticking it emptied the map and nothing said why; ticked already,
        # it stays enabled so it can be unticked.
        due = bool(self.due_keys)
        self.followup.setEnabled(due or self.followup.isChecked())
        n = len(self.due_keys)
        self.followup.setToolTip(
            f"Show only the {n:,} {'person' if n == 1 else 'people'} whose follow-up is due"
            if due
            else "Nobody's follow-up is due now (Follow-ups lists what comes next)"
        )
        if self.followup.isChecked():
            self.apply()

    def filters(self) -> MapFilters:
        group = self.group.currentData()
        return MapFilters(
            degrees=frozenset(d for d, box in self.degree_boxes.items() if box.isChecked()),
            group=group if isinstance(group, str) and group else None,
            company=self.company.text().strip() or None,
            followup_due=self.due_keys if self.followup.isChecked() else None,
            as_of=self.map.filters.as_of,  # the time control's, not this bar's
        )

    def apply(self) -> None:
        wanted = self.filters()
        if wanted != self.map.filters:
            self.map.set_filters(wanted)
