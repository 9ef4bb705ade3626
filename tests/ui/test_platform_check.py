"""A machine that cannot show Qt's window gets one line saying why, not an abort (issue 21.2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netview.ui import platform_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's loader")


def test_no_display_is_one_line_and_exit_1_not_an_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env |= {"QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    env |= {"XDG_STATE_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from netview.cli import main; sys.exit(main([]))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, (done.returncode, done.stderr)  # not 134 / -6 (SIGABRT)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("netview: cannot open a window: ")
    # Either reason is right, whichever this machine has: Qt's libraries or the display.
    assert "DISPLAY is not set" in lines[0] or "apt-get install" in lines[0]


def test_a_missing_library_of_the_plugin_names_its_package(tmp_path: Path) -> None:
    """A stand-in plugin linked against a library that is then removed, as on a bare Linux."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build the stand-in plugin")
    # A name no system has (the real libxcb-cursor.so.0 may be installed here).
    missing = tmp_path / "libnetview-gone.so.0"
    (tmp_path / "stub.c").write_text("int stub(void) { return 0; }\n")
    (tmp_path / "plugin.c").write_text("int stub(void);\nint plugin(void) { return stub(); }\n")
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-o",
            str(missing),
            "-Wl,-soname,libnetview-gone.so.0",
            str(tmp_path / "stub.c"),
        ],
        check=True,
    )
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-o",
            str(plugins / "libqxcb.so"),
            str(tmp_path / "plugin.c"),
            str(missing),
        ],
        check=True,
    )
    missing.unlink()
    problem = platform_check.window_problem(plugins, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    assert problem is not None
    assert problem == (
        "Qt's xcb platform needs libnetview-gone.so.0, which is not installed; "
        "install the package that provides libnetview-gone.so.0"
    )
    # Offscreen needs neither a display nor those libraries.
    assert platform_check.window_problem(plugins, {"QT_QPA_PLATFORM": "offscreen"}) is None
    # A fallback that works is enough: wayland first, then xcb.
    env = {"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0"}
    assert platform_check.window_problem(plugins, env) is None


def test_the_loaders_words_give_the_library_and_the_package() -> None:
    text = "libxkbcommon-x11.so.0: cannot open shared object file: No such file or directory"
    assert platform_check.install_advice("libxcb-cursor.so.0").startswith(
        "install libxcb-cursor0 (Debian/Ubuntu: sudo apt-get install libxcb-cursor0 "
    )
    assert platform_check.missing_library(text) == "libxkbcommon-x11.so.0"
    assert platform_check.install_advice("libxkbcommon-x11.so.0").startswith(
        "install libxkbcommon-x11-0 ("
    )
    assert platform_check.missing_library("invalid ELF header") is None
    assert platform_check.install_advice("libfoo.so.3") == (
        "install the package that provides libfoo.so.3"
    )
