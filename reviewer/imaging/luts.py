"""Lookup tables from the header: Modality LUT, VOI LUT and PALETTE COLOR tables.

Why: values outside the plain rescale/window path must still show correctly; 16-bit tables are
read in the file's byte order (pydicom's palette helper assumes little endian, which breaks the
big-endian twins in testdata).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from pydicom.pixels.processing import apply_color_lut

from reviewer.imaging.errors import DicomError
from reviewer.imaging.nested import as_list, parse_elements
from reviewer.imaging.records import PixelFormat
from reviewer.imaging.scan import Scan
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

PALETTE_TAGS = (0x00281101, 0x00281102, 0x00281103, 0x00281201, 0x00281202, 0x00281203,
                0x00281221, 0x00281222, 0x00281223)


@dataclass(frozen=True)
class Lut:
    """A lookup table: input value ``first`` maps to ``data[0]``; values outside clamp to the ends."""
    first: int
    bits: int
    data: np.ndarray = field(repr=False)

    def apply(self, values: np.ndarray) -> np.ndarray:
        idx = np.clip(values.astype(np.int64, copy=False) - self.first, 0, len(self.data) - 1)
        return self.data[idx]


@dataclass(frozen=True)
class Palette:
    """PALETTE COLOR lookup: stored value ``first + i`` shows as ``rgb[i]`` (uint8 or uint16)."""
    first: int
    rgb: np.ndarray = field(repr=False)

    def apply(self, values: np.ndarray) -> np.ndarray:
        idx = np.clip(values.astype(np.int64, copy=False) - self.first, 0, len(self.rgb) - 1)
        return self.rgb[idx]


def read_lut(item, label: str, what: str, signed: bool, little: bool) -> Lut | None:
    desc, data = item.get("LUTDescriptor"), item.get("LUTData")
    if desc is None or data is None:
        return None
    try:
        desc = [int(v) for v in desc]
    except (TypeError, ValueError):
        desc = []
    if len(desc) != 3:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its {what} has a malformed LUT "
                                                                        "Descriptor"), what=what))
    n, first, bits = desc
    n = n or 65536
    if signed and first > 32767:      # the first mapped value follows the pixel representation
        first -= 65536
    if isinstance(data, (bytes, bytearray)):
        arr = np.frombuffer(data[:len(data) // 2 * 2], "<u2" if little else ">u2")
    else:
        arr = np.asarray(as_list(data), dtype=np.int64)
    if arr.size < n:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its {what} holds {size} entries but "
                                                                        "declares {n}"), what=what, size=arr.size, n=n))
    return Lut(first, bits, arr[:n].astype(np.int64 if bits > 16 else np.int32))


def read_palette(s: Scan, fmt: PixelFormat) -> Palette:
    """Reads the red/green/blue palette tables (plain or segmented) into one (entries, 3) array."""
    little = s.syntax.little_endian
    ds = parse_elements(s, [t for t in PALETTE_TAGS if t in s.elements])
    desc = ds.get("RedPaletteColorLookupTableDescriptor")
    if desc is None or len(desc) != 3:
        raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "is PALETTE COLOR but has no usable "
                                                                          "palette descriptor")))
    n, first, bits = (int(v) for v in desc)
    n = n or 65536
    if fmt.signed and first > 32767:
        first -= 65536
    out_dtype = np.uint8 if bits <= 8 else np.uint16
    channels = []
    for colour in ("Red", "Green", "Blue"):
        data = ds.get(f"{colour}PaletteColorLookupTableData")
        if isinstance(data, (bytes, bytearray)):
            if len(data) == n and bits <= 8:
                arr = np.frombuffer(data, np.uint8)
            elif len(data) >= 2 * n:
                arr = np.frombuffer(data[:2 * n], "<u2" if little else ">u2")
            else:
                raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its {lower} palette holds fewer entries "
                                                                                  "than it declares"),
                                               lower=colour.lower()))
            channels.append(arr.astype(out_dtype))
        elif f"Segmented{colour}PaletteColorLookupTableData" in ds:
            channels.append(None)
        else:
            raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "is PALETTE COLOR but has no {lower} "
                                                                              "palette"), lower=colour.lower()))
    if any(c is None for c in channels):
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "PALETTE COLOR"
        ds.BitsStored, ds.BitsAllocated, ds.PixelRepresentation = fmt.bits_stored, fmt.bits_allocated, int(fmt.signed)
        ds.set_original_encoding(not s.syntax.explicit_vr, little)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ramp = (np.arange(n, dtype=np.int64) + first).astype(np.int32)
                rgb = apply_color_lut(ramp, ds)[:, :3]
        except Exception as exc:
            raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its segmented palette cannot be read "
                                                                              "({name})"),
                                           name=type(exc).__name__)) from None
        return Palette(first, rgb.astype(out_dtype))
    return Palette(first, np.stack([c[:n] for c in channels], axis=1))
