"""What a newcomer trips over: actions offered when they cannot work, texts that name what
is not there or are cut off, dialogs that hide what they list."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QStyle, QTreeWidget
from tests.ui.test_main_window import opened

from netview.store.db import Database
from netview.ui.backend import Backend


def menu_entry(window: Any, menu: str, text: str) -> Any:
    """The action under `menu` whose text (without its & mnemonics) is `text`."""
    bar = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    found = [a for a in bar[menu].actions() if a.text().replace("&", "") == text]
    assert found, f"no {menu} › {text}"
    return found[0]


def test_import_folder_waits_for_a_running_import_as_import_does(
    qtbot, make_window, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def slow_demo(db: Database, *, progress: Any = None) -> None:
        release.wait(20)

    window = make_window(Backend(fill_demo=slow_demo))
    opened(qtbot, window, db_path)
    with qtbot.waitSignal(window.jobs.busy_changed, timeout=20_000):
        window.importing.start_demo(only_if_empty=True)
    try:
        # Picking a folder now would only end in "Another task is running".
        assert not menu_entry(window, "File", "Import…").isEnabled()
        assert not menu_entry(window, "File", "Import Folder…").isEnabled()
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.current_task is None, timeout=20_000)
    assert menu_entry(window, "File", "Import Folder…").isEnabled()


def test_empty_panels_name_the_import_entry_the_file_menu_has(
    qtbot, make_window, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    panels = list(window.panels.values())
    with qtbot.waitSignals([p.updated for p in panels], timeout=20_000):
        assert window.database.open_database(str(db_path))
    entry = menu_entry(window, "File", "Import…")
    said = window.panels["followups"].empty.text()
    assert f"File › {entry.text().replace('&', '')}" in said
    assert entry.shortcut().toString() in said


def test_invitations_show_whole_names_in_a_1280_window(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.resize(1280, 800)
    panel = window.panels["invitations"]
    panel.raise_()
    tree = panel.tree
    qtbot.waitUntil(lambda: tree.isVisible() and tree.topLevelItemCount() > 0)
    names = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    widest = max(tree.fontMetrics().horizontalAdvance(item.text(0)) for item in names)
    # The row's text margins on either side, so the name is not elided ("Gusta…").
    qtbot.waitUntil(lambda: tree.columnWidth(0) >= widest + 12)
    # Who invited whom is still told, beside the name, where its column has no room.
    for item in names:
        row = item.data(0, Qt.ItemDataRole.UserRole)
        said = "you invited" if row.sent else "invited you"
        assert not tree.isColumnHidden(1) or said in item.toolTip(0).lower()


def shown_whole(panel: Any, text: str) -> bool:
    """Whether `text` is on screen in `panel` uncut: a row wide enough for it, or a visible
    label that wraps (or is wide enough)."""
    for label in panel.findChildren(QLabel):
        if label.text() == text and label.isVisible():
            room = label.contentsRect().width()
            if label.wordWrap() or label.fontMetrics().horizontalAdvance(text) <= room:
                return True
    for tree in panel.findChildren(QTreeWidget):
        for item in tree.findItems(text, Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly):
            room = tree.visualItemRect(item).width()
            if not item.isHidden() and tree.fontMetrics().horizontalAdvance(text) + 12 <= room:
                return True
    return False


def test_groups_say_whole_how_to_make_one_of_your_own(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.resize(1280, 800)
    panel = window.panels["groups"]
    panel.raise_()
    qtbot.waitUntil(panel.tree.isVisible)
    hint = "No groups of your own yet: select people on the map and press New Group."
    assert shown_whole(panel, hint)


def test_sources_shows_every_column_without_scrolling_sideways(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    menu_entry(window, "File", "Sources…").trigger()
    dialog = window.dialogs.sources_dialog
    table = dialog.table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(dialog.isVisible)
    header = table.horizontalHeader()
    room = table.viewport().width()
    for column in range(table.columnCount()):
        name = table.horizontalHeaderItem(column).text()
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0 and right <= room, name
        # Each cell whole too: its text fits its column.
        widest = max(
            table.fontMetrics().horizontalAdvance(table.item(r, column).text())
            for r in range(table.rowCount())
        )
        if widest > header.sectionSize(column):
            # Only a file name longer than the screen has room for gives way (whole in its
            # tooltip), once the dialog is as wide as the screen.
            assert column == 0 and dialog.width() == dialog.screen().availableGeometry().width()
            assert all(
                table.item(r, 0).toolTip() == dialog.rows[r]["label"]
                for r in range(table.rowCount())
            )


def test_no_text_on_the_map_hides_you_or_the_person_selected(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from netview.services.importing.demo import fill_demo
    from netview.services.mapping.mapmodel import load_map_model
    from netview.store.db import open_database
    from netview.ui.map.render import make_map

    db = open_database(tmp_path / "demo.db")
    try:
        fill_demo(db, people=600)
        model = load_map_model(db)
    finally:
        db.dispose()
    widget = make_map(model, (644, 724))  # the map of a 1280 x 800 window
    try:
        covered = []
        for i in range(0, len(model), 7):
            if not model.visible[i]:
                continue
            widget.select(i)  # as a click or a panel does: the view glides to them
            widget.centre_on(i, animate=False)
            widget.update_labels()
            frame = widget.frame()
            for who in (model.owner_index, i):
                p, d = frame.px(*(float(v) for v in model.xy[who])), float(model.sizes[who])
                dot = QRectF(p.x() - d / 2, p.y() - d / 2, d, d)
                covered += [
                    (model.names[who], label.text)
                    for label in widget.drawn_labels()
                    if label.rect.intersects(dot)
                ]
        assert not covered
    finally:
        widget.close()


def test_the_import_report_opens_wide_enough_for_its_texts(
    qtbot, make_window, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.samples import sample_zips

    window = make_window()
    opened(qtbot, window, db_path)
    with qtbot.waitSignal(window.data_changed, timeout=60_000):
        window.importing.start_import(sample_zips("network-2024"))
    dialog = window.importing.import_report
    qtbot.waitUntil(dialog.isVisible)
    tree = dialog.tree
    screen = dialog.screen().availableGeometry().width()
    cut = []
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for item in dialog._items():
        for column in (0, 1):
            text, rect = item.text(column), tree.visualRect(tree.indexFromItem(item, column))
            room = min(rect.right(), tree.viewport().width()) - rect.left()  # what is in sight
            if not rect.isValid():
                continue  # under a folded row (a file's skipped lines): not on screen
            if text and tree.fontMetrics().horizontalAdvance(text) + margin > room:
                cut.append(text)
    # Whole, or else the dialog is as wide as the screen lets it be (each text whole in its
    # tooltip then).
    assert not cut or dialog.frameGeometry().width() >= screen - 1, cut[:3]


def test_note_buttons_are_offered_only_when_they_would_do_something(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle, show_person

    _db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    panel = show_person(qtbot, window, ln.net.keys[i])
    assert panel.notes.count() == 0
    # Nothing typed, no note chosen: clicking either did nothing at all.
    assert not panel.note_button.isEnabled() and not panel.delete_note_button.isEnabled()
    qtbot.keyClicks(panel.note_edit, "Met at PyCon")
    assert panel.note_button.isEnabled()
    panel.note_button.click()
    settle(qtbot, window)
    assert panel.notes.count() == 1 and not panel.note_button.isEnabled()
    assert not panel.delete_note_button.isEnabled()  # none chosen yet
    panel.notes.setCurrentRow(0)
    assert panel.delete_note_button.isEnabled()
    panel.delete_note_button.click()
    settle(qtbot, window)
    assert panel.notes.count() == 0 and not panel.delete_note_button.isEnabled()
    window.undo_stack.undo()  # the note comes back, and can be deleted again
    settle(qtbot, window)
    assert panel.notes.count() == 1 and "Met at PyCon" in panel.notes.item(0).text()
    panel.notes.setCurrentRow(0)
    assert panel.delete_note_button.isEnabled()


def test_keep_in_touch_is_set_with_enter_and_set_waits_for_a_change(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle, show_person

    _db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    panel = show_person(qtbot, window, ln.net.keys[i])
    assert panel.cadence.value() == 0
    assert not panel.cadence_button.isEnabled()  # "off" is what it is already
    panel.cadence.setFocus()
    panel.cadence.selectAll()
    qtbot.keyClicks(panel.cadence, "30")
    assert panel.cadence_button.isEnabled()
    qtbot.keyClick(panel.cadence, Qt.Key.Key_Return)  # as Enter adds a tag
    settle(qtbot, window)
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() != ""
    assert panel.cadence.value() == 30 and not panel.cadence_button.isEnabled()
    window.undo_stack.undo()
    settle(qtbot, window)
    assert panel.cadence.value() == 0 and not panel.cadence_button.isEnabled()


def test_tab_walks_only_what_is_on_screen(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QDockWidget

    window = sample_window
    window.resize(1280, 800)
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.waitUntil(lambda: not window.panels["followups"].visibleRegion().isEmpty())
    behind = {n for n, p in window.panels.items() if p.visibleRegion().isEmpty()}
    assert "groups" in behind  # behind Follow-ups' tab
    reached: list[str] = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        assert widget is not None
        dock = widget
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None:
            # A panel behind another's tab lies off screen: focus there is lost to the user.
            assert not dock.visibleRegion().isEmpty(), (dock.objectName(), type(widget).__name__)
            reached.append(dock.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert "followups" in reached and not behind & set(reached)


def test_sources_name_each_kind_in_words(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    menu_entry(window, "File", "Sources…").trigger()
    table = window.dialogs.sources_dialog.table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10_000)
    assert {table.item(r, 1).text() for r in range(table.rowCount())} == {"LinkedIn archive"}
    from netview.ui.sources_dialog import kind_text

    # Your own evidence, as File › Import… names it; never a column name like "address_book".
    assert kind_text("address_book") == "Address book" and kind_text("mailbox") == "Mailbox"
    assert kind_text("something_new") == "Something new"


def test_undoing_a_tag_they_already_had_keeps_it(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle, show_person

    _db, ln = reference
    window = sample_window
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    panel = show_person(qtbot, window, ln.net.keys[i])
    for _ in range(2):  # typed again, as one does not remember it is there
        panel.tag_edit.setText("investor")
        qtbot.keyClick(panel.tag_edit, Qt.Key.Key_Return)
        settle(qtbot, window)
    assert [b.text() for b in panel.tags.buttons] == ["investor  ×"]
    window.undo_stack.undo()  # the second: it changed nothing, so nothing to take back
    settle(qtbot, window)
    assert [b.text() for b in panel.tags.buttons] == ["investor  ×"]
    window.undo_stack.undo()  # the first
    settle(qtbot, window)
    assert panel.tags.buttons == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    settle(qtbot, window)
    assert [b.text() for b in panel.tags.buttons] == ["investor  ×"]


def test_export_opens_as_the_last_export_was_made(
    qtbot, sample_window, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from netview.ui.export_dialog import ExportChoice, ExportDialog

    window = sample_window
    seen: list[ExportChoice] = []
    suggested: list[str] = []
    wanted = ExportChoice("gexf", 1, None, True)

    def answer(dialog: ExportDialog) -> int:
        seen.append(dialog.choice())  # as it opened
        dialog.format.setCurrentIndex(dialog.format.findData(wanted.format))
        dialog.degree.setCurrentIndex(dialog.degree.findData(wanted.degree))
        dialog.anonymize.setChecked(wanted.anonymize)
        return int(ExportDialog.DialogCode.Accepted)

    target = tmp_path / "shared" / "for-gephi.gexf"
    target.parent.mkdir()

    def save_as(parent, title, path, file_filter):  # type: ignore[no-untyped-def]
        suggested.append(path)
        return str(target), file_filter

    monkeypatch.setattr(ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(window.exporting.exported, timeout=60_000):
        menu_entry(window, "File", "Export…").trigger()
    qtbot.waitUntil(lambda: window.current_task is None, timeout=20_000)
    assert seen[0] != wanted  # it opened as it always did, the first time
    with qtbot.waitSignal(window.exporting.exported, timeout=60_000):
        menu_entry(window, "File", "Export…").trigger()
    # The second time: the same format, people and pseudonyms, offered in the same folder.
    assert seen[1] == wanted
    assert Path(suggested[1]).parent == target.parent
    qtbot.waitUntil(lambda: window.current_task is None, timeout=20_000)


def test_arrow_keys_in_a_search_box_choose_from_its_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    from netview.services.identity.pick import Candidate, Choice
    from netview.ui.attach_dialog import AttachDialog
    from netview.ui.dialogs import OwnerDialog

    people = [
        Candidate("ann-lee-1", "Ann Lee", "Initech", None, 1, "Engineer", ""),
        Candidate("bo-chan-1", "Bo Chan", "Globex", None, 4, "", "Sales"),
    ]
    attach = AttachDialog("ann@home.example", "Ann Lee", people)
    qtbot.addWidget(attach)
    attach.show()
    qtbot.waitUntil(attach.search.hasFocus)
    assert attach.chosen() is None and not attach.attach_button.isEnabled()
    # Typed a name, then Down and Enter, without leaving the box for the list.
    qtbot.keyClick(attach.search, Qt.Key.Key_Down)
    assert attach.chosen() == people[0] and attach.search.hasFocus()
    qtbot.keyClick(attach.search, Qt.Key.Key_Down)
    qtbot.keyClick(attach.search, Qt.Key.Key_Up)
    assert attach.chosen() == people[0]
    with qtbot.waitSignal(attach.accepted, timeout=2000):
        qtbot.keyClick(attach.search, Qt.Key.Key_Return)

    url = "https://www.linkedin.com/in/bo-chan-1"
    owner = OwnerDialog(None, "whose?", None, [Choice("bo-chan-1", "Bo Chan", "Globex", url)])
    qtbot.addWidget(owner)
    owner.show()
    owner.search.setFocus()
    qtbot.waitUntil(owner.search.hasFocus)
    qtbot.keyClick(owner.search, Qt.Key.Key_Down)
    assert owner.owner_url() == url


def test_the_time_slider_keeps_its_length_as_the_date_beside_it_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    import numpy as np

    from netview.services.asof import timeline
    from netview.ui.map.timebar import TimeBar

    first = date(2011, 1, 1).toordinal()
    days = np.array([-np.inf, *range(first, first + 5000, 5)], dtype=float)  # 1,000 people
    bar = TimeBar()
    qtbot.addWidget(bar)
    bar.resize(640, 40)
    bar.show()
    bar.set_timeline(timeline(days, date(2026, 12, 5)))
    lengths = set()
    for day in (None, first, first + 1800, first + 4000):
        bar.set_as_of(day)
        qtbot.waitUntil(lambda: bar.label.text() != "")
        bar.layout().activate()
        lengths.add(bar.slider.width())
        # The date and count are shown whole.
        assert bar.label.fontMetrics().horizontalAdvance(bar.label.text()) <= bar.label.width()
    assert len(lengths) == 1  # Play moves the handle only, not the whole slider


def test_the_edit_menu_lists_find_and_log_contact_with_their_keys(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    find = menu_entry(window, "Edit", "Find a Person…")
    assert find.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Find))
    log = menu_entry(window, "Edit", "Log Contact")
    assert log.shortcut().toString() == "Ctrl+L"
    # The menu's key works as before: Ctrl+F puts the keyboard in the search box.
    window.panels["followups"].tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    find.trigger()
    assert window.search_box.hasFocus()
    # Log Contact with nobody chosen says what to do, as Ctrl+L did.
    log.trigger()
    assert "Choose someone in Follow-ups first" in window.statusBar().currentMessage()


def test_insights_name_whole_who_connects_your_groups(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from netview.services.importing.demo import fill_demo
    from netview.store.db import open_database

    path = tmp_path / "demo.db"
    db = open_database(path)
    try:
        fill_demo(db, people=600)
    finally:
        db.dispose()
    window = make_window()
    window.resize(1280, 800)
    panel = window.panels["insights"]
    with qtbot.waitSignal(panel.updated, timeout=60_000):
        assert window.database.open_database(str(path))
    panel.raise_()
    tree = panel.brokers
    qtbot.waitUntil(lambda: tree.isVisible() and tree.viewport().width() > 0)
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert len(rows) >= 3 and all(row.text(1) for row in rows)  # people who connect groups
    fm = tree.fontMetrics()
    # The section's title is said whole (not "Who connects y…" as a column title) ...
    titles = [label.text() for label in panel.findChildren(QLabel)]
    assert any("Who connects your groups" in t for t in titles)
    header = tree.headerItem()
    for column in (0, 1):
        assert fm.horizontalAdvance(header.text(column)) + 12 <= tree.columnWidth(column)
    # ... the people's names too, and the groups each links in its tooltip.
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    qtbot.waitUntil(
        lambda: all(fm.horizontalAdvance(r.text(0)) + margin <= tree.columnWidth(0) for r in rows)
    )
    assert all(r.toolTip(1) == r.text(1) for r in rows)


def test_details_show_no_empty_box_beside_the_note_box(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle, show_person

    _db, ln = reference
    window = sample_window
    window.resize(1280, 800)
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 1)
    panel = show_person(qtbot, window, ln.net.keys[i])
    # No notes yet: only the box to write one in, not an empty list above it that looks
    # like a second place to type.
    assert panel.notes.count() == 0 and panel.notes.isHidden()
    assert not panel.note_edit.isHidden()
    panel.note_edit.setPlainText("Met at PyCon")
    panel.save_note()
    settle(qtbot, window)
    assert panel.notes.count() == 1 and not panel.notes.isHidden()
    # A list of one line is about one line high, not a tall empty box.
    knows = panel.connectors
    rows = sum(knows.sizeHintForRow(r) for r in range(knows.count()))
    assert knows.height() <= rows + 2 * knows.frameWidth() + 8


def test_introductions_show_their_result_boxes_once_there_is_a_result(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_panels_paths import search

    _db, ln = reference
    panel = sample_window.panels["paths"]
    boxes = (panel.paths, panel.why, panel.draft)
    # Before a search: the help text, not three empty boxes that say nothing.
    assert all(not box.isVisibleTo(panel) for box in boxes)
    assert "Type a name" in panel.status.text()
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 3)
    search(qtbot, panel, ln.net.names[i])
    assert all(box.isVisibleTo(panel) for box in boxes)
    assert panel.paths.count() >= 1 and panel.why.count() >= 1 and panel.draft.toPlainText()


def test_introduction_hops_say_how_strong_a_tie_is_in_words_not_scores(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    import re

    from tests.ui.test_panels_paths import search

    _db, ln = reference
    panel = sample_window.panels["paths"]
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 3)
    search(qtbot, panel, ln.net.names[i])
    hops = [panel.why.item(r).text() for r in range(panel.why.count())]
    assert hops and all(" tie" in h for h in hops)  # "weak tie", "strong tie"
    # As Details says a tie's strength: in words, never a score such as "(0.11)".
    assert not [h for h in hops if re.search(r"\(\d+\.\d+\)", h)]


def test_introductions_asked_for_say_none_yet_until_there_is_one(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle
    from tests.ui.test_panels_paths import search

    _db, ln = reference
    window = sample_window
    box = window.panels["paths"].requests
    qtbot.waitUntil(lambda: "asked for" in box.title.text())
    # None yet: a sentence saying how one gets there, not an empty table and four
    # buttons that cannot be pressed.
    assert not box.tree.isVisibleTo(box)
    assert not any(b.isVisibleTo(box) for b in box.buttons.values())
    assert "Ask for This Introduction" in box.title.text()
    panel = window.panels["paths"]
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 3)
    search(qtbot, panel, ln.net.names[i])
    panel.ask_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: box.tree.topLevelItemCount() == 1)
    assert box.tree.isVisibleTo(box) and all(b.isVisibleTo(box) for b in box.buttons.values())
    assert box.title.text().startswith("Introductions you asked for (1")


def test_follow_ups_show_whole_names_at_common_window_sizes(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from netview.services.importing.demo import fill_demo
    from netview.store.db import open_database

    path = tmp_path / "demo.db"
    db = open_database(path)
    try:
        fill_demo(db, people=600)
    finally:
        db.dispose()
    window = make_window()
    panel = window.panels["followups"]
    with qtbot.waitSignal(panel.updated, timeout=60_000):
        assert window.database.open_database(str(path))
    tree = panel.tree
    fm = tree.fontMetrics()
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    rows = [
        tree.topLevelItem(t).child(c)
        for t in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(t).childCount())
    ]
    # Names as long as a common one ("Santiago Ramírez Ferreira", 25 characters) are whole.
    names = [r.text(0) for r in rows if len(r.text(0)) <= 25]
    assert len(names) >= 5
    for size in ((1280, 800), (1440, 900), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda: tree.isVisible() and window.docks.settled == window.size())
        room = tree.columnWidth(0) - 2 * tree.indentation()
        cut = [n for n in names if fm.horizontalAdvance(n) + margin > room]
        assert not cut, (size, room, cut[:3])


def test_the_none_yet_sentence_sits_under_the_help_not_at_the_panel_foot(
    qtbot, sample_window
) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.resize(1440, 900)
    panel = window.panels["paths"]
    panel.raise_()
    box = panel.requests
    qtbot.waitUntil(lambda: box.title.isVisible() and "none yet" in box.title.text())
    # Its text starts at the top of its place, right below the help, with no blank
    # half-panel between (the boxes of a search's result are not there yet).
    top = box.title.mapTo(panel, box.title.rect().topLeft()).y()
    below_help = panel.status.mapTo(panel, panel.status.rect().bottomLeft()).y()
    text_top = top + box.title.contentsRect().top()
    drawn = box.title.alignment() & Qt.AlignmentFlag.AlignTop or (
        box.title.height() <= box.title.heightForWidth(box.title.width()) + 8
    )
    assert drawn and text_top - below_help < 40


def test_the_strength_bar_shows_its_empty_steps_in_both_themes(qapp) -> None:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtGui import QColor, QPalette

    from netview.ui.strength_text import strength_text
    from netview.ui.theme import palette

    def luminance(c: QColor) -> float:
        def part(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * part(c.redF()) + 0.7152 * part(c.greenF()) + 0.0722 * part(c.blueF())

    for theme in ("light", "dark"):
        pal = palette(theme)
        text = strength_text(0.05, pal)  # a weak tie: one step of five filled
        off = QColor(re.findall(r'color:(#[0-9a-f]{6})">', text)[-1])
        ground = pal.color(QPalette.ColorRole.Window)
        lighter, darker = sorted((luminance(off), luminance(ground)), reverse=True)
        # The four empty steps stand out from the panel (they were #2f3135 on #2b2d31).
        assert (lighter + 0.05) / (darker + 0.05) >= 1.6, theme


def test_add_selected_waits_for_someone_to_add(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.panel_helpers import settle, show_person

    _db, ln = reference
    window = sample_window
    panel = window.panels["groups"]
    panel.new_group("Sailing club")  # nobody selected: an empty group
    settle(qtbot, window)
    panel.tree.setCurrentItem(panel.item_of("user", "Sailing club"))
    # A group of yours is chosen, but nobody to add or remove: both did nothing.
    assert panel.more_button.isEnabled()
    assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    a = next(ln.net.keys[i] for i in range(ln.net.n) if ln.net.degree[i] == 1)
    show_person(qtbot, window, a)  # chosen on the map, or in any panel
    assert panel.add_button.isEnabled() and panel.remove_button.isEnabled()
    panel.add_button.click()
    settle(qtbot, window)
    assert panel.item_of("user", "Sailing club").text(1) == "1"


def test_map_commands_wait_for_a_map(qtbot, make_window, db_path: Path, small_network) -> None:  # type: ignore[no-untyped-def]
    def fill(db: Database, *, progress: Any = None) -> None:
        small_network(db, 30, progress)

    window = make_window(Backend(fill_demo=fill))
    opened(qtbot, window, db_path)  # empty: the welcome view, no map
    entries = ("Reset View", "Re-layout Map", "As of…")
    assert not [e for e in entries if menu_entry(window, "View", e).isEnabled()]
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        window.importing.start_demo(only_if_empty=True)
    qtbot.waitUntil(lambda: len(window.model) == 31)
    assert all(menu_entry(window, "View", e).isEnabled() for e in entries)


def test_find_a_person_says_when_nobody_matches(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "Zzyzx Qwfp")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    # Enter did nothing at all: now the status bar says why nothing happened.
    said = window.statusBar().currentMessage()
    assert "Zzyzx Qwfp" in said and "nobody" in said.lower()
    assert window.map.selected is None


def test_follow_up_due_filter_waits_for_someone_due(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_panels_followups import make_overdue

    window = sample_window
    box = window.filter_bar.followup
    assert window.panels["followups"].due_keys() == frozenset()
    # Nobody is due: ticking it emptied the map, with nothing saying why.
    assert not box.isEnabled() and "Nobody" in box.toolTip()
    _pid, key = make_overdue(qtbot, window)
    qtbot.waitUntil(box.isEnabled)
    box.setChecked(True)
    assert window.map.model.index_of(key) is not None
    assert bool(window.map.model.visible[window.map.model.index_of(key)])


HELP_TEXT = (
    "Type a name, a LinkedIn profile URL, or company:NAME and press Enter — or click "
    "someone on the map and press “Use Selected”."
)


def test_find_paths_with_nothing_typed_says_what_to_type(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_panels_paths import search

    _db, ln = reference
    panel = sample_window.panels["paths"]
    i = next(j for j in range(ln.net.n) if ln.net.degree[j] == 3)
    search(qtbot, panel, ln.net.names[i])
    assert "best first" in panel.status.text()
    panel.query.clear()
    panel.find_button.click()  # did nothing: the last search's words stayed
    assert panel.status.text() == HELP_TEXT
