"""The import report in the app: shown after an import, and again from File › Sources…."""

from __future__ import annotations

import shutil

from tests.samples import SAMPLES

from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.ui.import_report import ImportReportDialog

ARCHIVE = "me__Complete_LinkedInDataExport_11-20-2026.zip"


def _rows(dialog: ImportReportDialog) -> dict[str, tuple[str, list[str]]]:
    """File name -> (its counts, its skipped lines), as the dialog's tree shows them."""
    out = {}
    top = dialog.tree.topLevelItem(0)
    for i in range(top.childCount()):
        item = top.child(i)
        out[item.text(0)] = (
            item.text(1),
            [item.child(j).text(1) for j in range(item.childCount())],
        )
    return out


def test_import_in_the_app_shows_the_per_file_report(qtbot, make_window, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / ARCHIVE
    shutil.copy(SAMPLES / "single-2022" / ARCHIVE, archive)
    # What the command line reports for the same archive (in a database of its own).
    reference = open_database(str(tmp_path / "reference.db"))
    expected = {f.name: f for f in import_paths(reference, [archive])[0].files if f.kind}
    reference.dispose()
    skipped = [f for f in expected.values() if f.skipped]
    assert skipped  # the sample has a row the importer cannot use

    window = make_window()
    assert window.database.open_database(str(db_path))
    with qtbot.waitSignal(window.data_changed, timeout=30_000):
        window.importing.start_import([archive])
    dialog = window.importing.import_report
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible()
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == f"{ARCHIVE}: your export (2022 format)"
    assert top.text(1).startswith("added ") and "people" in top.text(1)
    rows = _rows(dialog)
    assert set(rows) == set(expected)
    for name, f in expected.items():
        counts, lines = rows[name]
        assert counts.startswith(f"{f.rows_read:,} row")
        assert f"{f.rows_imported:,} imported" in counts
        assert lines == [f"line {s.line}: {s.reason}" for s in f.skipped]
    bad = skipped[0]
    assert f"{len(bad.skipped)} skipped" in rows[bad.name][0]
    # Issue 21.7: at its default size the Rows column is in sight, not pushed out by the
    # archive's long title (shown whole in its tooltip).
    tree = dialog.tree
    visible = tree.viewport().width()
    assert tree.header().sectionViewportPosition(1) + 150 <= visible
    assert tree.columnWidth(0) <= 0.55 * visible + 1  # whatever the font: Rows keeps 45%
    assert tree.columnWidth(1) >= 150 and top.toolTip(0) == top.text(0)
    assert f"line {bad.skipped[0].line}: {bad.skipped[0].reason}" in dialog.text()

    # Later: File › Sources…, choose the archive, Report… shows the same report again.
    dialog.close()
    window.dialogs.show_sources()
    sources = window.dialogs.sources_dialog
    qtbot.waitUntil(lambda: sources.table.rowCount() == 1, timeout=10_000)
    sources.table.selectRow(0)
    assert sources.report_button.isEnabled()
    sources.report_button.click()
    qtbot.waitUntil(lambda: getattr(sources, "report_dialog", None) is not None, timeout=10_000)
    again = sources.report_dialog
    assert again.isVisible() and _rows(again) == rows
    assert again.tree.topLevelItem(0).text(1) == top.text(1)
