"""The groups panel: automatic and own groups, hiding them on the map, undoable membership."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from sqlalchemy import select
from tests.ui.panel_helpers import settle, show_person

from netview.services.people import groups as gs
from netview.store.models import Group, GroupMember, Person


def own_groups(db) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        names = list(s.scalars(select(Group.name)))
        rows = s.execute(
            select(Group.name, Person.key)
            .join(GroupMember, GroupMember.group_id == Group.id)
            .join(Person, Person.id == GroupMember.person_id)
        ).all()
    out: dict[str, set[str]] = {n: set() for n in names}
    for name, key in rows:
        out[name].add(key)
    return out


def test_automatic_groups_with_their_sizes(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    panel = sample_window.panels["groups"]
    assert not panel.showing_empty
    companies = [g for g in gs.list_groups(db, ln, ("company",))]
    biggest = companies[0]
    item = panel.item_of("company", biggest.name)
    assert item is not None and item.text(1) == f"{biggest.size:,}"
    shown = sum(1 for g in panel.data.groups if g.kind == "company")
    assert shown == len(companies) >= 5
    # No own groups yet: the panel says how to make one.
    own = panel.tree.topLevelItem(0)
    assert own.text(0) == "Your groups (0)" and own.childCount() == 0
    assert not panel.no_own_groups.isHidden() and "New Group" in panel.no_own_groups.text()
    assert panel.tree.topLevelItem(1).text(0) == f"Company ({len(companies)})"


def test_hiding_a_group_hides_its_people_on_the_map(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    panel = sample_window.panels["groups"]
    index, labels = gs.automatic(db, ln, "function")
    members = {ln.net.keys[i] for i, g in enumerate(index.tolist()) if g == 0}
    panel.set_group_visible("function", labels[0], False)
    assert sample_window.selection.hidden_keys == members and len(members) >= 2
    assert sample_window.map_calls[-1] == ("set_hidden_keys", members)
    panel.set_group_visible("function", labels[0], True)
    assert sample_window.selection.hidden_keys == set()


def test_group_from_selection_and_membership_undo_redo(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    panel = window.panels["groups"]
    net = ln.net
    a, b = [net.keys[i] for i in range(net.n) if net.degree[i] == 1][:2]
    show_person(qtbot, window, a)
    panel.new_group("Sailing club")
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a}}
    item = panel.item_of("user", "Sailing club")
    assert item is not None and item.text(1) == "1"

    panel.tree.setCurrentItem(item)
    show_person(qtbot, window, b)
    panel.change_selected(add=True)
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a, b}}
    panel.tree.setCurrentItem(panel.item_of("user", "Sailing club"))
    panel.change_selected(add=False)  # b is still the selection
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a}}

    stack = window.undo_stack
    stack.undo()
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a, b}}
    stack.undo()
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a}}
    stack.undo()
    settle(qtbot, window)
    assert own_groups(db) == {}
    assert panel.item_of("user", "Sailing club") is None
    stack.redo()
    settle(qtbot, window)
    stack.redo()
    settle(qtbot, window)
    assert own_groups(db) == {"Sailing club": {a, b}}
    assert panel.item_of("user", "Sailing club").text(1) == "2"


def test_a_duplicate_group_name_is_refused_and_not_kept_for_undo(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    db, _ln = reference
    window = sample_window
    window.panels["groups"].new_group("Friends")
    settle(qtbot, window)
    with qtbot.waitSignal(window.editor.failed, timeout=10_000):
        window.panels["groups"].new_group("Friends")  # written off the UI thread
    box = window.tasks.last_error
    assert box is not None and "exists already" in box.text()
    box.close()
    assert window.undo_stack.count() == 1
    assert list(own_groups(db)) == ["Friends"]


def test_communities_are_the_maps_own(sample_window) -> None:  # type: ignore[no-untyped-def]
    model = sample_window.map.model
    assert model.grouping == "community"
    panel = sample_window.panels["groups"]
    shown = {g.name: g.size for g in panel.data.groups if g.kind == "community"}
    sizes = Counter(int(g) for g in model.raw_group.tolist() if g >= 0)
    assert shown == {model.raw_labels[g]: n for g, n in sizes.items()}
    assert len(shown) >= 2


def test_show_only_one_community_on_the_map(sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    panel = window.panels["groups"]
    model = window.map.model
    smallest = min((g for g in panel.data.groups if g.kind == "community"), key=lambda g: g.size)
    panel.tree.setCurrentItem(panel.item_of("community", smallest.name))
    assert panel.show_only_current()
    assert window.filter_bar.group.currentText() == smallest.name
    assert int(model.visible.sum()) == smallest.size + 1  # the group, and you

    def ticked() -> dict[str, bool]:
        return {
            g.name: panel.item_of("community", g.name).checkState(0) == Qt.CheckState.Checked
            for g in panel.data.groups
            if g.kind == "community" and panel.item_of("community", g.name) is not None
        }

    # Issue 21.7: the ticks say what the map shows, not every box ticked.
    assert ticked() == {name: name == smallest.name for name in ticked()}
    window.show_only_group("", "")
    assert window.filter_bar.group.currentIndex() == 0
    assert int(model.visible.sum()) == len(model)
    assert all(ticked().values())
    # A company group cannot be shown alone while the map is coloured by community.
    company = next(g for g in panel.data.groups if g.kind == "company")
    panel.tree.setCurrentItem(panel.item_of("company", company.name))
    assert not panel.show_only_current()
    assert "Colour the map by company" in window.statusBar().currentMessage()


def test_a_circle_no_font_draws_is_the_maps_group_number_not_a_bare_possessive(
    qtbot, sample_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Without a CJK font "由美 村上's circle" read "'s circle" in the panel while the map
    # said "Group N". Which characters the machine lacks is set here, not left to its fonts.
    from netview.ui import glyphs
    from netview.ui.map.placement import group_text

    real = glyphs._missing_char
    monkeypatch.setattr(glyphs, "_missing_char", lambda c, *font: c in "由美村上" or real(c, *font))
    monkeypatch.setattr(glyphs, "_DRAWN", {})  # what an earlier test's fonts drew, forgotten
    window = sample_window
    model = window.map.model
    panel = window.panels["groups"]
    second = model.group_names[1]  # the map's Group 2, were its name undrawable
    renamed = "由美 村上's circle"
    model.raw_labels[model.raw_labels.index(second)] = renamed
    model.group_names[1] = renamed
    with qtbot.waitSignal(panel.updated, timeout=20_000):
        panel.reload()
    item = panel.item_of("community", renamed)
    assert item is not None and item.text(0) == "Group 2"
    assert group_text(renamed, panel.tree.font()) == ""  # the map's rule: "Group 2" there too
    shown = [
        panel.tree.topLevelItem(t).child(c).text(0)
        for t in range(panel.tree.topLevelItemCount())
        for c in range(panel.tree.topLevelItem(t).childCount())
    ]
    assert not [t for t in shown if t.startswith("'s")]
    first = panel.item_of("community", model.group_names[0])
    assert first is not None and first.text(0) == model.group_names[0]  # the others as named
