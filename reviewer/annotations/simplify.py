"""Level of detail: outlines simplified for drawing when zoomed out, cached per tolerance bucket.

Douglas-Peucker, vectorised across all rings at once: each pass measures every point of every
still-open segment against its chord and splits the segments whose farthest point is beyond the
tolerance, so 10,000 outlines cost a handful of numpy passes, not 10,000 Python recursions.
Tolerances are rounded down to a power of two, so a continuous zoom reuses a few cached levels.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from reviewer.annotations.geometry import Kind
from reviewer.annotations.model import Annotation

Rings = tuple[np.ndarray, ...]
SIMPLIFIABLE = frozenset({Kind.POLYGON, Kind.FREEHAND, Kind.POLYLINE})
MIN_TOLERANCE = 1.0      # below one pixel the original is what gets drawn


def _segment_distance(px, py, ax, ay, bx, by) -> np.ndarray:
    """Distance of points p from segments a-b (component arrays); a degenerate segment is a point."""
    abx, aby = bx - ax, by - ay
    apx, apy = px - ax, py - ay
    den = abx * abx + aby * aby
    t = np.divide(apx * abx + apy * aby, den, out=np.zeros_like(den), where=den > 0)
    np.clip(t, 0.0, 1.0, out=t)
    return np.hypot(apx - abx * t, apy - aby * t)


def douglas_peucker(lines: Sequence[np.ndarray], tolerance: float, closed: Sequence[bool]) -> list[np.ndarray]:
    """Simplifies each polyline (or closed ring, given open) so no dropped vertex is farther than
    ``tolerance`` from the result. Endpoints are kept; a closed ring keeps its first vertex.
    The results are read-only views of one buffer."""
    if not lines:
        return []
    closed = np.asarray(closed, dtype=bool)
    n = np.fromiter((len(ln) for ln in lines), dtype=np.int64, count=len(lines))
    flat = np.concatenate(lines)
    # one buffer for all lines; a closed ring gets its first vertex again at its end
    extra = closed.astype(np.int64)
    sizes = n + extra
    ends = np.cumsum(sizes) - 1
    starts = ends - sizes + 1
    pts = np.empty((int(sizes.sum()), 2))
    pts[np.arange(len(flat)) + np.repeat(np.cumsum(extra) - extra, n)] = flat
    pts[ends[closed]] = flat[(np.cumsum(n) - n)[closed]]
    xs, ys = np.ascontiguousarray(pts[:, 0]), np.ascontiguousarray(pts[:, 1])
    keep = np.zeros(len(pts), dtype=bool)
    keep[starts] = keep[ends] = True
    s, e = starts, ends
    while True:
        open_ = e - s >= 2
        s, e = s[open_], e[open_]
        if not len(s):
            break
        inner = e - s - 1
        offsets = np.cumsum(inner) - inner
        idx = np.arange(int(inner.sum())) + np.repeat(s + 1 - offsets, inner)
        d = _segment_distance(xs[idx], ys[idx], np.repeat(xs[s], inner), np.repeat(ys[s], inner),
                              np.repeat(xs[e], inner), np.repeat(ys[e], inner))
        dmax = np.maximum.reduceat(d, offsets)
        # first index of the farthest point in each segment
        at_max = np.where(d == np.repeat(dmax, inner), idx, np.iinfo(np.int64).max)
        far = np.minimum.reduceat(at_max, offsets)
        split = dmax > tolerance
        keep[far[split]] = True
        s = np.concatenate([s[split], far[split]])
        e = np.concatenate([far[split], e[split]])
    keep[ends[closed]] = False                     # the repeated first vertex again
    kept = pts[keep]
    kept.setflags(write=False)                     # the returned views share this buffer
    counts = np.add.reduceat(keep.astype(np.int64), starts)
    return np.split(kept, np.cumsum(counts)[:-1])


def bucket(tolerance_px: float) -> int:
    """Power-of-two exponent at or below the tolerance; below MIN_TOLERANCE there is none (-1)."""
    if not tolerance_px >= MIN_TOLERANCE:
        return -1
    return int(math.floor(math.log2(tolerance_px)))


class LevelOfDetail:
    """Per-hierarchy cache of simplified rings, keyed by annotation id and tolerance bucket and
    valid while the annotation keeps the same geometry object (geometries are immutable)."""

    def __init__(self):
        self._cache: dict[str, dict[int, tuple[object, Rings]]] = {}

    def forget(self, annotation_id: str) -> None:
        self._cache.pop(annotation_id, None)

    def clear(self) -> None:
        self._cache.clear()

    def simplified(self, annotation: Annotation, tolerance_px: float) -> Rings:
        return self.simplified_many([annotation], tolerance_px)[0]

    def simplified_many(self, annotations: Iterable[Annotation], tolerance_px: float) -> list[Rings]:
        """Rings to draw for each annotation: simplified for polygons, freehand and polylines,
        unchanged for the other kinds (which viewers draw from their defining points)."""
        annotations = list(annotations)
        level = bucket(tolerance_px)
        result: list[Rings | None] = [None] * len(annotations)
        todo: list[int] = []
        for i, a in enumerate(annotations):
            g = a.geometry
            if level < 0 or g.kind not in SIMPLIFIABLE:
                result[i] = g.rings
                continue
            hit = self._cache.get(a.id, {}).get(level)
            if hit is not None and hit[0] is g:
                result[i] = hit[1]
            else:
                todo.append(i)
        if todo:
            lines, closed, owner = [], [], []
            for i in todo:
                g = annotations[i].geometry
                for ring in g.rings:
                    lines.append(ring)
                    closed.append(g.closed)
                    owner.append(i)
            simple = douglas_peucker(lines, float(2 ** level), closed)
            grouped: dict[int, list[np.ndarray]] = {}
            for i, ring in zip(owner, simple):
                grouped.setdefault(i, []).append(ring)
            for i, rings in grouped.items():
                a = annotations[i]
                result[i] = tuple(rings)
                self._cache.setdefault(a.id, {})[level] = (a.geometry, result[i])
        return result
