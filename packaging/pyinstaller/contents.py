"""What goes into the frozen app: used by netview.spec, the smoke test and tests/packaging.

Kept out of the .spec file so it can be imported and tested like any other module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SRC = ROOT / "src"

# Only these Qt modules are used. QtSvg: pyqtgraph's SVG export and SVG icons; QtOpenGL and
# QtOpenGLWidgets: pyqtgraph (0.14) imports both whenever it is imported, OpenGL or not.
# Everything in EXCLUDED_QT is kept out, even when a fuller PySide6 is installed, to keep the
# bundle lean. tests/packaging/test_contents.py fails if the app, directly or through a library,
# imports a module listed here.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtOpenGL", "QtOpenGLWidgets")
EXCLUDED_QT = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDBus", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth",
    "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning",
    "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest",
    "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip
# Other Qt bindings that pyqtgraph would otherwise try, and big optional extras nobody calls.
EXCLUDED_OTHER = (
    "PyQt5", "PyQt6", "PySide2", "tkinter", "matplotlib", "IPython", "scipy", "pandas",
    "pytest", "hypothesis", "pyqtgraph.examples", "pyqtgraph.opengl", "OpenGL",
)  # fmt: skip
# Libraries whose modules are chosen by name at run time, collected whole: icalendar picks
# its time-zone provider that way; recurring_ical_events its per-component series classes.
COLLECT_SUBMODULES = ("icalendar", "recurring_ical_events", "x_wr_timezone")
# Data files read from disk: the IANA time zones calendars name (TZID=Europe/Berlin).
# zoneinfo falls back to the tzdata package where the system has no zone database, as on
# Windows and in the frozen app.
COLLECT_DATA = ("tzdata",)
# Qt's own translations are ~14 MB; the app's text is English, but qtbase's are kept so standard
# buttons and dialogs still follow the system language.
KEEP_TRANSLATIONS = ("qtbase_",)


def package_version(src: Path = SRC) -> str:
    """__version__ from src/netview/__init__.py, read without importing the package."""
    tree = ast.parse((src / "netview" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise ValueError(f"no __version__ in {src / 'netview' / '__init__.py'}")


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1+abc' -> (1, 2, 3, 0): what Windows version resources and Inno Setup accept."""
    numbers: list[int] = []
    for part in version.split("+")[0].split(".")[:4]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        numbers.append(int(digits))
    padded = [*numbers, 0, 0, 0, 0][:4]
    return (padded[0], padded[1], padded[2], padded[3])


def package_data(src: Path = SRC) -> list[tuple[str, str]]:
    """(file, folder in the bundle) for netview's data files and its Alembic migrations.

    Alembic loads env.py and versions/*.py from disk at run time, so the migrations ship as
    source files next to the frozen modules (resources.files("netview.store") resolves there).
    Walked from src/ rather than found by import, so an installed netview elsewhere cannot leak in.
    """
    found = []
    for path in sorted((src / "netview").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        rel = path.relative_to(src)
        if path.suffix != ".py" or "migrations" in rel.parts:
            found.append((str(path), rel.parent.as_posix()))
    return found


def package_modules(src: Path = SRC) -> list[str]:
    """Every netview module: some are imported lazily or by name (subcommands, panels)."""
    names = []
    for path in sorted((src / "netview").rglob("*.py")):
        rel = path.relative_to(src).with_suffix("")
        if "migrations" in rel.parts or rel.name == "__main__":
            continue
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        names.append(".".join(parts))
    return names


def excludes() -> list[str]:
    return [f"PySide6.{m}" for m in EXCLUDED_QT] + list(EXCLUDED_OTHER)


def keep_data(dest: str) -> bool:
    """False for the Qt translations the app does not need."""
    parts = Path(dest).parts
    if parts and parts[0] == "PySide6" and "translations" in parts:
        return Path(dest).name.startswith(KEEP_TRANSLATIONS)
    return True


if __name__ == "__main__":
    # For build scripts: `python packaging/pyinstaller/contents.py` prints e.g. "0.1.0 0.1.0.0".
    v = package_version()
    print(v, ".".join(str(n) for n in numeric_version(v)))
