"""The details panel: who someone is, how you reach them, and undoable notes, tags, cadence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select
from tests.ui.panel_helpers import settle, show_person

from netview.services.wording import BAR_STEPS, bar_steps, tie_rank, tie_words
from netview.store.models import FollowUp, Note, Person, PersonPrivate, PersonTag, Tag
from netview.ui import dialogs


def test_second_degree_person_shows_degree_and_connectors(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    # The 2nd-degree person with the most connectors: the list must name each of them.
    second = [i for i in range(net.n) if net.degree[i] == 2]
    i = max(second, key=lambda j: (len(net.connectors(j)), net.keys[j]))
    panel = show_person(qtbot, sample_window, net.keys[i])
    assert not panel.showing_empty
    assert panel.name_label.text() == net.names[i]
    assert panel.degree_label.text() == "2nd degree"
    shown = [
        panel.connectors.item(r).text().split(" — ")[0] for r in range(panel.connectors.count())
    ]
    expected = {net.names[int(c)] for c in net.connectors(i)}
    assert len(shown) == len(expected) >= 1 and set(shown) == expected
    strengths = [net.tie_strength(int(c), i) for c in net.connectors(i)]
    # Plain words, no score: "Ana Silva — strong tie to them" (issue 21.7).
    words = tie_words(max(strengths)).lower()
    assert panel.connectors.item(0).text().endswith(f" — {words} to them")
    assert not any(ch.isdigit() for ch in panel.connectors.item(0).text().split(" — ")[1])
    for r in range(panel.connectors.count()):  # the evidence in words, no "score 0.18 of 1"
        assert "score" not in panel.connectors.item(r).toolTip()
    assert "No direct tie" in panel.strength_label.text()


def test_first_degree_person_shows_strength_and_its_reasons(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    firsts = [i for i in range(net.n) if net.degree[i] == 1]
    i = max(firsts, key=lambda j: net.tie_strength(net.owner, j))
    panel = show_person(qtbot, sample_window, net.keys[i])
    assert panel.degree_label.text() == "1st degree"
    score = net.tie_strength(net.owner, i)
    text = panel.strength_label.text()
    # Words and a bar of five steps, filled as far as the tie is strong; a rank in the tooltip.
    assert text.startswith(tie_words(score) + "&nbsp;") and "0." not in text
    assert text.count("\u2588") == BAR_STEPS
    filled = text.split("</span>")[0].count("\u2588")
    assert filled == bar_steps(score) and (filled >= 4) == (score >= 0.5)
    # The strongest of your ties: its place among them, not "Score 0.84 of 1" (issue 21.7).
    ties = int((net.tie_a == net.owner).sum() + (net.tie_b == net.owner).sum())
    tip = panel.strength_label.toolTip()
    assert tip == f"Your strongest tie of {ties:,}, from the evidence below"
    assert "0." not in tip and "score" not in tip.lower()
    weakest = min(firsts, key=lambda j: net.tie_strength(net.owner, j))
    low = net.tie_strength(net.owner, weakest)
    stronger = sum(net.tie_strength(net.owner, j) > low for j in firsts)
    show_person(qtbot, sample_window, net.keys[weakest])
    assert panel.strength_label.toolTip().startswith(tie_rank(1 + stronger, ties))
    show_person(qtbot, sample_window, net.keys[i])
    reasons = [c.text for c in ln.explain(net.owner, i)]
    assert any("message" in r or "recommend" in r for r in reasons)
    assert panel.reasons.text().splitlines() == [f"• {r}" for r in reasons]
    # The timeline lists your history with them, newest first.
    dates = [panel.timeline.item(r).text()[:10] for r in range(panel.timeline.count())]
    assert len(dates) >= 1 and dates == sorted(dates, reverse=True)


def test_note_tag_and_cadence_edits_undo_and_redo(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    pid = int(ln.net.ids[i])
    panel = show_person(qtbot, window, ln.net.keys[i])

    def notes() -> list[str]:
        with db.session() as s:
            return list(s.scalars(select(Note.body).where(Note.person_id == pid)))

    def tags() -> list[str]:
        with db.session() as s:
            return list(
                s.scalars(select(Tag.name).join(PersonTag).where(PersonTag.person_id == pid))
            )

    def cadence() -> int | None:
        with db.session() as s:
            row = s.get(FollowUp, pid)
            return row.cadence_days if row else None

    panel.note_edit.setPlainText("Met at PyCon; likes sailing")
    panel.save_note()
    settle(qtbot, window)
    assert notes() == ["Met at PyCon; likes sailing"]
    assert panel.notes.count() == 1 and "likes sailing" in panel.notes.item(0).text()

    panel.tag_edit.setText("investor")
    panel.add_tag()
    settle(qtbot, window)
    assert tags() == ["investor"]
    assert [b.text() for b in panel.tags.buttons] == ["investor  ×"]

    panel.cadence.setValue(45)
    panel.apply_cadence()
    settle(qtbot, window)
    assert cadence() == 45

    stack = window.undo_stack
    assert stack.count() == 3
    stack.undo()  # cadence
    settle(qtbot, window)
    assert cadence() is None and panel.cadence.value() == 0
    stack.undo()  # tag
    settle(qtbot, window)
    assert tags() == [] and panel.tags.buttons == []
    stack.undo()  # note
    settle(qtbot, window)
    assert notes() == [] and panel.notes.count() == 0
    for _ in range(3):
        stack.redo()
        settle(qtbot, window)
    assert notes() == ["Met at PyCon; likes sailing"]
    assert tags() == ["investor"]
    assert cadence() == 45
    assert panel.notes.count() == 1 and panel.cadence.value() == 45


def test_empty_state_until_someone_is_chosen(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    panel = sample_window.panels["person"]
    assert panel.showing_empty
    assert "Click someone on the map" in panel.empty.text()


def test_clicking_someone_on_the_map_shows_their_details(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    i = next(j for j in range(net.n) if net.degree[j] == 3)
    panel = sample_window.panels["person"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        sample_window.map.person_activated.emit(net.keys[i])  # what a click on them emits
    assert panel.name_label.text() == net.names[i]
    assert panel.degree_label.text() == "3rd degree"
    assert sample_window.selected_keys() == [net.keys[i]]


def test_a_note_leaves_the_map_alone_and_a_group_keeps_the_selection(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    window = sample_window
    net = ln.net
    key = next(net.keys[j] for j in range(net.n) if net.degree[j] == 2)
    panel = show_person(qtbot, window, key)
    selected = window.map.selected
    assert selected is not None and window.map.model.keys[selected] == key
    model = window.map.model
    with qtbot.assertNotEmitted(window.map_ready, wait=200):
        panel.note_edit.setPlainText("Ask about the Lisbon office")
        panel.save_note()
        settle(qtbot, window)
    assert window.map.model is model and window.map.selected == selected
    # A group edit redraws the map (groups can colour it); the person stays selected.
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        window.panels["groups"].new_group("Lisbon")
    assert window.map.model is not model
    assert window.map.model.keys[window.map.selected] == key


def test_tags_in_use_are_offered_for_the_next_person(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    window = sample_window
    first, second = [ln.net.keys[j] for j in range(ln.net.n) if ln.net.degree[j] == 1][:2]
    panel = show_person(qtbot, window, first)
    panel.tag_edit.setText("met at PyCon")
    panel.add_tag()
    settle(qtbot, window)
    assert panel.tag_model.stringList() == []  # they carry it already
    show_person(qtbot, window, second)
    assert panel.tag_model.stringList() == ["met at PyCon"]


def _private(db, pid: int) -> bool:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.get(PersonPrivate, pid) is not None


def test_private_checkbox_marks_the_person_and_undoes(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    pid = int(ln.net.ids[i])
    panel = show_person(qtbot, window, ln.net.keys[i])
    assert not panel.private_box.isChecked() and not _private(db, pid)
    panel.private_box.click()  # as the user does
    settle(qtbot, window)
    assert _private(db, pid) and panel.private_box.isChecked()
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    settle(qtbot, window)
    assert not _private(db, pid) and not panel.private_box.isChecked()
    window.undo_stack.redo()
    settle(qtbot, window)
    assert _private(db, pid) and panel.private_box.isChecked()
    # What the user notices: the shared picture leaves them out, their own map does not.
    from netview.services.sharing.export import Selection, picture_model

    picture = picture_model(db, Selection())
    j = picture.keys.index(ln.net.keys[i])
    assert not picture.visible[j] and ln.net.names[i] not in picture.names
    assert window.map.model.names[window.map.model.keys.index(ln.net.keys[i])] == ln.net.names[i]


def test_delete_person_after_confirmation(qtbot, sample_window, reference, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 2)
    key, pid = ln.net.keys[i], int(ln.net.ids[i])
    panel = show_person(qtbot, window, key)
    asked: list[str] = []

    def refuse(parent, title, text, action):  # type: ignore[no-untyped-def]
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs, "confirm", refuse)
    panel.delete_button.click()
    assert len(asked) == 1 and "cannot be undone" in asked[0] and ln.net.names[i] in asked[0]
    assert window.current_task is None  # refused: nothing runs
    with db.session() as s:
        assert s.get(Person, pid) is not None

    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    people = len(window.model)
    with qtbot.waitSignal(
        window.map_ready, timeout=20_000, check_params_cb=lambda m: len(m) == people - 1
    ):
        panel.delete_button.click()
    with db.session() as s:
        assert s.get(Person, pid) is None
    assert key not in window.map.model.keys
    qtbot.waitUntil(lambda: panel.showing_empty, timeout=20_000)
    assert window.selected_keys() == []  # nobody else acts on the deleted person


def test_first_degree_person_lists_whom_else_they_know(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net

    def others(j: int) -> list[int]:
        return [k for k in net.adjacency.neighbours(j).tolist() if k != net.owner]

    firsts = [i for i in range(net.n) if net.degree[i] == 1]
    i = max(firsts, key=lambda j: (len(others(j)), net.keys[j]))
    assert others(i)
    panel = show_person(qtbot, sample_window, net.keys[i])
    assert panel.connectors_heading.text() == "Knows"
    items = [panel.connectors.item(r) for r in range(panel.connectors.count())]
    assert {it.data(Qt.ItemDataRole.UserRole) for it in items} == {net.keys[k] for k in others(i)}


def test_the_hover_tooltip_names_people_as_the_map_does(sample_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: the tooltip showed pronouns the map leaves out, and "Tie strength 0.43"."""
    model = sample_window.model
    i = next(k for k in range(len(model)) if model.degree[k] == 1)
    model.names[i] = "Malte Kirchhauser (They/Them), MBA"
    lines = model.describe(i).splitlines()
    assert lines[0] == "Malte Kirchhauser"
    assert lines[-1] == tie_words(float(model.strength_to_you[i]))
    assert not any(ch.isdigit() for ch in lines[-1])


def test_ctrl_z_in_the_note_box_undoes_the_saved_note_and_says_so(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: after Ctrl+Enter, Ctrl+Z with the focus still in the box did nothing."""
    from PySide6.QtCore import Qt

    db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    pid = int(ln.net.ids[i])
    panel = show_person(qtbot, window, ln.net.keys[i])
    panel.present()
    panel.note_edit.setFocus()

    def notes() -> list[str]:
        with db.session() as s:
            return list(s.scalars(select(Note.body).where(Note.person_id == pid)))

    before = notes()
    qtbot.keyClicks(panel.note_edit, "Call about the fund")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert notes() == [*before, "Call about the fund"]
    assert panel.note_edit.hasFocus() and panel.note_edit.toPlainText() == ""
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert notes() == before
    assert window.statusBar().currentMessage() == "Undone: Add Note"
    # Typing in the box is still undone by the box itself, letter by letter.
    qtbot.keyClicks(panel.note_edit, "draft")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.note_edit.toPlainText() != "draft" and notes() == before
