"""Attach to Person… in the import report (issue 19, item 2): a correspondent whose name two
people share waits to be attached by hand; the dialog tells the namesakes apart, the attach
shows in Details (last contact, whom they know) and Edit › Undo takes it back."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from tests.samples import SAMPLES
from tests.ui.panel_helpers import settle, show_person

from netview.services.importing.evidence import strangers
from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.store.importing import me_id
from netview.store.models import Person
from netview.ui.attach_dialog import AttachDialog
from netview.ui.import_report import NAMESAKE, ImportReportDialog
from netview.ui.panels.person import OWN_CONTACT

ME = "me.sample@inbox.example"
ADDRESS = "namesake@personal.example"
SAM = '"Sam Chen" <sam.other@personal.example>'


def _mail(n: int, day: int, sender: str, to: str, cc: str = "") -> str:
    return (
        f"From x Mon Nov  2 09:00:00 2026\n"
        f"Message-ID: <ui-attach-{n}@invented.example>\n"
        f"Date: {day:02d} Nov 2026 09:00:00 +0000\n"
        f"From: {sender}\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "") + "Subject: hi\n\nhello\n\n"
    )


def _setup(db_path: Path, tmp_path: Path) -> tuple[dict[str, Any], str, str]:
    """Your archive, a namesake of one of your connections (someone another file named),
    and a mailbox where that name writes to you and Sam Chen from an address nobody knows.
    (import report, the connection's key, their name)."""
    archive = next((SAMPLES / "network-2026").glob("me__*.zip"))
    shutil.copy(archive, tmp_path / archive.name)
    db = open_database(str(db_path))
    try:
        import_paths(db, [tmp_path / archive.name])
        with db.write() as s:
            me = me_id(s)
            key, name = s.execute(
                select(Person.key, Person.name)
                .where(
                    Person.id != me,
                    Person.company.is_not(None),
                    Person.email.is_(None),
                    Person.name != "Sam Chen",
                    Person.key.not_like("%:%"),
                )
                .order_by(Person.key)
                .limit(1)
            ).one()
            s.add(
                Person(
                    key="urn:li:member:777001",
                    name=name,
                    company="Umbrella Corp",
                    position="Night Nurse",
                    headline="Caring for people",
                    created_at=datetime(2026, 1, 1),
                )
            )
        mbox = tmp_path / "other.mbox"
        them = f"{name} <{ADDRESS}>"
        you = f"Robin Quill <{ME}>"
        mbox.write_text(_mail(1, 3, them, you, SAM) + _mail(2, 11, you, them, SAM), "utf-8")
        (report,) = import_paths(db, [mbox], my_addresses=[ME])
    finally:
        db.dispose()
    return report.to_dict(), str(key), str(name)


def _listed(db_path: Path) -> list[str]:
    db = open_database(str(db_path))
    try:
        return [s["who"] for s in strangers(db)]
    finally:
        db.dispose()


def _details(panel: Any) -> dict[str, Any]:
    """What Details shows of a person's contact with you and whom they know."""
    return {
        "reasons": panel.reasons.text(),
        "knows": [panel.connectors.item(r).text() for r in range(panel.connectors.count())],
        "strength": panel.strength_label.text(),
    }


def _row(report: ImportReportDialog, text: str) -> Any:
    top = report.tree.topLevelItem(0)
    (row,) = [top.child(i) for i in range(top.childCount()) if top.child(i).text(1) == text]
    return row


def test_attach_a_namesake_by_hand_and_undo_it(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    report, key, name = _setup(db_path, tmp_path)
    assert _listed(db_path) == [ADDRESS]
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    panel = show_person(qtbot, window, key)
    before = _details(panel)
    assert "e-mailed" not in before["reasons"]
    assert not any(k.startswith("Sam Chen") for k in before["knows"])

    window.importing.show_import_report([report])
    dialog = window.importing.import_report
    assert isinstance(dialog, ImportReportDialog)
    text = f"{name} <{ADDRESS}>, 2 times, last 2026-11-11 (several people have this name)"
    row = _row(dialog, text)
    assert row.text(0) == NAMESAKE  # their name is someone's on LinkedIn: not 'not on LinkedIn'
    assert dialog.attach_button.isVisible() and not dialog.attach_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.checked, timeout=10_000)
    dialog.tree.setCurrentItem(row)
    dialog.attach_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(AttachDialog) is not None, timeout=10_000)
    attach = dialog.findChild(AttachDialog)
    assert attach.isVisible() and attach.search.text() == name
    # Both namesakes first, told apart by what they do; NetView picks neither of them.
    lines = attach.shown_lines()
    assert f"{name} — Night Nurse at Umbrella Corp · Caring for people" in lines[:2]
    (linkedin,) = [x for x in lines[:2] if "Umbrella" not in x]
    assert linkedin.startswith(f"{name} — ") and len(linkedin) > len(f"{name} — ")
    assert not attach.attach_button.isEnabled()
    assert attach.pick(key) and attach.attach_button.isEnabled()

    with qtbot.waitSignal(panel.updated, timeout=30_000):
        attach.attach_button.click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    settle(qtbot, window)
    assert window.editor.undo_action.text() == f"&Undo Attach {ADDRESS} to {name}"
    assert row.text(0) == f"attached to {name}" and not dialog.attach_button.isEnabled()
    assert _listed(db_path) == []
    after = _details(panel)
    assert "e-mailed 2 times, last 11 Nov 2026" in after["reasons"]
    assert any(k.startswith("Sam Chen — ") for k in after["knows"])
    assert after["strength"] != before["strength"]

    with qtbot.waitSignal(panel.updated, timeout=30_000):
        window.editor.undo()
    settle(qtbot, window)
    assert _details(panel) == before
    assert _listed(db_path) == [ADDRESS]
    # The report lists them again, to be attached (or kept) after all.
    qtbot.waitUntil(lambda: row.text(0) == NAMESAKE, timeout=10_000)
    dialog.tree.setCurrentItem(None)
    dialog.tree.setCurrentItem(row)
    assert dialog.attach_button.isEnabled() and dialog.keep_button.isEnabled()


def test_details_of_a_kept_contact_say_they_are_yours(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    report, _key, name = _setup(db_path, tmp_path)
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    window.importing.show_import_report([report])
    dialog = window.importing.import_report
    qtbot.waitUntil(lambda: dialog.checked, timeout=10_000)
    text = f"{name} <{ADDRESS}>, 2 times, last 2026-11-11 (several people have this name)"
    dialog.tree.setCurrentItem(_row(dialog, text))
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        dialog.keep_button.click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    (contact,) = [k for k in window.map.model.keys if k.startswith("contact:")]
    panel = show_person(qtbot, window, contact)
    assert panel.name_label.text() == name
    assert panel.role_label.text() == OWN_CONTACT
    assert panel.role_label.text().startswith("Your own contact (not on LinkedIn)")
    assert panel.degree_label.text() == "1st degree"
    assert "e-mailed 2 times, last 11 Nov 2026" in panel.reasons.text()


def test_attach_from_the_report_kept_with_the_mailbox(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """File › Sources…, the mailbox, Report…: the same Attach to Person… as after the import."""
    _report, key, name = _setup(db_path, tmp_path)
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    window.dialogs.show_sources()
    sources = window.dialogs.sources_dialog
    qtbot.waitUntil(lambda: sources.table.rowCount() == 2, timeout=10_000)
    assert sources.select_label("other.mbox")
    sources.report_button.click()
    qtbot.waitUntil(lambda: getattr(sources, "report_dialog", None) is not None, timeout=10_000)
    report = sources.report_dialog
    qtbot.waitUntil(lambda: report.checked, timeout=10_000)
    text = f"{name} <{ADDRESS}>, 2 times, last 2026-11-11 (several people have this name)"
    report.tree.setCurrentItem(_row(report, text))
    report.attach_button.click()
    qtbot.waitUntil(lambda: report.findChild(AttachDialog) is not None, timeout=10_000)
    first = report.findChild(AttachDialog)
    first.reject()  # Cancel, then asked again: one dialog, the new one
    report.attach_button.click()
    qtbot.waitUntil(
        lambda: any(d is not first for d in report.findChildren(AttachDialog)), timeout=10_000
    )
    (attach,) = [d for d in report.findChildren(AttachDialog) if d is not first]
    qtbot.waitUntil(lambda: len(report.findChildren(AttachDialog)) == 1, timeout=10_000)
    assert attach.isVisible() and attach.pick(key)
    attach.attach_button.click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    settle(qtbot, window)
    assert window.undo_stack.undoText() == f"Attach {ADDRESS} to {name}"
    assert _listed(db_path) == []
    assert _row(report, text).text(0) == f"attached to {name}"
    panel = show_person(qtbot, window, key)
    assert "e-mailed 2 times, last 11 Nov 2026" in panel.reasons.text()


def test_typing_narrows_the_people_listed(qtbot: Any) -> None:
    from netview.services.identity.pick import Candidate

    people = [
        Candidate("ann-lee-1", "Ann Lee", "Initech", None, 1, "Engineer", ""),
        Candidate("ann-lee-2", "Ann Lee", "", None, 2, "", ""),
        Candidate("ann-lee-3", "Ann Lee", "", None, 3, "", ""),
        Candidate("bo-chan-1", "Bo Chan", "Globex", None, 4, "", "Sales"),
    ]
    dialog = AttachDialog("ann@home.example", "Ann Lee", people)
    qtbot.addWidget(dialog)
    # Two who read alike are told apart by their key; NetView selects nobody.
    assert dialog.shown_lines()[:3] == [
        "Ann Lee — Engineer at Initech",
        "Ann Lee  (ann-lee-2)",
        "Ann Lee  (ann-lee-3)",
    ]
    assert dialog.chosen() is None and not dialog.attach_button.isEnabled()
    dialog.search.setText("Bo Chan")
    qtbot.waitUntil(lambda: dialog.shown_lines()[:1] == ["Bo Chan — Globex · Sales"], timeout=5000)
    dialog.search.setText("zzzz qqqq")
    qtbot.waitUntil(lambda: dialog.shown_lines() == ["Nobody by that name"], timeout=5000)
    assert not dialog.attach_button.isEnabled()


def test_details_of_a_namesake_offer_the_meetings_and_e_mails_of_their_name(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Like messages to a shared name: Details of either namesake say who waits, and
    Attach Meetings and E-mails to Them attaches them to the person shown (undoable)."""
    _report, key, name = _setup(db_path, tmp_path)
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    panel = show_person(qtbot, window, key)
    before = _details(panel)
    offer = (
        f"2 of your meetings and e-mails with {name} <{ADDRESS}>, a name several people "
        "share (last 11 Nov 2026), may be with them."
    )
    assert panel.waiting_label.isVisible() and panel.waiting_label.text() == offer
    assert panel.attach_waiting_button.isVisible()
    with qtbot.waitSignal(panel.updated, timeout=30_000):
        panel.attach_waiting_button.click()
    settle(qtbot, window)
    assert window.undo_stack.undoText() == f"Attach {ADDRESS} to {name}"
    assert not panel.waiting_label.isVisible() and not panel.attach_waiting_button.isVisible()
    assert "e-mailed 2 times, last 11 Nov 2026" in panel.reasons.text()
    assert _listed(db_path) == []
    with qtbot.waitSignal(panel.updated, timeout=30_000):
        window.editor.undo()
    settle(qtbot, window)
    assert _details(panel) == before and panel.waiting_label.text() == offer
    assert panel.attach_waiting_button.isVisible()
    # Someone of another name is offered nothing.
    other = show_person(qtbot, window, "sam-chen-17bbc")
    assert other.name_label.text() == "Sam Chen" and not other.waiting_label.isVisible()


def test_details_say_how_many_more_addresses_of_the_name_wait(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    _report, key, name = _setup(db_path, tmp_path)
    second = tmp_path / "second.mbox"
    second.write_text(_mail(3, 20, f"{name} <other.namesake@else.example>", ME), "utf-8")
    db = open_database(str(db_path))
    try:
        import_paths(db, [second], my_addresses=[ME])
    finally:
        db.dispose()
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    panel = show_person(qtbot, window, key)
    assert panel.waiting_label.text() == (
        f"2 of your meetings and e-mails with {name} <{ADDRESS}>, a name several people "
        "share (last 11 Nov 2026), may be with them. 1 more address with their name waits "
        "too: each is offered once this one is attached (Sources › Report lists them all)."
    )
