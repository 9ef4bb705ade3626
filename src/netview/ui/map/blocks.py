"""How much of a rendered map is uniform blocks of colour (the measure of issue 20).

A map that reads as a network shows dots, gaps and ties; a branch drawn as one solid wedge
does not. A pixel is part of a uniform block when it is coloured (not the background) and
every pixel of its 9x9 neighbourhood is within 32 levels of it in every channel. The share
is taken of the disc's area, so a larger disc does not dilute it.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage

HALF = 4  # a 9x9 neighbourhood
LEVELS = 32

U8 = npt.NDArray[np.uint8]


def _slide(a: npt.NDArray[np.int16], fn: np.ufunc, axis: int) -> npt.NDArray[np.int16]:
    """fn (maximum or minimum) over the 2 * HALF + 1 pixels around each along `axis`; edges
    see only the pixels that exist."""
    out = a.copy()
    n = a.shape[axis]
    for k in range(1, HALF + 1):
        if k >= n:
            break
        lo = [slice(None)] * a.ndim
        hi = [slice(None)] * a.ndim
        lo[axis], hi[axis] = slice(k, None), slice(None, -k)
        fn(out[tuple(lo)], a[tuple(hi)], out=out[tuple(lo)])
        fn(out[tuple(hi)], a[tuple(lo)], out=out[tuple(hi)])
    return out


def uniform_mask(rgb: U8, background: tuple[int, int, int]) -> npt.NDArray[np.bool_]:
    """Per pixel of an (h, w, 3) picture: coloured and inside a uniform 9x9 block."""
    a = rgb.astype(np.int16)
    hi = _slide(_slide(a, np.maximum, 0), np.maximum, 1)
    lo = _slide(_slide(a, np.minimum, 0), np.minimum, 1)
    flat = ((hi - a) <= LEVELS) & ((a - lo) <= LEVELS)
    coloured = (np.abs(a - np.array(background, np.int16)) > LEVELS).any(axis=2)
    return np.asarray(flat.all(axis=2) & coloured)


def uniform_share(
    rgb: U8, background: tuple[int, int, int], disc: tuple[float, float, float]
) -> float:
    """The share (0..1) of the disc (cx, cy, r in pixels) covered by uniform blocks."""
    cx, cy, r = disc
    if r <= 0:
        return 0.0
    h, w, _ = rgb.shape
    ys, xs = np.ogrid[0:h, 0:w]
    inside = (xs - cx) ** 2 + (ys - cy) ** 2 <= r * r
    return float((uniform_mask(rgb, background) & inside).sum()) / (math.pi * r * r)


def image_rgb(image: QImage) -> U8:
    """The picture's pixels as an (h, w, 3) array (alpha dropped)."""
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    raw = np.frombuffer(img.constBits(), np.uint8, count=h * stride).reshape(h, stride)
    return np.array(raw[:, : w * 3].reshape(h, w, 3))
