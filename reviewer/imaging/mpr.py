"""Multiplanar reformatting (MPR): axial, coronal, sagittal and oblique planes through a volume.

Qt-free. Everything is in patient space (DICOM LPS mm, +x left, +y posterior, +z superior), so the
three standard views look the same whatever the acquisition orientation (axial, sagittal,
coronal or oblique slices): the volume's affine maps voxels to mm and each view samples a plane.

A view is a ``Plane``: a centre point and two in-plane unit vectors, ``right`` (screen right) and
``down`` (screen down); its normal is ``right × down``. Radiological convention:

- axial: right = patient left (+x), down = posterior (+y), seen from the feet;
- coronal: right = patient left (+x), down = inferior (−z), seen from the front;
- sagittal: right = posterior (+y), down = inferior (−z), seen from the patient's left.

``reslice`` samples any plane by trilinear interpolation (vectorised numpy; row bands in parallel
threads); ``Reslicer`` takes a fast path, without interpolation inside the plane, when the plane
lies along the voxel grid (the usual orthogonal views of a straight acquisition), so pixels keep
the native spacing (``Slice2D.pixel_spacing`` gives the aspect).

``MprState`` is the linked-crosshair model shared by the three viewports: one cursor point, and a
rotation of the three mutually orthogonal planes about it (oblique MPR). Views listen with
``on_change``.
"""
from __future__ import annotations

import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import numpy as np

AXIAL, CORONAL, SAGITTAL = "axial", "coronal", "sagittal"
VIEWS = (AXIAL, CORONAL, SAGITTAL)

# Screen right / down of each standard view, in LPS.
STANDARD_AXES: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    AXIAL: ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
    CORONAL: ((1.0, 0.0, 0.0), (0.0, 0.0, -1.0)),
    SAGITTAL: ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0)),
}
# Which column of the MPR frame rotation is each view's normal (and its sign).
_NORMAL_OF = {AXIAL: (2, 1.0), CORONAL: (1, 1.0), SAGITTAL: (0, -1.0)}


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    n = float(np.linalg.norm(v))
    if n < 1e-12:
        raise ValueError("zero-length direction")
    return v / n


def rotation(axis, angle: float) -> np.ndarray:
    """3×3 rotation by ``angle`` radians about ``axis`` (right-handed)."""
    x, y, z = _unit(axis)
    c, s = math.cos(angle), math.sin(angle)
    C = 1 - c
    return np.array([[c + x * x * C, x * y * C - z * s, x * z * C + y * s],
                     [y * x * C + z * s, c + y * y * C, y * z * C - x * s],
                     [z * x * C - y * s, z * y * C + x * s, c + z * z * C]])


@dataclass(frozen=True)
class Plane:
    """A plane in patient space: ``centre`` (LPS mm) and orthonormal in-plane ``right`` and ``down``."""
    centre: tuple[float, float, float]
    right: tuple[float, float, float]
    down: tuple[float, float, float]

    @staticmethod
    def make(centre, right, down) -> "Plane":
        r = _unit(right)
        d = np.asarray(down, dtype=np.float64)
        d = _unit(d - (d @ r) * r)                     # orthonormalise
        return Plane(tuple(map(float, centre)), tuple(map(float, r)), tuple(map(float, d)))

    @property
    def normal(self) -> np.ndarray:
        return np.cross(self.right, self.down)


@dataclass(frozen=True)
class Slice2D:
    """A resliced image and where its pixels lie: pixel (col, row) centre is
    ``origin + col * col_mm * right + row * row_mm * down``."""
    pixels: np.ndarray                                  # (rows, cols)
    origin: tuple[float, float, float]                  # LPS of the centre of pixel (0, 0)
    right: tuple[float, float, float]
    down: tuple[float, float, float]
    pixel_spacing: tuple[float, float]                  # (row_mm, col_mm)

    @property
    def normal(self) -> np.ndarray:
        return np.cross(self.right, self.down)

    def to_patient(self, col: float, row: float) -> np.ndarray:
        return (np.asarray(self.origin) + col * self.pixel_spacing[1] * np.asarray(self.right)
                + row * self.pixel_spacing[0] * np.asarray(self.down))

    def from_patient(self, point) -> tuple[float, float]:
        """(col, row) of the projection of ``point`` on the plane (continuous pixel units)."""
        d = np.asarray(point, dtype=np.float64) - np.asarray(self.origin)
        return float(d @ np.asarray(self.right)) / self.pixel_spacing[1], \
            float(d @ np.asarray(self.down)) / self.pixel_spacing[0]


# --- sampling ------------------------------------------------------------------------------------

def _grid(affine: np.ndarray, origin, right, down, col_mm: float, row_mm: float):
    """Voxel coordinates (i, j, k) of pixel (0, 0) and their steps per column and per row."""
    inv = np.linalg.inv(np.asarray(affine, dtype=np.float64))
    m, t = inv[:3, :3], inv[:3, 3]
    o = m @ np.asarray(origin, dtype=np.float64) + t
    dc = m @ (np.asarray(right, dtype=np.float64) * col_mm)
    dr = m @ (np.asarray(down, dtype=np.float64) * row_mm)
    return o, dc, dr


class _Scratch:
    """Work buffers for one band of rows, reused between slices: fresh multi-megabyte temporaries cost
    page faults that would double the time of a slice."""

    def __init__(self, rows: int, cols: int, dtype: np.dtype):
        shape = (rows, cols)
        self.key = (rows, cols, np.dtype(dtype))
        self.coords = [np.empty(shape, np.float32) for _ in range(3)]
        self.weights = [np.empty(shape, np.float32) for _ in range(3)]
        self.floor = np.empty(shape, np.float32)
        self.base = np.empty(shape, np.intp)
        self.tmp = np.empty(shape, np.intp)
        self.ta = np.empty(shape, dtype)
        self.tb = np.empty(shape, dtype)
        self.lines = [np.empty(shape, np.float32) for _ in range(3)]
        self.valid = np.empty(shape, bool)
        self.ok = np.empty(shape, bool)


def _scratch(cache: dict | None, band: int, rows: int, cols: int, dtype) -> _Scratch:
    if cache is None:
        return _Scratch(rows, cols, dtype)
    s = cache.get(band)
    if s is None or s.key != (rows, cols, np.dtype(dtype)):
        s = cache[band] = _Scratch(rows, cols, dtype)
    return s


def _sample_rows(flat: np.ndarray, shape, o, dc, dr, r0: int, r1: int, cols: int, out: np.ndarray,
                 fill: float, nearest: bool, scratch: _Scratch) -> None:
    """Trilinear (or nearest) samples for output rows r0..r1 into ``out[r0:r1]`` (C-contiguous float32)."""
    K, J, I = shape
    sizes = (I, J, K)
    strides = (1, I, I * J)
    band = out[r0:r1]
    c = np.arange(cols, dtype=np.float32)
    r = np.arange(r0, r1, dtype=np.float32)[:, None]
    coords = scratch.coords
    for axis in range(3):
        np.add(np.float32(o[axis]) + c * np.float32(dc[axis]), r * np.float32(dr[axis]), out=coords[axis])
    # Outside the volume (half a voxel of tolerance at the faces for nearest, none for trilinear).
    lo = -0.5 if nearest else -1e-3
    # The band is convex: when its four corners are inside the volume, every pixel is.
    inside = True
    for axis in range(3):
        hi = sizes[axis] - 1 + (0.5 if nearest else 1e-3)
        ends = [o[axis] + cc * dc[axis] + rr * dr[axis] for cc in (0, cols - 1) for rr in (r0, r1 - 1)]
        inside = inside and lo <= min(ends) and max(ends) <= hi
    valid = None
    if not inside:
        valid, ok = scratch.valid, scratch.ok
        valid[...] = True
        for axis in range(3):
            hi = sizes[axis] - 1 + (0.5 if nearest else 1e-3)
            np.greater_equal(coords[axis], lo, out=ok)
            valid &= ok
            np.less_equal(coords[axis], hi, out=ok)
            valid &= ok
    fl, base, tmp = scratch.floor, scratch.base, scratch.tmp
    weights: list = []
    steps: list[int] = []
    first_done = False
    for axis in range(3):
        n = sizes[axis]
        f = coords[axis]
        if nearest:
            np.rint(f, out=fl)
            np.clip(fl, 0, n - 1, out=fl)
        elif n == 1:
            weights.append(None)
            steps.append(0)
            continue
        else:
            np.floor(f, out=fl)
            np.clip(fl, 0, n - 2, out=fl)
            w = scratch.weights[axis]
            np.subtract(f, fl, out=w)                   # in [0, 1] wherever valid
            weights.append(w)
            steps.append(strides[axis])
        target = tmp if first_done else base
        if strides[axis] == 1:
            target[...] = fl
        else:
            np.multiply(fl, strides[axis], out=target, casting="unsafe")   # exact: whole numbers
        if first_done:
            base += tmp
        first_done = True
    if not first_done:                                  # a single voxel
        base[...] = 0
    ta, tb = scratch.ta, scratch.tb
    if nearest:
        np.take(flat, base, mode="wrap", out=ta)        # indices are in range: "wrap" skips the bounds check
        band[...] = ta
    else:
        si, sj, sk = steps
        wi, wj, wk = weights

        def line(offset: int, dst: np.ndarray) -> np.ndarray:
            """Samples at base + offset interpolated along i. Slicing ``flat`` at the offset avoids adding
            it to the whole index array; base indices are clipped to [0, n - 2] per axis, so base + offset
            (+ one step along each axis) stays inside the volume."""
            np.take(flat[offset:] if offset else flat, base, mode="wrap", out=ta)
            if not si:
                dst[...] = ta
                return dst
            np.take(flat[offset + si:], base, mode="wrap", out=tb)
            np.subtract(tb, ta, out=dst, dtype=np.float32)
            dst *= wi
            dst += ta
            return dst

        def lerp(a: np.ndarray, b: np.ndarray, w) -> np.ndarray:
            b -= a
            b *= w
            a += b
            return a

        def plane(k_off: int, dst: np.ndarray, spare: np.ndarray) -> np.ndarray:
            v = line(k_off, dst)
            return lerp(v, line(k_off + sj, spare), wj) if sj else v

        l0, l1, l2 = scratch.lines
        v = plane(0, band, l0)
        if sk:
            lerp(v, plane(sk, l1, l2), wk)
    if valid is not None:
        np.logical_not(valid, out=scratch.ok)
        np.copyto(band, np.float32(fill), where=scratch.ok)


def reslice(array: np.ndarray, affine, plane: Plane, size: tuple[int, int], mm_per_pixel: float,
            fill: float | None = None, nearest: bool = False, pool: ThreadPoolExecutor | None = None,
            out: np.ndarray | None = None, scratch: dict | None = None) -> Slice2D:
    """Samples ``plane`` of a volume into a ``size`` = (rows, cols) image of square ``mm_per_pixel`` pixels,
    centred on ``plane.centre``.

    ``array`` is (slices, rows, cols), voxel (i, j, k) = ``array[k, j, i]`` at ``affine @ (i, j, k, 1)``.
    Trilinear interpolation (``nearest`` for a faster, blockier preview); points outside the volume get
    ``fill`` (default −1024 for signed and float data, the air of CT; 0 for unsigned). Returns float32
    pixels. ``pool`` splits the rows among its threads; ``scratch`` (a dict
    owned by the caller, one caller at a time) keeps work buffers between calls.
    """
    rows, cols = int(size[0]), int(size[1])
    if fill is None:
        fill = -1024.0 if np.issubdtype(array.dtype, np.signedinteger) or array.dtype.kind == "f" else 0.0
    right, down = np.asarray(plane.right), np.asarray(plane.down)
    origin = (np.asarray(plane.centre) - (cols - 1) / 2 * mm_per_pixel * right
              - (rows - 1) / 2 * mm_per_pixel * down)
    o, dc, dr = _grid(affine, origin, right, down, mm_per_pixel, mm_per_pixel)
    flat = np.ascontiguousarray(array).reshape(-1)
    if out is None or out.shape != (rows, cols) or out.dtype != np.float32:
        out = np.empty((rows, cols), np.float32)
    workers = pool._max_workers if pool is not None else 1           # noqa: SLF001 - sizing the bands
    if workers > 1 and rows >= 64:
        bounds = np.linspace(0, rows, workers + 1).astype(int)
        futures = [pool.submit(_sample_rows, flat, array.shape, o, dc, dr, int(a), int(b), cols, out, fill, nearest,
                               _scratch(scratch, n, int(b - a), cols, array.dtype))
                   for n, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])) if b > a]
        for f in futures:
            f.result()
    else:
        _sample_rows(flat, array.shape, o, dc, dr, 0, rows, cols, out, fill, nearest,
                     _scratch(scratch, 0, rows, cols, array.dtype))
    return Slice2D(out, tuple(map(float, origin)), tuple(map(float, right)), tuple(map(float, down)),
                   (float(mm_per_pixel), float(mm_per_pixel)))


def _axis_match(affine: np.ndarray, v) -> tuple[int, int] | None:
    """(voxel axis, sign) when direction ``v`` runs along one voxel axis, else None."""
    m = np.asarray(affine)[:3, :3]
    cols = m / np.linalg.norm(m, axis=0)
    dots = cols.T @ np.asarray(v, dtype=np.float64)
    axis = int(np.argmax(np.abs(dots)))
    if abs(abs(dots[axis]) - 1.0) > 1e-4:
        return None
    return axis, (1 if dots[axis] > 0 else -1)


class Reslicer:
    """Reslices one volume; owns the worker threads. ``close()`` when done (or use as a context manager)."""

    def __init__(self, array: np.ndarray, affine, threads: int | None = None):
        if array.ndim != 3:
            raise ValueError("MPR needs a grey volume (slices, rows, columns)")
        self.array = np.ascontiguousarray(array)
        self.affine = np.asarray(affine, dtype=np.float64)
        self.spacing = np.linalg.norm(self.affine[:3, :3], axis=0)         # mm per voxel step along i, j, k
        self.fill = -1024.0 if self.array.dtype.kind in "if" else 0.0
        n = threads if threads is not None else min(4, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(n, thread_name_prefix="mpr") if n > 1 else None
        self._scratch: dict = {}                 # work buffers per band, reused between slices
        self._lock = threading.Lock()            # one reslice at a time shares the buffers

    @staticmethod
    def of(volume, threads: int | None = None) -> "Reslicer":
        return Reslicer(volume.array, volume.geometry.affine_array, threads)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None
        self._scratch = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- extent ------------------------------------------------------------------------------
    def corners(self) -> np.ndarray:
        """The 8 corner voxel centres in LPS, (8, 3)."""
        K, J, I = self.array.shape
        idx = np.array([[i, j, k, 1.0] for i in (0, I - 1) for j in (0, J - 1) for k in (0, K - 1)])
        return (self.affine @ idx.T).T[:, :3]

    def centre(self) -> np.ndarray:
        return self.corners().mean(axis=0)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c = self.corners()
        return c.min(axis=0), c.max(axis=0)

    # -- slicing -----------------------------------------------------------------------------
    def view(self, plane: Plane, mm_per_pixel: float | None = None, nearest: bool = False,
             max_pixels: int = 1024) -> Slice2D:
        """The whole volume cut by ``plane`` (through ``plane.centre``), framed on the volume's
        projection. Grid-aligned planes are taken directly at native spacing; others are resliced
        with square pixels of ``mm_per_pixel`` (default: the finest voxel spacing)."""
        right, down = np.asarray(plane.right), np.asarray(plane.down)
        normal = np.cross(right, down)
        fast = self._aligned(plane)
        if fast is not None:
            return fast
        mpp = float(mm_per_pixel or self.spacing.min())
        corners = self.corners()
        centre = self.centre()
        centre = centre - ((centre - np.asarray(plane.centre)) @ normal) * normal
        rel = corners - centre
        w = 2 * np.abs(rel @ right).max() + mpp
        h = 2 * np.abs(rel @ down).max() + mpp
        scale = max(1.0, max(w, h) / mpp / max_pixels)
        mpp *= scale
        cols, rows = max(1, int(math.ceil(w / mpp))), max(1, int(math.ceil(h / mpp)))
        with self._lock:
            return reslice(self.array, self.affine, Plane(tuple(centre), plane.right, plane.down), (rows, cols), mpp,
                           fill=self.fill, nearest=nearest, pool=self._pool, scratch=self._scratch)

    def oblique(self, plane: Plane, size: tuple[int, int], mm_per_pixel: float, nearest: bool = False) -> Slice2D:
        """``reslice`` with this volume's threads: a ``size`` image centred on ``plane.centre``."""
        with self._lock:
            return reslice(self.array, self.affine, plane, size, mm_per_pixel, fill=self.fill, nearest=nearest,
                           pool=self._pool, scratch=self._scratch)

    def _aligned(self, plane: Plane) -> Slice2D | None:
        """Direct slicing when right and down each run along a voxel axis (no in-plane interpolation;
        linear between the two nearest slices along the normal)."""
        mr, md = _axis_match(self.affine, plane.right), _axis_match(self.affine, plane.down)
        if mr is None or md is None or mr[0] == md[0]:
            return None
        # The sheared affine of a gantry tilt keeps columns unit-aligned only if orthogonal: check.
        m = self.affine[:3, :3]
        gram = (m / np.linalg.norm(m, axis=0)).T @ (m / np.linalg.norm(m, axis=0))
        if np.abs(gram - np.eye(3)).max() > 1e-4:
            return None
        (ar, sr), (ad, sd) = mr, md
        an = 3 - ar - ad
        inv = np.linalg.inv(self.affine)
        vox = inv[:3, :3] @ np.asarray(plane.centre) + inv[:3, 3]
        n_axis = vox[an]
        size_ijk = self.array.shape[::-1]                    # (I, J, K)
        if n_axis < -0.5 or n_axis > size_ijk[an] - 0.5:
            return self._empty(plane, ar, sr, ad, sd, an, n_axis)
        lo = int(min(max(math.floor(n_axis), 0), max(size_ijk[an] - 2, 0)))
        w = float(min(max(n_axis - lo, 0.0), 1.0)) if size_ijk[an] > 1 else 0.0
        a = self._plane_along(an, lo)
        if w > 1e-6:
            b = self._plane_along(an, lo + 1)
            img = a.astype(np.float32) * np.float32(1 - w) + b.astype(np.float32) * np.float32(w)
        else:
            img = a.astype(np.float32)
        # img is indexed by the two remaining voxel axes in (k, j, i) order minus the normal axis.
        remaining = [ax for ax in (2, 1, 0) if ax != an]     # numpy order of the voxel axes i=0, j=1, k=2
        # arrange as [down axis, right axis]
        if remaining.index(ad) != 0:
            img = img.T
        if sd < 0:
            img = img[::-1, :]
        if sr < 0:
            img = img[:, ::-1]
        img = np.ascontiguousarray(img)
        # origin: voxel at the first row/col, at the plane's position along the normal
        start = np.zeros(3)
        start[an] = n_axis
        start[ar] = 0 if sr > 0 else size_ijk[ar] - 1
        start[ad] = 0 if sd > 0 else size_ijk[ad] - 1
        origin = self.affine[:3, :3] @ start + self.affine[:3, 3]
        right = self.affine[:3, ar] / self.spacing[ar] * sr
        down = self.affine[:3, ad] / self.spacing[ad] * sd
        return Slice2D(img, tuple(map(float, origin)), tuple(map(float, right)), tuple(map(float, down)),
                       (float(self.spacing[ad]), float(self.spacing[ar])))

    def _plane_along(self, axis: int, index: int) -> np.ndarray:
        if axis == 2:
            return self.array[index]
        if axis == 1:
            return self.array[:, index, :]
        return self.array[:, :, index]

    def _empty(self, plane, ar, sr, ad, sd, an, n_axis) -> Slice2D:
        size_ijk = self.array.shape[::-1]
        img = np.full((size_ijk[ad], size_ijk[ar]), self.fill, np.float32)
        start = np.zeros(3)
        start[an] = n_axis
        start[ar] = 0 if sr > 0 else size_ijk[ar] - 1
        start[ad] = 0 if sd > 0 else size_ijk[ad] - 1
        origin = self.affine[:3, :3] @ start + self.affine[:3, 3]
        return Slice2D(img, tuple(map(float, origin)), tuple(map(float, self.affine[:3, ar] / self.spacing[ar] * sr)),
                       tuple(map(float, self.affine[:3, ad] / self.spacing[ad] * sd)),
                       (float(self.spacing[ad]), float(self.spacing[ar])))


# --- linked crosshair ------------------------------------------------------------------------------

class MprState:
    """The linked crosshair of the three MPR viewports, without Qt.

    ``cursor`` is one point in LPS mm shared by all views; ``frame`` is a rotation whose columns are
    the (possibly oblique) x, y, z axes of the MPR: view planes are mutually orthogonal and all pass
    through the cursor. Rotating a view about its normal (``rotate``) tilts the other two planes:
    oblique MPR. Listeners get ``"cursor"``, ``"rotation"`` or ``"reset"``.
    """

    def __init__(self, bounds: tuple[np.ndarray, np.ndarray] | None = None, step_mm: float = 1.0,
                 cursor=None, voxel_axes=None):
        self.bounds = None if bounds is None else (np.asarray(bounds[0], float), np.asarray(bounds[1], float))
        self.step_mm = float(step_mm)
        # 3×3, columns = one voxel step along i, j, k in mm: the wheel steps one slice along each normal
        self.voxel_axes = None if voxel_axes is None else np.asarray(voxel_axes, dtype=np.float64)
        if cursor is None:
            cursor = (self.bounds[0] + self.bounds[1]) / 2 if self.bounds is not None else np.zeros(3)
        self._home = np.asarray(cursor, dtype=np.float64)
        self.cursor = self._home.copy()
        self.frame = np.eye(3)
        self._listeners: list[Callable[[str], None]] = []

    @staticmethod
    def for_reslicer(reslicer: Reslicer) -> "MprState":
        """Cursor on the voxel nearest the volume centre (so the first views are not interpolated)."""
        K, J, I = reslicer.array.shape
        centre = reslicer.affine @ np.array([I // 2, J // 2, K // 2, 1.0])
        return MprState(reslicer.bounds(), float(reslicer.spacing.min()), centre[:3], reslicer.affine[:3, :3])

    # -- events ----------------------------------------------------------------------------
    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def _emit(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    # -- cursor ----------------------------------------------------------------------------
    def _clamp(self, p: np.ndarray) -> np.ndarray:
        if self.bounds is None:
            return p
        return np.minimum(np.maximum(p, self.bounds[0]), self.bounds[1])

    def set_cursor(self, point) -> None:
        p = self._clamp(np.asarray(point, dtype=np.float64))
        if not np.allclose(p, self.cursor):
            self.cursor = p
            self._emit("cursor")

    def step(self, view: str) -> float:
        """mm per wheel step along ``view``'s normal: one slice of the volume in that direction (the voxel
        spacing along the normal; a harmonic blend for oblique normals), else ``step_mm``."""
        if self.voxel_axes is None:
            return self.step_mm
        n = self.normal(view)
        spacing = np.linalg.norm(self.voxel_axes, axis=0)
        per_mm = float(np.sum(np.abs(n @ (self.voxel_axes / spacing)) / spacing))
        return 1.0 / per_mm if per_mm > 0 else self.step_mm

    def move_along_normal(self, view: str, steps: float) -> None:
        """Wheel/keys: moves the cursor (and so the view's plane) along the view's normal, one slice a step."""
        self.set_cursor(self.cursor + self.normal(view) * steps * self.step(view))

    # -- planes ----------------------------------------------------------------------------
    def normal(self, view: str) -> np.ndarray:
        col, sign = _NORMAL_OF[view]
        return self.frame[:, col] * sign

    def plane(self, view: str) -> Plane:
        """The view's plane through the cursor; its screen axes are the standard ones projected onto
        the plane, so a view rotated about its own normal does not spin on screen."""
        n = self.normal(view)
        right0, down0 = (np.asarray(v) for v in STANDARD_AXES[view])
        r = right0 - (right0 @ n) * n
        if np.linalg.norm(r) > 1e-3:
            right = _unit(r)
            down = np.cross(n, right)
        else:
            d = down0 - (down0 @ n) * n
            down = _unit(d)
            right = np.cross(down, n)
        return Plane.make(self.cursor, right, down)

    def rotate(self, view: str, angle: float) -> None:
        """Rotates the MPR frame by ``angle`` radians about ``view``'s normal through the cursor: that view's
        crosshair lines turn by ``angle`` on screen (clockwise for positive angles, screen y down) and the
        other two planes become oblique."""
        if angle == 0:
            return
        self.frame = rotation(self.normal(view), angle) @ self.frame
        self._emit("rotation")

    @property
    def oblique(self) -> bool:
        return not np.allclose(self.frame, np.eye(3), atol=1e-9)

    def reset(self) -> None:
        self.frame = np.eye(3)
        self.cursor = self._home.copy()
        self._emit("reset")

    def crosshair_directions(self, view: str) -> dict[str, np.ndarray]:
        """For each other view, the direction (LPS unit vector) of its plane's intersection with ``view``."""
        n = self.normal(view)
        out = {}
        for other in VIEWS:
            if other != view:
                out[other] = _unit(np.cross(n, self.normal(other)))
        return out
