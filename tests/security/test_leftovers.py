"""Issue 13, point 9 (leftovers): nothing a killed job wrote outlives the next job.

An export writes a hidden temporary file beside its target (the whole database, for a
backup) and a demo unpacks archives into a netview-demo-* folder under the temp dir. Each
is locked by its process while it lives; when the process is killed (kill -9) the next
export into that folder, or the next demo, removes what is left, and never touches one a
running process still holds. And `netview forget` takes the path of the file imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.services.conftest import Cli, sample_zips

HOLD = """
import sys, time
from pathlib import Path
from netview.io.scratch import atomic_file, scratch_dir
if sys.argv[1] == "export":
    with atomic_file(Path(sys.argv[2])) as f:
        f.write(b"everything in the database")
        f.flush()
        print("ready", flush=True)
        time.sleep(600)
else:
    with scratch_dir("netview-demo-"):
        print("ready", flush=True)
        time.sleep(600)
"""


@contextmanager
def holder(kind: str, target: Path, tmp: Path) -> Iterator[subprocess.Popen[str]]:
    """A process in the middle of an export or a demo, until the test kills it."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, kind, str(target)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def _hidden(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}


def test_a_killed_export_leaves_nothing_after_the_next_export(net: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with holder("export", out / "backup.json", tmp_path):
        with holder("export", out / "people.csv", tmp_path) as killed:
            killed.kill()  # as kill -9 does: no clean-up runs
            killed.wait()
            assert len(_hidden(out)) == 2  # the database, twice, in hidden files
        status, _, err = net("export", "csv", "-o", out / "people.csv")
        assert status == 0, err
        left = _hidden(out)
        assert len(left) == 1 and left.pop().startswith(".backup.json.")  # still being written
    net("export", "graphml", "-o", out / "map.graphml")
    assert _hidden(out) == set()
    assert {p.name for p in out.iterdir()} == {"people.csv", "map.graphml"}


@pytest.fixture
def demo_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder demos (this process's and the holders') make theirs in."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


@contextmanager
def live_and_killed_demo(tmp: Path) -> Iterator[subprocess.Popen[str]]:
    """Two demos under way in `tmp`: one killed as kill -9 does (no clean-up ran: its folder
    stays), and one still running, yielded."""
    with holder("demo", tmp, tmp) as alive:
        with holder("demo", tmp, tmp) as killed:
            killed.kill()
            killed.wait()
        assert len(list(tmp.glob("netview-demo-*"))) == 2
        yield alive


def test_a_killed_demo_leaves_no_folder_after_the_next_demo(
    tmp_path: Path, demo_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp = demo_tmp
    with live_and_killed_demo(tmp) as alive:
        status, _, err = Cli(tmp_path / "demo.db", capsys)("demo", "--people", "50")
        assert status == 0, err
        assert len(list(tmp.glob("netview-demo-*"))) == 1  # the one still running
        assert alive.poll() is None
    status, _, err = Cli(tmp_path / "demo2.db", capsys)("demo", "--people", "50")
    assert status == 0, err
    assert list(tmp.glob("netview-demo-*")) == []


def test_forget_takes_the_path_of_the_imported_file(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(db_path, capsys)
    me, bjorn, *_ = sample_zips("network-2024")
    cli.json("import", me)
    cli.json("import", bjorn)
    status, out, err = cli("forget", str(bjorn))  # as the README says: forget PATH/TO/export.zip
    assert status == 0, err
    assert bjorn.name in out
    assert [s["label"] for s in cli.json("sources")] == [me.name]


def test_any_command_clears_the_folders_of_killed_demos(
    tmp_path: Path, demo_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp = demo_tmp
    with live_and_killed_demo(tmp) as alive:
        # Not a demo: a read-only command on a missing database, which fails.
        status, _, _ = Cli(tmp_path / "missing.db", capsys)("stats")
        assert status == 1
        assert len(list(tmp.glob("netview-demo-*"))) == 1  # the live demo's folder stays
        assert alive.poll() is None
