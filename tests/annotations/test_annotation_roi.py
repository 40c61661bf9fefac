"""Rasterisation (pixel centres inside) and ROI statistics against independent numpy references."""
import math
import time

import numpy as np
import pytest

from reviewer.annotations import AnnotationError, Geometry, PixelSize, roi_stats
from reviewer.annotations.raster import full_mask, mask

from annotation_samples import blob

ROWS, COLS = 200, 300
CT = PixelSize.dicom((0.5, 0.8))


@pytest.fixture
def image():
    rng = np.random.default_rng(7)
    return rng.normal(40, 25, (ROWS, COLS)).astype(np.int16)


def centres():
    return np.meshgrid(np.arange(COLS) + 0.5, np.arange(ROWS) + 0.5)   # x, y


def brute_force_even_odd(rings, shape):
    """Per-pixel ray casting in plain Python: the reference for the vectorised scanline."""
    out = np.zeros(shape, dtype=bool)
    edges = [(ring[i], ring[(i + 1) % len(ring)]) for ring in rings for i in range(len(ring))]
    for r in range(shape[0]):
        py = r + 0.5
        for c in range(shape[1]):
            px, inside = c + 0.5, False
            for (xa, ya), (xb, yb) in edges:
                if (ya <= py) != (yb <= py) and px > xa + (py - ya) * (xb - xa) / (yb - ya):
                    inside = not inside
            out[r, c] = inside
    return out


def expect(stats, values, pixel_area):
    assert stats.count == values.size
    assert stats.mean == pytest.approx(values.mean())
    assert stats.sd == pytest.approx(values.std(ddof=1))
    assert (stats.min, stats.max) == (values.min(), values.max())
    assert stats.area == pytest.approx(values.size * pixel_area)


def test_rectangle_stats_match_numpy(image):
    g = Geometry("rectangle", [[10.2, 20.7], [50.5, 60.1]])
    x, y = centres()
    known = (x >= 10.2) & (x <= 50.5) & (y >= 20.7) & (y <= 60.1)
    assert (full_mask(g, image.shape) == known).all()
    expect(roi_stats(image, g, CT), image[known].astype(float), 0.4)


def test_ellipse_stats_match_numpy(image):
    g = Geometry("ellipse", [[100.3, 40.1], [240.9, 170.6]])
    x, y = centres()
    cx, cy, a, b = (100.3 + 240.9) / 2, (40.1 + 170.6) / 2, (240.9 - 100.3) / 2, (170.6 - 40.1) / 2
    known = ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1
    assert (full_mask(g, image.shape) == known).all()
    expect(roi_stats(image, g), image[known].astype(float), 1.0)


def test_ellipse_pixel_area_within_one_percent_of_pi_ab():
    g = Geometry("ellipse", [[3.3, 7.9], [183.3, 127.9]])     # a = 90, b = 60
    m, _ = mask(g, (400, 400))
    assert m.sum() == pytest.approx(math.pi * 90 * 60, rel=0.01)


def test_polygon_mask_matches_brute_force_even_odd():
    rng = np.random.default_rng(3)
    star = blob(30.3, 28.7, 22, 17, rng)
    concave = np.array([[2.2, 3.1], [50.7, 4.4], [50.1, 45.3], [27.9, 12.6], [3.4, 44.8]])
    holed = (np.array([[5.1, 5.3], [55.7, 6.2], [54.4, 52.9], [4.6, 51.1]]),
             np.array([[20.2, 20.6], [35.3, 20.1], [30.7, 36.4]]))
    bowtie = np.array([[5.1, 5.2], [50.3, 45.7], [50.6, 5.4], [5.3, 45.1]])    # self-intersecting
    for rings in ((star,), (concave,), holed, (bowtie,)):
        g = Geometry("polygon", rings[0], holes=rings[1:])
        got = full_mask(g, (60, 62))
        assert (got == brute_force_even_odd(rings, (60, 62))).all()


def test_polygon_stats_and_hole(image):
    outer = [[20.2, 20.2], [120.2, 20.2], [120.2, 120.2], [20.2, 120.2]]
    hole = [[50.2, 50.2], [70.2, 50.2], [70.2, 70.2], [50.2, 70.2]]
    g = Geometry("polygon", outer, holes=(hole,))
    known = np.zeros(image.shape, dtype=bool)     # centres 20.5 ... 119.5 lie inside
    known[20:120, 20:120] = True
    known[50:70, 50:70] = False
    assert (full_mask(g, image.shape) == known).all()
    expect(roi_stats(image, g), image[known].astype(float), 1.0)


def test_roi_clipped_to_image_and_outside(image):
    g = Geometry("rectangle", [[-50, -50], [10, 10]])
    assert roi_stats(image, g).count == 100
    s = roi_stats(image, Geometry("ellipse", [[1000, 1000], [1100, 1100]]))
    assert s.count == 0 and math.isnan(s.mean)
    with pytest.raises(AnnotationError):
        roi_stats(image, Geometry("line", [[0, 0], [5, 5]]))
    with pytest.raises(AnnotationError):
        roi_stats(image[None], g)


def test_large_freehand_is_fast_and_accurate():
    circle = blob(1500.25, 1500.25, 1000, 2000)
    g = Geometry("freehand", circle)
    t0 = time.perf_counter()
    m, _ = mask(g, (3000, 3000))
    elapsed = time.perf_counter() - t0
    assert m.sum() == pytest.approx(math.pi * 1000 ** 2, rel=0.005)
    assert elapsed < 5.0     # about 0.2 s; generous for loaded CI machines
