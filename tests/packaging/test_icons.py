"""The app icon as Windows, macOS and the running app show it, rendered from resources/icon.svg."""

from __future__ import annotations

import struct
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def icon_set(make_icons: ModuleType, qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return make_icons.build(out=tmp_path_factory.mktemp("icons"))


def pixels(image: QImage) -> np.ndarray:
    """H x W x 4 array of straight-alpha (B, G, R, A) bytes."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    raw = bytes(image.constBits())[: image.sizeInBytes()]
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)


def decode(data: bytes, fmt: bytes | None = None) -> QImage:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, fmt or QByteArray())
    image = reader.read()
    assert not image.isNull(), reader.errorString()
    return image


def assert_looks_like_the_icon(image: QImage) -> None:
    """Transparent corners, the dark tile, and the warm centre node where a user expects them."""
    px = pixels(image)
    n = image.width()
    b, g, r, a = (int(v) for v in px[n // 2, n // 2])
    assert a == 255 and r > 200 and g > 120 and r - b > 80, "centre node is not warm orange"
    assert px[0, 0, 3] == 0 and px[n - 1, n - 1, 3] == 0, "corners outside the tile are not clear"
    # Just inside the tile's top-left rounding, between rings: the dark blue background.
    tb, _tg, tr, ta = (int(v) for v in px[int(n * 0.2), int(n * 0.2)])
    assert ta == 255 and tb > tr and tr < 80, "tile background is not dark blue"


def test_ico_holds_every_size_as_windows_reads_it(make_icons: ModuleType, icon_set: Any) -> None:
    data = icon_set.ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        size = w or 256
        assert (w, h, planes, bpp) == (size % 256, size % 256, 1, 32)
        blob = data[offset : offset + length]
        assert offset + length <= len(data)
        if size <= make_icons.ICO_BITMAP_MAX:
            # BITMAPINFOHEADER: 40 bytes, width, doubled height (image + mask), 32 bpp.
            assert struct.unpack("<Iii", blob[:12]) == (40, size, 2 * size)
        else:
            assert blob.startswith(PNG_SIGNATURE)
        sizes.append(size)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_ico_images_match_the_svg_rendering(
    make_icons: ModuleType, icon_set: Any, qapp: Any
) -> None:
    # Qt's own .ico reader decodes each entry; bitmaps written upside down or with swapped
    # channels would differ from the direct rendering by far more than rounding.
    reader = QImageReader(str(icon_set.ico))
    assert reader.imageCount() == len(make_icons.ICO_SIZES)
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        size = image.width()
        assert image.height() == size and size in make_icons.ICO_SIZES
        expected = pixels(make_icons.render(make_icons.SVG, size)).astype(int)
        got = pixels(image).astype(int)
        opaque = expected[..., 3] == 255
        assert np.abs(got[opaque] - expected[opaque]).max() <= 2, f"{size}px entry differs"
        assert_looks_like_the_icon(image)


def test_icns_lists_each_retina_size_as_png(make_icons: ModuleType, icon_set: Any) -> None:
    data = icon_set.icns.read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = []
    pos = 8
    while pos < len(data):
        ostype = data[pos : pos + 4].decode("ascii")
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        image = decode(data[pos + 8 : pos + length], b"png")
        found.append((ostype, image.width()))
        assert image.height() == image.width()
        pos += length
    assert pos == len(data)
    assert found == list(make_icons.ICNS_TYPES)
    assert_looks_like_the_icon(decode(data[8 + 8 :], b"png"))


def test_png_sizes_are_written(make_icons: ModuleType, icon_set: Any) -> None:
    assert sorted(icon_set.pngs) == sorted(make_icons.PNG_SIZES)
    for size, path in icon_set.pngs.items():
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size)
    assert_looks_like_the_icon(QImage(str(icon_set.pngs[1024])))


def test_packaged_window_icon_is_current(make_icons: ModuleType, qapp: Any) -> None:
    """src/netview/ui/resources/icon.png must be re-made (make icons) when the SVG changes."""
    shipped = resources.files("netview.ui") / "resources" / "icon.png"
    assert shipped.is_file()
    image = QImage()
    assert image.loadFromData(shipped.read_bytes())
    assert (image.width(), image.height()) == (256, 256)
    fresh = pixels(make_icons.render(make_icons.SVG, 256)).astype(int)
    diff = np.abs(pixels(image).astype(int) - fresh).max(axis=2)
    assert (diff > 8).mean() < 0.01, "icon.png is stale: run `make icons`"


def test_invalid_svg_is_refused(make_icons: ModuleType, qapp: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid SVG"):
        make_icons.render(bad, 16)
