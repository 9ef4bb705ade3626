"""The format registry: every importable format recognised by content, whatever its name;
the filters and export choices the CLI and the app show come from it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from netview.cli import main
from netview.io import formats
from netview.io.gexf import write_gexf
from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import write_graphml

FIXTURES = Path(__file__).parent.parent / "fixtures"
EVIDENCE = FIXTURES / "evidence"
SAMPLE_ZIP = next((FIXTURES / "samples" / "network-2026").glob("me__*.zip"))


def graph() -> GraphData:
    return GraphData(nodes=[Node("a"), Node("b")], edges=[Edge("a", "b")])


def made(tmp_path: Path) -> dict[str, Path]:
    """One file or folder of each kind, under names that hide what it is."""
    out: dict[str, Path] = {}
    with (tmp_path / "network.xml").open("wb") as f:
        write_graphml(graph(), f)
    out["graphml"] = tmp_path / "network.xml"
    with (tmp_path / "gephi-export").open("wb") as f:  # no extension at all
        write_gexf(graph(), f)
    out["gexf"] = tmp_path / "gephi-export"
    out["edgelist"] = tmp_path / "ties.txt"
    out["edgelist"].write_text("Source;Target;Weight\nann;bob;2\n")
    out["calendar"] = tmp_path / "work calendar"
    shutil.copy(EVIDENCE / "calendar.ics", out["calendar"])
    out["calendar-zip"] = tmp_path / "takeout-calendar.zip"
    with zipfile.ZipFile(out["calendar-zip"], "w") as zf:
        zf.write(EVIDENCE / "calendar.ics", "Calendar/me@example.com.ics")
    out["mbox"] = tmp_path / "Inbox"  # Thunderbird: no extension
    shutil.copy(EVIDENCE / "mail.mbox", out["mbox"])
    eml = tmp_path / "mails"
    eml.mkdir()
    (eml / "1.eml").write_bytes(b"From: a@x.example\r\nTo: b@x.example\r\n\r\nhi\r\n")
    out["eml-folder"] = eml
    out["vcard"] = tmp_path / "contacts.txt"
    shutil.copy(EVIDENCE / "contacts.vcf", out["vcard"])
    out["google-csv"] = tmp_path / "google.csv"
    out["google-csv"].write_text("Name,Given Name,Family Name,E-mail 1 - Value\nA B,A,B,a@x\n")
    out["owner-emails"] = tmp_path / "Email Addresses.csv"
    out["owner-emails"].write_text("Email Address,Confirmed,Primary,Updated On\nme@x,Yes,Yes,\n")
    out["linkedin-zip"] = tmp_path / "export.zip"
    shutil.copy(SAMPLE_ZIP, out["linkedin-zip"])
    with zipfile.ZipFile(SAMPLE_ZIP) as zf:
        folder = tmp_path / "unpacked"
        zf.extractall(folder)
        out["linkedin-folder"] = folder
        out["linkedin-csv"] = tmp_path / "c.csv"  # Connections.csv: names and e-mails too
        out["linkedin-csv"].write_bytes(zf.read("Connections.csv"))
    return out


EXPECTED = {
    "graphml": "graphml",
    "gexf": "gexf",
    "edgelist": "edgelist",
    "calendar": "calendar",
    "calendar-zip": "calendar",
    "mbox": "mailbox",
    "eml-folder": "mailbox",
    "vcard": "address_book",
    "google-csv": "address_book",
    "owner-emails": "address_book",
    "linkedin-zip": "linkedin",
    "linkedin-folder": "linkedin",
    "linkedin-csv": "linkedin",
}


def test_every_format_is_recognised_by_content(tmp_path: Path) -> None:
    files = made(tmp_path)
    got = {name: getattr(formats.recognise(path), "name", None) for name, path in files.items()}
    assert got == EXPECTED


def test_what_is_none_of_them_gets_one_line(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "notes.csv").write_text("a,b,c\n1,2,3\n")
    (tmp_path / "empty").mkdir()
    for name in ("photo.png", "notes.csv", "empty"):
        assert formats.recognise(tmp_path / name) is None
        with pytest.raises(formats.ImportFailure) as info:
            formats.recognise_or_fail(tmp_path / name)
        binary = "not a text file (binary data?), so " if name == "photo.png" else ""
        assert str(info.value) == f"{name}: {binary}{formats.UNKNOWN}"
    with pytest.raises(formats.ImportFailure, match=r"^gone\.zip: no such file or folder$"):
        formats.recognise_or_fail(tmp_path / "gone.zip")


def test_netview_import_of_an_unknown_file_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.csv").write_text("a,b,c\n1,2,3\n")
    db = tmp_path / "n.db"
    assert main(["--db", str(db), "import", str(tmp_path / "notes.csv")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "notes.csv" in err[0] and "not a file NetView can import" in err[0]
    assert not db.exists()


def test_the_import_filter_shows_every_importable_format() -> None:
    filters = formats.import_filters().split(";;")
    # File > Import used to offer only *.zip *.csv: GraphML and GEXF files were hidden.
    assert filters[0].startswith("Everything NetView imports (")
    for pattern in ("*.graphml", "*.gexf", "*.ics", "*.mbox", "*.eml", "*.vcf", "*.zip", "*.csv"):
        assert pattern in filters[0]
    assert "Network for Gephi (GEXF) (*.gexf *.xml)" in filters
    assert filters[-1] == "All files (*)"


def test_export_choices_come_from_the_registry() -> None:
    assert [f.name for f in formats.exported()] == [
        "png",
        "svg",
        "csv",
        "gexf",
        "graphml",
        "ics",
        "json",
    ]
    assert all(not f.imported for f in formats.exported() if f.kind is formats.Kind.PICTURE)


def test_evidence_before_your_own_archive_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar is yours: before your own LinkedIn export NetView cannot tell whose."""
    db = tmp_path / "n.db"
    assert main(["--db", str(db), "import", str(EVIDENCE / "calendar.ics")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(
        f"netview: {EVIDENCE.name}/calendar.ics: import your own LinkedIn export first"
    )
    assert not db.exists()


def test_a_zip_holding_only_a_zip_says_to_import_the_inner_one(tmp_path: Path) -> None:
    """An export zipped once more (a mail attachment, a backup tool) was "not a text file
    (binary data?)": true of no zip, and no help."""
    inner = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name,URL\n")
    outer = tmp_path / "Archive.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, f"Downloads/{inner.name}")
        zf.writestr("__MACOSX/._x", b"\x00")
    with pytest.raises(formats.ImportFailure) as info:
        formats.recognise_or_fail(outer)
    assert str(info.value) == (
        f"Archive.zip: a zip holding another zip (Downloads/{inner.name}); "
        "unzip it and import that one"
    )


def test_a_takeout_zip_with_other_csv_files_is_a_calendar(tmp_path: Path) -> None:
    """Any CSV in a zip of .ics made it a LinkedIn archive, refused for holding no
    LinkedIn file: a Takeout zip holds many (Google Pay, Fit...)."""
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Takeout/Calendar/me.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        zf.writestr("Takeout/Google Pay/transactions.csv", "a,b\n1,2\n")
    assert formats.recognise_or_fail(path).name == "calendar"
    linkedin = tmp_path / "export.zip"
    with zipfile.ZipFile(linkedin, "w") as zf:
        zf.writestr("Calendar/me.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        zf.writestr("Connections.csv", "First Name,Last Name,URL\n")
    assert formats.recognise_or_fail(linkedin).name == "linkedin"


def test_a_takeout_zip_of_mail_or_contacts_names_the_file_to_unzip(tmp_path: Path) -> None:
    """Takeout delivers the mailbox in a zip: it was "not a text file (binary data?)"."""
    path = tmp_path / "takeout-20261201T000000Z-001.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Takeout/archive_browser.html", "<html></html>")
        zf.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", "From x\n")
    with pytest.raises(formats.ImportFailure) as info:
        formats.recognise_or_fail(path)
    assert str(info.value) == (
        f"{path.name}: a zip holding a mailbox (Takeout/Mail/All mail Including Spam and "
        "Trash.mbox); unzip it and import that one"
    )
