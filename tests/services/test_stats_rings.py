"""`netview stats` counts degrees over the same ties as the map: the people you met or
e-mailed are in your 1st degree there as in the map's 1st ring (issue 19), and stats says
how many of them only your own evidence puts there."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from netview.cli import main
from netview.services.analysis.stats import stats
from netview.services.importing.demo import fill_demo
from netview.services.importing.evidence import my_addresses
from netview.services.importing.importer import import_paths
from netview.services.mapping.mapmodel import OTHERS, MapModel, load_map_model
from netview.store.db import open_database

MAIL = (
    "From x Mon Nov  2 09:00:00 2026\nMessage-ID: <rings-{n}@invented.example>\n"
    "Date: 0{n} Nov 2026 09:00:00 +0000\nFrom: {name} <rings-{n}@elsewhere.example>\n"
    "To: You <{me}>\nSubject: hi\n\nhello\n\n"
)


def _agree(result: dict[str, object], model: MapModel) -> None:
    """Stats' degrees are the map's rings: 1st to 3rd alike, the rest in "Others"."""
    rings = model.degree_counts()
    by_degree = {int(d): int(n) for d, n in result["by_degree"].items()}  # type: ignore[attr-defined]
    assert {d: n for d, n in by_degree.items() if d < OTHERS} == {
        d: n for d, n in rings.items() if d < OTHERS and n
    }
    further = sum(n for d, n in by_degree.items() if d >= OTHERS)
    assert further + int(result["unconnected"]) == rings[OTHERS]  # type: ignore[call-overload]


def test_stats_counts_each_degree_as_the_map_rings_do_on_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(tmp_path / "demo.db")
    try:
        fill_demo(db, people=400)
        _agree(stats(db), load_map_model(db))
        # Two of your 2nd degree e-mail you: the map draws them in your 1st ring now, and
        # so does stats, saying that your own evidence put them there.
        model = load_map_model(db)
        second = np.flatnonzero(model.degree == 2)
        names = [model.names[i] for i in second]
        wrote = [n for n in names if names.count(n) == 1][:2]
        me = my_addresses(db)[0]
        mbox = tmp_path / "more.mbox"
        mbox.write_text(
            "".join(MAIL.format(n=n, name=name, me=me) for n, name in enumerate(wrote, 1)),
            encoding="utf-8",
        )
        import_paths(db, [mbox])
        result = stats(db)
        after = load_map_model(db)
        _agree(result, after)
        assert after.degree_counts()[1] == model.degree_counts()[1] + 2
        assert result["first_from_evidence"] == 2
        # Without your evidence (what a shared picture shows) the 1st ring is LinkedIn's.
        linkedin = load_map_model(db, evidence=False).degree_counts()
        assert result["by_degree"]["1"] - result["first_from_evidence"] == linkedin[1]
        capsys.readouterr()
        assert main(["--db", str(tmp_path / "demo.db"), "stats"]) == 0
        first = f"1st degree: {result['by_degree']['1']:,} "
        assert f"{first}(2 of them from your own meetings and e-mails)" in capsys.readouterr().out
    finally:
        db.dispose()
