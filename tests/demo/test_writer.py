"""The export writer spells every file the way LinkedIn's 2024/2025 exports do."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from netview.demo.writer import (
    ConnectionOut,
    EndorsementOut,
    ExportOut,
    InvitationOut,
    MessageOut,
    PositionOut,
    ProfileOut,
    RecommendationOut,
    archive_name,
    connections_csv,
    escape_content,
    export_files,
    invitation_time_text,
    messages_csv,
    recommendation_time_text,
    write_folder,
    zip_bytes,
)

SOREN = ConnectionOut(
    "Søren",
    "Baker, PhD",
    "søren-baker-7866a",
    "Müller & Söhne GmbH",
    "Staff Engineer, Platform",
    date(2023, 7, 4),
)


def _rows(text: str, skip: int = 0) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.split("\n", skip)[skip] if skip else text)))


def _export() -> ExportOut:
    export = ExportOut(
        ProfileOut(
            "Robin",
            "Quill",
            "Data Scientist at Acme",
            "Building things.",
            "Software Development",
            "Berlin, Germany",
        ),
        date(2026, 11, 20),
    )
    export.connections = [SOREN, ConnectionOut.hidden(date(2024, 12, 16))]
    export.messages = [
        MessageOut(
            "2-abc==",
            "",
            "Robin Quill",
            "robin-quill-42",
            [("Søren Baker, PhD", "søren-baker-7866a"), ("Иван Петров", "иван-петров")],
            datetime(2024, 12, 16, 18, 24, 37),
            "It's done & shipped <3",
            html=True,
        ),
    ]
    export.invitations = [
        InvitationOut(
            "Robin Quill",
            "Søren Baker, PhD",
            datetime(2024, 12, 15, 7, 47),
            "Hi Søren,\nlet's connect.",
            True,
            "robin-quill-42",
            "søren-baker-7866a",
        ),
    ]
    export.endorsements_received = [
        EndorsementOut(
            datetime(2024, 12, 15, 8, 53, 43), "Python", "Søren", "Baker, PhD", "søren-baker-7866a"
        ),
    ]
    export.endorsements_given = list(export.endorsements_received)
    export.recommendations_received = [
        RecommendationOut(
            "Søren",
            "Baker, PhD",
            "Müller & Söhne GmbH",
            "Staff Engineer, Platform",
            'Robin "gets things done", every time.',
            datetime(2022, 12, 9, 19, 18),
        ),
    ]
    export.positions = [
        PositionOut("Acme", "Data Scientist", "", "Berlin", date(2021, 6, 1), None),
        PositionOut(
            "Globex",
            "Engineer",
            "Built, shipped; repeated.",
            "Paris",
            date(2017, 1, 1),
            date(2021, 5, 1),
            year_only=True,
        ),
    ]
    export.skills = ["Python", "SQL"]
    return export


def test_connections_have_the_notes_preamble_header_and_no_final_newline() -> None:
    text = connections_csv([SOREN, ConnectionOut.hidden(date(2024, 12, 16))])
    lines = text.split("\n")
    assert lines[0] == "Notes:"
    assert lines[1].startswith('"When exporting your connection data') and lines[1].endswith('"')
    assert lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    assert not text.endswith("\n") and "\r" not in text
    # Newest first: the hidden member (2024) before Søren (2023); hidden = only the date.
    assert lines[4] == ",,,,,,16 Dec 2024"
    assert lines[5] == (
        'Søren,"Baker, PhD",https://www.linkedin.com/in/s%C3%B8ren-baker-7866a,,'
        'Müller & Söhne GmbH,"Staff Engineer, Platform",04 Jul 2023'
    )


def test_every_other_file_writes_urls_raw_and_dates_in_its_own_format() -> None:
    files = export_files(_export())
    messages = _rows(files["messages.csv"])
    assert messages[0] == [
        "CONVERSATION ID",
        "CONVERSATION TITLE",
        "FROM",
        "SENDER PROFILE URL",
        "TO",
        "RECIPIENT PROFILE URLS",
        "DATE",
        "SUBJECT",
        "CONTENT",
        "FOLDER",
        "ATTACHMENTS",
        "IS MESSAGE DRAFT",
    ]
    row = dict(zip(messages[0], messages[1], strict=True))
    assert row["RECIPIENT PROFILE URLS"] == (
        "https://www.linkedin.com/in/søren-baker-7866a,https://www.linkedin.com/in/иван-петров"
    )
    assert row["DATE"] == "2024-12-16 18:24:37 UTC"
    assert row["CONTENT"] == "<p>It&#39;s done &amp; shipped &lt;3</p>"
    assert row["IS MESSAGE DRAFT"] == "false"

    invitation = _rows(files["Invitations.csv"])
    assert invitation[0][-2:] == ["inviterProfileUrl", "inviteeProfileUrl"]
    assert invitation[1][2:5] == ["12/15/24, 7:47 AM", "Hi Søren,\nlet's connect.", "OUTGOING"]
    assert invitation[1][6] == "https://www.linkedin.com/in/søren-baker-7866a"

    endorsement = _rows(files["Endorsement_Received_Info.csv"])
    assert endorsement[0][4] == "Endorser Public Url"
    assert endorsement[1] == [
        "2024/12/15 08:53:43 UTC",
        "Python",
        "Søren",
        "Baker, PhD",
        "www.linkedin.com/in/søren-baker-7866a",
        "ACCEPTED",
    ]
    assert _rows(files["Endorsement_Given_Info.csv"])[0][4] == "Endorsee Public Url"

    recommendation = _rows(files["Recommendations_Received.csv"])
    assert recommendation[1][4:] == [
        'Robin "gets things done", every time.',
        "12/09/22, 07:18 PM",
        "VISIBLE",
    ]
    positions = _rows(files["Positions.csv"])
    assert positions[1][4:] == ["Jun 2021", ""]
    assert positions[2][4:] == ["2017", "2021"]
    for name, text in files.items():
        assert not text.endswith("\n"), name
        assert "%C3" not in text or name == "Connections.csv", name


def test_twelve_hour_clock_edges() -> None:
    assert invitation_time_text(datetime(2025, 1, 2, 0, 5)) == "1/2/25, 12:05 AM"
    assert invitation_time_text(datetime(2025, 1, 2, 12, 0)) == "1/2/25, 12:00 PM"
    assert invitation_time_text(datetime(2009, 10, 20, 23, 59)) == "10/20/09, 11:59 PM"
    assert recommendation_time_text(datetime(2025, 1, 2, 0, 5)) == "01/02/25, 12:05 AM"


def test_zip_holds_the_files_at_its_root_and_is_reproducible(tmp_path: Path) -> None:
    data = zip_bytes(_export())
    assert data == zip_bytes(_export())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "Connections.csv" in names and all("/" not in n for n in names)
        folder = write_folder(_export(), tmp_path / "export")
        for name in names:
            assert archive.read(name) == (folder / name).read_bytes()
    assert archive_name(date(2026, 3, 7), "me") == "me__Complete_LinkedInDataExport_03-07-2026.zip"


def test_files_a_member_would_not_get_are_left_out() -> None:
    export = ExportOut(ProfileOut("A", "B", "", "", "", ""), date(2026, 1, 1))
    assert set(export_files(export)) == {"Connections.csv", "Profile.csv"}


_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(',"\n'), max_size=30
)
_slug = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), exclude_characters="/?#%:,"),
    min_size=1,
    max_size=20,
)


@given(first=_text, last=_text, slug=_slug, company=_text)
def test_connection_rows_read_back_as_written(
    first: str, last: str, slug: str, company: str
) -> None:
    text = connections_csv([ConnectionOut(first, last, slug, company, "CEO", date(2020, 2, 29))])
    header, row = _rows(text, skip=3)
    assert header[0] == "First Name"
    assert row[:2] == [first, last] and row[4] == company
    url = row[2]
    # ASCII only, every escape in uppercase hex, as LinkedIn writes them.
    assert url.isascii() and not re.search(r"%(?![0-9A-F]{2})", url)
    assert unquote(url) == "https://www.linkedin.com/in/" + slug
    assert row[6] == "29 Feb 2020"


@given(content=_text)
def test_message_content_unescapes_to_what_was_written(content: str) -> None:
    text = messages_csv(
        [MessageOut("c", "", "A B", "a-b", [("C D", "c-d")], datetime(2024, 1, 1), content)]
    )
    cell = _rows(text)[1][8]
    assert html.unescape(cell) == content
    assert escape_content("it's") == "it&#39;s"
