"""A zoom that rests: the new level of detail is drawn in a worker and swapped in whole."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from tests.ui.test_map import _model

from netview.ui.map import painting
from netview.ui.map.render import grab, make_map
from netview.ui.map.widget import MapWidget


@pytest.fixture
def screen(qapp: object) -> Iterator[MapWidget]:
    widget = make_map(_model(), (900, 600))
    widget.canvas.exact = False  # as on screen
    grab(widget)
    yield widget
    widget.canvas.wait_built(10)
    widget.close()


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8)
    return raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3].copy()


def _inked(widget: MapWidget) -> int:
    """Pixels of the picture (texts hidden) that are not background."""
    widget.set_labels_shown(False)
    rgb = _pixels(grab(widget)).astype(np.int64)
    widget.set_labels_shown(True)
    return int((np.abs(rgb - rgb[0, 0]).sum(axis=2) > 30).sum())


class _Gate:
    """Holds painting.draw in the worker until released; counts the calls that ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.threads: list[str] = []
        real = painting.draw

        def draw(*args: object, **kwargs: object) -> painting.Cached:
            self.threads.append(threading.current_thread().name)
            if threading.current_thread() is not threading.main_thread():
                assert self.open.wait(10)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(painting, "draw", draw)


def _zoom(widget: MapWidget, factor: float) -> None:
    widget.box.scaleBy((factor, factor))
    grab(widget)  # a frame while zooming: the image scaled


def test_the_zoomed_level_is_drawn_off_the_ui_thread_and_the_old_one_shows_meanwhile(
    screen: MapWidget, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    canvas = screen.canvas
    before = _inked(screen)
    gate = _Gate(monkeypatch)
    _zoom(screen, 0.5)
    old = canvas._cache
    assert old is not None
    drawn: list[int] = []
    canvas.drawn.connect(lambda: drawn.append(1))
    canvas.redraw_later()  # the zoom rests
    grab(screen)
    # The paint only asked for the image: nothing was drawn on the UI thread...
    # (the worker may take a moment to start on a busy machine: wait for its call)
    qtbot.waitUntil(lambda: bool(gate.threads), timeout=10_000)
    assert "MainThread" not in gate.threads
    assert canvas._cache is old and not drawn and canvas.building()
    # ...and the picture meanwhile is the previous level, scaled: never blank.
    assert _inked(screen) > 0.5 * before
    with qtbot.waitSignal(canvas.drawn, timeout=10_000):
        gate.open.set()
    new = canvas._cache
    assert new is not old and new is not None and not canvas.building()
    assert new.scale == pytest.approx(2 * old.scale, rel=1e-6)
    shown = _pixels(grab(screen))
    # What the worker drew is what the UI thread draws for the same view, pixel for pixel.
    canvas.invalidate()
    assert np.array_equal(shown, _pixels(grab(screen)))


def test_a_newer_zoom_cancels_the_build_of_an_older_one(
    screen: MapWidget, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    canvas = screen.canvas
    gate = _Gate(monkeypatch)
    _zoom(screen, 0.7)
    canvas.redraw_later()
    grab(screen)
    first = canvas._building
    assert first is not None
    _zoom(screen, 0.7)  # the user zooms on before it is in
    assert first[0].progress.cancelled()
    canvas.redraw_later()
    grab(screen)
    drawn: list[float] = []
    canvas.drawn.connect(lambda: drawn.append(canvas._cache.scale if canvas._cache else 0))
    gate.open.set()
    qtbot.waitUntil(lambda: not canvas.building(), timeout=10_000)
    QCoreApplication.sendPostedEvents()
    # One image came in: the latest zoom's (the first build stopped at its first check).
    assert len(drawn) == 1
    final = canvas._cache
    assert final is not None
    assert drawn[0] == final.scale
    assert grab(screen) is not None and canvas._cache is final  # sharp: no build follows


def test_a_new_model_drops_an_image_drawn_for_the_old_one(
    screen: MapWidget, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    canvas = screen.canvas
    gate = _Gate(monkeypatch)
    _zoom(screen, 0.6)
    canvas.redraw_later()
    grab(screen)
    task = canvas._building
    assert task is not None
    screen.set_model(_model(300))  # a reload while it is drawn
    grab(screen)
    mine = canvas._cache
    gate.open.set()
    assert canvas.wait_built(10) and task[0].done.wait(10)
    QCoreApplication.sendPostedEvents()
    assert canvas._cache is mine  # the old model's image never shows


def test_an_image_drawn_over_kept_ring_guides_is_the_image_drawn_whole(screen) -> None:  # type: ignore[no-untyped-def]
    # A step of the time control starts its image from the ring guides kept from the last
    # one: the map must look exactly as if every layer were drawn afresh.
    from dataclasses import replace

    canvas = screen.canvas
    view = canvas.viewRect()
    scale = screen.frame().scale
    canvas.ring_layers = painting.RingLayers()
    scene = canvas.scene_now()
    whole = painting.draw(replace(scene, rings=None), view, scale, 1.0)
    first = painting.draw(scene, view, scale, 1.0)  # draws the rings, keeps them
    again = painting.draw(scene, view, scale, 1.0)  # starts from the kept rings
    pixels = _pixels(whole.image)
    assert (np.abs(pixels.astype(int) - pixels[0, 0]).sum(axis=2) > 0).any()  # not blank
    assert np.array_equal(_pixels(first.image), pixels)
    assert np.array_equal(_pixels(again.image), pixels)
    # Rings switched off: none from the kept image either.
    canvas.rings_shown = False
    bare = painting.draw(canvas.scene_now(), view, scale, 1.0)
    assert not np.array_equal(_pixels(bare.image), pixels)
    assert np.array_equal(
        _pixels(bare.image),
        _pixels(painting.draw(replace(canvas.scene_now(), rings=None), view, scale, 1.0).image),
    )
