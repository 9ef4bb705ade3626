"""Every way of choosing someone selects them everywhere: map, Details, what a note lands on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.ui.panel_helpers import show_person

from netview.services.people.notes import notes


def test_search_enter_selects_the_person_in_details(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    db, ln = reference
    net = ln.net
    first = next(i for i in range(len(net.keys)) if net.degree[i] == 1)
    # Someone else whose name no one shares (typed key by key: plain letters only).
    names = list(net.names)
    other = next(
        i
        for i in range(len(net.keys))
        if i not in (first, net.owner)
        and net.names[i]
        and net.names[i].isascii()
        and names.count(net.names[i]) == 1
    )
    details = show_person(qtbot, window, net.keys[first])  # as if clicked on the map
    assert details.details.key == net.keys[first]

    # Ctrl+F, type the other name, Enter.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.search_box.clear()
    with qtbot.waitSignal(details.updated, timeout=10_000):
        qtbot.keyClicks(window.search_box, net.names[other])
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert details.details.key == net.keys[other]
    assert details.name_label.text().startswith(net.names[other])
    assert window.map.selected == window.map.model.index_of(net.keys[other])
    assert window.selected_keys() == [net.keys[other]]

    # A note typed now lands on the person found, not the one clicked before.
    details.note_edit.setPlainText("met at the conference")
    with qtbot.waitSignal(details.updated, timeout=10_000):
        details.note_button.click()
    other_id, first_id = int(net.ids[other]), int(net.ids[first])
    assert [n.body for n in notes(db, other_id)] == ["met at the conference"]
    assert notes(db, first_id) == []
