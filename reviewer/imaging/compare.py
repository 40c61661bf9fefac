"""Linked scrolling of two series by patient position (prior vs current).

Each slice of a stack lies at a depth along the stack's normal (the dot product of its Image
Position with the normal). Two stacks of parallel planes — same or opposite normal — are linked by
depth: scrolling one shows, in the other, the slice nearest to the same depth. Between studies the
patient lies a little differently on the table, and different frames of reference are not
comparable at all, so the link carries an offset that the specialist sets by "sync here" once both
show the same anatomy (Weasis and most PACS do the same).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_ANGLE_DEG = 20.0     # planes further apart than this are not "the same orientation" for scrolling


class CompareError(ReviewerError):
    """Two series that cannot be scrolled together."""


@dataclass(frozen=True)
class SliceDepths:
    """The normal of a stack and each slice's depth along it, in patient millimetres."""
    normal: np.ndarray
    depths: np.ndarray

    @classmethod
    def of(cls, geometry) -> "SliceDepths":
        if not geometry.known or not geometry.positions:
            raise CompareError(Text(QT_TRANSLATE_NOOP("ImagingErrors", "This series has no patient positions "
                                                                       "(Image Position/Orientation), so it "
                                                                       "cannot be scrolled by position")))
        normal = np.asarray(geometry.normal, dtype=np.float64)
        normal = normal / np.linalg.norm(normal)
        depths = np.asarray(geometry.positions, dtype=np.float64) @ normal
        return cls(normal, depths)

    def nearest(self, depth: float) -> tuple[int, float]:
        """The slice nearest to ``depth`` and how far (mm) it is from it."""
        i = int(np.argmin(np.abs(self.depths - depth)))
        return i, float(abs(self.depths[i] - depth))

    @property
    def spacing(self) -> float:
        return float(np.median(np.abs(np.diff(self.depths)))) if len(self.depths) > 1 else 0.0


@dataclass(frozen=True)
class LinkedSlice:
    index: int
    distance_mm: float       # from the wanted position to the slice shown
    outside: bool            # the wanted position lies beyond the other series' first or last slice


class SliceLink:
    """Maps a slice of series A to the slice of series B at the same patient position, and back."""

    def __init__(self, a: SliceDepths, b: SliceDepths, offset_mm: float = 0.0):
        cos = float(np.clip(abs(a.normal @ b.normal), 0.0, 1.0))
        angle = float(np.degrees(np.arccos(cos)))
        if angle > MAX_ANGLE_DEG:
            raise CompareError(Text(QT_TRANSLATE_NOOP("ImagingErrors", "The two series are cut in different "
                                                                       "planes ({angle:.0f}° apart); linked "
                                                                       "scrolling needs series of the same "
                                                                       "orientation"), angle=angle))
        self.a, self.b = a, b
        self.sign = 1.0 if a.normal @ b.normal > 0 else -1.0
        self.offset_mm = offset_mm       # depth in B of the anatomy at depth 0 in A's frame

    def _map(self, src: SliceDepths, dst: SliceDepths, depth: float) -> LinkedSlice:
        index, distance = dst.nearest(depth)
        lo, hi = float(dst.depths.min()), float(dst.depths.max())
        margin = max(dst.spacing / 2, 0.5)
        return LinkedSlice(index, distance, not (lo - margin <= depth <= hi + margin))

    def b_for_a(self, a_index: int) -> LinkedSlice:
        return self._map(self.a, self.b, self.sign * self.a.depths[a_index] + self.offset_mm)

    def a_for_b(self, b_index: int) -> LinkedSlice:
        return self._map(self.b, self.a, self.sign * (self.b.depths[b_index] - self.offset_mm))

    def sync_here(self, a_index: int, b_index: int) -> float:
        """Declares that slice ``a_index`` of A and ``b_index`` of B show the same anatomy."""
        self.offset_mm = float(self.b.depths[b_index] - self.sign * self.a.depths[a_index])
        return self.offset_mm
