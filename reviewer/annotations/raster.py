"""Which pixels an annotation covers: a pixel belongs to a shape when its centre lies inside.

Masks are computed only over the shape's bounding box, clipped to the image, and returned with the
window they cover, so a small ROI on a large image costs what the ROI costs. Polygons use the
even-odd rule (holes and self-intersections as QuPath and ImageJ fill them) with a scanline that
is vectorised over rows and edges. A centre exactly on a polygon edge falls on one side by a fixed
rule, so two polygons sharing an edge never share a pixel; rectangles and ellipses include their
boundary.
"""
from __future__ import annotations

import math

import numpy as np

from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.geometry import KIND_WORDS, Geometry, Kind
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

_CHUNK = 1 << 22    # rows x edges evaluated at once, bounds the scanline's memory


def _window(bbox, shape) -> tuple[slice, slice] | None:
    """Rows and columns whose pixel centres can lie in the box: c + 0.5 in [x0, x1]."""
    x0, y0, x1, y1 = bbox
    c0, c1 = max(math.ceil(x0 - 0.5), 0), min(math.floor(x1 - 0.5), shape[1] - 1)
    r0, r1 = max(math.ceil(y0 - 0.5), 0), min(math.floor(y1 - 0.5), shape[0] - 1)
    if c1 < c0 or r1 < r0:
        return None
    return slice(r0, r1 + 1), slice(c0, c1 + 1)


def _centres(window: tuple[slice, slice]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = window
    return (np.arange(rows.start, rows.stop, dtype=np.float64) + 0.5,
            np.arange(cols.start, cols.stop, dtype=np.float64) + 0.5)


def _ellipse(geometry: Geometry, window) -> np.ndarray:
    (x0, y0), (x1, y1) = geometry.points
    a, b = (x1 - x0) / 2, (y1 - y0) / 2
    ys, xs = _centres(window)
    if a <= 0 or b <= 0:
        return np.zeros((len(ys), len(xs)), dtype=bool)
    u = ((xs - (x0 + a)) / a) ** 2
    v = ((ys - (y0 + b)) / b) ** 2
    return v[:, None] + u[None, :] <= 1.0


def polygon_mask(rings, window) -> np.ndarray:
    """Even-odd fill of closed rings over ``window``: a pixel toggles at each edge crossing left of
    its centre on its row."""
    ys, _ = _centres(window)
    c0, width = window[1].start, window[1].stop - window[1].start
    a = np.concatenate([np.asarray(r, dtype=np.float64) for r in rings])
    b = np.concatenate([np.roll(np.asarray(r, dtype=np.float64), -1, axis=0) for r in rings])
    xa, ya, xb, yb = a[:, 0], a[:, 1], b[:, 0], b[:, 1]
    counts = np.zeros(len(ys) * (width + 1), dtype=np.int64)
    step = max(1, _CHUNK // max(len(xa), 1))
    for start in range(0, len(ys), step):
        y = ys[start:start + step, None]
        ri, ei = np.nonzero((ya <= y) != (yb <= y))          # half-open: vertices count once
        yr = y[ri, 0]
        x = xa[ei] + (yr - ya[ei]) * (xb[ei] - xa[ei]) / (yb[ei] - ya[ei])
        first = np.clip(np.floor(x - 0.5).astype(np.int64) + 1 - c0, 0, width)   # first centre right of x
        counts += np.bincount((ri + start) * (width + 1) + first, minlength=counts.size)
    parity = np.cumsum(counts.reshape(len(ys), width + 1), axis=1)[:, :width] & 1
    return parity.astype(bool)


def mask(geometry: Geometry, shape: tuple[int, int]) -> tuple[np.ndarray, tuple[slice, slice]]:
    """(mask, (row slice, column slice)) for an areal annotation on an image of ``shape``
    (rows, columns); the mask is empty (0 x 0) when the shape lies outside the image."""
    if not geometry.closed:
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} has no area to measure pixels "
                                                                         "in"), kind=KIND_WORDS[geometry.kind]))
    window = _window(geometry.bbox, shape)
    if window is None:
        return np.zeros((0, 0), dtype=bool), (slice(0, 0), slice(0, 0))
    if geometry.kind == Kind.RECTANGLE:
        rows, cols = window
        return np.ones((rows.stop - rows.start, cols.stop - cols.start), dtype=bool), window
    if geometry.kind == Kind.ELLIPSE:
        return _ellipse(geometry, window), window
    return polygon_mask(geometry.rings, window), window


def full_mask(geometry: Geometry, shape: tuple[int, int]) -> np.ndarray:
    """The mask as a whole-image boolean array (for tests and exports; prefer ``mask``)."""
    m, (rows, cols) = mask(geometry, shape)
    out = np.zeros(shape, dtype=bool)
    out[rows, cols] = m
    return out
