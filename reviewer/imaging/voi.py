"""VOI transforms beyond a plain linear window: LINEAR_EXACT and SIGMOID windows, VOI LUT tables,
and MONOCHROME1 inversion, each to 8-bit grey.

Why beside ``display.py``: that module is the viewer's fast linear-window path and presets; the
header-driven cases here (a VOI LUT Sequence, a sigmoid VOI function, an inverted photometric
interpretation) must also reach the screen correctly. Formulas follow PS3.3 C.11.2.1.2.
MONOCHROME1 is inverted at display, never in the stored volume.
"""
from __future__ import annotations

import numpy as np

from reviewer.imaging.luts import Lut


def window_values(x: np.ndarray, center: float, width: float, function: str = "LINEAR") -> np.ndarray:
    """Display value in [0, 255] (float32) for modality values ``x``."""
    c = float(center)
    if function == "SIGMOID":
        w = max(float(width), 1e-6)
        return (255.0 / (1.0 + np.exp(-4.0 * (x - c) / w))).astype(np.float32)
    if function == "LINEAR_EXACT":
        w = max(float(width), 1e-6)
        y = ((x - c) / w + 0.5) * 255.0
    else:
        w = max(float(width), 1.0)
        y = ((x - (c - 0.5)) / max(w - 1.0, 1e-6) + 0.5) * 255.0
    return np.clip(y, 0.0, 255.0).astype(np.float32)


def window_table(dtype, center: float, width: float, function: str = "LINEAR", invert: bool = False) -> np.ndarray:
    """uint8 table indexed by the bit pattern of every value of a ≤16-bit integer dtype."""
    dtype = np.dtype(dtype)
    codes = np.arange(1 << (8 * dtype.itemsize), dtype=np.uint32).astype(f"u{dtype.itemsize}")
    y = np.rint(window_values(codes.view(dtype).astype(np.float64), center, width, function)).astype(np.uint8)
    return 255 - y if invert else y


def to_uint8(values: np.ndarray, center: float, width: float, function: str = "LINEAR",
             invert: bool = False) -> np.ndarray:
    """Modality values to 8-bit grey through a window (any VOI LUT Function).

    For float values LINEAR is computed as LINEAR_EXACT: LINEAR's half-unit offsets and ``width - 1``
    assume integer values, and turn a parametric map's window of width 1 into a step.
    """
    if values.dtype.kind == "f" and function == "LINEAR":
        function = "LINEAR_EXACT"
    if values.dtype.kind in "ui" and values.dtype.itemsize <= 2:
        table = window_table(values.dtype, center, width, function, invert)
        return np.take(table, values.view(f"u{values.dtype.itemsize}"))
    y = np.rint(window_values(values.astype(np.float32, copy=False), center, width, function)).astype(np.uint8)
    return 255 - y if invert else y


def lut_to_uint8(values: np.ndarray, lut: Lut, invert: bool = False) -> np.ndarray:
    """Modality values to 8-bit grey through a VOI LUT Sequence table (scaled by the table's bit depth)."""
    mapped = lut.apply(values).astype(np.float32)
    top = float((1 << lut.bits) - 1) if 0 < lut.bits <= 16 else float(max(1, int(lut.data.max())))
    y = np.clip(np.rint(mapped * (255.0 / top)), 0, 255).astype(np.uint8)
    return 255 - y if invert else y


def rgb_to_uint8(values: np.ndarray, bits: int) -> np.ndarray:
    """Colour frames to 8-bit RGB: deeper colour is scaled down by its stored bits."""
    if values.dtype == np.uint8:
        return values
    if values.dtype.kind in "ui":
        return (values >> max(0, bits - 8)).astype(np.uint8)
    return np.clip(values, 0, 255).astype(np.uint8)
