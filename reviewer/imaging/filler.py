"""Fills a preallocated volume slice by slice with modality values, widening its type only when needed.

Why: the volume is allocated once, before most headers are read, with the type the first slice
needs (int16 for CT); each later slice is converted into its place, in place where possible
(native little-endian pixels are read straight into the volume's memory). A slice that needs more
(a fractional rescale, a value beyond int16) widens the whole volume once.
"""
from __future__ import annotations

import numpy as np

from reviewer.imaging import modality as M
from reviewer.imaging.decode import fix_bits, native_frame
from reviewer.imaging.errors import DicomError
from reviewer.imaging.image import ImageHeader
from reviewer.imaging.records import FrameInfo
from reviewer.imaging.source import Source
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_VOLUME_BYTES = 8 << 30           # refuse to allocate a single volume beyond 8 GiB


def promote(a: np.dtype, b: np.dtype) -> np.dtype:
    if a == b:
        return a
    if a.kind == "f" or b.kind == "f":
        return np.dtype(np.float64 if np.float64 in (a, b) else np.float32)
    lo = min(np.iinfo(a).min, np.iinfo(b).min)
    hi = max(np.iinfo(a).max, np.iinfo(b).max)
    return M.int_type(lo, hi) or np.dtype(np.int64)


def _fits(dt: np.dtype, into: np.dtype) -> bool:
    return promote(dt, into) == into


class Filler:
    """Writes decoded slices into a volume that may be widened (promoted) as later slices need."""

    def __init__(self, shape: tuple, dtype: np.dtype):
        nbytes = int(np.prod(shape)) * dtype.itemsize
        if nbytes > MAX_VOLUME_BYTES:
            raise DicomError("series", Text(QT_TRANSLATE_NOOP("ImagingErrors", "needs {value:.1f} GiB of memory; "
                                                                               "refused (limit {value2:.0f} GiB)"),
                                            value=nbytes / 2**30, value2=MAX_VOLUME_BYTES / 2**30))
        self.array = np.empty(shape, dtype)

    def _widen(self, dt: np.dtype) -> None:
        new = promote(dt, self.array.dtype)
        if new != self.array.dtype:
            self.array = self.array.astype(new)

    def put(self, slot: int, h: ImageHeader, info: FrameInfo, src: Source, frame: int) -> None:
        """Reads one native frame into ``slot`` (in place when it can)."""
        if not self._native_in_place(slot, h, info, src, frame):
            self.put_stored(slot, h, info, native_frame(h, src, frame))

    def put_stored(self, slot: int, h: ImageHeader, info: FrameInfo, stored: np.ndarray) -> None:
        """Writes already decoded stored values into ``slot`` as modality values."""
        dest = self.array[slot]
        if stored.shape != dest.shape:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its image is {join}, the series' {join2}"),
                                           join='×'.join(map(str, stored.shape)), join2='×'.join(map(str, dest.shape))))
        want = M.output_dtype(h, info)
        if not h.fmt.color and want.kind in "iu" and not _fits(want, self.array.dtype) and stored.size:
            want = M.output_dtype(h, info, (int(stored.min()), int(stored.max())))
        self._widen(want)
        M.to_modality(h, info, stored, out=self.array[slot])

    def _native_in_place(self, slot: int, h: ImageHeader, info: FrameInfo, src: Source, frame: int) -> bool:
        """Fast path: little-endian grey pixels read straight into the volume and converted in place.

        Returns False (nothing read) when the slice needs the general path.
        """
        fmt = h.fmt
        if (h.syntax.encapsulated or not h.syntax.little_endian or fmt.samples != 1 or fmt.float_kind
                or fmt.bits_allocated not in (8, 16, 32) or h.modality_lut is not None or h.inflated is not None):
            return False
        stored_dt, vol_dt = fmt.stored_dtype, self.array.dtype
        integral = M._integral(info.slope) and M._integral(info.intercept)
        if vol_dt.kind not in "iu" or vol_dt.itemsize != stored_dt.itemsize or not integral:
            return False
        raw = self.array[slot].view(stored_dt)
        got = src.readinto(h.pixel_offset + frame * raw.nbytes, memoryview(raw).cast("B"))
        if got < raw.nbytes:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "frame {value}: pixel data is cut short "
                                                                              "(truncated)"), value=frame + 1))
        fix_bits(raw, fmt)
        info_v = np.iinfo(vol_dt)
        s_lo, s_hi = M.stored_range(fmt)
        lo, hi = M.value_range(h, info)
        if not (info_v.min <= lo and hi <= info_v.max and info_v.min <= s_lo and s_hi <= info_v.max):
            # The header allows values the volume type cannot hold: decide on the actual values.
            s_lo, s_hi = (int(raw.min()), int(raw.max())) if raw.size else (0, 0)
            lo, hi = M.value_range(h, info, (s_lo, s_hi))
        if info_v.min <= lo and hi <= info_v.max and info_v.min <= s_lo and s_hi <= info_v.max:
            dest = self.array[slot]              # stored values read the same in the volume type
            if not M.is_identity(h, info):
                M.to_modality(h, info, dest, out=dest)
            return True
        keep = raw.copy()
        self._widen(M.int_type(lo, hi) or np.dtype(np.float32))
        M.to_modality(h, info, keep, out=self.array[slot])
        return True


def initial_dtype(h: ImageHeader, info: FrameInfo) -> np.dtype:
    """Start 16-bit data whose header allows a wider range in int16: CT values nearly always fit, and
    a slice that does not widens the volume then (see _Filler)."""
    dt = M.output_dtype(h, info)
    if dt == np.int32 and h.fmt.bits_allocated == 16 and not h.fmt.color and h.modality_lut is None:
        return np.dtype(np.int16)
    return dt
