"""Render the app icon from resources/icon.svg into PNG sizes, a Windows .ico and a macOS .icns.

    python packaging/make_icons.py                  # -> build/icons/
    python packaging/make_icons.py --package-icon   # also refresh src/netview/ui/resources/icon.png

Qt's QSvgRenderer draws the SVG; the .ico and .icns containers are written here (both are a
small header plus a table of images), so no image library beyond PySide6 is needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icon.svg"
OUT = ROOT / "build" / "icons"
PACKAGE_ICON = ROOT / "src" / "netview" / "ui" / "resources" / "icon.png"
PACKAGE_ICON_SIZE = 256

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
# Windows picks 16/24/32/48 for lists and taskbars and 256 for large views; sizes up to 48 are
# stored as 32-bit bitmaps because some older tools (and Explorer on small sizes) only read those.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_BITMAP_MAX = 48
# OSType -> pixel size; all PNG-encoded, which macOS reads since 10.7.
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),  # 512@2x
    ("ic11", 32),  # 16@2x
    ("ic12", 64),  # 32@2x
    ("ic13", 256),  # 128@2x
    ("ic14", 512),  # 256@2x
)


@dataclass(frozen=True)
class IconSet:
    ico: Path
    icns: Path
    pngs: dict[int, Path]


_app: object = None


def _qt() -> None:
    # QSvgRenderer paints into a QImage; a Gui application is not strictly needed for that, but
    # creating one (offscreen) keeps Qt from warning and works on headless build machines. An
    # existing application (e.g. pytest-qt's QApplication) is used as it is.
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        _app = QGuiApplication([])


def render(svg: Path, size: int) -> object:
    """The SVG drawn into a size x size ARGB32 QImage, transparent outside the artwork."""
    _qt()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    # .ico bitmaps and PNGs both want straight (not premultiplied) alpha.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: object) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[attr-defined]
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: object) -> bytes:
    """A 32-bit BGRA device-independent bitmap as .ico stores it: bottom-up, with an AND mask."""
    width, height = image.width(), image.height()  # type: ignore[attr-defined]
    header = struct.pack(
        "<IiiHHIIiiII",
        40,  # BITMAPINFOHEADER size
        width,
        height * 2,  # .ico counts the XOR image and the AND mask together
        1,  # planes
        32,  # bits per pixel
        0,  # BI_RGB
        width * height * 4,
        0,
        0,
        0,
        0,
    )
    rows = []
    for y in range(height - 1, -1, -1):
        # Format_ARGB32 is stored as 0xAARRGGBB words, i.e. B, G, R, A bytes on little-endian
        # machines: exactly the DIB layout. Read per scanline because lines may be padded.
        line = image.constScanLine(y)  # type: ignore[attr-defined]
        raw = bytes(line)[: width * 4] if sys.byteorder == "little" else _swap_words(line, width)
        rows.append(raw)
    # Alpha already says what is transparent; the AND mask must exist but can be all zero.
    mask_row = ((width + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * height)


def _swap_words(line: object, width: int) -> bytes:
    raw = bytes(line)[: width * 4]  # type: ignore[call-overload]
    return b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))


def ico_bytes(images: dict[int, object]) -> bytes:
    """A Windows .ico holding the given sizes (BMP up to 48 px, PNG above)."""
    sizes = sorted(images)
    blobs = [_dib_bytes(images[s]) if s <= ICO_BITMAP_MAX else png_bytes(images[s]) for s in sizes]
    out = [struct.pack("<HHH", 0, 1, len(sizes))]
    offset = 6 + 16 * len(sizes)
    for size, blob in zip(sizes, blobs, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in the one-byte width/height fields
        out.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        offset += len(blob)
    return b"".join(out) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: 'icns' + total length, then (OSType, length, PNG) entries."""
    body = b"".join(
        ostype.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for ostype, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build(svg: Path = SVG, out: Path = OUT) -> IconSet:
    """Write netview.ico, netview.icns and png/netview-<size>.png into `out`."""
    needed = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    images = {size: render(svg, size) for size in needed}
    pngs = {size: png_bytes(img) for size, img in images.items()}
    (out / "png").mkdir(parents=True, exist_ok=True)
    png_paths = {}
    for size in PNG_SIZES:
        path = out / "png" / f"netview-{size}.png"
        path.write_bytes(pngs[size])
        png_paths[size] = path
    ico = out / "netview.ico"
    ico.write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    icns = out / "netview.icns"
    icns.write_bytes(icns_bytes(pngs))
    return IconSet(ico=ico, icns=icns, pngs=png_paths)


def write_package_icon(svg: Path = SVG, target: Path = PACKAGE_ICON) -> Path:
    """The window icon the app loads at run time (package data)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png_bytes(render(svg, PACKAGE_ICON_SIZE)))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--package-icon", action="store_true", help=f"also write {PACKAGE_ICON.relative_to(ROOT)}"
    )
    args = parser.parse_args(argv)
    icons = build(args.svg, args.out)
    print(f"wrote {icons.ico}, {icons.icns} and {len(icons.pngs)} PNGs in {args.out / 'png'}")
    if args.package_icon:
        print(f"wrote {write_package_icon(args.svg)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
