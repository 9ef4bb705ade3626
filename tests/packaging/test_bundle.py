"""The frozen app from `make bundle` (dist/), run headless. Slow: `make test-slow` builds first."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

import netview

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def frozen_binary() -> Path:
    if sys.platform == "win32":
        return ROOT / "dist" / "netview" / "netview-cli.exe"
    if sys.platform == "darwin":
        return ROOT / "dist" / "NetView.app" / "Contents" / "MacOS" / "netview"
    return ROOT / "dist" / "netview" / "netview"


def test_frozen_app_runs_headless(smoke_test: ModuleType, capsys: pytest.CaptureFixture) -> None:
    binary = frozen_binary()
    if not binary.is_file():
        pytest.skip(f"no bundle at {binary.relative_to(ROOT)}: run `make bundle` first")
    report = smoke_test.smoke([str(binary)], netview.__version__)
    assert report.passed[0] == f"--version ({netview.__version__})"
    assert report.passed[1].startswith("self-test")
    assert report.passed[-1].startswith("render -o map.png")
    folder = binary.parents[1] if sys.platform == "darwin" else binary.parent
    size = smoke_test.folder_size(folder)
    with capsys.disabled():
        print(f"\nbundle {folder.relative_to(ROOT)}: {size / 1e6:.1f} MB")
        for line in report.passed:
            print(f"  ok    {line}")
    assert size > 0
