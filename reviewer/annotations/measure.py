"""Measurements in physical units: pure functions of a geometry and the pixel size.

Pixel sizes may differ between x and y (anisotropic DICOM PixelSpacing, slides with mpp-x != mpp-y),
so every length is measured after scaling both axes, never by scaling a pixel length afterwards.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.geometry import KIND_WORDS, Geometry, Kind
from reviewer.annotations.raster import mask
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


@dataclass(frozen=True)
class PixelSize:
    """Physical size of one pixel step along x (columns) and y (rows)."""
    x: float
    y: float
    unit: str = "px"          # "mm" (DICOM), "µm" (slides) or "px" (uncalibrated)

    def __post_init__(self):
        if not (math.isfinite(self.x) and math.isfinite(self.y) and self.x > 0 and self.y > 0):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a pixel size must be positive, got {x} "
                                                                             "x {y} {unit}"),
                                       x=self.x, y=self.y, unit=self.unit))

    @classmethod
    def dicom(cls, pixel_spacing: tuple[float, float]) -> "PixelSize":
        """From DICOM PixelSpacing, which is (row spacing, column spacing) in mm: note the order."""
        row, col = pixel_spacing
        return cls(float(col), float(row), "mm")

    @classmethod
    def slide(cls, mpp_x: float, mpp_y: float) -> "PixelSize":
        return cls(float(mpp_x), float(mpp_y), "µm")


PIXELS = PixelSize(1.0, 1.0, "px")
_TO_MM = {"mm": 1.0, "µm": 1e-3}


def _scaled(points, px: PixelSize) -> np.ndarray:
    return np.asarray(points, dtype=np.float64) * (px.x, px.y)


def path_length(points, px: PixelSize = PIXELS, closed: bool = False) -> float:
    p = _scaled(points, px)
    if closed and len(p) > 1:
        p = np.vstack([p, p[:1]])
    return float(np.hypot(*np.diff(p, axis=0).T).sum()) if len(p) > 1 else 0.0


def ring_area(points, px: PixelSize = PIXELS) -> float:
    """Shoelace area of a simple closed ring (unsigned)."""
    p = _scaled(points, px)
    x, y = p[:, 0], p[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def ellipse_perimeter(a: float, b: float) -> float:
    """Ramanujan's second approximation: relative error below 1e-9 for b/a > 0.1."""
    if a + b == 0:
        return 0.0
    h = ((a - b) / (a + b)) ** 2
    return math.pi * (a + b) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h)))


def angle_degrees(a, vertex, b, px: PixelSize = PIXELS) -> float:
    """The angle at ``vertex`` between the arms to ``a`` and ``b``, 0-180 degrees, in physical space."""
    u = _scaled(a, px) - _scaled(vertex, px)
    v = _scaled(b, px) - _scaled(vertex, px)
    if not (u.any() and v.any()):
        return float("nan")
    return math.degrees(math.atan2(abs(u[0] * v[1] - u[1] * v[0]), float(np.dot(u, v))))


def length(geometry: Geometry, px: PixelSize = PIXELS) -> float:
    """Length of a line, arrow or polyline; perimeter for areal shapes; both arms for an angle."""
    if geometry.closed:
        return perimeter(geometry, px)
    return path_length(geometry.points, px)


def perimeter(geometry: Geometry, px: PixelSize = PIXELS) -> float:
    if geometry.kind in (Kind.RECTANGLE, Kind.ELLIPSE):
        (x0, y0), (x1, y1) = geometry.points
        w, h = (x1 - x0) * px.x, (y1 - y0) * px.y
        return 2 * (w + h) if geometry.kind == Kind.RECTANGLE else ellipse_perimeter(w / 2, h / 2)
    if geometry.closed:
        return sum(path_length(r, px, closed=True) for r in geometry.rings)
    raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} has no perimeter"),
                               kind=KIND_WORDS[geometry.kind]))


def area(geometry: Geometry, px: PixelSize = PIXELS) -> float:
    """Area in ``px.unit`` squared; holes are subtracted."""
    if geometry.kind in (Kind.RECTANGLE, Kind.ELLIPSE):
        (x0, y0), (x1, y1) = geometry.points
        w, h = (x1 - x0) * px.x, (y1 - y0) * px.y
        return w * h if geometry.kind == Kind.RECTANGLE else math.pi * w * h / 4
    if geometry.closed:
        return ring_area(geometry.points, px) - sum(ring_area(h, px) for h in geometry.holes)
    raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} has no area"),
                               kind=KIND_WORDS[geometry.kind]))


def to_mm2(value: float, unit: str) -> float | None:
    """An area in ``unit``² as mm² (pathology reports tumour areas in mm²); None if uncalibrated."""
    f = _TO_MM.get(unit)
    return None if f is None else value * f * f


@dataclass(frozen=True)
class Measurement:
    """What a viewer labels an annotation with; fields that do not apply are None."""
    unit: str
    length: float | None = None       # line, arrow, polyline
    perimeter: float | None = None    # areal shapes
    area: float | None = None         # unit²
    angle: float | None = None        # degrees

    @property
    def area_mm2(self) -> float | None:
        return None if self.area is None else to_mm2(self.area, self.unit)


def measure(geometry: Geometry, px: PixelSize = PIXELS) -> Measurement:
    k = geometry.kind
    if k == Kind.ANGLE:
        a, v, b = geometry.points
        return Measurement(px.unit, angle=angle_degrees(a, v, b, px))
    if geometry.closed:
        return Measurement(px.unit, perimeter=perimeter(geometry, px), area=area(geometry, px))
    if k == Kind.POINT:
        return Measurement(px.unit)
    return Measurement(px.unit, length=length(geometry, px))


@dataclass(frozen=True)
class RoiStats:
    """Pixel statistics in the image's units (HU for CT after rescale). ``sd`` is the sample SD
    (n - 1), as ImageJ and most DICOM viewers report it; NaN when fewer than 2 pixels."""
    mean: float
    sd: float
    min: float
    max: float
    count: int
    area: float        # count x pixel area, in unit²
    unit: str


def roi_stats(image: np.ndarray, geometry: Geometry, px: PixelSize = PIXELS) -> RoiStats:
    """Statistics of the pixels of a 2D ``image`` whose centres lie inside the areal ``geometry``."""
    if image.ndim != 2:
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "ROI statistics need a 2D image, got "
                                                                         "shape {shape}"), shape=image.shape))
    m, window = mask(geometry, image.shape)
    values = image[window][m].astype(np.float64, copy=False)
    n = int(values.size)
    if n == 0:
        nan = float("nan")
        return RoiStats(nan, nan, nan, nan, 0, 0.0, px.unit)
    sd = float(values.std(ddof=1)) if n > 1 else float("nan")
    return RoiStats(float(values.mean()), sd, float(values.min()), float(values.max()), n,
                    n * px.x * px.y, px.unit)
