"""The introductions panel: ranked paths to a target, shown on the map, with a draft."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select
from sqlalchemy.orm import aliased
from tests.ui.panel_helpers import show_person

from netview.services.introductions.paths import find_paths, resolve_target
from netview.services.wording import degree_words
from netview.store.models import Person, Tie


def search(qtbot, panel, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.search(text)


def tie_pairs(db) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    a, b = aliased(Person), aliased(Person)
    with db.session() as s:
        rows = s.execute(
            select(a.key, b.key)
            .select_from(Tie)
            .join(a, a.id == Tie.a_id)
            .join(b, b.id == Tie.b_id)
        ).all()
    return {(x, y) for x, y in rows} | {(y, x) for x, y in rows}


def test_paths_to_a_third_degree_person_are_ranked_and_shown_on_the_map(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    net = ln.net
    panel = sample_window.panels["paths"]
    i = next(j for j in range(net.n) if net.degree[j] == 3)
    search(qtbot, panel, net.names[i])
    expected = find_paths(ln, resolve_target(db, ln, net.names[i]), panel.TOP).paths
    assert panel.paths.count() == len(expected) >= 1
    for row, p in enumerate(expected):
        names = " → ".join(ln.display_name(n) for n in p.nodes)
        assert panel.paths.item(row).text().startswith(f"{row + 1}. {names}")
    # The best path is highlighted on the map, as real ties from you to the target.
    calls = [c for c in sample_window.map_calls if c[0] == "show_path"]
    keys = calls[-1][1]
    assert keys == [net.keys[n] for n in expected[0].nodes]
    assert keys[0] == net.keys[net.owner] and keys[-1] == net.keys[i] and len(keys) == 4
    # The map draws it: the path's people, in order, as the map knows them.
    assert sample_window.map.path == [sample_window.map.model.index_of(k) for k in keys]
    ties = tie_pairs(db)
    assert all((x, y) in ties for x, y in itertools.pairwise(keys))
    # Each hop is explained; the draft asks the first hop and can be edited and copied.
    assert panel.why.count() == 3
    # A hop is a way of selecting someone: Enter on the middle hop shows them in Details.
    details = sample_window.panels["person"]
    hop = panel.why.item(1)
    panel.why.setCurrentItem(hop)
    with qtbot.waitSignal(details.updated, timeout=10_000):
        qtbot.keyClick(panel.why, Qt.Key.Key_Return)
    assert details.details is not None and details.details.key == keys[2]
    assert sample_window.selection.current_key == keys[2]
    draft = panel.draft.toPlainText()
    assert draft.startswith(f"Hi {net.names[expected[0].nodes[1]].split()[0]}")
    assert net.names[i] in draft
    panel.draft.setPlainText(draft + "\nP.S. edited")
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text().endswith("P.S. edited")
    # Choosing another path shows that one.
    if panel.paths.count() > 1:
        panel.paths.setCurrentRow(1)
        assert sample_window.map_calls[-1] == (
            "show_path",
            [net.keys[n] for n in expected[1].nodes],
        )


def test_target_from_the_map_selection(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    i = next(j for j in range(net.n) if net.degree[j] == 2)
    show_person(qtbot, sample_window, net.keys[i])
    panel = sample_window.panels["paths"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.use_selected.click()
    assert panel.data is not None and panel.data.paths
    assert all(p.keys[-1] == net.keys[i] and len(p.keys) == 3 for p in panel.data.paths)


def test_an_ambiguous_name_lists_the_candidates(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    panel = sample_window.panels["paths"]
    olgas = sorted(k for k in ln.net.keys if k.startswith("olga-"))
    assert len(olgas) >= 2
    search(qtbot, panel, "Olga")
    assert "Several people match" in panel.status.text()
    items = [panel.paths.item(r) for r in range(panel.paths.count())]
    assert sorted(item.data(Qt.ItemDataRole.UserRole) for item in items) == olgas
    # Told apart by what they do (position and company), not by their keys.
    net = ln.net
    for item in items:
        i = net.index_of_key[item.data(Qt.ItemDataRole.UserRole)]
        role = " at ".join(x for x in (net.positions[i], net.companies[i]) if x)
        assert role and role in item.text()
        assert item.data(Qt.ItemDataRole.UserRole) not in item.text()
        # and by their degree in words ("2nd degree", "no path to you": not "not connected")
        assert item.text().endswith(f"  ·  {degree_words(int(net.degree[i]))}")
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.paths.itemActivated.emit(panel.paths.item(0))
    assert panel.data.candidates == [] and panel.data.label


def test_unknown_name_says_so(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    panel = sample_window.panels["paths"]
    search(qtbot, panel, "Zyxw Qwerty")
    assert "nobody in your network" in panel.status.text()
    assert panel.paths.count() == 0 and not panel.copy_button.isEnabled()


def test_find_introductions_from_the_details_panel(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    i = next(j for j in range(net.n) if net.degree[j] == 3)
    details = show_person(qtbot, sample_window, net.keys[i])
    paths = sample_window.panels["paths"]
    with qtbot.waitSignal(paths.updated, timeout=10_000):
        details.intro_button.click()
    assert paths.data is not None and paths.data.paths
    assert sample_window.selection.shown_path[-1] == net.keys[i]
    assert sample_window.map_calls[-1] == ("show_path", paths.data.paths[0].keys)
