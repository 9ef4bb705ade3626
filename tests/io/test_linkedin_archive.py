"""read_archive over zips, folders and single files: hash, era, export date, progress, safety."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netview.core.errors import Cancelled, ImportFailure
from netview.io.linkedin import read_archive, sources

MakeFolder = Callable[..., Path]
MakeZip = Callable[..., Path]
MakeCsv = Callable[[str, str | bytes], Path]

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CTO,04 Jul 2023\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Ann Lee,https://www.linkedin.com/in/ann-lee,Robin Quill,2024-12-16 18:24:37 UTC,,Hi,"
    "INBOX\n"
)
FILES = {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES, "Skills.csv": "Name\nSQL\n"}


def test_zip_folder_and_zip_with_top_folder_agree(
    make_folder: MakeFolder, make_zip: MakeZip
) -> None:
    folder = read_archive(make_folder(FILES))
    flat = read_archive(make_zip(FILES))
    nested = read_archive(make_zip({f"export/{k}": v for k, v in FILES.items()}, name="n.zip"))
    assert folder.content_hash == flat.content_hash == nested.content_hash
    assert folder.connections == flat.connections == nested.connections
    assert folder.messages == flat.messages == nested.messages
    assert [f.name for f in nested.files] == [f.name for f in folder.files]


@pytest.mark.timeout(30)
def test_a_named_pipe_in_an_unpacked_export_is_passed_over(
    make_folder: MakeFolder, make_zip: MakeZip
) -> None:
    """A pipe (a tar can unpack one) was opened like a file: the import waited forever
    for someone to write into it."""
    folder = make_folder(FILES)
    os.mkfifo(folder / "Skills2.csv")
    os.mkfifo(folder / "Profile.csv")
    contents = read_archive(folder)
    assert contents.content_hash == read_archive(make_zip(FILES)).content_hash
    assert [(c.first_name, c.last_name) for c in contents.connections] == [("Ann", "Lee")]


def test_hash_changes_with_content(make_zip: MakeZip) -> None:
    one = read_archive(make_zip(FILES, name="a.zip"))
    other = read_archive(make_zip({**FILES, "Skills.csv": "Name\nGo\n"}, name="b.zip"))
    assert one.content_hash != other.content_hash


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Complete_LinkedInDataExport_11-20-2026.zip", date(2026, 11, 20)),
        ("Basic_LinkedInDataExport_01-02-2024.zip", date(2024, 1, 2)),
        ("Initial_LinkedInDataExport_12-31-2019.zip", date(2019, 12, 31)),
        ("me__Complete_LinkedInDataExport_03-04-2025.zip", date(2025, 3, 4)),
        ("export.zip", None),
    ],
)
def test_label_and_export_date_from_name(
    make_zip: MakeZip, name: str, expected: date | None
) -> None:
    contents = read_archive(make_zip(FILES, name=name))
    assert contents.label == name
    assert contents.exported_on == expected


def test_era_is_the_newest_generation_seen(make_folder: MakeFolder) -> None:
    old_conn = CONNECTIONS.replace("URL,", "").replace("https://www.linkedin.com/in/ann-lee,", "")
    assert read_archive(make_folder({"Connections.csv": old_conn}, name="a")).era == "2018"
    assert read_archive(make_folder({"Connections.csv": CONNECTIONS}, name="b")).era == "2023"
    assert read_archive(make_folder(FILES, name="c")).era == "2023"


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[float, str]] = []
        self.cancel_after = cancel_after

    def report(self, fraction: float, text: str) -> None:
        self.reports.append((fraction, text))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after


def test_progress_reports_each_file(make_zip: MakeZip) -> None:
    progress = Recorder()
    read_archive(make_zip(FILES), progress)
    texts = [t for _, t in progress.reports]
    assert "Reading messages.csv" in texts and "Reading Connections.csv" in texts
    fractions = [f for f, _ in progress.reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_cancel_between_files(make_zip: MakeZip) -> None:
    with pytest.raises(Cancelled):
        read_archive(make_zip(FILES), Recorder(cancel_after=1))


def test_single_csv_that_is_not_linkedin_is_refused(make_csv: MakeCsv) -> None:
    with pytest.raises(ImportFailure) as info:
        read_archive(make_csv("budget.csv", "Item,Cost\nTea,3\n"))
    assert info.value.file == "budget.csv"


def test_zip_without_linkedin_file_is_refused(make_zip: MakeZip) -> None:
    path = make_zip({"notes.txt": "hello", "Skills.csv": "Name\nSQL\n"}, name="x.zip")
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "x.zip"
    assert "no LinkedIn export file" in info.value.message


@pytest.mark.parametrize("payload", [b"PK\x03\x04 this is not really a zip", b"\x00" * 100])
def test_corrupt_zip_is_refused(make_csv: MakeCsv, payload: bytes) -> None:
    with pytest.raises(ImportFailure) as info:
        read_archive(make_csv("Complete_LinkedInDataExport_11-20-2026.zip", payload))
    assert info.value.file == "Complete_LinkedInDataExport_11-20-2026.zip"


def test_truncated_zip_is_refused(make_zip: MakeZip, tmp_path: Path) -> None:
    data = make_zip(FILES).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailure) as info:
        read_archive(cut)
    assert info.value.file.startswith("cut.zip")


def test_damaged_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
    data = bytearray(path.read_bytes())
    at = data.index(b"Ann,Lee")
    data[at] = ord("B")  # the stored CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "d.zip:Connections.csv"


def test_member_names_cannot_escape(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../escaped.csv", CONNECTIONS)
        zf.writestr("/abs/Connections.csv", CONNECTIONS)
    before = set(tmp_path.parent.rglob("*.csv"))
    # Issue 21.7: such an archive was read (asking whose it is) with no warning; it is made
    # to attack whoever unpacks it, so it is refused whole, naming the entry.
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "evil.zip"
    assert "'../../escaped.csv' points outside the archive (zip slip)" in info.value.message
    assert set(tmp_path.parent.rglob("*.csv")) == before  # nothing written anywhere
    windows = tmp_path / "drive.zip"
    with zipfile.ZipFile(windows, "w") as zf:
        zf.writestr("C:/Users/x/Connections.csv", CONNECTIONS)
    with pytest.raises(ImportFailure, match="points outside the archive"):
        read_archive(windows)


def test_an_entry_given_twice_is_refused_naming_it(tmp_path: Path) -> None:
    """Two entries of one name (or one name in two Unicode forms): unzip tools show the one
    and NetView read the other, a way to slip invented connections past a look at the
    archive. Refused whole, naming the entry."""
    path = tmp_path / "twice.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("Connections.csv", CONNECTIONS.replace("Ann,Lee", "Eve,Fake"))
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "twice.zip"
    assert "'Connections.csv' appears twice" in info.value.message
    forms = tmp_path / "forms.zip"
    with zipfile.ZipFile(forms, "w") as zf:
        zf.writestr("Invitations/Ren\u00e9e.csv", "a\n")
        zf.writestr("Invitations/Rene\u0301e.csv", "b\n")
        zf.writestr("Connections.csv", CONNECTIONS)
    with pytest.raises(ImportFailure) as info:
        read_archive(forms)
    assert "'Invitations/Ren\u00e9e.csv' appears twice" in info.value.message


def test_empty_binary_and_header_only_files_say_what_they_are(tmp_path: Path) -> None:
    """Issue 21.7: a binary file was "no LinkedIn header row", an empty one "not a LinkedIn
    export", and a header-only CSV went on to ask whose archive it was."""
    empty = tmp_path / "Connections.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailure) as info:
        read_archive(empty)
    assert str(info.value) == "Connections.csv: the file is empty (no header row, no data)"
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ImportFailure) as info:
        read_archive(binary)
    assert "not a text file (binary data?)" in str(info.value)
    header_only = tmp_path / "header.csv"
    header_only.write_text(CONNECTIONS.splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as info:
        read_archive(header_only)
    assert "no data rows, so nothing to import" in str(info.value)


def test_zip_bomb_member_refused_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES.encode() + b" " * (24 * 1024 * 1024))
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "bomb.zip:messages.csv"
    assert "refused" in info.value.message


def test_member_over_size_limit_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("messages.csv", MESSAGES * 100)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "big.zip:messages.csv"


def test_lying_declared_size_is_caught_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("messages.csv", MESSAGES * 100)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)
    monkeypatch.setattr(sources, "CHUNK", 256)
    # Pretend the directory declared a tiny size: only counting the bytes read can stop it.
    monkeypatch.setattr(sources, "_too_big", _lenient_first_call(sources._too_big))
    with pytest.raises(ImportFailure):
        read_archive(path)


def _lenient_first_call(check: Callable[[int, int], bool]) -> Callable[[int, int], bool]:
    calls = {"n": 0}

    def wrapped(size: int, compressed: int) -> bool:
        calls["n"] += 1
        return False if calls["n"] == 1 else check(size, compressed)

    return wrapped


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag bit in the local and the central header.
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.file == "locked.zip:Connections.csv"


def test_crlf_line_ends_and_physical_lines(make_csv: MakeCsv) -> None:
    text = CONNECTIONS.replace("\n", "\r\n") + 'Bob,Ray,,,"Two\r\nlines",CTO,someday\r\n'
    contents = read_archive(make_csv("Connections.csv", text))
    assert [c.first_name for c in contents.connections] == ["Ann"]
    assert contents.files[0].skipped[0].line == 3
