"""The follow-ups panel: due, overdue, snoozed and losing touch, with undoable actions."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import unquote

from sqlalchemy import func, select
from tests.ui.panel_helpers import settle

from netview.services.followups import cadence as fu
from netview.store.models import FollowUp, Touch
from netview.ui import commands


def keys_in(panel, section: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.key for r in panel.data.rows if r.section == section]


def make_overdue(qtbot, window, pick=min) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Give a 30-day cadence to someone last in touch more than 60 days ago (the lowest
    person id of them, or as `pick` chooses): overdue. Their id and key, once shown."""
    ln = window.network
    contacts = fu.last_contacts(window.db)
    pid = pick(p for p, at in contacts.items() if (ln.today - at.date()).days > 60)
    host = window.panels["followups"].host
    host.push(commands.set_cadence(host, pid, 30))
    settle(qtbot, window)
    return pid, ln.net.keys[ln.net.index_of_id[pid]]


def test_losing_touch_lists_strong_ties_gone_quiet(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    panel = sample_window.panels["followups"]
    quiet = [ln.net.keys[t.index] for t in fu.losing_touch(ln)]
    assert len(quiet) >= 1
    assert keys_in(panel, "losing") == quiet
    top = panel.tree.topLevelItem(0)
    assert top.text(0) == f"Losing touch ({len(quiet)})"


def test_log_contact_re_arms_the_cadence_and_undoes(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, _ln = reference
    window = sample_window
    panel = window.panels["followups"]
    pid, key = make_overdue(qtbot, window)
    assert keys_in(panel, "overdue") == [key]
    assert panel.tree.topLevelItem(0).text(0) == "Overdue (1)"

    def touches() -> int:
        with db.session() as s:
            return int(
                s.scalar(select(func.count()).select_from(Touch).where(Touch.person_id == pid))
            )

    assert panel.select(key)
    panel.log_contact()
    settle(qtbot, window)
    assert touches() == 1
    assert key not in keys_in(panel, "overdue") + keys_in(panel, "due")
    # Re-armed: the next reminder is a full cadence from today.
    row = next(r for r in fu.followups(db, include_all=True) if r.person_id == pid)
    assert row.status == "ok" and row.due == date.today() + timedelta(days=30)

    window.undo_stack.undo()
    settle(qtbot, window)
    assert touches() == 0 and keys_in(panel, "overdue") == [key]
    window.undo_stack.redo()
    settle(qtbot, window)
    assert touches() == 1 and keys_in(panel, "overdue") == []


def test_snooze_moves_a_reminder_and_undo_brings_it_back(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    panel = window.panels["followups"]
    pid, key = make_overdue(qtbot, window, max)
    assert panel.select(key)
    panel.snooze(14)
    settle(qtbot, window)
    assert keys_in(panel, "snoozed") == [key] and keys_in(panel, "overdue") == []
    with db.session() as s:
        assert s.get(FollowUp, pid).snoozed_until == ln.today + timedelta(days=14)
    window.undo_stack.undo()
    settle(qtbot, window)
    assert keys_in(panel, "overdue") == [key]
    with db.session() as s:
        assert s.get(FollowUp, pid).snoozed_until is None


def test_open_profile_uses_the_browser(qtbot, sample_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = sample_window.panels["followups"]
    opened: list[str] = []
    monkeypatch.setattr(sample_window, "open_url", lambda url: opened.append(url) or True)
    first = panel.data.rows[0]
    assert panel.select(first.key)
    assert panel.profile_button.isEnabled()
    panel.open_profile()
    assert opened == [first.url] and first.url.startswith("https://")
    assert first.key in unquote(first.url)


def test_due_follow_ups_feed_the_maps_filter(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    contacts = fu.last_contacts(db)
    pid = min(p for p, at in contacts.items() if (ln.today - at.date()).days > 60)
    key = ln.net.keys[ln.net.index_of_id[pid]]
    window.push(commands.set_cadence(window, pid, 30))
    settle(qtbot, window)
    assert window.filter_bar.due_keys == {key}
    window.filter_bar.followup.setChecked(True)
    shown = [
        window.map.model.keys[i]
        for i in range(len(window.map.model))
        if window.map.model.visible[i]
    ]
    assert key in shown and len(shown) <= 2  # them, and you at the centre


def test_suggested_cadence_reads_as_a_suggestion_until_accepted(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import show_person

    window = sample_window
    panel = window.panels["followups"]
    suggested = [r for r in panel.data.rows if r.section == "suggested"]
    assert suggested
    r = suggested[0]
    assert panel.select(r.key)
    item = panel.tree.currentItem()
    assert item.text(2) == f"Suggested: every {r.suggested_days} d"
    # Details agrees: no cadence is set yet.
    details = show_person(qtbot, window, r.key)
    assert details.cadence.value() == 0 and details.cadence.text() == "off"
    assert details.cadence_hint.isVisible()
    assert details.cadence_hint.text().startswith(f"Suggested: every {r.suggested_days} d")

    assert panel.select(r.key) and panel.accept_button.isEnabled()
    panel.accept_button.click()
    settle(qtbot, window)
    assert r.key not in keys_in(panel, "suggested")
    assert details.cadence.value() == r.suggested_days
    assert not details.cadence_hint.isVisible()
    assert "every" in panel.feedback.text()
    # Accepted, it is a reminder: listed plainly once due, never as a suggestion.
    for row in panel.data.rows:
        if row.key == r.key:
            assert row.section in ("overdue", "due") and row.cadence_days == r.suggested_days
            assert row.every_text() == f"every {r.suggested_days} d"


def test_losing_touch_lists_only_ties_details_calls_strong_or_moderate(
    qtbot, sample_window
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import show_person

    window = sample_window
    losing = keys_in(window.panels["followups"], "losing")
    assert losing
    for key in losing:
        details = show_person(qtbot, window, key)
        assert not details.strength_label.text().startswith("weak"), key


def test_ctrl_l_logs_a_contact_with_visible_feedback(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    _db, ln = reference
    window = sample_window
    panel = window.panels["followups"]
    pid, key = make_overdue(qtbot, window)
    panel.present()
    assert panel.select(key)
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        qtbot.keyClick(panel.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    name = ln.net.names[ln.net.index_of_id[pid]]
    assert window.statusBar().currentMessage().startswith(f"Logged a contact with {name}")
    assert panel.feedback.text() == window.statusBar().currentMessage()
    assert key not in keys_in(panel, "overdue") + keys_in(panel, "due")


def test_the_cli_lists_the_same_sections_and_people(
    qtbot, sample_window, sample_db, capsys
) -> None:  # type: ignore[no-untyped-def]
    import json

    from netview.cli import main

    window = sample_window
    panel = window.panels["followups"]
    ln = window.network
    make_overdue(qtbot, window)  # one overdue reminder besides the suggestions
    shown = [(r.section, r.key) for r in panel.data.rows]
    assert {s for s, _ in shown} >= {"overdue", "losing", "suggested"}
    today = ["--today", ln.today.isoformat()]
    assert main(["--db", str(sample_db), "followups", "--json", *today]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [(r["section"], r["key"]) for r in printed] == shown
    # The text output has the panel's headings and counts, in the same order.
    assert main(["--db", str(sample_db), "followups", *today]) == 0
    text = capsys.readouterr().out
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    titles = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert headings == titles


def test_ctrl_l_in_details_logs_a_contact_with_the_person_shown(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from tests.ui.panel_helpers import show_person

    db, ln = reference
    window = sample_window
    net = ln.net
    i = next(i for i in range(len(net.keys)) if net.degree[i] == 1)
    pid = int(net.ids[i])
    details = show_person(qtbot, window, net.keys[i])
    details.present()  # the keyboard is in Details; Follow-ups is behind another tab
    window.panels["insights"].raise_()

    def touches() -> int:
        with db.session() as s:
            return int(
                s.scalar(select(func.count()).select_from(Touch).where(Touch.person_id == pid))
            )

    with qtbot.waitSignal(details.updated, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert touches() == 1
    assert window.statusBar().currentMessage() == f"Logged a contact with {net.names[i]} today."
    timeline = [details.timeline.item(k).text() for k in range(details.timeline.count())]
    assert any(text.endswith("Contact logged") for text in timeline)


def test_details_suggests_exactly_what_follow_ups_lists(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    panel = sample_window.panels["followups"]
    listed = {
        r.key: r.suggested_days for r in panel.data.rows if r.section in ("losing", "suggested")
    }
    net = ln.net
    told = {
        net.keys[i]: fu.suggestion_for(db, ln, i)
        for i in range(len(net.keys))
        if net.degree[i] == 1
    }
    assert listed and {k: v for k, v in told.items() if v is not None} == listed


def test_one_persons_suggestion_matches_the_overview_with_groups_and_snoozes(reference) -> None:  # type: ignore[no-untyped-def]
    from netview.services.people import groups as gs

    db, ln = reference
    net = ln.net

    def suggested() -> dict[str, int | None]:
        rows = fu.overview(db, ln)
        return {r.key: r.suggested_days for r in rows if r.section in ("losing", "suggested")}

    before = suggested()
    assert len(before) >= 4
    a, b, c, d = sorted(before)[:4]
    with db.write() as s:
        gs.create(s, "Keep close", None, [a, b])
        gs.set_cadence(s, "Keep close", 60)  # a group's cadence reminds: no suggestion
        gs.create(s, "Off", None, [c])
        gs.set_cadence(s, "Off", 0)  # a group cadence of 0 reminds nobody
    fu.snooze(db, int(net.ids[net.index_of_key[d]]), date.today() + timedelta(days=9))
    listed = suggested()
    assert set(before) - set(listed) == {a, b, d} and c in listed
    told = {
        net.keys[i]: fu.suggestion_for(db, ln, i)
        for i in range(len(net.keys))
        if net.degree[i] == 1
    }
    assert {k: v for k, v in told.items() if v is not None} == listed


def test_log_contact_says_so_once_it_is_saved_not_while_it_waits(
    qtbot, sample_window, sample_db
) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    window = sample_window
    panel = window.panels["followups"]
    row = panel.data.rows[0]
    assert panel.select(row.key)
    holder = sqlite3.connect(sample_db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        panel.log_contact()
        qtbot.waitUntil(lambda: window.editor.busy, timeout=5_000)
        assert "Logged" not in panel.feedback.text()
        assert window.undo_stack.count() == 0
    finally:
        holder.execute("COMMIT")
        holder.close()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=20_000)
    assert panel.feedback.text().startswith(f"Logged a contact with {row.name or row.key}")
    assert window.statusBar().currentMessage() == panel.feedback.text()


def test_arrowing_through_the_list_updates_details(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: Details stayed on the first person while the arrow keys moved on."""
    from PySide6.QtCore import Qt

    window = sample_window
    panel = window.panels["followups"]
    details = window.panels["person"]
    panel.present()
    panel.tree.setFocus()
    people = [r.key for r in panel.data.rows]
    assert len(people) >= 3
    assert panel.select(people[0])
    for _ in range(2):
        before = panel.current()
        with qtbot.waitSignal(details.updated, timeout=10_000):
            qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
        now = panel.current()
        assert now is not None and before is not None and now.key != before.key
        assert details.key == now.key and window.map.selected_keys() == [now.key]
    # Details follow without covering the list the user is walking.
    assert panel.tree.hasFocus() and not panel.visibleRegion().isEmpty()


def test_a_logged_contact_says_which_of_two_namesakes(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: "Logged a contact with 明 Walker" did not say which of two."""
    window = sample_window
    panel = window.panels["followups"]
    net = window.network.net  # the network the panel reads
    r = panel.data.rows[0]
    i = net.index_of_id[r.person_id]
    twin = next(j for j in range(len(net.names)) if j not in (i, net.owner))
    net.names[twin] = net.names[i]  # a namesake
    assert panel.select(r.key)
    panel.log_contact()
    # Said once the edit is saved.
    qtbot.waitUntil(lambda: panel.feedback.text().startswith("Logged"), timeout=20_000)
    told = panel.feedback.text()
    which = net.companies[i] or net.positions[i] or net.keys[i]
    assert told.startswith(f"Logged a contact with {net.names[i]} ({which}) today"), told
    settle(qtbot, window)
