"""Tile decoding with imagecodecs, after checking the sizes a compressed stream declares.

Why the check: libjpeg and OpenJPEG allocate whatever the stream's frame header says. A hostile
or corrupt tile that declares 60000 x 60000 pixels would allocate gigabytes before failing, so the
declared size is read from the SOF / SIZ marker and compared with the tile grid first.
"""
from __future__ import annotations

import struct

import imagecodecs
import numpy as np
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

_SOF = {0xFFC0, 0xFFC1, 0xFFC2, 0xFFC3, 0xFFC5, 0xFFC6, 0xFFC7, 0xFFC9, 0xFFCA, 0xFFCB, 0xFFCD,
        0xFFCE, 0xFFCF}


class BadStream(ValueError):
    """The compressed bytes are malformed or declare an absurd size; the message is structural."""

    @property
    def reason(self) -> str:
        """The message as raised (a Text), so the TileError built from it still renders translated."""
        return self.args[0]


def jpeg_frame_size(*parts: bytes | None) -> tuple[int, int] | None:
    """(height, width) from the first SOF marker found in the parts (tables/header, then data).

    Returns None when no SOF is present (an abbreviated table-only stream). A height of 0 (DNL,
    size set later) is reported as 0.
    """
    for part in parts:
        if not part:
            continue
        data = part
        i, n = 0, len(data)
        while i + 4 <= n:
            if data[i] != 0xFF:
                i += 1          # tolerate padding between segments
                continue
            marker = (data[i] << 8) | data[i + 1]
            if marker in (0xFFD8, 0xFF01) or 0xFFD0 <= marker <= 0xFFD7 or marker == 0xFFFF:
                i += 2 if marker != 0xFFFF else 1
                continue
            if marker in (0xFFD9, 0xFFDA):
                break
            (length,) = struct.unpack_from(">H", data, i + 2)
            if marker in _SOF:
                if i + 9 > n:
                    raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "JPEG frame header is truncated")))
                h, w = struct.unpack_from(">HH", data, i + 5)
                return h, w
            if length < 2:
                raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "JPEG segment length is invalid")))
            i += 2 + length
    return None


def j2k_frame_size(data: bytes) -> tuple[int, int]:
    """(height, width) of a JPEG 2000 codestream (raw J2K or inside a JP2 box)."""
    at = data.find(b"\xff\x4f\xff\x51")
    if at < 0 or at + 4 + 2 + 2 + 16 > len(data):
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "JPEG 2000 stream has no image header")))
    xsiz, ysiz, xo, yo = struct.unpack_from(">IIII", data, at + 8)
    return ysiz - yo, xsiz - xo


def check_declared(declared: tuple[int, int] | None, expected: tuple[int, int], slack: int = 16) -> None:
    """Refuses a stream whose declared size exceeds the tile it should fill (plus MCU padding)."""
    if declared is None:
        return
    h, w = declared
    eh, ew = expected
    if h > eh + slack or w > ew + slack:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "the compressed tile declares {w} x {h} pixels, "
                                                              "more than its {ew} x {eh} grid cell"),
                             w=w, h=h, ew=ew, eh=eh))
    if w == 0:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "the compressed tile declares a width of 0")))


def is_jfif(data: bytes) -> bool:
    return data[6:10] == b"JFIF"


def decode_jpeg(data: bytes, expected: tuple[int, int], *, tables: bytes | None = None,
                header: bytes | None = None, rgb_stream: bool = False) -> np.ndarray:
    """Decodes one JPEG tile to (h, w, 3) or (h, w) uint8.

    ``rgb_stream``: the components are R, G, B with no colour transform (Aperio SVS writes these;
    TIFF photometric RGB without a JFIF marker); otherwise libjpeg's default (YCbCr -> RGB).
    ``header``: NDPI's patched frame header, prepended to a restart-interval fragment.
    """
    check_declared(jpeg_frame_size(header, tables, data), expected)
    if header is not None:
        data = b"".join((header, data, b"\xff\xd9"))
    try:
        return imagecodecs.jpeg8_decode(data, tables=tables,
                                        colorspace=2 if rgb_stream else None,
                                        outcolorspace=2 if rgb_stream else None)
    except Exception as exc:   # imagecodecs raises its own error types per codec
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "JPEG data cannot be decoded ({name})"),
                             name=type(exc).__name__)) from None


def decode_j2k(data: bytes, expected: tuple[int, int]) -> np.ndarray:
    check_declared(j2k_frame_size(data), expected, slack=0)
    try:
        return imagecodecs.jpeg2k_decode(data)
    except Exception as exc:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "JPEG 2000 data cannot be decoded ({name})"),
                             name=type(exc).__name__)) from None


def to_rgb(a: np.ndarray) -> np.ndarray:
    """Any decoded tile as (h, w, 3) uint8: grey is repeated, alpha dropped, 16-bit scaled."""
    if a.dtype != np.uint8:
        if a.dtype == np.uint16:
            a = (a >> 8).astype(np.uint8)
        elif np.issubdtype(a.dtype, np.floating):
            a = np.clip(a * (255.0 if a.max(initial=0) <= 1.0 else 1.0), 0, 255).astype(np.uint8)
        else:
            a = np.clip(a, 0, 255).astype(np.uint8)
    if a.ndim == 2:
        return np.repeat(a[:, :, None], 3, axis=2)
    if a.shape[2] == 1:
        return np.repeat(a, 3, axis=2)
    if a.shape[2] >= 3:
        return a[:, :, :3] if a.shape[2] > 3 else a
    raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "{shape} samples per pixel are not an image the "
                                                          "viewer can show"), shape=a.shape[2]))
