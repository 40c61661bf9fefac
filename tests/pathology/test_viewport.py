"""The slide viewer's view state (reviewer.pathology.viewport), headless."""
import math

import pytest

from reviewer.pathology.viewport import Viewport, scale_bar

DS = (1.0, 4.0, 16.0, 64.0)


def vp(**kw) -> Viewport:
    return Viewport(40000, 30000, DS, 800, 600, **kw)


def test_starts_fitted_and_centred():
    v = vp()
    assert v.zoom == pytest.approx(min(800 / 40000, 600 / 30000))
    assert (v.cx, v.cy) == (20000, 15000)
    x0, y0, x1, y1 = v.visible_rect()
    assert x0 <= 0 and y0 <= 0 and x1 >= 40000 and y1 >= 30000


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_screen_and_slide_round_trip(rotation):
    v = vp()
    v.rotation = rotation
    v.set_zoom(0.37)
    for sx, sy in ((0, 0), (123.5, 456.25), (800, 600)):
        x, y = v.screen_to_slide(sx, sy)
        assert v.slide_to_screen(x, y) == pytest.approx((sx, sy))
    m11, m12, m21, m22, dx, dy = v.matrix()
    x, y = 1234.0, 987.0
    assert (m11 * x + m21 * y + dx, m12 * x + m22 * y + dy) == pytest.approx(v.slide_to_screen(x, y))


def test_zoom_keeps_the_point_under_the_cursor():
    v = vp()
    before = v.screen_to_slide(200, 150)
    v.zoom_by(3.0, (200, 150))
    assert v.screen_to_slide(200, 150) == pytest.approx(before)
    v.rotate()
    before = v.screen_to_slide(700, 100)
    v.zoom_by(2.0, (700, 100))
    assert v.screen_to_slide(700, 100) == pytest.approx(before)


def test_zoom_limits():
    v = vp()
    v.set_zoom(1e6)
    assert v.zoom == v.max_zoom
    v.set_zoom(1e-9)
    assert v.zoom == pytest.approx(v.min_zoom)


def test_pan_follows_the_pointer_in_every_rotation():
    for rotation in (0, 90, 180, 270):
        v = vp()
        v.rotation = rotation
        v.set_zoom(0.5)
        grabbed = v.screen_to_slide(400, 300)
        v.pan(30, -20)
        assert v.slide_to_screen(*grabbed) == pytest.approx((430, 280))


def test_pan_is_clamped_to_the_slide():
    v = vp()
    v.set_zoom(1.0)
    v.pan(1e9, 1e9)
    assert (v.cx, v.cy) == (0, 0)


def test_level_follows_zoom():
    v = vp()
    v.set_zoom(1.0)
    assert v.level() == 0
    v.set_zoom(0.2)          # 5 level-0 px per screen px: level 1 (4x) is the finest not too fine
    assert v.level() == 1
    v.set_zoom(1 / 16)
    assert v.level() == 2
    v.set_zoom(v.min_zoom)
    assert v.level() == 3


def test_level_counts_device_pixels_on_a_hidpi_display():
    v = vp()
    v.set_zoom(1 / 16)
    assert v.level() == 2
    v.pixel_ratio = 2.0       # each screen pixel is 2x2 device pixels: the 4x level is needed
    assert v.level() == 1
    v.set_zoom(1 / 8)
    assert v.level() == 1 and v.downsample == 8.0    # the readouts stay in screen pixels


def test_visible_tiles_cover_the_screen_centre_first():
    v = vp()
    v.set_zoom(1.0)
    v.centre_on(10000, 10000)
    tiles = v.visible_tiles(0, 256, 256, 40000, 30000)
    cols = {c for c, _ in tiles}
    rows = {r for _, r in tiles}
    assert min(cols) == (10000 - 400) // 256 and max(cols) == (10000 + 400 - 1) // 256
    assert min(rows) == (10000 - 300) // 256 and max(rows) == (10000 + 300 - 1) // 256
    assert len(tiles) == len(cols) * len(rows)
    assert tiles[0] == (10000 // 256, 10000 // 256)
    # With a margin, one more ring; never outside the grid.
    v.centre_on(0, 0)
    edge = v.visible_tiles(0, 256, 256, 40000, 30000, margin=1)
    assert all(c >= 0 and r >= 0 for c, r in edge)


def test_rotated_view_swaps_the_visible_extent():
    v = vp()
    v.set_zoom(1.0)
    v.centre_on(20000, 15000)
    x0, y0, x1, y1 = v.visible_rect()
    assert (x1 - x0, y1 - y0) == pytest.approx((800, 600))
    v.rotate()
    x0, y0, x1, y1 = v.visible_rect()
    assert (x1 - x0, y1 - y0) == pytest.approx((600, 800))


def test_listeners_and_readouts():
    v = vp()
    calls = []
    v.on_change(lambda: calls.append(1))
    v.set_zoom(0.5)
    v.pan(1, 1)
    v.rotate()
    assert len(calls) == 3
    assert v.magnification(40.0) == pytest.approx(20.0)
    assert v.magnification(None) is None
    assert v.microns_per_screen_pixel(0.25) == pytest.approx(0.5)


def test_scale_bar_is_round_and_near_the_target_length():
    for upp in (0.05, 0.25, 1.3, 17.0, 250.0):
        um, px, label = scale_bar(upp)
        mant = um / 10 ** math.floor(math.log10(um))
        assert round(mant, 6) in (1, 2, 5)
        assert 40 <= px <= 120 and px == pytest.approx(um / upp)
        assert label.endswith("µm") or label.endswith("mm")
    assert scale_bar(10.0)[2] == "1 mm"
