"""messages.csv in every generation, sponsored mail, drafts, HTML, recipients, AI-coach files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.core.records import FileKind
from netview.io.linkedin import read_archive
from netview.io.linkedin.messages import split_recipients

MakeCsv = Callable[[str, str | bytes], Path]
MakeFolder = Callable[..., Path]

H2018 = "From,To,Date,Subject,Content,Direction,Folder\n"
H2020 = "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
H2022 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
)
H2023 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
H2024 = H2023.rstrip("\n") + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
H2025 = H2023.rstrip("\n") + ",ATTACHMENTS,IS MESSAGE DRAFT\n"
H2026 = ",".join(f'"{c}"' for c in [*H2023.rstrip("\n").split(","), "ATTACHMENTS"]) + "\n"
ANN = "https://www.linkedin.com/in/ann-lee"
ME = "https://www.linkedin.com/in/robin-quill-42"


def test_2018_messages_direction_and_us_dates(make_csv: MakeCsv) -> None:
    text = (
        H2018
        + 'Robin Quill,Ann Lee,"10/16/18, 8:36 AM",Hi,Hello &amp; thanks,OUTGOING,SENT\n'
        + 'Ann Lee,Robin Quill,"10/17/18, 9:00 PM",,Thanks!,INCOMING,INBOX\n'
    )
    contents = read_archive(make_csv("Messages.csv", text))
    out, back = contents.messages
    assert (out.from_name, out.to_names, out.outgoing, out.folder) == (
        "Robin Quill",
        ("Ann Lee",),
        True,
        "SENT",
    )
    assert out.sent_at == datetime(2018, 10, 16, 8, 36)
    assert out.content == "Hello & thanks" and out.subject == "Hi"
    assert back.outgoing is False and back.subject is None
    assert out.recipient_urls == () and out.sender_url is None
    assert contents.era == "2018"


def test_early_2020_upper_case_iso_dates(make_csv: MakeCsv) -> None:
    text = H2020 + "Ann Lee,Robin Quill,2019-11-06T02:08:20,,Hi,INCOMING,INBOX\n"
    contents = read_archive(make_csv("messages.csv", text))
    [m] = contents.messages
    assert (m.sent_at, m.outgoing) == (datetime(2019, 11, 6, 2, 8, 20), False)
    assert contents.era == "2020"


def test_2022_messages_outgoing_left_to_the_importer(make_csv: MakeCsv) -> None:
    text = (
        H2022
        + f"2-abc==,,Ann Lee,{ANN},Robin Quill,2024-12-16 18:24:37 UTC,,Let&#39;s talk,INBOX\n"
        + f"2-abc==,,Robin Quill,{ME},Ann Lee,2024-12-17 08:00:00 UTC,,Sure,SENT\n"
    )
    contents = read_archive(make_csv("messages.csv", text))
    first, second = contents.messages
    assert first.content == "Let's talk"
    assert first.outgoing is None  # the file does not say; the importer decides by sender
    assert second.outgoing is True  # the SENT folder is all there is
    assert first.conversation_id == "2-abc=="
    assert first.sent_at == datetime(2024, 12, 16, 18, 24, 37)
    assert first.to_names == ("Robin Quill",) and first.recipient_urls == ()
    assert contents.era == "2022"


def test_2023_recipient_urls_split_names(make_csv: MakeCsv) -> None:
    bob = "https://www.linkedin.com/in/bob"
    text = (
        H2023
        + f'c1,Group,Robin Quill,{ME},"Ann Lee, PhD, Bob Ray",{ANN},{bob},'.replace(
            f"{ANN},{bob}", f'"{ANN},{bob}"'
        )
        + "2024-01-02 03:04:05 UTC,,<p>Hi all</p><p>Second<br>line</p>,INBOX\n"
    )
    contents = read_archive(make_csv("messages.csv", text))
    [m] = contents.messages
    assert m.recipient_urls == (ANN, bob)
    assert m.to_names == ("Ann Lee, PhD", "Bob Ray")
    assert m.content == "Hi all\nSecond\nline"
    assert contents.era == "2023"


@pytest.mark.parametrize(
    ("to", "count", "expected"),
    [
        ("Ann Lee", 1, ("Ann Lee",)),
        ("Lee, Ann", 1, ("Lee, Ann",)),
        ("Ann Lee, Bob Ray", 2, ("Ann Lee", "Bob Ray")),
        ("Ann Lee, MBA, Bob Ray, Cy Fox", 3, ("Ann Lee, MBA", "Bob Ray", "Cy Fox")),
        ("Lee, Ann, Ray, Bob, Fox", 2, ("", "")),  # cannot tell: no guess
        ("", 0, ()),
    ],
)
def test_split_recipients(to: str, count: int, expected: tuple[str, ...]) -> None:
    assert split_recipients(to, count) == expected


def test_split_recipients_by_slug_when_commas_are_ambiguous() -> None:
    urls = (
        "https://www.linkedin.com/in/ren%C3%A9e-ivanova-11eef",
        "https://www.linkedin.com/in/lee-ann-2",
        "https://www.linkedin.com/in/bob-ray/",
    )
    to = "Renée Ivanova, Head of Data, Lee, Ann, Bob Ray"
    assert split_recipients(to, 3, urls) == ("Renée Ivanova, Head of Data", "Lee, Ann", "Bob Ray")
    assert split_recipients(to, 3, urls[::-1]) == ("", "", "")


def test_dec_2024_drafts_skipped(make_csv: MakeCsv) -> None:
    text = (
        H2024
        + f"c1,,Ann Lee,{ANN},Robin Quill,{ME},2024-12-16 18:24:37 UTC,,Hi,INBOX,false,false\n"
        + f"c1,,Robin Quill,{ME},Ann Lee,{ANN},2024-12-16 19:00:00 UTC,,Unsent,DRAFT,true,false\n"
    )
    contents = read_archive(make_csv("messages.csv", text))
    assert [m.content for m in contents.messages] == ["Hi"]
    assert all(not m.is_draft and not m.sponsored for m in contents.messages)
    assert [(s.line, s.reason) for s in contents.files[0].skipped] == [(3, "draft")]
    assert contents.era == "2024"


def test_2025_attachments_and_draft(make_csv: MakeCsv) -> None:
    text = (
        H2025
        + f"c1,,Ann Lee,{ANN},Robin Quill,{ME},2025-01-01 10:00:00 UTC,,See file,INBOX,"
        + "x.pdf,false\n"
        + f"c1,,Robin Quill,{ME},Ann Lee,{ANN},2025-01-01 11:00:00 UTC,,Draft,INBOX,,TRUE\n"
    )
    contents = read_archive(make_csv("messages.csv", text))
    assert [m.content for m in contents.messages] == ["See file"]
    assert contents.era == "2025"


def test_2026_fully_quoted_with_line_breaks(make_csv: MakeCsv) -> None:
    text = (
        H2026
        + f'"c1","","Ann Lee","{ANN}","Robin Quill","{ME}","2026-03-27 08:03:14 UTC","",'
        + '"Hi Robin,\n\nCould you introduce me?\n\nBest,\nAnn","INBOX",""\n'
        + f'"c1","","Robin Quill","{ME}","Ann Lee","{ANN}","2026-03-28 08:03:14 UTC","",'
        + '"Sure","INBOX",""'
    )
    contents = read_archive(make_csv("messages.csv", text))
    first, second = contents.messages
    assert first.content == "Hi Robin,\n\nCould you introduce me?\n\nBest,\nAnn"
    assert (first.line, second.line) == (2, 8)
    assert contents.era == "2026"


@pytest.mark.parametrize(
    "row",
    [
        f"c9,,LinkedIn Member,,Robin Quill,{ME},2026-10-21 09:30:00 UTC,,Offer,INBOX",
        f"c9,Sponsored Conversation,Acme,{ANN},Robin Quill,{ME},2026-10-21 09:30:00 UTC,,x,INBOX",
        f'c9,,Ann Lee,{ANN},Robin Quill,{ME},2026-10-21 09:30:00 UTC,,"Hi %FIRSTNAME%!",INBOX',
    ],
)
def test_sponsored_mail_skipped(make_csv: MakeCsv, row: str) -> None:
    text = H2023 + f"c1,,Ann Lee,{ANN},Robin Quill,{ME},2024-01-01 10:00:00 UTC,,Hi,INBOX\n" + row
    contents = read_archive(make_csv("messages.csv", text))
    assert [m.from_name for m in contents.messages] == ["Ann Lee"]
    report = contents.files[0]
    assert [(s.line, s.reason) for s in report.skipped] == [(3, "sponsored mail")]
    assert (report.rows_read, report.rows_imported) == (2, 1)


@pytest.mark.parametrize(
    "name",
    [
        "guide_messages.csv",
        "coach_messages.csv",
        "learning_coach_messages.csv",
        "learning_role_play_messages.csv",
    ],
)
def test_ai_coach_files_are_not_interactions(make_folder: MakeFolder, name: str) -> None:
    row = f"c1,,Ann Lee,{ANN},Robin Quill,{ME},2024-01-01 10:00:00 UTC,,Hi,INBOX\n"
    contents = read_archive(make_folder({name: H2023 + row, "messages.csv": H2023 + row}))
    assert len(contents.messages) == 1  # only messages.csv's row
    coach = next(f for f in contents.files if f.name == name)
    assert coach.kind is FileKind.COACH_MESSAGES
    assert coach.note == "AI-coach chat, not interactions"
    assert coach.rows_imported == 0


@pytest.mark.parametrize("drop", ["FROM", "DATE", "CONTENT"])
def test_messages_without_required_column_refused(make_zip: Callable[..., Path], drop: str) -> None:
    cols = [c for c in H2022.rstrip("\n").split(",") if c != drop]
    path = make_zip({"messages.csv": ",".join(cols) + "\n" + ",".join("x" * len(cols))})
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == f"{path.name}:messages.csv"
    assert info.value.line == 1
    assert drop in info.value.message


@pytest.mark.parametrize(
    "raw",
    [
        "Tom &amp; Jerry",
        "Let&#39;s &quot;talk&quot; &lt;soon&gt;",
        "&amp;lt;b&amp;gt; is literal",
        "caf&eacute; &#8212; &#x2014; &nbsp;x",
        "A & B; C &amp D",
        "<p>One</p><p>Two<br/>Three</p>",
        "<div>x</div><b>bold</b> &lt;not a tag&gt;",
        "1 < 2 and 3 > 2",
    ],
)
def test_html_to_text_matches_the_standard_library(raw: str) -> None:
    import html
    import re

    from netview.io.linkedin.html import to_text

    expected = raw
    if re.search(r"<[A-Za-z/!]", expected):
        expected = re.sub(r"<br\s*/?>|</p>\s*<p>|</?(?:p|div)>", "\n", expected)
        expected = re.sub(r"<[A-Za-z/!][^>]*>", "", expected)
    assert to_text(raw) == html.unescape(expected).strip()


def test_an_odd_coach_file_never_fails(make_folder: MakeFolder) -> None:
    row = f"c1,,Ann Lee,{ANN},Robin Quill,{ME},2024-01-01 10:00:00 UTC,,Hi,INBOX\n"
    odd = (H2023 + row).encode() + b"\x00\x00 junk " + b'"never closed'
    contents = read_archive(make_folder({"coach_messages.csv": odd, "messages.csv": H2023 + row}))
    assert len(contents.messages) == 1
    assert {f.name: f.kind for f in contents.files}["coach_messages.csv"] is FileKind.COACH_MESSAGES


def test_excel_na_fills_in_optional_message_cells(make_csv: MakeCsv) -> None:
    text = (
        H2024.replace(",", ";")
        + f"NA;NA;Ann Lee;{ANN};Robin Quill;NA;16.12.2024 18:24;N/A;Hi;null;false;false\n"
    )
    contents = read_archive(make_csv("messages.csv", b"\xef\xbb\xbf" + text.encode()))
    [m] = contents.messages
    assert (m.conversation_id, m.conversation_title, m.subject, m.folder) == (None,) * 4
    assert m.recipient_urls == () and m.to_names == ("Robin Quill",)
    assert m.sent_at == datetime(2024, 12, 16, 18, 24)
    assert (contents.files[0].delimiter, contents.files[0].encoding) == (";", "utf-8-sig")
