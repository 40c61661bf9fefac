"""Modality transform: stored pixel values to modality values (Hounsfield units for CT).

Why a rule for the output type: a volume holds modality values, so ROI statistics and W/L work in
real units, but memory matters (a 1000-slice CT). Values stay integers whenever the rescale is
integral and the range fits (int16 for the usual CT), and become float32 only when a fractional
slope or intercept makes that necessary.
"""
from __future__ import annotations

import numpy as np

from reviewer.imaging.image import ImageHeader
from reviewer.imaging.records import FrameInfo, PixelFormat


def stored_range(fmt: PixelFormat) -> tuple[int, int]:
    if fmt.bits_allocated == 1:
        return 0, 1
    b = fmt.bits_stored
    return (-(1 << (b - 1)), (1 << (b - 1)) - 1) if fmt.signed else (0, (1 << b) - 1)


def _integral(v: float) -> bool:
    return abs(v - round(v)) < 1e-9


def int_type(lo: float, hi: float) -> np.dtype | None:
    """The smallest of uint8/int16/uint16/int32 holding [lo, hi], or None."""
    for dt in (np.uint8, np.int16, np.uint16, np.int32):
        info = np.iinfo(dt)
        if info.min <= lo and hi <= info.max:
            return np.dtype(dt)
    return None


def is_identity(h: ImageHeader, info: FrameInfo) -> bool:
    return h.fmt.color or (h.modality_lut is None and info.slope == 1.0 and info.intercept == 0.0)


def value_range(h: ImageHeader, info: FrameInfo, stored: tuple[int, int] | None = None) -> tuple[float, float] | None:
    """Range of modality values for stored values in ``stored`` (default: all Bits Stored allow); None for float."""
    fmt = h.fmt
    if fmt.float_kind:
        return None
    lo, hi = stored or stored_range(fmt)
    if fmt.color:
        return lo, hi
    if h.modality_lut is not None:
        data = h.modality_lut.data
        return float(data.min()), float(data.max())
    a, b = lo * info.slope + info.intercept, hi * info.slope + info.intercept
    return min(a, b), max(a, b)


def output_dtype(h: ImageHeader, info: FrameInfo, stored: tuple[int, int] | None = None) -> np.dtype:
    """The array type that holds this frame's modality values exactly (or as float32 when fractional)."""
    fmt = h.fmt
    if fmt.float_kind:
        return np.dtype(np.float64 if fmt.float_kind == "f8" else np.float32)
    if fmt.color:
        return np.dtype(np.uint16) if (h.palette is not None and h.palette.rgb.dtype == np.uint16) else (
            fmt.stored_dtype if fmt.bits_allocated > 1 else np.dtype(np.uint8))
    if fmt.bits_allocated == 1:
        return np.dtype(np.uint8)
    if is_identity(h, info):
        return fmt.stored_dtype
    if h.modality_lut is None and not (_integral(info.slope) and _integral(info.intercept)):
        return np.dtype(np.float32)
    lo, hi = value_range(h, info, stored)
    return int_type(lo, hi) or np.dtype(np.float32)


def to_modality(h: ImageHeader, info: FrameInfo, stored: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Applies the modality LUT or rescale slope/intercept of one frame; writes into ``out`` when given."""
    if h.fmt.color or h.fmt.bits_allocated == 1 or is_identity(h, info):
        if out is None:
            return stored
        np.copyto(out, stored, casting="unsafe")
        return out
    if h.modality_lut is not None:
        values = h.modality_lut.apply(stored)
        if out is None:
            return values.astype(output_dtype(h, info))
        np.copyto(out, values, casting="unsafe")
        return out
    if out is None:
        out = np.empty(stored.shape, output_dtype(h, info))
    if out.dtype.kind == "f":
        np.multiply(stored, info.slope, out=out, casting="unsafe")
        if info.intercept:
            np.add(out, info.intercept, out=out, casting="unsafe")
        return out
    slope, intercept = int(round(info.slope)), int(round(info.intercept))
    # Computed in the output type: the range check in output_dtype guarantees no overflow.
    if slope == 1:
        np.add(stored, intercept, out=out, dtype=out.dtype, casting="unsafe")
    else:
        np.multiply(stored, slope, out=out, dtype=out.dtype, casting="unsafe")
        if intercept:
            np.add(out, intercept, out=out, dtype=out.dtype, casting="unsafe")
    return out
