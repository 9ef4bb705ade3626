"""Address books: vCard 2.1/3.0/4.0, Google and Outlook CSV, the LinkedIn archive's files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netview.core.errors import ImportFailure
from netview.core.evidence import Card
from netview.io import formats
from netview.io.evidence.address_book import archive_address_book, read_address_book
from netview.io.evidence.headers import clean
from netview.io.evidence.vcard import read_vcards


def read(tmp_path: Path, name: str, data: bytes) -> tuple[list[Card], list[str], tuple[str, ...]]:
    path = tmp_path / name
    path.write_bytes(data)
    ev = read_address_book(path)
    return list(ev.cards), [f"{s.where} {s.why}" for s in ev.skipped], ev.owner_addresses


def test_vcard_21_quoted_printable_outlook(tmp_path: Path) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller, Leiter der =\r\n"
        b"Abteilung\r\n"
        b"EMAIL;PREF;INTERNET:Juergen@Firma.example\r\n"
        b"ORG:Firma GmbH;Vertrieb\r\nTITLE:Leiter\r\n"
        b"END:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=x-unknown;ENCODING=QUOTED-PRINTABLE:=FF=FE\r\n"
        b"EMAIL:bad@x.example\r\n"
        b"END:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nEMAIL:ana@x.example\r\nEND:VCARD\r\n"
    )
    cards, skipped, _ = read(tmp_path, "outlook.vcf", data)
    assert cards[0] == Card(
        "outlook.vcf:1",
        "Jürgen Müller, Leiter der Abteilung",
        ("juergen@firma.example",),
        "Firma GmbH",
        "Leiter",
    )
    assert [c.name for c in cards] == ["Jürgen Müller, Leiter der Abteilung", "Ana"]
    assert skipped == [
        "outlook.vcf:10 a card with a bad encoding: unknown charset 'x-unknown' in FN"
    ]


def test_vcard_30_and_40_folding_inside_utf8_groups_and_escapes(tmp_path: Path) -> None:
    name = "Zoë Ångström".encode()
    cut = name.index(b"\xc3") + 1
    data = (
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:" + name[:cut] + b"\n " + name[cut:] + b"\n"
            b"N:\\xc3\\x85ngstr\\xc3\\xb6m;Zo\\xc3\\xab;;;\n"
            b"item1.EMAIL;TYPE=INTERNET,WORK:zoe@x.example\n"
            b"item2.URL:https\\://www.linkedin.com/in/zoe-a\n"
            b"ORG:Smith\\, Jones & Co;\n"
            b"END:VCARD\n"
            b"BEGIN:VCARD\nVERSION:4.0\nN:Kim;Maria;;;\nEMAIL;PREF=1:maria@x.example\n"
            b'EMAIL;TYPE="work,voice":Maria.Kim@Work.example\n'
            b"X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/maria\nEND:VCARD\n"
            b"BEGIN:VCARD\nVERSION:4.0\nFN:nobody@x.example\nEND:VCARD\n"
            b"BEGIN:VCARD\nVERSION:4.0\nFN:Cut Off\nEMAIL:cut@x.example\n"
        )
        .replace(b"\\xc3\\x85", "Å".encode())
        .replace(b"\\xc3\\xb6", "ö".encode())
        .replace(b"\\xc3\\xab", "ë".encode())
    )
    cards, skipped, _ = read(tmp_path, "c.vcf", data)
    assert cards == [
        Card(
            "c.vcf:1",
            "Zoë Ångström",
            ("zoe@x.example",),
            "Smith, Jones & Co",
            urls=("https://www.linkedin.com/in/zoe-a",),
        ),
        Card(
            "c.vcf:10",
            "Maria Kim",
            ("maria@x.example", "maria.kim@work.example"),
            urls=("https://linkedin.com/in/maria",),
        ),
    ]
    assert skipped == [
        "c.vcf:17 a card with neither a name nor an address",
        "c.vcf:21 the file ends inside this card (cut off?)",
    ]


GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,Organization Name,"
    "Organization Title,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Website 1 - Label,Website 1 - Value\n"
    "Ana,,Lima,,,Acme,CTO,* Work,Ana@Acme.example ::: ana@home.example,Home,ana@home.example,"
    "Profile,https://www.linkedin.com/in/ana-lima\n"
    ",,,,,,,,,,,,\n"
    "null,,null,,,,,,null,,,,\n"
)
GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,E-mail 1 - Type,E-mail 1 - Value,"
    "Organization 1 - Name,Organization 1 - Title\n"
    '"Lima, Ana",Ana,,Lima,,* Work,ana@acme.example,Acme,CTO\n'
)
OUTLOOK = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,Web Page\n"
    "Dr.,Jürgen,,Müller,,Firma GmbH,Sales,Leiter,j@firma.example,SMTP,Jürgen (j@firma.example),"
    "jm@home.example,\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (
            GOOGLE_NEW,
            "utf-8",
            Card(
                "contacts.csv:2",
                "Ana Lima",
                ("ana@acme.example", "ana@home.example"),
                "Acme",
                "CTO",
                ("https://www.linkedin.com/in/ana-lima",),
            ),
        ),
        (
            GOOGLE_OLD,
            "utf-8-sig",
            Card("contacts.csv:2", "Lima, Ana", ("ana@acme.example",), "Acme", "CTO"),
        ),
        (
            OUTLOOK.replace(",", ";"),
            "cp1252",
            Card(
                "contacts.csv:2",
                "Jürgen Müller",
                ("j@firma.example", "jm@home.example"),
                "Firma GmbH",
                "Leiter",
            ),
        ),
    ],
    ids=["google", "google-old", "outlook-excel"],
)
def test_contacts_csv(tmp_path: Path, text: str, encoding: str, expected: Card) -> None:
    cards, skipped, _ = read(tmp_path, "contacts.csv", text.encode(encoding))
    assert cards[0] == expected
    if text is GOOGLE_NEW:  # the blank row is ignored, the row of "null" cells is skipped
        assert skipped == ["contacts.csv:4 a contact with neither a name nor an address"]


LINKEDIN_CONTACTS = (
    "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,Sites,"
    "InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\n"
    'GOOGLE,Ana,Lima,Acme,CTO,"ana@acme.example,ana@home.example",null,2024-01-02,null,null,'
    "null,null,null,null,null,null\n"
)
EMAILS = (
    "Email Address,Confirmed,Primary,Updated On\n"
    "Me@Home.example,Yes,Yes,2020-01-01\nme@work.example,Yes,No,\n"
)


def test_linkedin_archive_contacts_and_owner_addresses(tmp_path: Path) -> None:
    path = tmp_path / "Complete_LinkedInDataExport.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        )
        zf.writestr("Contacts.csv", LINKEDIN_CONTACTS)
        zf.writestr("Email Addresses.csv", EMAILS)
    ev = archive_address_book(path)
    assert ev is not None
    assert list(ev.cards) == [
        Card(
            "Complete_LinkedInDataExport.zip:Contacts.csv:2",
            "Ana Lima",
            ("ana@acme.example", "ana@home.example"),
            "Acme",
            "CTO",
        )
    ]
    assert ev.owner_addresses == ("me@home.example", "me@work.example")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    (folder / "Connections.csv").write_text("First Name\n")
    assert archive_address_book(folder) is None


def test_not_an_address_book(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match=r"x\.csv, line 1: file names no contacts columns"):
        read(tmp_path, "x.csv", b"a,b,c\n1,2,3\n")
    with pytest.raises(ImportFailure, match=r"y\.csv, line 2: file holds binary data"):
        read(tmp_path, "y.csv", b"Name,E-mail 1 - Value\n\x00\x01\n")


@given(
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    ).filter(lambda s: clean(s) and "@" not in s and "\\" not in s),
    width=st.integers(min_value=1, max_value=20),
    crlf=st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_folding_anywhere_keeps_the_name(name: str, width: int, crlf: bool) -> None:
    """A writer may fold at any byte, inside a UTF-8 sequence too (RFC 6350 3.2)."""
    value = ("FN:" + name).encode()
    end = b"\r\n" if crlf else b"\n"
    folded = (end + b" ").join(value[i : i + width] for i in range(0, len(value), width))
    data = b"BEGIN:VCARD" + end + b"VERSION:4.0" + end + folded + end + b"END:VCARD" + end
    cards, skipped = read_vcards(data, "f.vcf")
    assert skipped == []
    assert [c.name for c in cards] == [clean(name)]


def test_a_vcard_file_starting_with_a_byte_order_mark_reads_its_first_card(
    tmp_path: Path,
) -> None:
    # Windows tools save UTF-8 with a BOM; the first BEGIN:VCARD then carries it.
    data = (
        "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Bom\r\nEMAIL:zoe@x.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEMAIL:ana@x.example\r\nEND:VCARD\r\n"
    ).encode()
    cards, skipped, _ = read(tmp_path, "bom.vcf", data)
    assert [(c.name, c.emails) for c in cards] == [
        ("Zoë Bom", ("zoe@x.example",)),
        ("Ana", ("ana@x.example",)),
    ]
    assert skipped == []


def test_a_21_card_without_end_does_not_swallow_the_next_card(tmp_path: Path) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann One\r\nEMAIL:ann@x.example\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Two\r\nEMAIL:bo@x.example\r\nEND:VCARD\r\n"
        # 2.1 nests a card as the value of AGENT: that one is not a card of the book.
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Cy Three\r\nEMAIL:cy@x.example\r\nAGENT:\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Agent\r\nEMAIL:agent@x.example\r\nEND:VCARD\r\n"
        b"END:VCARD\r\n"
    )
    cards, skipped, _ = read(tmp_path, "old.vcf", data)
    assert [c.name for c in cards] == ["Ann One", "Bo Two", "Cy Three"]
    assert skipped == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("google.csv", GOOGLE_NEW),
        ("outlook.txt", OUTLOOK.replace(",", "\t")),  # Excel's "Unicode Text"
        ("contacts.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n"),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_an_address_book_saved_as_utf16_reads_as_its_utf8_twin(
    tmp_path: Path, name: str, text: str, encoding: str
) -> None:
    """Google's older CSV export and Excel's Unicode Text are UTF-16 with a byte-order mark:
    they were refused as no file NetView can import."""
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "8").mkdir()
    (tmp_path / "16").mkdir()
    (tmp_path / "8" / name).write_bytes(text.encode("utf-8"))
    (tmp_path / "16" / name).write_bytes(data)
    fmt = formats.recognise_or_fail(tmp_path / "16" / name)
    assert fmt.name == "address_book"
    utf16 = read_address_book(tmp_path / "16" / name)
    utf8 = read_address_book(tmp_path / "8" / name)
    assert list(utf16.cards) == list(utf8.cards) != []
    assert utf16.skipped == utf8.skipped


def test_a_broken_utf16_address_book_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("Name,E-mail Address\nAna,ana@x.example\n".encode("utf-16") + b"\x00\xd8")
    with pytest.raises(ImportFailure, match=r"contacts\.csv, line 3: file .*UTF-16"):
        read_address_book(path)


@pytest.mark.parametrize("sep", [";", ","])
def test_a_contacts_csv_with_excels_sep_line_reads_as_without_it(tmp_path: Path, sep: str) -> None:
    """Excel writes "sep=;" on a line of its own before the header when asked (and reads
    it): such a file was refused as no file NetView can import."""
    rows = [
        ["First Name", "Last Name", "E-mail Address"],
        ["Ana", "López", "ana@x.example"],
        ["", "", ""],
        ["", "", "not-an-address"],
        ["Bo", "Chan", "bo@x.example"],
    ]
    text = "".join(sep.join(r) + "\r\n" for r in rows)
    (tmp_path / "hint").mkdir()
    (tmp_path / "plain").mkdir()
    (tmp_path / "hint" / "contacts.csv").write_text(f"sep={sep}\r\n" + text, encoding="utf-8")
    (tmp_path / "plain" / "contacts.csv").write_text(text, encoding="utf-8")
    assert formats.recognise_or_fail(tmp_path / "hint" / "contacts.csv").name == "address_book"
    hinted = read_address_book(tmp_path / "hint" / "contacts.csv")
    plain = read_address_book(tmp_path / "plain" / "contacts.csv")
    assert [c.name for c in hinted.cards] == ["Ana López", "Bo Chan"]
    assert [(c.name, c.emails) for c in hinted.cards] == [(c.name, c.emails) for c in plain.cards]
    assert [c.where for c in hinted.cards] == ["contacts.csv:3", "contacts.csv:6"]
    # A skipped row is named by its line in the file, the hint's line counted.
    assert [s.where for s in plain.skipped] == ["contacts.csv:4"]
    assert [s.where for s in hinted.skipped] == ["contacts.csv:5"]
