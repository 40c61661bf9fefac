"""Turns the raw bytes of the few header values the imaging layer reads into Python values.

Why not pydicom for these: converting a dozen values straight from the scanned bytes is what keeps
header parsing cheap; anything nested (sequences, LUTs) still goes through pydicom (see image.py).
Malformed values decode to None rather than raising: a bad Window Center must not hide an image.
"""
from __future__ import annotations

import math
import struct


def text(raw: bytes | None) -> str:
    if raw is None:
        return ""
    return raw.decode("latin-1").strip(" \x00")


def strings(raw: bytes | None) -> tuple[str, ...]:
    s = text(raw)
    return tuple(p.strip(" \x00") for p in s.split("\\")) if s else ()


def floats(raw: bytes | None) -> tuple[float, ...] | None:
    """A DS (decimal string) value as floats; None when absent or not numeric."""
    if not raw:
        return None
    try:
        out = tuple(float(p) for p in raw.decode("latin-1").strip(" \x00").split("\\"))
    except ValueError:
        return None
    return out if all(math.isfinite(v) for v in out) else None


def number(raw: bytes | None) -> float | None:
    v = floats(raw)
    return v[0] if v else None


def integer(raw: bytes | None) -> int | None:
    """An IS (integer string) value; tolerates "12.0" as some writers produce."""
    v = number(raw)
    if v is None or abs(v) > 2**53:
        return None
    return int(v)


def ushort(raw: bytes | None, little: bool) -> int | None:
    """A US value (rows, bits allocated...), in the dataset's byte order."""
    if raw is None or len(raw) < 2:
        return None
    return struct.unpack("<H" if little else ">H", raw[:2])[0]
