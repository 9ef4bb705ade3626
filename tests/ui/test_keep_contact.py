"""Keep as Contact in the import report (issue 19): a correspondent nobody on LinkedIn
matched becomes a contact of your own on the map, and Edit › Undo takes it back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.samples import SAMPLES

from netview.services.importing.evidence import strangers
from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.ui.import_report import CORRESPONDENT, ImportReportDialog

MBOX = (
    "From x Mon Nov  2 09:00:00 2026\n"
    "Message-ID: <ui-{n}@invented.example>\n"
    "Date: {day} Nov 2026 09:00:00 +0000\n"
    "From: Pat Offline <pat@elsewhere.example>\n"
    "To: Robin Quill <me.sample@inbox.example>\n"
    "Subject: hi\n\nhello\n\n"
)


def _listed(db_path: Path) -> list[str]:
    db = open_database(str(db_path))
    try:
        return [s["who"] for s in strangers(db)]
    finally:
        db.dispose()


def test_keep_as_contact_puts_them_on_your_map_and_undo_takes_them_back(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    archive = next((SAMPLES / "network-2026").glob("me__*.zip"))
    mbox = tmp_path / "other.mbox"
    mbox.write_text(MBOX.format(n=1, day="02") + MBOX.format(n=2, day="10"), encoding="utf-8")
    shutil.copy(archive, tmp_path / archive.name)
    db = open_database(str(db_path))
    _, report = import_paths(
        db, [tmp_path / archive.name, mbox], my_addresses=["me.sample@inbox.example"]
    )
    db.dispose()
    assert _listed(db_path) == ["pat@elsewhere.example"]

    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    people = len(window.map.model.keys)
    window.importing.show_import_report([report.to_dict()])
    dialog = window.importing.import_report
    assert isinstance(dialog, ImportReportDialog)
    top = dialog.tree.topLevelItem(0)
    rows = [top.child(i) for i in range(top.childCount())]
    (pat,) = [r for r in rows if r.text(0) == CORRESPONDENT]
    assert pat.text(1) == (
        "Pat Offline <pat@elsewhere.example>, 2 times, last 2026-11-10 (not on LinkedIn)"
    )
    assert dialog.keep_button.isVisible() and not dialog.keep_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.checked, timeout=10_000)  # Pat is unknown still
    assert pat.text(0) == CORRESPONDENT
    dialog.tree.setCurrentItem(pat)
    assert dialog.keep_button.isEnabled()

    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        dialog.keep_button.click()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    assert window.undo_stack.undoText() == "Keep “Pat Offline” as a Contact"
    assert pat.text(0) == "kept as your contact" and not dialog.keep_button.isEnabled()
    assert _listed(db_path) == []
    model = window.map.model
    assert len(model.keys) == people + 1
    (contact,) = [k for k in model.keys if k.startswith("contact:")]
    assert model.degree[model.index_of(contact)] == 1  # in your first ring

    # The same report shown again (File › Sources… › Report…) knows they were kept since.
    window.importing.show_import_report([report.to_dict()])
    again = window.importing.import_report.tree.topLevelItem(0)
    row = next(
        again.child(i) for i in range(again.childCount()) if again.child(i).text(1) == pat.text(1)
    )
    qtbot.waitUntil(lambda: row.text(0) == "kept or attached since", timeout=10_000)
    assert not window.importing.import_report.keep_button.isEnabled()

    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        window.editor.undo()
    assert _listed(db_path) == ["pat@elsewhere.example"]
    assert len(window.map.model.keys) == people
    # The report listed again: Pat can be kept (or attached) after all.
    qtbot.waitUntil(lambda: pat.text(0) == CORRESPONDENT, timeout=10_000)
    dialog.tree.setCurrentItem(None)
    dialog.tree.setCurrentItem(pat)
    assert dialog.keep_button.isEnabled() and dialog.attach_button.isEnabled()
    assert not [k for k in window.map.model.keys if k.startswith("contact:")]
