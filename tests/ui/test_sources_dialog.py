"""File › Sources…: the imports listed, and forgetting a colleague's shared export."""

from __future__ import annotations

from pathlib import Path

from tests.samples import sample_zips

from netview.services.analysis.stats import stats
from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.ui import dialogs
from netview.ui.sources_dialog import SourcesDialog

SHARED = "shared-2-olga__Complete_LinkedInDataExport_11-20-2026.zip"


def _stats_without(tmp_path: Path, left_out: str) -> dict:  # type: ignore[type-arg]
    """What `netview stats` says of the sample imported without one archive."""
    zips = sample_zips("network-2024")
    db = open_database(str(tmp_path / "without.db"))
    try:
        import_paths(db, [z for z in zips if z.name != left_out])
        return stats(db)
    finally:
        db.dispose()


def test_forgetting_a_shared_export_through_the_dialog(
    qtbot, sample_window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    expected = _stats_without(tmp_path, SHARED)
    before = stats(window.db)
    assert expected["people"] < before["people"]  # the test can tell the two apart

    menu_action = next(
        a
        for m in window.menuBar().actions()
        if m.menu() is not None
        for a in m.menu().actions()
        if a.text() == "&Sources…"
    )
    menu_action.trigger()
    dialog = window.dialogs.sources_dialog
    assert isinstance(dialog, SourcesDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=10_000)
    labels = [dialog.table.item(r, 0).text() for r in range(4)]
    assert SHARED in labels and any(x.startswith("me__") for x in labels)
    row = labels.index(SHARED)
    assert dialog.table.item(row, 2).text() == "Olga Haddad"
    assert int(dialog.table.item(row, 4).text().replace(",", "")) > 0
    assert not dialog.forget_button.isEnabled()  # nothing chosen yet

    asked: list[str] = []

    def refuse(parent, title, text, action):  # type: ignore[no-untyped-def]
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs, "confirm", refuse)
    assert dialog.select_label(SHARED) and dialog.forget_button.isEnabled()
    dialog.forget_button.click()
    assert len(asked) == 1 and SHARED in asked[0] and "cannot be undone" in asked[0]
    assert window.current_task is None and stats(window.db)["people"] == before["people"]

    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    people = expected["people"] + 1  # the map shows you too
    with qtbot.waitSignal(
        window.map_ready, timeout=30_000, check_params_cb=lambda m: len(m) == people
    ):
        dialog.forget_button.click()
    after = stats(window.db)
    assert after["people"] == expected["people"]
    assert after["by_degree"] == expected["by_degree"]
    assert f"{expected['people'] + 1:,} people" in window.counts_label.text()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=10_000)
    assert SHARED not in [dialog.table.item(r, 0).text() for r in range(3)]
