"""Files that cannot be parsed refuse the whole archive, naming the file and the line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.io.linkedin import read_archive

MakeZip = Callable[..., Path]

HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On\n"


def _fail(make_zip: MakeZip, files: dict[str, str | bytes]) -> ImportFailure:
    path = make_zip(files, name="a.zip")
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    return info.value


def test_quote_left_open_at_end_of_file(make_zip: MakeZip) -> None:
    text = (
        HEADER + "Ann,Lee,,Acme,CTO,04 Jul 2023\n" + 'Bob,Ray,,"Acme, Inc,CTO,04 Jul 2023\nCy,Fox'
    )
    err = _fail(make_zip, {"Connections.csv": text})
    assert (err.file, err.line) == ("a.zip:Connections.csv", 3)
    assert "never closed" in err.message
    assert str(err).startswith("a.zip:Connections.csv, line 3: ")
    assert "\n" not in str(err)


def test_truncated_messages_file(make_zip: MakeZip) -> None:
    head = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    text = head + 'c1,Ann,,Me,2024-01-01 10:00:00 UTC,,"Hello,\nthis mess'
    err = _fail(make_zip, {"messages.csv": text})
    assert (err.file, err.line) == ("a.zip:messages.csv", 2)


def test_nul_junk_in_a_file_read(make_zip: MakeZip) -> None:
    text = (HEADER + "Ann,Lee,,Acme,CTO,04 Jul 2023\nBob,Ray,,,,").encode() + b"\x00\x00\x13junk"
    err = _fail(make_zip, {"Connections.csv": text})
    assert (err.file, err.line) == ("a.zip:Connections.csv", 3)
    assert "binary" in err.message


def test_bytes_that_are_no_text_at_all(make_zip: MakeZip) -> None:
    # 0x81 is undefined in cp1252 and invalid in UTF-8.
    text = HEADER.encode() + b"Ann,Lee,,\x81\x8d,CTO,04 Jul 2023\n"
    err = _fail(make_zip, {"Connections.csv": text})
    assert (err.file, err.line) == ("a.zip:Connections.csv", 2)


def test_known_file_name_without_any_header(make_zip: MakeZip) -> None:
    err = _fail(make_zip, {"Connections.csv": "Notes:\nnothing here\n", "Skills.csv": "Name\n"})
    assert err.file == "a.zip:Connections.csv"


def test_header_lacking_required_column(make_zip: MakeZip) -> None:
    text = "First Name,Last Name,URL,Email Address,Company,Position\nAnn,Lee,,,,\n"
    err = _fail(make_zip, {"Connections.csv": text})
    assert (err.file, err.line) == ("a.zip:Connections.csv", 1)
    assert "Connected On" in err.message
