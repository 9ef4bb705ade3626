"""Mailbox reader on hand-written mbox and .eml files: separators, folding, encoded words,
truncation, NUL bytes, piece boundaries, progress and cancel; property tests for names."""

from __future__ import annotations

from datetime import UTC, datetime
from email.header import Header
from email.utils import formataddr
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netview.core.errors import Cancelled, ImportFailure
from netview.core.evidence import Mail, Mailbox
from netview.io import formats
from netview.io.evidence import headers as h
from netview.io.evidence import mailbox as mb
from netview.io.evidence.mailbox import read_mailbox


def message(n: int, *, sender: str = "", extra: str = "", body: str = "Hi.\n") -> str:
    sender = sender or f"Person {n} <p{n}@x.example>"
    return (
        f"From p{n}@x.example Mon Nov 30 10:00:00 2026\n"
        f"Message-ID: <m{n}@x.example>\n"
        f"Date: Mon, 30 Nov 2026 10:{n % 60:02d}:00 +0100\n"
        f"From: {sender}\n"
        f"To: Me <me@x.example>\n"
        f"{extra}"
        f"Subject: s{n}\n\n{body}\n"
    )


def read(path: Path) -> tuple[list[Mail], list[str]]:
    ev = read_mailbox(path)
    mails = list(ev.mails)
    return mails, [f"{s.where} {s.why}" for s in ev.skipped]


def test_bodies_with_from_lines_folded_lists_and_encoded_words(tmp_path: Path) -> None:
    text = (
        message(1, body="Hello\n>From the escaped line\nFrom an unescaped line in prose\n")
        + message(
            2,
            sender="=?UTF-8?B?QmrDtnJu?= =?UTF-8?Q?_Hern=C3=A1ndez?= <Bjorn@X.example>",
            extra='Cc: "Doe, Jane" <jane@x.example>,\n\t=?iso-8859-1?q?Ren=E9?= <rene@x.example>\n'
            "X-Gmail-Labels: Inbox,Important,=?UTF-8?Q?Cl=C3=A9?=\n",
        )
        + message(3, extra="Precedence: bulk\n")
        + message(4, sender="GitHub <noreply@github.example>")
        + message(5, extra="Auto-Submitted: no\n")
    )
    path = tmp_path / "Inbox"  # Thunderbird: no extension
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    mails, skipped = read(path)
    assert skipped == []
    assert [m.key for m in mails] == [f"m{n}@x.example" for n in range(1, 6)]
    second = mails[1]
    assert second.sender == Mailbox("bjorn@x.example", "Björn Hernández")
    assert second.cc == (Mailbox("jane@x.example", "Doe, Jane"), Mailbox("rene@x.example", "René"))
    assert second.labels == ("Inbox", "Important", "Clé")
    assert second.sent == datetime(2026, 11, 30, 9, 2, tzinfo=UTC)
    assert [m.automated for m in mails] == [False, False, True, True, False]
    assert [m.where for m in mails][:2] == ["Inbox:1", "Inbox:12"]


def test_truncated_garbage_and_nul_are_skipped_the_rest_reads(tmp_path: Path) -> None:
    text = (
        message(1)
        + "From junk Mon Nov 30 10:00:00 2026\nThis is not: a header\nnor this\n\nbody\n\n"
        + message(2, extra="X-Bad: \x00\n")
        + message(3)
        + "From cut Mon Nov 30 10:00:00 2026\nMessage-ID: <cut@x>\nFrom: A <a@x.example>\nTo: b"
    )
    path = tmp_path / "mail.mbox"
    path.write_bytes(text.encode("utf-8"))
    mails, skipped = read(path)
    assert [m.key for m in mails] == ["m1@x.example", "m3@x.example"]
    assert skipped == [
        "mail.mbox:10 no From, To or Cc header: not a mail message",
        "mail.mbox:16 message headers hold NUL or control bytes",
        "mail.mbox:35 the file ends inside this message's headers (cut off?)",
    ]


def test_separator_without_blank_line_and_empty_bodies(tmp_path: Path) -> None:
    text = (
        "From a Mon Nov 30 10:00:00 2026\nMessage-ID: <1@x>\nFrom: a@x.example\n\n"
        "From b Tue Dec 01 10:00:00 2026\nMessage-ID: <2@x>\nFrom: b@x.example\n\nbody\n"
        "From c Wed Dec 02 10:00:00 2026\nMessage-ID: <3@x>\nFrom: c@x.example\n"
    )
    path = tmp_path / "x.mbox"
    path.write_bytes(text.encode())
    mails, skipped = read(path)
    assert [m.key for m in mails] == ["1@x", "2@x"]
    assert [s.split(" ", 1)[0] for s in skipped] == ["x.mbox:10"]  # headers never end


@pytest.mark.parametrize("piece", [7, 64, 200, 4096])
def test_small_pieces_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    text = "".join(
        message(n, body="x\n" * (n % 7) + "From the body\n" * (n % 3)) for n in range(40)
    )
    path = tmp_path / "big.mbox"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    expected = read(path)
    monkeypatch.setattr(mb, "PIECE", piece)
    assert read(path) == expected
    assert len(expected[0]) == 40


def test_progress_and_cancel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.mbox"
    path.write_bytes("".join(message(n) for n in range(200)).encode())
    monkeypatch.setattr(mb, "PIECE", 1024)

    class Seen:
        def __init__(self, stop_after: float) -> None:
            self.fractions: list[float] = []
            self.stop_after = stop_after

        def report(self, fraction: float, text: str) -> None:
            self.fractions.append(fraction)

        def cancelled(self) -> bool:
            return bool(self.fractions) and self.fractions[-1] > self.stop_after

    seen = Seen(2.0)
    assert len(list(read_mailbox(path, seen).mails)) == 200
    assert seen.fractions == sorted(seen.fractions) and seen.fractions[-1] == 1.0
    assert len(seen.fractions) > 10
    with pytest.raises(Cancelled):
        list(read_mailbox(path, Seen(0.5)).mails)


def test_eml_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.eml").write_bytes(message(1).split("\n", 1)[1].encode())
    (folder / "sub" / "b.EML").write_bytes(message(2).split("\n", 1)[1].encode())
    (folder / "c.eml").write_bytes(b"\x00\x01binary")
    (folder / "notes.txt").write_bytes(b"not mail")
    mails, skipped = read(folder)
    assert [(m.where, m.key) for m in mails] == [
        ("a.eml:1", "m1@x.example"),
        ("sub/b.EML:1", "m2@x.example"),
    ]
    assert skipped == ["c.eml:1 message headers hold NUL or control bytes"]
    single, _ = read(folder / "a.eml")
    assert [m.key for m in single] == ["m1@x.example"]


def test_not_a_mailbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Dear diary,\n")
    with pytest.raises(ImportFailure, match=r"notes\.txt, line 1: not a mailbox"):
        read_mailbox(path)


def test_a_message_without_message_id_gets_a_stable_key(tmp_path: Path) -> None:
    text = "From a Mon Nov 30 10:00:00 2026\nFrom: a@x.example\nTo: b@x.example\n\nhi\n"
    path = tmp_path / "m.mbox"
    path.write_bytes(text.encode())
    first, _ = read(path)
    again, _ = read(path)
    assert first[0].key.startswith("sha256:") and first[0].key == again[0].key


# --- properties of the header decoding -------------------------------------------------------

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and "@" not in s)


@given(name=names, charset=st.sampled_from(["utf-8", "utf-16", "iso-8859-1", "gb18030"]))
@settings(max_examples=200, deadline=None)
def test_encoded_words_decode_to_the_name(name: str, charset: str) -> None:
    try:
        encoded = Header(name, charset).encode()
    except UnicodeEncodeError:
        return  # the name cannot be written in that charset
    assert h.decode_words(encoded) == h.clean(name)


@given(name=names, local=st.from_regex(r"[a-z0-9._%+-]{1,20}", fullmatch=True))
@settings(max_examples=200, deadline=None)
def test_an_address_header_gives_back_address_and_name(name: str, local: str) -> None:
    address = f"{local}@Example.COM"
    value = formataddr((name, address))  # encodes non-ASCII names as RFC 2047 words
    (box,) = h.mailboxes(value)
    assert box.address == address.lower()
    assert box.name == h.clean(name).strip("\"'").strip()


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_bytes_as_headers_never_raise(data: bytes) -> None:
    result = mb.parse_headers(data, "f:1")
    assert result.where == "f:1"


pairs = st.lists(
    st.tuples(
        st.one_of(st.just(""), names),
        st.from_regex(r"[A-Za-z0-9._%+-]{1,12}@[a-z0-9-]{1,10}\.example", fullmatch=True),
    ),
    min_size=1,
    max_size=4,
)


@given(pairs=pairs, sep=st.sampled_from([", ", ",", ",\t", " , "]))
@settings(max_examples=300, deadline=None)
def test_the_fast_address_reader_agrees_with_the_stdlib(
    pairs: list[tuple[str, str]], sep: str
) -> None:
    value = sep.join(formataddr(p) for p in pairs)
    fast = h._simple(value)
    assert fast is None or fast == h._stdlib(value)
    assert h.mailboxes(value) == h._stdlib(value)


@given(st.text(max_size=80))
@example("0@@")  # two "@": no address to the stdlib, so none to the fast reader either
@example("x <a@b@c>")
@settings(max_examples=300, deadline=None)
def test_any_header_text_reads_like_the_stdlib_or_is_left_to_it(value: str) -> None:
    fast = h._simple(value)
    assert fast is None or fast == h._stdlib(value)


body_lines = st.lists(
    st.one_of(
        st.text(alphabet="abc xyz:>-", max_size=30),
        st.just("From the notes of last week"),  # prose, after a line of text
        st.just(">From an escaped line"),
        st.just(""),
    ),
    max_size=12,
)


@given(
    bodies=st.lists(body_lines, min_size=1, max_size=8),
    piece=st.integers(min_value=1, max_value=300),
    crlf=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_the_scanner_finds_every_message_whatever_the_pieces(
    tmp_path_factory: pytest.TempPathFactory,
    bodies: list[list[str]],
    piece: int,
    crlf: bool,
) -> None:
    """Separators split across pieces, prose "From" lines and escaped ones: the messages
    read are exactly the messages written (a blank line before "From the notes" would make
    it a separator, as in every mbox reader, so the bodies never have one there)."""
    text = ""
    for n, lines in enumerate(bodies):
        safe = []
        for line in lines:
            if line.startswith("From ") and (not safe or safe[-1] == ""):
                line = ">" + line  # what an mbox writer does
            safe.append(line)
        text += message(n, body="\n".join(safe) + "\n")
    path = tmp_path_factory.mktemp("mbox") / "m.mbox"
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode())
    original = mb.PIECE
    mb.PIECE = piece
    try:
        mails, skipped = read(path)
    finally:
        mb.PIECE = original
    assert skipped == []
    assert [m.key for m in mails] == [f"m{n}@x.example" for n in range(len(bodies))]


def test_a_crlf_mailbox_whose_first_look_ends_between_cr_and_lf_is_not_taken_for_cr_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by the property test above with small pieces: the look at the file's start
    # ended on the CR of a CRLF, took the file for CR-only, and made every CRLF two line
    # ends: a blank line after the first, no message with headers.
    text = "".join(map(message, (1, 2))).replace("\n", "\r\n")
    path = tmp_path / "m.mbox"
    path.write_bytes(text.encode())
    cut = text.index("\r\n") + 1
    monkeypatch.setattr(mb, "PIECE", cut)
    monkeypatch.setattr(mb, "_CR_HEAD", cut, raising=False)
    mails, skipped = read(path)
    assert skipped == []
    assert [m.key for m in mails] == ["m1@x.example", "m2@x.example"]


def test_a_mailbox_with_carriage_returns_only_reads_every_message(tmp_path: Path) -> None:
    # Classic Mac mail programs (Eudora) end lines with CR alone: no message was found,
    # and nothing said so.
    (tmp_path / "old.mbox").write_bytes(
        "".join(map(message, (1, 2, 3))).replace("\n", "\r").encode()
    )
    (tmp_path / "old.eml").write_bytes(message(4).split("\n", 1)[1].replace("\n", "\r").encode())
    mails, skipped = read(tmp_path / "old.mbox")
    assert [(m.where, m.key, m.sender.address if m.sender else None) for m in mails] == [
        ("old.mbox:1", "m1@x.example", "p1@x.example"),
        ("old.mbox:10", "m2@x.example", "p2@x.example"),
        ("old.mbox:19", "m3@x.example", "p3@x.example"),
    ]
    assert skipped == []
    single, skipped = read(tmp_path / "old.eml")
    assert [(m.key, [b.address for b in m.to]) for m in single] == [
        ("m4@x.example", ["me@x.example"])
    ]
    assert skipped == []


def test_an_apple_mail_export_folder_is_read_as_its_mbox(tmp_path: Path) -> None:
    """Apple Mail's Export Mailbox writes a folder "Inbox.mbox" holding a file "mbox": it
    was refused as no file NetView can import."""
    bundle = tmp_path / "Inbox.mbox"
    bundle.mkdir()
    (bundle / "mbox").write_text(message(1) + message(2), encoding="utf-8")
    (bundle / "Info.plist").write_text("<plist/>", encoding="utf-8")
    assert formats.recognise_or_fail(bundle).name == "mailbox"
    mails, skipped = read(bundle)
    assert [(m.where, m.key) for m in mails] == [
        ("mbox:1", "m1@x.example"),  # as a folder's files: the report says Inbox.mbox/mbox
        ("mbox:10", "m2@x.example"),
    ]
    assert skipped == []


def test_a_mailbox_or_eml_starting_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    """Windows tools that save UTF-8 with a mark: the file was no mailbox at all."""
    (tmp_path / "bom.mbox").write_bytes(b"\xef\xbb\xbf" + (message(1) + message(2)).encode())
    (tmp_path / "bom.eml").write_bytes(b"\xef\xbb\xbf" + message(3).split("\n", 1)[1].encode())
    for name, keys in (
        ("bom.mbox", ["m1@x.example", "m2@x.example"]),
        ("bom.eml", ["m3@x.example"]),
    ):
        assert formats.recognise_or_fail(tmp_path / name).name == "mailbox"
        mails, skipped = read(tmp_path / name)
        assert [m.key for m in mails] == keys
        assert skipped == []
