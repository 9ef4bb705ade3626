"""The command line's one error boundary: one line on stderr, exit 1 (2: usage), nothing created."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import netview.services.analysis.stats
from netview.cli import main
from netview.store.db import open_database
from tests.services.conftest import sample_zips

ZIP = sample_zips("network-2024")[0]


def tree(root: Path) -> list[str]:
    """Every file and folder under root (but conftest's home): what a command may not add to."""
    found = (p.relative_to(root).as_posix() for p in root.rglob("*"))
    return sorted(p for p in found if p.split("/")[0] != "home")


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main([str(a) for a in args])
    err = capsys.readouterr().err
    return status, err.splitlines()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--db", str(path), "demo", "--people", "50"]) == 0
    return path


def _newer(folder: Path) -> Path:
    path = folder / "newer.db"
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    return path


def _foreign(folder: Path) -> Path:
    path = folder / "photos.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, file TEXT)")
    conn.close()
    return path


def _random(folder: Path) -> Path:
    path = folder / "noise.db"
    path.write_bytes(bytes(range(256)) * 20)
    return path


def _zip(folder: Path) -> Path:
    path = folder / "export.zip"
    path.write_bytes(ZIP.read_bytes())
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_zip, "is a zip archive, not a database"),
        (_folder, "is a folder, not a database file"),
        (_random, "is not a NetView database"),
        (_newer, "made by a newer NetView (schema 9999_from_the_future)"),
        (_foreign, "is another program's database"),
    ],
)
@pytest.mark.parametrize("command", [["stats"], ["import", str(ZIP)]])
def test_a_file_that_is_not_a_usable_database_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, reason: str, command: list[str]
) -> None:  # type: ignore[no-untyped-def]
    db = make(tmp_path)
    before = tree(tmp_path)
    content = db.read_bytes() if db.is_file() else None
    status, err = run(capsys, "--db", db, *command)
    assert status == 1
    assert err == [f"netview: {db}: {err[0].split(': ', 2)[2]}"]
    assert reason in err[0]
    assert tree(tmp_path) == before  # no -wal, -shm or anything else beside it
    if content is not None:
        assert db.read_bytes() == content


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["sources"],
        ["paths", "someone"],
        ["templates"],
        ["followups"],
        ["groups"],
        ["groups", "--create", "Friends"],
        ["export", "csv", "-o", "{out}"],
        ["render", "-o", "{out}.png"],
        ["forget", "1"],
    ],
)
def test_commands_that_only_read_or_edit_never_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    out = tmp_path / "out" / "people.csv"
    out.parent.mkdir()
    command = [c.replace("{out}", str(out.with_suffix(""))) for c in command]
    for db in (tmp_path / "typo" / "dir" / "x.db", tmp_path / "missing.db"):
        status, err = run(capsys, "--db", db, *command)
        assert status == 1, err
        assert err == [
            f"netview: {db}: no database there; `netview import` or `netview demo` creates one"
        ]
    assert tree(tmp_path) == ["out"]


def test_the_default_database_is_not_created_by_a_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(capsys, "stats")
    assert status == 1
    assert len(err) == 1 and "netview.db: no database there" in err[0]
    assert not list((tmp_path / "home").rglob("netview.db"))


@pytest.mark.parametrize("command", [["demo", "--people", "50"], ["import", str(ZIP)]])
def test_writing_commands_create_the_database_but_not_missing_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "typo" / "dir" / "x.db"
    status, err = run(capsys, "--db", db, *command)
    assert (status, err) == (1, [f"netview: {db}: folder {db.parent} does not exist"])
    assert tree(tmp_path) == []
    status, err = run(capsys, "--db", tmp_path / "x.db", *command)
    assert status == 0, err
    assert (tmp_path / "x.db").is_file()


def test_a_failed_first_import_leaves_no_database_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothere.zip"
    status, err = run(capsys, "--db", tmp_path / "x.db", "import", missing)
    assert status == 1
    assert err == ["netview: nothere.zip: no such file or folder; nothing was imported"]
    assert tree(tmp_path) == []


def test_a_database_nobody_can_create_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "--db", "/proc/x.db", "import", ZIP)
    assert status == 1
    assert err == [
        "netview: /proc/x.db: cannot create a database there (unable to open database file)"
    ]
    assert not Path("/proc/x.db").exists()
    status, err = run(capsys, "--db", "/proc/x.db", "stats")
    assert (status, len(err)) == (1, 1) and "no database there" in err[0]


@pytest.mark.parametrize("url", ["foo://x", "mysql+nodriver://me:secret@host/db", "::nonsense"])
def test_an_unknown_url_scheme_is_refused_without_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, err = run(capsys, "--db", url, "stats")
    assert status == 1
    assert len(err) == 1 and err[0].startswith("netview: ")
    assert "secret" not in err[0]
    assert "unknown database URL scheme" in err[0] or "no database there" in err[0]
    assert tree(tmp_path) == []


def test_export_png_with_a_tiny_size_is_a_usage_error(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(
        capsys, "--db", demo_db, "export", "png", "--size", "10", "-o", tmp_path / "m"
    )
    assert status == 2
    assert err[-1] == (
        "netview export: error: argument --size: '10': expected WIDTHxHEIGHT, e.g. 1600x1000"
    )
    status, err = run(
        capsys, "--db", demo_db, "export", "png", "--size", "8x8", "-o", tmp_path / "m"
    )
    assert status == 2 and "16 to 16384" in err[-1]
    assert tree(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "png", "svg"])
def test_export_into_proc_or_onto_a_folder_says_so_and_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    status, err = run(capsys, "--db", demo_db, "export", fmt, "-o", f"/proc/x.{fmt}")
    assert status == 1
    assert err == [f"netview: /proc/x.{fmt}: cannot write there (No such file or directory)"]
    folder = tmp_path / "maps"
    folder.mkdir()
    status, err = run(capsys, "--db", demo_db, "export", fmt, "-o", folder)
    assert (status, err) == (1, [f"netview: {folder}: is a folder; give a file name"])
    missing = tmp_path / "nope" / f"x.{fmt}"
    status, err = run(capsys, "--db", demo_db, "export", fmt, "-o", missing)
    assert (status, err) == (1, [f"netview: {missing}: folder {missing.parent} does not exist"])
    assert tree(tmp_path) == ["maps"]


@pytest.mark.parametrize("command", [["export", "csv"], ["export", "json"], ["render"]])
def test_an_output_that_is_a_pipe_is_refused_not_replaced(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """The file was written beside the target and renamed over it: a named pipe (or, run
    as root, /dev/full) was replaced by a plain file, and whoever read the pipe got nothing."""
    pipe = tmp_path / "out.png"
    os.mkfifo(pipe)
    status, err = run(capsys, "--db", demo_db, *command, "-o", pipe)
    assert (status, err) == (
        1,
        [f"netview: {pipe}: not a regular file (a device or pipe); give a file name"],
    )
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert tree(tmp_path) == ["out.png"]


def test_render_into_proc_says_so(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "--db", demo_db, "render", "-o", "/proc/map.png")
    assert (status, err) == (
        1,
        ["netview: /proc/map.png: cannot write there (No such file or directory)"],
    )


def test_analytics_commands_fail_like_the_rest(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(capsys, "--db", demo_db, "groups", "--delete", "No Such Group")
    assert status == 1 and len(err) == 1 and err[0].startswith("netview: ")
    status, err = run(capsys, "--db", demo_db, "followups", "--set", "someone", "weekly")
    assert (status, err) == (2, ["netview: --set DAYS: 'weekly' is not a whole number"])
    status, err = run(capsys, "--db", demo_db, "templates", "--set", "x", "/nonexistent/t.txt")
    assert (status, err) == (1, ["netview: /nonexistent/t.txt: No such file or directory"])


def test_a_name_several_people_answer_to_is_one_line_naming_them_alike(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """paths, person and intros --ask read a person's name the same way."""
    lines = []
    for command in (
        ["paths", "Rafael"],
        ["person", "Rafael"],
        ["intros", "--ask", "Rafael", "--via", "x"],
    ):
        status, err = run(capsys, "--db", demo_db, *command)
        assert status == 1 and len(err) == 1, (command, err)
        lines.append(err[0])
    assert lines[0] == lines[1] == lines[2]
    # The demo's three Rafaels, each with their key and degree, and what to give instead.
    assert lines[0].startswith("netview: 'Rafael' matches 3 people: Rafael ")
    assert lines[0].count(", degree ") == 3 and lines[0].endswith("; give a profile URL or key")


def test_a_bug_is_one_line_pointing_at_the_logged_traceback(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(db: object) -> None:
        raise RuntimeError("the counter fell over")

    monkeypatch.setattr(netview.services.analysis.stats, "stats", broken)
    status, err = run(capsys, "--db", demo_db, "stats")
    assert status == 1
    assert len(err) == 1
    assert err[0].startswith(
        "netview: internal error, a bug in NetView (RuntimeError: the counter fell over); "
        "the details are in "
    )
    log = Path(err[0].rsplit("the details are in ", 1)[1])
    assert log.is_relative_to(tmp_path / "home")  # the user log folder, redirected by conftest
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "the counter fell over" in text and "in broken" in text

    with pytest.raises(RuntimeError, match="fell over"):
        main(["--db", str(demo_db), "--debug", "stats"])
    monkeypatch.setenv("NETVIEW_DEBUG", "1")
    with pytest.raises(RuntimeError, match="fell over"):
        main(["--db", str(demo_db), "stats"])


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    noise = _random(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "netview", "--db", str(noise), "stats"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"netview: {noise}: is not a NetView database (not an SQLite file)"
    ]


def test_the_data_folder_is_created_for_a_database_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from netview.store.db import default_database_path

    demo = default_database_path().with_name("demo.db")  # the app's --demo database
    assert not demo.parent.exists()
    status, err = run(capsys, "--db", demo, "demo", "--people", "50")
    assert status == 0, err
    assert demo.is_file()


def test_usage_errors_exit_2_and_ctrl_c_130(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, err = run(capsys, "no-such-command")
    assert status == 2 and "invalid choice: 'no-such-command'" in err[-1]
    status, err = run(capsys, "--db", demo_db, "demo", "--people", "ten")
    assert (status, err[-1]) == (
        2,
        "netview demo: error: argument --people: 'ten' is not a whole number",
    )

    def interrupted(db: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(netview.services.analysis.stats, "stats", interrupted)
    status, err = run(capsys, "--db", demo_db, "stats")
    assert (status, err) == (130, ["netview: interrupted; nothing was written"])


def test_a_locked_database_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    db = tmp_path / "busy.db"
    open_database(db).dispose()

    def locked(database: object) -> None:
        raise OperationalError(
            "BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")
        )

    monkeypatch.setattr(netview.services.analysis.stats, "stats", locked)
    status, err = run(capsys, "--db", db, "stats")
    assert (status, err) == (1, [f"netview: {db}: database is locked"])


def test_a_half_broken_zip_says_nothing_was_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 21.7: a zip with one damaged member was refused whole without saying so."""
    import random
    import zipfile

    good = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    good += "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CTO,04 Jul 2023\n"
    path = tmp_path / "half.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", good)
        noise = random.Random(1)  # incompressible: the member's bytes are many
        zf.writestr("messages.csv", "".join(noise.choice("abcdefgh,\n") for _ in range(40000)))
    data = bytearray(path.read_bytes())
    at = data.index(b"messages.csv") + 400  # inside the second member's compressed bytes
    data[at : at + 64] = bytes(64)
    path.write_bytes(bytes(data))
    status, err = run(capsys, "--db", tmp_path / "x.db", "import", path)
    assert status == 1 and len(err) == 1
    assert err[0].startswith("netview: half.zip:messages.csv: ")
    assert err[0].endswith("; nothing was imported")
    assert tree(tmp_path) == ["half.zip"]


CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_a_csv_imported_alone_is_named_with_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 21.7: error lines named "Connections.csv" without its folder (a user has one in
    every archive they unpacked): every line names the folder too."""
    folder = tmp_path / "robin-export"
    folder.mkdir()
    broken = folder / "Connections.csv"
    broken.write_text(
        CONNECTIONS_HEADER
        + "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CTO,04 Jul 2023\n"
        + 'Bo,"Kim,https://www.linkedin.com/in/bo-kim,,Acme,CTO,04 Jul 2023\n',
        encoding="utf-8",
    )
    status, err = run(capsys, "--db", tmp_path / "x.db", "import", broken)
    assert status == 1 and len(err) == 1
    assert err[0].startswith("netview: robin-export/Connections.csv, line 3: ")
    assert err[0].endswith("; nothing was imported")
    # What is read but skipped is listed under the file, named the same way.
    broken.write_text(
        CONNECTIONS_HEADER
        + "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CTO,04 Jul 2023\n"
        + "Bo,Kim,https://www.linkedin.com/in/bo-kim,,Acme,CTO,not a date\n",
        encoding="utf-8",
    )
    owner = "https://www.linkedin.com/in/robin-quill"
    status = main(["--db", str(tmp_path / "x.db"), "import", str(broken), "--owner-url", owner])
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[0].startswith("robin-export/Connections.csv: ")
    assert any("line 3: unreadable date 'not a date'" in line for line in out)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("Connections.csv", b"", "the file is empty (no header row, no data)"),
        ("contacts.csv", b"", "the file is empty (no header row, no data)"),
        ("calendar.ics", b"", "the file is empty; nothing was imported"),
        ("Inbox.mbox", b"", "the file is empty; nothing was imported"),
        ("contacts.vcf", b"", "the file is empty; nothing was imported"),
        ("photo.csv", bytes(range(256)) * 40, "not a text file (binary data?)"),
        ("Connections.csv", b"Name;Mail\nAnn;ann@x\n", "no LinkedIn header row in the first"),
        ("Connections.csv", CONNECTIONS_HEADER.encode(), "no data rows, so nothing to import"),
    ],
)
def test_an_empty_binary_or_headerless_file_says_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, says: str
) -> None:
    """Issue 21.7, re-tried with `netview import`: an empty or binary file was "not a file
    NetView can import", which names none of what is wrong with it."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / name).write_bytes(data)
    status, err = run(capsys, "--db", tmp_path / "x.db", "import", folder / name)
    assert status == 1 and len(err) == 1
    assert err[0].startswith(f"netview: Downloads/{name}")
    assert says in err[0] and err[0].endswith("; nothing was imported")
    assert tree(tmp_path) == ["Downloads", f"Downloads/{name}"]


def test_stats_says_degrees_in_words(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21.7: "degree 1: 12" and "not connected: 2" were the database's words."""
    import json

    capsys.readouterr()
    assert main(["--db", str(demo_db), "stats"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert main(["--db", str(demo_db), "stats", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["by_degree"]
    words = {"1": "1st", "2": "2nd", "3": "3rd"}
    shown = [f"  {words[str(d)]} degree: {int(n):,}" for d, n in counts.items()]
    assert shown and all(line in out for line in shown)
    assert not any(line.strip().startswith(("degree ", "not connected")) for line in out)
