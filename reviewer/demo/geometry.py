"""Slice geometry in DICOM patient coordinates (LPS, millimetres).

One place defines how a pixel maps to patient space, so the phantoms are sampled
exactly where the DICOM headers say the pixels are.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AXIAL = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
SAGITTAL = (0.0, 1.0, 0.0, 0.0, 0.0, -1.0)


@dataclass(frozen=True)
class SliceGeometry:
    position: tuple[float, float, float]              # ImagePositionPatient of pixel (0, 0)
    orientation: tuple[float, ...]                    # ImageOrientationPatient (row dir, col dir)
    rows: int
    cols: int
    spacing: tuple[float, float]                      # PixelSpacing: (between rows, between cols)
    thickness: float

    def grid(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Patient x, y, z of every pixel centre, each rows x cols float32."""
        row_dir = np.asarray(self.orientation[:3], np.float32)   # along a row: column index
        col_dir = np.asarray(self.orientation[3:], np.float32)   # down a column: row index
        r = np.arange(self.rows, dtype=np.float32)[:, None, None] * self.spacing[0]
        c = np.arange(self.cols, dtype=np.float32)[None, :, None] * self.spacing[1]
        p = np.asarray(self.position, np.float32) + c * row_dir + r * col_dir
        return p[..., 0], p[..., 1], p[..., 2]


def stack(first: tuple[float, float, float], step: tuple[float, float, float], count: int,
          orientation: tuple[float, ...], rows: int, cols: int, spacing: float,
          thickness: float) -> list[SliceGeometry]:
    """count parallel slices, the first at first, each offset by step."""
    return [SliceGeometry(tuple(float(f + i * s) for f, s in zip(first, step)), orientation,
                          rows, cols, (spacing, spacing), thickness) for i in range(count)]
