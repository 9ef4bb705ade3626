"""Before Qt starts: can it open a window here? If not, say why in one line.

Qt ends the process (abort, exit status 134) when its platform plugin cannot load, or when
the display it needs is not there; its reason goes only to the log file. So on Linux the
app checks both first: the X display or Wayland socket, and whether the platform plugin's
libraries load (the way the dynamic loader will when Qt loads it), and turns a problem
into one line naming the package to install, and a dialog where one can show.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The shared libraries Qt's xcb and wayland plugins need that a minimal Linux lacks, and
# the Debian/Ubuntu package of each (README lists the whole set for every platform).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Everything the window needs on Debian/Ubuntu, for the advice when one library is missing:
# the loader names only the first it cannot find.
DEBIAN_ALL = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 "
    "libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3"
)
_MISSING = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")


class NoWindow(Exception):
    """Qt could not open a window here; the message says why and what to install."""


def missing_library(loader_error: str) -> str | None:
    """The library the dynamic loader could not find, from its error text."""
    found = _MISSING.search(loader_error)
    return found.group(1) if found else None


def install_advice(library: str) -> str:
    package = DEBIAN_PACKAGES.get(library)
    if package is None:
        return f"install the package that provides {library}"
    return f"install {package} (Debian/Ubuntu: sudo apt-get install {DEBIAN_ALL})"


def _candidates(environ: os._Environ[str] | dict[str, str]) -> list[str]:
    """The platforms Qt will try, in its order (QT_QPA_PLATFORM may list several by ';')."""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [p.split(":", 1)[0].strip() for p in chosen.split(";") if p.strip()]
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def _plugin_problem(plugin: Path) -> str | None:
    """Why the platform plugin's libraries do not load, or None when they do."""
    if not plugin.is_file():
        return None  # a build laid out differently: let Qt look for itself
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        library = missing_library(str(exc))
        if library is None:
            return f"Qt's {plugin.name} cannot be loaded ({exc})"
        platform = plugin.stem.removeprefix("libq")
        return (
            f"Qt's {platform} platform needs {library}, which is not installed; "
            + install_advice(library)
        )
    return None


def _x_display_problem(display: str | None) -> str | None:
    if not display:
        return "there is no display (DISPLAY is not set): run NetView in a desktop session"
    name = ctypes.util.find_library("xcb")
    if name is None:
        return None  # the plugin check names the missing library
    xcb = ctypes.CDLL(name)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        if connection and xcb.xcb_connection_has_error(connection) == 0:
            return None
    finally:
        if connection:
            xcb.xcb_disconnect(connection)
    return f"the display {display} cannot be reached: run NetView in a desktop session"


def _wayland_problem(environ: os._Environ[str] | dict[str, str]) -> str | None:
    if not environ.get("WAYLAND_DISPLAY"):
        return "there is no Wayland display (WAYLAND_DISPLAY is not set)"
    return None


def window_problem(
    plugins: Path, environ: os._Environ[str] | dict[str, str] | None = None
) -> str | None:
    """Why Qt could not open a window here (Linux), or None when it can, as far as we know.

    `plugins` is Qt's platforms plugin folder. Each platform Qt would try is checked; the
    first one's problem is reported when none of them can work.
    """
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS ship their platform plugin's needs with Qt
    env = os.environ if environ is None else environ
    problems: list[str] = []
    for platform in _candidates(env):
        if platform == "xcb":
            problem = _plugin_problem(plugins / "libqxcb.so") or _x_display_problem(
                env.get("DISPLAY")
            )
        elif platform == "wayland":
            problem = _plugin_problem(plugins / "libqwayland.so") or _wayland_problem(env)
        else:
            problem = None  # offscreen, minimal, vnc, eglfs…: nothing a desktop lacks
        if problem is None:
            return None
        problems.append(problem)
    return problems[0] if problems else None


def show_dialog(message: str) -> None:
    """Say it in a window too, where a simple one can still open (X up, Qt's libraries not)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return
    for tool, args in (
        ("zenity", ["--error", "--title=NetView", f"--text={message}"]),
        ("kdialog", ["--title", "NetView", "--error", message]),
        ("xmessage", ["-center", f"NetView cannot start: {message}"]),
    ):
        path = shutil.which(tool)
        if path is None:
            continue
        try:
            subprocess.run([path, *args], check=False, timeout=600, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            continue
        return
