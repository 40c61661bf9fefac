"""The plain records a header is read into: pixel format, frame plane, per-frame values.

Why separate: the header reader, the functional-group reader, series assembly and the loader
all share these; keeping them here avoids import cycles between those modules.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PixelFormat:
    rows: int
    columns: int
    samples: int
    bits_allocated: int
    bits_stored: int
    signed: bool
    photometric: str
    planar: int
    frames: int
    float_kind: str = ""             # "" for integer pixels, "f4" Float Pixel Data, "f8" Double Float

    @property
    def color(self) -> bool:
        return self.samples > 1 or self.photometric == "PALETTE COLOR"

    @property
    def frame_bits(self) -> int:
        """Bits one native frame occupies (YBR_FULL_422 stores two samples per pixel)."""
        per_pixel = 2 if self.photometric == "YBR_FULL_422" and self.samples == 3 else self.samples
        return self.rows * self.columns * per_pixel * self.bits_allocated

    @property
    def stored_dtype(self) -> np.dtype:
        """The numpy type of one decoded sample, before any rescale."""
        if self.float_kind:
            return np.dtype(self.float_kind)
        if self.bits_allocated <= 8:
            return np.dtype(np.int8 if self.signed else np.uint8)
        if self.bits_allocated <= 16:
            return np.dtype(np.int16 if self.signed else np.uint16)
        if self.bits_allocated <= 32:
            return np.dtype(np.int32 if self.signed else np.uint32)
        return np.dtype(np.int64 if self.signed else np.uint64)


@dataclass(frozen=True)
class Plane:
    """Where one frame lies in patient space (DICOM LPS, millimetres)."""
    position: tuple[float, float, float] | None = None
    orientation: tuple[float, ...] | None = None       # row direction (3), then column direction (3)
    spacing: tuple[float, float] | None = None         # DICOM Pixel Spacing: (between rows, between columns)
    thickness: float | None = None


@dataclass(frozen=True)
class FrameInfo:
    plane: Plane
    slope: float = 1.0
    intercept: float = 0.0
    windows: tuple[tuple[float, float], ...] = ()       # (centre, width) pairs, the first is the default
    stack_id: str = ""
    stack_position: int | None = None
    temporal: int | None = None
    dimension: tuple[int, ...] = ()
    frame_type: tuple[str, ...] = ()


def windows_from(centres, widths) -> tuple[tuple[float, float], ...]:
    if not centres or not widths:
        return ()
    pairs = []
    for c, w in zip(centres, widths):
        try:
            c, w = float(c), float(w)
        except (TypeError, ValueError):
            continue
        if np.isfinite(c) and np.isfinite(w) and w > 0:
            pairs.append((c, w))
    return tuple(pairs)
