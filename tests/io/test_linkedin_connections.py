"""Connections.csv in every variant: preamble or not, URL column or not, both date styles,
Excel re-saves (BOM, cp1252, semicolons, dd.mm.yyyy, NA fills), hidden members."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.core.records import FileKind
from netview.io.linkedin import read_archive

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting."\n'
    "\n"
)
HEADER_2022 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
HEADER_2023 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

MakeCsv = Callable[[str, str | bytes], Path]


def test_2018_file_without_preamble_and_us_dates(make_csv: MakeCsv) -> None:
    text = (
        HEADER_2022
        + 'Siobhán,Mitchell (She/Her),,Wayne Capital,Investor,"9/4/26, 9:38 AM"\n'
        + 'Nadia,O\'Brien,urn:li:member:123,"Monsters, Inc.",Engineer,"1/20/26, 12:57 AM"'
    )
    contents = read_archive(make_csv("Connections.csv", text))
    first, second = contents.connections
    assert (first.first_name, first.last_name, first.company) == (
        "Siobhán",
        "Mitchell (She/Her)",
        "Wayne Capital",
    )
    assert first.connected_on == date(2026, 9, 4)
    assert first.url is None and first.email is None
    assert first.line == 2
    assert second.company == "Monsters, Inc." and second.email == "urn:li:member:123"
    assert contents.era == "2018"


def test_preamble_is_skipped_by_finding_the_header(make_csv: MakeCsv) -> None:
    text = PREAMBLE + HEADER_2022 + "Łukasz,Green,,Acme,Account Executive,01 Jul 2026\n"
    contents = read_archive(make_csv("Connections.csv", text))
    [c] = contents.connections
    assert (c.first_name, c.connected_on, c.line) == ("Łukasz", date(2026, 7, 1), 5)
    assert contents.era == "2020"
    [report] = contents.files
    assert (report.kind, report.rows_read, report.rows_imported) == (FileKind.CONNECTIONS, 1, 1)


def test_url_column_and_percent_encoded_url_kept_as_written(make_csv: MakeCsv) -> None:
    url = "https://www.linkedin.com/in/valentina-fern%C3%A1ndez-4a002"
    text = PREAMBLE + HEADER_2023 + f'Valentina,"Fernández, PhD",{url} ,,Initech,,15 Oct 2026'
    contents = read_archive(make_csv("Connections.csv", text))
    [c] = contents.connections
    assert c.url == url  # trimmed, not normalised: identity is the importer's job
    assert c.last_name == "Fernández, PhD"
    assert c.position is None
    assert contents.era == "2023"


def test_hidden_members_are_counted_not_returned(make_csv: MakeCsv) -> None:
    text = (
        PREAMBLE
        + HEADER_2023
        + "Ann,Lee,https://www.linkedin.com/in/ann-lee,,,,16 Dec 2024\n"
        + ",,,,,,16 Dec 2024\n"
        + ",,,,,,01 Dec 2024\n"
    )
    contents = read_archive(make_csv("Connections.csv", text))
    assert [c.first_name for c in contents.connections] == ["Ann"]
    [report] = contents.files
    assert (report.rows_read, report.rows_imported, report.hidden) == (3, 1, 2)


def test_columns_found_by_name_in_any_order_case_and_spacing(make_csv: MakeCsv) -> None:
    text = (
        " connected on ,POSITION,Extra Column,last name,FIRST NAME,url\n"
        "04 Jul 2023,CTO,whatever,Lee,Ann,https://linkedin.com/in/ann-lee\n"
    )
    [c] = read_archive(make_csv("Connections.csv", text)).connections
    assert (c.first_name, c.last_name, c.position, c.url) == (
        "Ann",
        "Lee",
        "CTO",
        "https://linkedin.com/in/ann-lee",
    )
    assert c.connected_on == date(2023, 7, 4)


def test_excel_resave_cp1252_semicolons_dotted_dates_na(make_csv: MakeCsv) -> None:
    text = (
        PREAMBLE.replace(",", ";")
        + HEADER_2023.replace(",", ";")
        + "Renée;Müller;https://www.linkedin.com/in/ren%C3%A9e-m;NA;Société Générale;N/A;"
        + "16.09.2021\n"
        + "Tomás;Adams;https://www.linkedin.com/in/tomas-a;null;Hooli;Dev;23-Apr-23\n"
    )
    contents = read_archive(make_csv("Connections.csv", text.encode("cp1252")))
    first, second = contents.connections
    assert (first.first_name, first.last_name, first.company) == (
        "Renée",
        "Müller",
        "Société Générale",
    )
    assert first.email is None and first.position is None
    assert first.connected_on == date(2021, 9, 16)
    assert second.connected_on == date(2023, 4, 23) and second.email is None
    [report] = contents.files
    assert (report.encoding, report.delimiter) == ("cp1252", ";")


def test_excel_resave_utf8_with_bom(make_csv: MakeCsv) -> None:
    text = HEADER_2023 + "Zoë,Müller,https://www.linkedin.com/in/zoe,,,,04 Jul 2023\n"
    contents = read_archive(make_csv("Connections.csv", b"\xef\xbb\xbf" + text.encode()))
    [c] = contents.connections
    assert c.first_name == "Zoë"  # not "\ufeffZoë" and the header is still found
    assert contents.files[0].encoding == "utf-8-sig"


def test_row_problems_skip_only_that_row(make_csv: MakeCsv) -> None:
    text = (
        HEADER_2022
        + "Ann,Lee,,,,04 Jul 2023\n"
        + "Bob,Ray,,,,someday\n"
        + "Cy\n"
        + "Dee,Fox,,,,05 Jul 2023\n"
    )
    contents = read_archive(make_csv("Connections.csv", text))
    assert [c.first_name for c in contents.connections] == ["Ann", "Dee"]
    [report] = contents.files
    assert [(s.line, s.reason.split(" ")[0]) for s in report.skipped] == [
        (3, "unreadable"),
        (4, "row"),
    ]
    assert (report.rows_read, report.rows_imported) == (4, 2)


def test_physical_lines_count_line_breaks_inside_quotes(make_csv: MakeCsv) -> None:
    text = HEADER_2022 + 'Ann,Lee,,"Two\nline company",,04 Jul 2023\nBob,Ray,,,,bad date\n'
    contents = read_archive(make_csv("Connections.csv", text))
    assert contents.connections[0].company == "Two\nline company"
    assert contents.files[0].skipped[0].line == 4


def test_header_without_connected_on_is_refused(make_csv: MakeCsv) -> None:
    text = PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position\nA,B,,,,\n"
    with pytest.raises(ImportFailure) as info:
        read_archive(make_csv("Connections.csv", text))
    assert info.value.file == "Connections.csv"
    assert info.value.line == 4
    assert "Connected On" in str(info.value)
