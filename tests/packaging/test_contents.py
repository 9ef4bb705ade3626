"""What the PyInstaller spec puts into the frozen app (packaging/pyinstaller/contents.py)."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import netview

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"


def qt_modules_imported_by(package: Path) -> dict[str, set[str]]:
    """{PySide6 module: files importing it} over every .py file under `package`."""
    used: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "PySide6":
                    names = [f"PySide6.{alias.name}" for alias in node.names]
                else:
                    names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1:
                    used.setdefault(parts[1], set()).add(str(path.relative_to(ROOT)))
    return used


def test_app_uses_no_qt_module_the_bundle_leaves_out(contents: ModuleType) -> None:
    used = qt_modules_imported_by(SRC / "netview")
    excluded = {m: files for m, files in used.items() if m in contents.EXCLUDED_QT}
    assert not excluded, f"the spec excludes Qt modules the app imports: {excluded}"
    unlisted = {m: files for m, files in used.items() if m not in contents.QT_MODULES}
    assert not unlisted, f"add these to QT_MODULES in contents.py: {unlisted}"


BLOCKED_IMPORT_PROBE = """
import importlib, sys
blocked = set(sys.argv[1].split(","))
modules = sys.argv[2].split(",")

class Blocker:
    # Stands in for the bundle: a module the spec excludes cannot be imported at all.
    def find_spec(self, name, path=None, target=None):
        if name in blocked or any(name.startswith(b + ".") for b in blocked):
            raise ImportError(f"excluded from the bundle: {name}")
        return None

sys.meta_path.insert(0, Blocker())
for name in modules:
    importlib.import_module(name)
print("imported", len(modules))
"""


def test_app_imports_with_the_excluded_modules_missing(contents: ModuleType) -> None:
    """Libraries count too: pyqtgraph imports QtOpenGL on import, so the bundle must keep it."""
    modules = [*contents.package_modules(), "pyqtgraph", "pyqtgraph.exporters"]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            BLOCKED_IMPORT_PROBE,
            ",".join(contents.excludes()),
            ",".join(modules),
        ],
        env={**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"imported {len(modules)}" in done.stdout


def test_qt_module_lists_name_real_modules(contents: ModuleType) -> None:
    # A misspelt exclusion silently excludes nothing. PySide6-Essentials ships type stubs for
    # every module, including those only in PySide6-Addons.
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.origin is not None
    pyside = Path(spec.origin).parent
    known = {p.name.split(".")[0] for p in pyside.iterdir() if p.name.startswith("Qt")}
    assert set(contents.QT_MODULES) <= known
    assert set(contents.EXCLUDED_QT) <= known, set(contents.EXCLUDED_QT) - known
    assert not set(contents.QT_MODULES) & set(contents.EXCLUDED_QT)
    assert "PySide6.QtWebEngineCore" in contents.excludes()


def test_package_data_ships_migrations_as_source_and_resources(contents: ModuleType) -> None:
    data = {Path(src).relative_to(SRC).as_posix(): dest for src, dest in contents.package_data()}
    migrations = SRC / "netview" / "store" / "migrations"
    expected = [migrations / "env.py", migrations / "script.py.mako"]
    expected += sorted((migrations / "versions").glob("*.py"))
    assert len(expected) >= 4  # env, template, at least the two first revisions
    for path in expected:
        rel = path.relative_to(SRC).as_posix()
        assert data.get(rel) == Path(rel).parent.as_posix(), rel
    assert data.get("netview/ui/resources/icon.png") == "netview/ui/resources"
    # Code outside the migrations is frozen into the archive, not shipped as loose source.
    assert "netview/cli.py" not in data
    assert not [rel for rel in data if "__pycache__" in rel or rel.endswith(".pyc")]


def test_every_app_module_is_frozen(contents: ModuleType) -> None:
    modules = contents.package_modules()
    assert {"netview", "netview.cli", "netview.store.db", "netview.store.migrate"} <= set(modules)
    assert not [m for m in modules if ".migrations" in m or m.endswith("__main__")]
    for name in modules:
        assert importlib.util.find_spec(name) is not None, name


def test_version_is_the_packages(contents: ModuleType) -> None:
    assert contents.package_version() == netview.__version__


@pytest.mark.parametrize(
    ("version", "numeric"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3rc1+g1234", (1, 2, 3, 0)),
        ("2.0.dev4", (2, 0, 0, 0)),
        ("3", (3, 0, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_numeric_version_for_windows(contents: ModuleType, version: str, numeric: tuple) -> None:
    assert contents.numeric_version(version) == numeric


@given(st.lists(st.integers(min_value=0, max_value=65535), min_size=1, max_size=4))
def test_numeric_version_keeps_plain_releases(contents: ModuleType, numbers: list[int]) -> None:
    version = ".".join(map(str, numbers))
    assert contents.numeric_version(version) == tuple([*numbers, 0, 0, 0][:4])


def test_only_qtbase_translations_are_kept(contents: ModuleType) -> None:
    assert contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep_data("PySide6/Qt/translations/qtdeclarative_de.qm")
    assert not contents.keep_data("PySide6/Qt/translations/assistant_fr.qm")
    assert contents.keep_data("netview/ui/resources/icon.png")


def test_info_plist_has_what_finder_and_gatekeeper_read(info_plist: ModuleType) -> None:
    plist = info_plist.info_plist("1.4.2")
    assert plist["CFBundleIdentifier"] == "app.netview.NetView"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "1.4.2"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"] >= "11"
    assert plist["CFBundleIconFile"] == "netview.icns"


CALENDAR_WITHOUT_SYSTEM_ZONES = """
import sys, zoneinfo
zoneinfo.reset_tzpath([])  # no system zone database: as on Windows and in the frozen app
from datetime import UTC, datetime
from netview.io.evidence.calendar import read_calendar
ev = read_calendar(sys.argv[1], now=datetime(2026, 12, 4, tzinfo=UTC))
print([m.start.isoformat() for m in ev.meetings], [s.why for s in ev.skipped])
"""


def test_calendar_time_zones_come_from_a_collected_package(
    contents: ModuleType, tmp_path: Path
) -> None:
    """The bundle has no system zone database: TZIDs resolve through the tzdata package,
    which the spec collects, with the modules icalendar picks by name."""
    for package in (*contents.COLLECT_DATA, *contents.COLLECT_SUBMODULES):
        assert importlib.util.find_spec(package) is not None, package
    assert "tzdata" in contents.COLLECT_DATA
    ics = tmp_path / "c.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        b"DTSTART;TZID=America/Sao_Paulo:20260701T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", CALENDAR_WITHOUT_SYSTEM_ZONES, str(ics)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=True,
    )
    assert done.stdout.strip() == "['2026-07-01T12:00:00+00:00'] []"
    spec = (ROOT / "packaging" / "pyinstaller" / "netview.spec").read_text(encoding="utf-8")
    assert "contents.COLLECT_DATA" in spec and "contents.COLLECT_SUBMODULES" in spec
