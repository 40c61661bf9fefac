"""The shape of an annotation, in full-resolution pixel coordinates, as immutable numpy arrays.

Coordinates are continuous (x, y) = (column, row) of the full-resolution image (level 0 of a
slide): pixel (row r, column c) covers [c, c+1) x [r, r+1), so its centre is (c + 0.5, r + 0.5).
QuPath uses the same convention, so its GeoJSON needs no conversion. Arrays are read-only, so a
Geometry can be shared between the model, caches and views without copying.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import numpy as np

from reviewer.annotations.errors import AnnotationError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_VERTICES = 1_000_000   # per geometry, all rings together: beyond any real outline


class Kind(StrEnum):
    POINT = "point"
    LINE = "line"              # ruler: 2 points
    POLYLINE = "polyline"      # open, >= 2 points
    RECTANGLE = "rectangle"    # axis-aligned: 2 opposite corners, stored as (min, max)
    ELLIPSE = "ellipse"        # axis-aligned: its bounding rectangle, as RECTANGLE
    POLYGON = "polygon"        # closed, >= 3 points, closing point not repeated; optional holes
    FREEHAND = "freehand"      # a closed polygon drawn with a brush or lasso
    ARROW = "arrow"            # tail, head, and a text
    ANGLE = "angle"            # arm end, vertex, arm end


# A kind's name inside an error sentence ("a rectangle has no perimeter"): its English is the kind's value.
KIND_WORDS = MappingProxyType({
    Kind.POINT: QT_TRANSLATE_NOOP("AnnotationErrors", "point"),
    Kind.LINE: QT_TRANSLATE_NOOP("AnnotationErrors", "line"),
    Kind.POLYLINE: QT_TRANSLATE_NOOP("AnnotationErrors", "polyline"),
    Kind.RECTANGLE: QT_TRANSLATE_NOOP("AnnotationErrors", "rectangle"),
    Kind.ELLIPSE: QT_TRANSLATE_NOOP("AnnotationErrors", "ellipse"),
    Kind.POLYGON: QT_TRANSLATE_NOOP("AnnotationErrors", "polygon"),
    Kind.FREEHAND: QT_TRANSLATE_NOOP("AnnotationErrors", "freehand"),
    Kind.ARROW: QT_TRANSLATE_NOOP("AnnotationErrors", "arrow"),
    Kind.ANGLE: QT_TRANSLATE_NOOP("AnnotationErrors", "angle"),
})

AREAL = frozenset({Kind.RECTANGLE, Kind.ELLIPSE, Kind.POLYGON, Kind.FREEHAND})
OUTLINED = frozenset({Kind.POLYGON, Kind.FREEHAND})          # free vertex lists that may have holes
EDITABLE_COUNT = frozenset({Kind.POLYLINE, Kind.POLYGON, Kind.FREEHAND})   # vertices can be added/removed

# (fewest, most) outline points per kind
VERTEX_COUNTS = MappingProxyType({
    Kind.POINT: (1, 1), Kind.LINE: (2, 2), Kind.ARROW: (2, 2), Kind.ANGLE: (3, 3), Kind.RECTANGLE: (2, 2),
    Kind.ELLIPSE: (2, 2), Kind.POLYLINE: (2, MAX_VERTICES), Kind.POLYGON: (3, MAX_VERTICES),
    Kind.FREEHAND: (3, MAX_VERTICES)})


def _frozen(points, what: str) -> np.ndarray:
    try:
        a = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{what}: coordinates must be numbers"),
                                   what=what)) from None
    if a.size == 0:
        a = a.reshape(0, 2)
    if a.ndim != 2 or a.shape[1] != 2:
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{what}: expected a list of (x, y) "
                                                                         "pairs, got shape {shape}"),
                                   what=what, shape=a.shape))
    if not np.isfinite(a).all():
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{what}: coordinates must be finite "
                                                                         "numbers"), what=what))
    if a.flags.writeable:
        a = a.copy()
        a.setflags(write=False)
    return a


def _open_ring(a: np.ndarray) -> np.ndarray:
    """Drops a repeated closing point: rings are stored open, closed on export."""
    if len(a) > 3 and a[0, 0] == a[-1, 0] and a[0, 1] == a[-1, 1]:
        return a[:-1]
    return a


@dataclass(frozen=True, eq=False)
class Geometry:
    kind: Kind
    points: np.ndarray
    holes: tuple[np.ndarray, ...] = ()
    text: str = ""
    _bbox: tuple[float, float, float, float] = field(init=False, repr=False)

    def __post_init__(self):
        try:
            kind = Kind(self.kind)
        except ValueError:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "unknown annotation kind {kind!r}"),
                                       kind=self.kind)) from None
        pts = _frozen(self.points, kind.value)
        holes = tuple(_open_ring(_frozen(h, f"{kind.value} hole")) for h in self.holes)
        if kind in OUTLINED:
            pts = _open_ring(pts)
        elif holes:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} cannot have holes"),
                                       kind=KIND_WORDS[kind]))
        lo, hi = VERTEX_COUNTS[kind]
        if not lo <= len(pts) <= hi:
            want = str(lo) if lo == hi else f"{lo} or more"
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} needs {want} points, got "
                                                                             "{pts_count}"),
                                       kind=KIND_WORDS[kind], want=want, pts_count=len(pts)))
        if any(len(h) < 3 for h in holes):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a hole of a {kind} needs 3 or more "
                                                                             "points"), kind=KIND_WORDS[kind]))
        if len(pts) + sum(len(h) for h in holes) > MAX_VERTICES:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} may have at most "
                                                                             "{max_vertices} vertices"),
                                       kind=KIND_WORDS[kind], max_vertices=MAX_VERTICES))
        if kind in (Kind.RECTANGLE, Kind.ELLIPSE):
            pts = np.stack([pts.min(axis=0), pts.max(axis=0)])
            pts.setflags(write=False)
        if not isinstance(self.text, str):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation text must be a string")))
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "points", pts)
        object.__setattr__(self, "holes", holes)
        lo_xy, hi_xy = pts.min(axis=0), pts.max(axis=0)   # holes lie inside the outline
        object.__setattr__(self, "_bbox", (float(lo_xy[0]), float(lo_xy[1]), float(hi_xy[0]), float(hi_xy[1])))

    # -- value semantics (numpy arrays do not compare as dataclass fields) ------------------
    def __eq__(self, other) -> bool:
        if not isinstance(other, Geometry):
            return NotImplemented
        return (self.kind == other.kind and self.text == other.text and len(self.holes) == len(other.holes)
                and np.array_equal(self.points, other.points)
                and all(np.array_equal(a, b) for a, b in zip(self.holes, other.holes)))

    def __hash__(self) -> int:
        return hash((self.kind, self.text, self.points.tobytes(), tuple(h.tobytes() for h in self.holes)))

    # -- derived -------------------------------------------------------------------------
    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1), inclusive, in full-resolution pixels."""
        return self._bbox

    @property
    def closed(self) -> bool:
        return self.kind in AREAL

    @property
    def rings(self) -> tuple[np.ndarray, ...]:
        """The outline first, then any holes."""
        return (self.points, *self.holes)

    @property
    def vertex_count(self) -> int:
        return len(self.points) + sum(len(h) for h in self.holes)

    def outline(self, segments: int = 64) -> np.ndarray:
        """The closed outline as a polygon (open ring): rectangles as 4 corners, ellipses as
        ``segments`` points that include the four axis ends, so the bounding box is exact."""
        if self.kind == Kind.RECTANGLE:
            (x0, y0), (x1, y1) = self.points
            return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        if self.kind == Kind.ELLIPSE:
            (x0, y0), (x1, y1) = self.points
            t = np.arange(segments) * (2 * np.pi / segments)
            cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
            return np.column_stack([cx + a * np.cos(t), cy + b * np.sin(t)])
        return np.array(self.points)

    # -- immutable edits -------------------------------------------------------------------
    def _with(self, ring: int, pts: np.ndarray) -> "Geometry":
        if ring == 0:
            return Geometry(self.kind, pts, self.holes, self.text)
        holes = list(self.holes)
        holes[ring - 1] = pts
        return Geometry(self.kind, self.points, tuple(holes), self.text)

    def _ring(self, ring: int) -> np.ndarray:
        if not 0 <= ring <= len(self.holes):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} has no ring {ring}"),
                                       kind=KIND_WORDS[self.kind], ring=ring))
        return self.rings[ring]

    def _index(self, pts: np.ndarray, index: int, allow_end: bool = False) -> int:
        n = len(pts) + (1 if allow_end else 0)
        if not -n <= index < n:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} has no vertex {index}"),
                                       kind=KIND_WORDS[self.kind], index=index))
        return index % n

    def translated(self, dx: float, dy: float) -> "Geometry":
        d = np.array([dx, dy], dtype=np.float64)
        return Geometry(self.kind, self.points + d, tuple(h + d for h in self.holes), self.text)

    def with_vertex(self, index: int, x: float, y: float, ring: int = 0) -> "Geometry":
        pts = np.array(self._ring(ring))
        pts[self._index(pts, index)] = (x, y)
        return self._with(ring, pts)

    def with_inserted_vertex(self, index: int, x: float, y: float, ring: int = 0) -> "Geometry":
        """Inserts before ``index``; ``index == len`` appends."""
        if self.kind not in EDITABLE_COUNT:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "vertices cannot be added to a {kind}"),
                                       kind=KIND_WORDS[self.kind]))
        pts = self._ring(ring)
        return self._with(ring, np.insert(pts, self._index(pts, index, allow_end=True), (x, y), axis=0))

    def without_vertex(self, index: int, ring: int = 0) -> "Geometry":
        if self.kind not in EDITABLE_COUNT:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "vertices cannot be removed from a "
                                                                             "{kind}"), kind=KIND_WORDS[self.kind]))
        pts = self._ring(ring)
        return self._with(ring, np.delete(pts, self._index(pts, index), axis=0))

    @classmethod
    def trusted(cls, kind: Kind, points: np.ndarray, holes: tuple[np.ndarray, ...], text: str,
                bbox: tuple[float, float, float, float]) -> "Geometry":
        """Builds without per-object checks, for rows this program wrote and the encrypted database
        authenticated; the loader checks all rows at once (finite, counts) before calling this."""
        g = object.__new__(cls)
        for name, value in (("kind", kind), ("points", points), ("holes", holes), ("text", text), ("_bbox", bbox)):
            object.__setattr__(g, name, value)
        return g
