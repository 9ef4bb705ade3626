"""Info.plist values of NetView.app (merged by PyInstaller's BUNDLE over its own defaults)."""

from __future__ import annotations

BUNDLE_ID = "app.netview.NetView"
# PySide6 6.7+ wheels are built for macOS 11 (Big Sur) and later.
MINIMUM_MACOS = "11.0"


def info_plist(version: str) -> dict[str, object]:
    """The keys the Finder, Dock and Gatekeeper read; `version` is netview.__version__."""
    short = version.split("+")[0]
    return {
        "CFBundleName": "NetView",
        "CFBundleDisplayName": "NetView",
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": short,
        "CFBundleVersion": short,
        "CFBundlePackageType": "APPL",
        "CFBundleExecutable": "netview",
        "CFBundleIconFile": "netview.icns",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "NSHighResolutionCapable": True,
        # Follow the system's light/dark appearance instead of forcing light.
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "NetView. All data stays on this Mac.",
    }
