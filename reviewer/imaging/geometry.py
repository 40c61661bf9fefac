"""Where a stack of frames lies in the patient: spacing, origin, direction cosines, affine (DICOM LPS).

Why its own module: this is the arithmetic a second opinion depends on (a wrong slice spacing means
wrong measurements), so it is kept small, pure and tested against reference volumes.

Conventions, shared with ``volume.Volume``:
- patient coordinates are DICOM LPS millimetres (+x patient left, +y posterior, +z superior);
- a volume array is indexed ``[k, j, i]``: slice k, row j, column i;
- ``direction`` has the unit vectors of the i, j, k axes as its columns: the row direction cosine
  (along a row, i.e. increasing column index), the column direction cosine, and the slice normal
  (row × column); slices are ordered by ascending position along that normal;
- ``spacing`` is (x, y, z) = (between columns, between rows, between slices);
- ``affine @ (i, j, k, 1)`` is the centre of voxel ``[k, j, i]``; with a gantry tilt its third
  column is the true (sheared) step between slices, so it differs from ``direction · diag(spacing)``.
"""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Text

import math
from dataclasses import dataclass

import numpy as np

from reviewer.imaging.records import Plane

ORIENTATION_TOL = 1e-3       # direction cosines this close are the same orientation
DUPLICATE_TOL = 0.01         # mm along the normal: closer slices are at the same position
TILT_MIN_DEGREES = 0.1

# Warning kinds (stable: ``dicom info --json`` prints them)
GANTRY_TILT = "gantry_tilt"
MISSING_SLICES = "missing_slices"
IRREGULAR_SPACING = "irregular_spacing"
MIXED_ORIENTATION = "mixed_orientation"
NOT_A_VOLUME = "not_a_volume"
SPLIT = "split_series"


@dataclass(frozen=True)
class SeriesWarning:
    kind: str
    message: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class Geometry:
    spacing: tuple[float, float, float]
    origin: tuple[float, float, float]
    direction: tuple[tuple[float, float, float], ...]     # 3×3, rows of the matrix whose columns are i, j, k
    affine: tuple[tuple[float, float, float, float], ...]  # 4×4
    positions: tuple[tuple[float, float, float], ...] = ()  # each slice's Image Position (Patient), in order
    known: bool = True                                      # False: no position/orientation in the files

    @property
    def affine_array(self) -> np.ndarray:
        return np.array(self.affine, dtype=np.float64)

    @property
    def direction_array(self) -> np.ndarray:
        return np.array(self.direction, dtype=np.float64)

    @property
    def normal(self) -> np.ndarray:
        return self.direction_array[:, 2]


def _unit(v) -> tuple[float, float, float] | None:
    n = math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])
    return (v[0] / n, v[1] / n, v[2] / n) if n > 1e-6 else None


def frame_axes(orientation) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Row direction, column direction and slice normal of an Image Orientation (Patient); None if degenerate.

    Plain floats, not numpy: this runs once per frame while a series is assembled.
    """
    if orientation is None or len(orientation) != 6:
        return None
    r, c = _unit(orientation[:3]), _unit(orientation[3:])
    if r is None or c is None or abs(r[0] * c[0] + r[1] * c[1] + r[2] * c[2]) > 1e-2:
        return None
    n = _unit((r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]))
    if n is None:
        return None
    return np.array(r), np.array(c), np.array(n)


def same_orientation(a, b) -> bool:
    return all(abs(x - y) < ORIENTATION_TOL for x, y in zip(a, b))


def pixel_spacing_xy(plane: Plane) -> tuple[float, float]:
    """(x, y) = (between columns, between rows); DICOM stores Pixel Spacing as (rows, columns)."""
    if plane.spacing is None:
        return 1.0, 1.0
    return float(plane.spacing[1]), float(plane.spacing[0])


def _affine(r, c, step_vec, spacing_xy, origin) -> tuple:
    a = np.eye(4)
    a[:3, 0] = r * spacing_xy[0]
    a[:3, 1] = c * spacing_xy[1]
    a[:3, 2] = step_vec
    a[:3, 3] = origin
    return tuple(tuple(float(v) for v in row) for row in a)


def unknown_geometry(plane: Plane | None, count: int, z: float = 1.0) -> Geometry:
    """Identity geometry for frames that carry no position: pixel indices, with the pixel spacing if any."""
    sx, sy = pixel_spacing_xy(plane) if plane else (1.0, 1.0)
    eye = np.eye(3)
    return Geometry((sx, sy, z), (0.0, 0.0, 0.0), tuple(tuple(float(v) for v in row) for row in eye),
                    _affine(eye[0], eye[1], eye[2] * z, (sx, sy), np.zeros(3)), (), False)


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def stack_geometry(planes: list[Plane], fallback_z: float | None = None) -> tuple[Geometry, list[SeriesWarning], bool]:
    """Geometry of frames already sorted along their common normal.

    Returns (geometry, warnings, is_volume). A stack that is not an evenly spaced, untilted set of
    at least three parallel slices is not a volume: it still gets the best geometry its headers give,
    and warnings that say why in plain words.
    """
    first = planes[0]
    axes = frame_axes(first.orientation) if first.orientation else None
    n = len(planes)
    if axes is None or any(p.position is None for p in planes):
        geom = unknown_geometry(first, n, fallback_z or 1.0)
        message = (Text(QT_TRANSLATE_NOOP("SeriesWarning", "the image has no patient position or orientation; shown "
                                          "as a 2D stack in file order, without measurements across slices"))
                   if n == 1 else
                   Text(QT_TRANSLATE_NOOP("SeriesWarning", "the images have no patient position or orientation; shown "
                                          "as a 2D stack in file order, without measurements across slices")))
        return geom, [SeriesWarning(NOT_A_VOLUME, message)], False
    r, c, normal = axes
    pos = np.array([p.position for p in planes], dtype=np.float64)
    sx, sy = pixel_spacing_xy(first)
    direction = tuple(tuple(float(v) for v in row) for row in np.column_stack([r, c, normal]))
    positions = tuple(tuple(float(v) for v in p) for p in pos)
    origin = pos[0]
    warnings: list[SeriesWarning] = []
    if n == 1:
        z = fallback_z or first.thickness or 1.0
        geom = Geometry((sx, sy, float(z)), tuple(map(float, origin)), direction,
                        _affine(r, c, normal * z, (sx, sy), origin), positions)
        return geom, [SeriesWarning(NOT_A_VOLUME, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "a single image, not a volume; shown as a 2D image")))], False
    d = pos @ normal
    steps = np.diff(d)
    dup = steps <= DUPLICATE_TOL
    is_volume = True
    if dup.all():
        z = fallback_z or first.thickness or 1.0
        geom = Geometry((sx, sy, float(z)), tuple(map(float, origin)), direction,
                        _affine(r, c, normal * z, (sx, sy), origin), positions)
        return geom, [SeriesWarning(NOT_A_VOLUME, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "all {n} images share the same position (repeated or timed acquisitions), not a volume; "
            "shown as a 2D stack"), n=n))], False
    if dup.any():
        is_volume = False
        k = int(dup.sum())
        warnings.append(SeriesWarning(NOT_A_VOLUME, Text(
            QT_TRANSLATE_NOOP("SeriesWarning", "{k} image repeats the position of another; not a volume, shown as a "
                              "2D stack") if k == 1 else
            QT_TRANSLATE_NOOP("SeriesWarning", "{k} images repeat the position of another; not a volume, shown as a "
                              "2D stack"), k=k)))
        steps = steps[~dup]
    step0 = float(np.median(steps))
    tol = max(0.01, 0.01 * step0)
    span = pos[-1] - pos[0]
    # The true displacement from one slice to the next (sheared when the gantry was tilted).
    step_vec = span / (n - 1) if is_volume else normal * step0
    if np.any(np.abs(steps - step0) > tol):
        is_volume = False
        ratios = steps / step0
        whole = np.round(ratios)
        if np.all(whole >= 1) and np.all(np.abs(steps - whole * step0) <= tol):
            missing = int(np.sum(whole - 1))
            gaps = int(np.sum(whole > 1))
            wider = (Text(QT_TRANSLATE_NOOP("SeriesWarning", "1 gap is wider")) if gaps == 1 else
                     Text(QT_TRANSLATE_NOOP("SeriesWarning", "{gaps} gaps are wider"), gaps=gaps))
            warnings.append(SeriesWarning(MISSING_SLICES, Text(
                QT_TRANSLATE_NOOP("SeriesWarning", "1 slice missing: the spacing is {step} mm but {wider} "
                                  "(inconsistent slice increment); shown as a 2D stack, distances across the gap "
                                  "are not to scale") if missing == 1 else
                QT_TRANSLATE_NOOP("SeriesWarning", "{missing} slices missing: the spacing is {step} mm but {wider} "
                                  "(inconsistent slice increment); shown as a 2D stack, distances across the gap "
                                  "are not to scale"), missing=missing, step=_fmt(step0), wider=wider)))
        else:
            warnings.append(SeriesWarning(IRREGULAR_SPACING, Text(QT_TRANSLATE_NOOP(
                "SeriesWarning", "irregular slice spacing (inconsistent slice increment) from {low} to {high} mm; "
                "shown as a 2D stack, distances across slices are not to scale"),
                low=_fmt(float(steps.min())), high=_fmt(float(steps.max())))))
        step_vec = normal * step0
    # Gantry tilt: consecutive positions do not move along the normal but obliquely to it.
    along = float(span @ normal)
    shift = float(np.linalg.norm(span - along * normal))
    angle = math.degrees(math.atan2(shift, abs(along)))
    if angle > TILT_MIN_DEGREES and shift > 0.5 * min(sx, sy):
        step_vec = span * (step0 / along)
        is_volume = False
        warnings.append(SeriesWarning(GANTRY_TILT, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "gantry tilt of {angle}°: slices are shifted against each other (sheared volume); "
            "shown as a 2D stack, the affine keeps the true slice positions"), angle=f"{angle:.1f}")))
    if n < 3 and is_volume:
        is_volume = False
        warnings.append(SeriesWarning(NOT_A_VOLUME, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "only {n} slices, too few for a volume; shown as a 2D stack"), n=n)))
    z = float(step_vec @ normal) if is_volume else step0
    geom = Geometry((sx, sy, z), tuple(map(float, origin)), direction,
                    _affine(r, c, step_vec, (sx, sy), origin), positions)
    return geom, warnings, is_volume
