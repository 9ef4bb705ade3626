"""Property: whatever csv.writer writes (any Unicode, commas, quotes, line breaks, either
delimiter, with or without a BOM) the readers give back unchanged."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netview.io.linkedin import read_archive

_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Any text a person could type: every category but control characters (other than the line
# breaks and tabs people do type) and surrogates. Cells are compared trimmed, as read.
_text = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\x7f"],
    ).filter(lambda ch: not (0x7F <= ord(ch) < 0xA0)),
    max_size=30,
)
_filler = {"NA", "N/A", "na", "n/a", "Na", "N/a", "null", "NULL", "Null"}


def _optional(value: str) -> str | None:
    v = value.strip()
    return None if not v or v in _filler else v


_person = st.tuples(
    _text.filter(lambda s: s.strip() != ""),  # a first name: hidden members are covered elsewhere
    _text,
    _text,  # company
    _text,  # position
    st.dates(min_value=date(2003, 1, 1), max_value=date(2069, 12, 31)),
)


def _lf_safe(value: str) -> str:
    # csv.writer with lineterminator "\n" leaves a lone "\r" unquoted, which any reader (Excel
    # too) takes for a line break: such files cannot exist, so the LF case does not write "\r".
    return value.replace("\r", "")


def _write(rows: list[list[str]], header: list[str], delimiter: str, bom: bool) -> bytes:
    buffer = io.StringIO(newline="")
    # LinkedIn writes LF line ends; Excel re-saves write CRLF: with CRLF "\r" is quoted.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if not bom:
        data = data.replace(b"\r\n", b"\n")
    return (b"\xef\xbb\xbf" + data) if bom else data


@settings(max_examples=80, deadline=None)
@given(st.lists(_person, min_size=1, max_size=8), st.sampled_from([",", ";"]), st.booleans())
def test_connections_round_trip(
    people: list[tuple[str, str, str, str, date]], delimiter: str, bom: bool
) -> None:
    if not bom:  # the UTF-8 files LinkedIn writes itself: LF line ends
        people = [
            (_lf_safe(a), _lf_safe(b), _lf_safe(c), _lf_safe(d), e) for a, b, c, d, e in people
        ]
    header = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
    rows = [
        [first, last, "", company, position, f"{d.day:02d} {_MON[d.month - 1]} {d.year}"]
        for first, last, company, position, d in people
    ]
    data = _write(rows, header, delimiter, bom)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Connections.csv"
        path.write_bytes(data)
        contents = read_archive(path)
    got = [
        (c.first_name, c.last_name, c.company, c.position, c.connected_on)
        for c in contents.connections
    ]
    want = [
        (first.strip(), last.strip(), _optional(company), _optional(position), d)
        for first, last, company, position, d in people
    ]
    assert got == want
    [report] = contents.files
    assert report.delimiter == delimiter
    assert report.skipped == []


_plain = _text.filter(lambda s: "<" not in s and "&" not in s and "%" not in s)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_text.filter(lambda s: s.strip() != ""), _text, _plain), min_size=1, max_size=6
    ),
    st.sampled_from([",", ";"]),
    st.booleans(),
)
def test_messages_round_trip(rows: list[tuple[str, str, str]], delimiter: str, bom: bool) -> None:
    if not bom:
        rows = [(_lf_safe(a), _lf_safe(b), _lf_safe(c)) for a, b, c in rows]
    header = [
        "CONVERSATION ID",
        "CONVERSATION TITLE",
        "FROM",
        "SENDER PROFILE URL",
        "TO",
        "DATE",
        "SUBJECT",
        "CONTENT",
        "FOLDER",
    ]
    written = [
        [
            "c1",
            "",
            sender,
            "https://www.linkedin.com/in/x",
            to,
            "2024-12-16 18:24:37 UTC",
            "",
            body,
            "INBOX",
        ]
        for sender, to, body in rows
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messages.csv"
        path.write_bytes(_write(written, header, delimiter, bom))
        contents = read_archive(path)
    got = [(m.from_name, m.to_names, m.content) for m in contents.messages]
    want = [
        (sender.strip(), (to.strip(),) if to.strip() else (), body.strip())
        for sender, to, body in rows
    ]
    assert got == want
