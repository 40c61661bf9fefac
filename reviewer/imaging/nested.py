"""Nested header content (sequences, lookup tables) parsed with pydicom, for the few files that have it.

Why pydicom here and not in scan.py: functional groups, LUT and palette data are rare, nested and
irregular; pydicom reads them correctly, and only these elements' bytes are handed to it. Every
pydicom failure becomes a DicomError naming the file and the elements, never a traceback.
"""
from __future__ import annotations

import io
import warnings

import numpy as np
from pydicom.dataset import Dataset
from pydicom.filereader import read_dataset

from reviewer.imaging.errors import DicomError
from reviewer.imaging.scan import Scan
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


def parse_elements(s: Scan, tags) -> Dataset:
    """Parses just the given top-level elements with pydicom (for sequences and LUTs)."""
    raw = b"".join(s.element_bytes(t) or b"" for t in sorted(tags) if t in s.elements)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = read_dataset(io.BytesIO(raw), not s.syntax.explicit_vr, s.syntax.little_endian)
            for elem in ds.iterall():    # force conversion now, inside the guard
                elem.value
        return ds
    except Exception as exc:           # pydicom raises many types for malformed data
        names = ", ".join(f"({t >> 16:04X},{t & 0xFFFF:04X})" for t in sorted(tags) if t in s.elements)
        raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "malformed element(s) {names} ({name})"),
                                       names=names, name=type(exc).__name__)) from None


def vector(value, n: int) -> tuple[float, ...] | None:
    try:
        out = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return out if len(out) == n and all(np.isfinite(out)) else None


def number(value) -> float | None:
    try:
        v = float(value[0] if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue" else value)
    except (TypeError, ValueError, IndexError):
        return None
    return v if np.isfinite(v) else None


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        return [value]
    return list(value)


def integer(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
