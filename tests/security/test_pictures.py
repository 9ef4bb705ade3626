"""Issue 13, point 3: every picture that leaves the app is drawn from the shared view.

`netview render` and `netview export svg|png` draw the same people: a private person is
never drawn, their name appears nowhere, not even in a group named after them.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.services.conftest import Cli

PRIVATE = "björn-lee-11eef"  # a colleague whose export is imported; a community bears his name


def _texts(svg: Path) -> list[str]:
    return re.findall(r">([^<]+)</text>", svg.read_text(encoding="utf-8"))


def _people(out: str) -> int:
    """The count `netview render` reports: "wrote map.svg (162 people)"."""
    found = re.search(r"\((\d+) people\)", out)
    assert found, out
    return int(found.group(1))


def test_render_and_export_draw_the_same_people_without_private_ones(
    net: Cli, tmp_path: Path, qapp
) -> None:  # type: ignore[no-untyped-def]
    before = tmp_path / "before.svg"
    status, out, _ = net("render", "-o", before, "--size", "1200x800")
    assert status == 0
    drawn = _people(out)
    assert any("Björn Lee" in t for t in _texts(before))  # his label and "Björn Lee's circle"
    assert net("private", PRIVATE)[0] == 0

    rendered, exported = tmp_path / "render.svg", tmp_path / "export.svg"
    status, out, err = net("render", "-o", rendered, "--size", "1200x800")
    assert status == 0, err
    assert net("export", "svg", "-o", exported, "--size", "1200x800")[0] == 0
    for svg in (rendered, exported):
        text = svg.read_text(encoding="utf-8")
        assert "Björn" not in text and PRIVATE not in text, svg.name
    assert _texts(rendered) == _texts(exported)  # one drawing path
    assert _people(out) == drawn - 1
