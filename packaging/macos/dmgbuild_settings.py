"""dmgbuild settings: NetView.app next to an Applications link, for drag-to-install.

    dmgbuild -s packaging/macos/dmgbuild_settings.py \
        -D app=dist/NetView.app -D icon=build/pyinstaller/netview/icons/netview.icns \
        "NetView 0.1.0" dist/NetView-0.1.0.dmg

dmgbuild executes this file with a `defines` dict holding the -D values; every name assigned
here at module level is a setting (see dmgbuild's documentation for the full list).
"""

# ruff: noqa: F821 - `defines` is provided by dmgbuild when it executes this file.
import os.path

application = defines.get("app", "dist/NetView.app")
app_name = os.path.basename(application)

# Compressed with zlib (UDZO): readable on every supported macOS, and the .dmg is ~40% smaller.
format = defines.get("format", "UDZO")
size = None  # let dmgbuild measure the contents
files = [application]
symlinks = {"Applications": "/Applications"}
hide_extensions = [app_name]

# The volume's own icon in Finder while mounted: the app icon.
if defines.get("icon"):
    icon = defines["icon"]

# A window with the app on the left, Applications on the right and an arrow between them.
background = "builtin-arrow"
window_rect = ((200, 120), (640, 300))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
icon_size = 128
text_size = 13
icon_locations = {app_name: (160, 140), "Applications": (480, 140)}
