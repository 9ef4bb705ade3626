"""One text rule for every text file read: edge lists, contacts CSVs and LinkedIn CSVs
decode the same bytes the same way, and refuse the same bytes naming the same line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.io.cleantext import TextError, decode, delimiter
from netview.io.edgelist import read_edgelist
from netview.io.evidence.contacts_csv import read_contacts_csv
from netview.io.linkedin import text as linkedin_text

# 0x81 is no character in Windows-1252 and starts no UTF-8 sequence.
NOT_TEXT = b"source;target\nann;bob\n" + b"J\x81rg;ann\n"


def test_edge_lists_refuse_what_linkedin_files_refuse(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_bytes(NOT_TEXT)
    with pytest.raises(ImportFailure) as info:
        read_edgelist(path)
    assert str(info.value) == "ties.csv, line 3: file is neither UTF-8 nor Windows-1252 text"
    with pytest.raises(TextError) as same:
        linkedin_text.decode(NOT_TEXT)
    assert same.value.line == 3
    with pytest.raises(TextError):
        read_contacts_csv(NOT_TEXT, "c.csv")


def test_windows_1252_and_bom_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_bytes("source;target\nJürgen;Zoë\n".encode("cp1252"))
    graph = read_edgelist(path)
    assert [(e.source, e.target) for e in graph.edges] == [("Jürgen", "Zoë")]
    path.write_bytes(b"\xef\xbb\xbf" + "source\ttarget\nJürgen\tZoë\n".encode())
    assert [(e.source, e.target) for e in read_edgelist(path).edges] == [("Jürgen", "Zoë")]
    assert decode("Jürgen".encode("cp1252")) == ("Jürgen", "cp1252")
    assert linkedin_text.decode is decode  # one function, not a copy


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a,b;c", ","), ("a;b;c,d", ";"), ("a\tb\tc", "\t"), ("abc", ","), ("a;b,c", ",")],
)
def test_one_delimiter_rule(header: str, expected: str) -> None:
    assert delimiter(header) == expected
