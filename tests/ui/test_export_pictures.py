"""`netview export png|svg`: the map as the user sees it, within the same privacy rules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import select
from tests.services.exportkit import build

from netview.cli import main
from netview.services.sharing.export import Selection, picture_model
from netview.store.db import open_database
from netview.store.models import Person, PersonPrivate


def test_pictures_keep_private_people_out_and_follow_the_filters(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    db_file = build(tmp_path / "net.db")
    db = open_database(db_file)
    with db.session() as s:
        everyone = list(s.scalars(select(Person).order_by(Person.id)))
        s.add(PersonPrivate(person_id=everyone[1].id))
    full = picture_model(db, Selection())
    first = picture_model(db, Selection(degree=1))
    db.dispose()
    private = full.person_ids.tolist().index(everyone[1].id)
    assert not full.visible[private] and everyone[1].name not in full.names
    assert int(full.visible.sum()) == len(everyone) - 1
    assert set(first.degree[first.visible].tolist()) == {0, 1}

    png = tmp_path / "map.png"
    args = ["--db", str(db_file), "export", "png", "-o", str(png), "--size", "640x400"]
    assert main([*args, "--degree", "1"]) == 0
    assert QImage(str(png)).width() == 640
    svg = tmp_path / "map.svg"

    def names_in_svg(*extra: str) -> list[str]:
        assert main(["--db", str(db_file), "export", "svg", "-o", str(svg), *extra]) == 0
        text = svg.read_text(encoding="utf-8")
        return [p.name for p in everyone if p.name and p.name in text]

    assert names_in_svg()  # labels are text in the SVG ...
    assert not names_in_svg("--anonymize")  # ... and pseudonyms when anonymised
