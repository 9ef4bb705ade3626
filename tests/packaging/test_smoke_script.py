"""packaging/smoke_test.py: catches a broken build, and passes a working one."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import netview

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "packaging" / "pyinstaller" / "launcher.py"


def fake_app(tmp_path: Path, *, version: str, commands: str, png: Path | None) -> list[str]:
    """A stand-in for a frozen binary with `commands`: prints a version, writes `png` on render."""
    script = tmp_path / "fake_netview.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, shutil, sys
            args = sys.argv[1:]
            if os.environ.get("NETVIEW_BUNDLE_SELFTEST"):
                print("self-test: migrations applied")
            elif args == ["--version"]:
                print("netview {version}")
            elif args[2:3] == ["demo"] and "demo" in {commands!r}.split(","):
                open(args[1], "wb").write(b"db")
            elif args[2:3] == ["render"]:
                shutil.copy({str(png)!r}, args[-1])
            else:
                sys.exit(3)
            """
        ),
        encoding="utf-8",
    )
    return [sys.executable, str(script)]


def blank_png(path: Path, qapp: Any) -> Path:
    from PySide6.QtGui import QColor, QImage

    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    assert image.save(str(path))
    return path


def test_source_launcher_passes(smoke_test: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same checks as on a frozen build, run on the launcher from source."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
    report = smoke_test.smoke([sys.executable, str(LAUNCHER)], netview.__version__)
    assert report.passed[0] == f"--version ({netview.__version__})"
    assert report.passed[1].startswith("self-test")
    assert [line.split()[0] for line in report.passed[2:]] == ["demo", "render"]


def test_wrong_version_fails(smoke_test: ModuleType, tmp_path: Path) -> None:
    app = fake_app(tmp_path, version="9.9.9", commands="demo,render", png=None)
    with pytest.raises(smoke_test.SmokeFailure, match=r"expected 0\.1\.0"):
        smoke_test.smoke(app, "0.1.0")


def test_a_build_without_demo_fails(smoke_test: ModuleType, tmp_path: Path) -> None:
    app = fake_app(tmp_path, version="1.0", commands="import,stats", png=None)
    with pytest.raises(smoke_test.SmokeFailure, match=r" demo: exit status 3$"):
        smoke_test.smoke(app, "1.0")


def test_blank_render_fails(smoke_test: ModuleType, tmp_path: Path, qapp: Any) -> None:
    png = blank_png(tmp_path / "blank.png", qapp)
    app = fake_app(tmp_path, version="1.0", commands="import,demo,render", png=png)
    with pytest.raises(smoke_test.SmokeFailure, match="looks blank"):
        smoke_test.smoke(app, "1.0")


def test_drawn_render_passes(smoke_test: ModuleType, tmp_path: Path) -> None:
    png = ROOT / "src" / "netview" / "ui" / "resources" / "icon.png"
    app = fake_app(tmp_path, version="1.0", commands="demo,render,stats", png=png)
    report = smoke_test.smoke(app, "1.0")
    assert report.passed[-1].startswith("render -o map.png (256x256,")


def test_not_a_png_is_refused(smoke_test: ModuleType, tmp_path: Path) -> None:
    fake = tmp_path / "map.png"
    fake.write_bytes(b"GIF89a not really")
    with pytest.raises(smoke_test.SmokeFailure, match="not a PNG"):
        smoke_test.check_png(fake)
    with pytest.raises(smoke_test.SmokeFailure, match="not written"):
        smoke_test.check_png(tmp_path / "missing.png")
