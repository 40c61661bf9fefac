"""Pixel decoding: from an instance's bytes to one numpy array per frame of stored values.

Why here and not pydicom's ``pixel_array``: compressed frames go straight to imagecodecs (the speed
target is the codec's own throughput), native frames are read by offset straight into the caller's
buffer, and every failure becomes a DicomError naming the file instead of a codec traceback.

Output per frame: shape (rows, columns) for monochrome, (rows, columns, 3) for colour. Values are the
stored values with unused high bits cleared (sign-extended when signed); colour is RGB (YBR is
converted, palettes are applied). Modality transforms (rescale, modality LUT) are in ``values`` of
``modality.py``, display transforms in ``display.py``.
"""
from __future__ import annotations

import struct
import zlib
from typing import Iterator

import imagecodecs
import numpy as np
from pydicom.pixels.processing import convert_color_space

from reviewer.imaging.errors import DicomError
from reviewer.imaging.image import ImageHeader
from reviewer.imaging.records import PixelFormat
from reviewer.imaging.source import Source
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

ITEM, SEQ_END = 0xFFFEE000, 0xFFFEE0DD
_FRAME_MARKERS = {"jpeg": (b"\xff\xd8",), "jpegls": (b"\xff\xd8",),
                  "jpeg2k": (b"\xff\x4f\xff\x51", b"\x00\x00\x00\x0cjP  "),
                  "htj2k": (b"\xff\x4f\xff\x51", b"\x00\x00\x00\x0cjP  ")}


def _body(h: ImageHeader, src: Source) -> Source:
    return h.inflated if h.inflated is not None else src


# --- encapsulated pixel data -------------------------------------------------------------------

def _items(h: ImageHeader, data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each item in an encapsulated pixel data value, the offset table first."""
    items, pos, n = [], 0, len(data)
    fmt = "<HHI" if h.syntax.little_endian else ">HHI"
    while pos + 8 <= n:
        g, e, length = struct.unpack_from(fmt, data, pos)
        tag = (g << 16) | e
        if tag == SEQ_END:
            return items
        if tag != ITEM:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its compressed pixel data is malformed "
                                                                              "(found ({g:04X},{e:04X}) where a "
                                                                              "fragment must be)"), g=g, e=e))
        if length == 0xFFFFFFFF or pos + 8 + length > n:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "a fragment of its compressed pixel data "
                                                                              "runs past the end of the file "
                                                                              "(truncated)")))
        items.append((pos + 8, length))
        pos += 8 + length
    if not items:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its compressed pixel data holds no "
                                                                          "fragments")))
    # No sequence delimiter: tolerated when the file simply ends after the last fragment.
    if pos != n:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its compressed pixel data is cut short "
                                                                          "(truncated)")))
    return items


def encapsulated_frames(h: ImageHeader, src: Source) -> list[bytes]:
    """The compressed bytes of each frame, using the offset tables when present."""
    body = _body(h, src)
    data = body.read(h.pixel_offset, body.size - h.pixel_offset)
    items = _items(h, data)
    bot, fragments = items[0], items[1:]
    if not fragments:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its compressed pixel data holds no "
                                                                          "frames")))
    nframes = h.fmt.frames
    base = fragments[0][0] - 8                       # offsets count from the first fragment's item tag
    starts = None
    if h.extended_offsets is not None and len(h.extended_offsets[0]) == nframes:
        starts = list(h.extended_offsets[0])
    elif bot[1] >= 4 and nframes > 1:
        table = np.frombuffer(data[bot[0]:bot[0] + bot[1] // 4 * 4], "<u4" if h.syntax.little_endian else ">u4")
        if len(table) == nframes:
            starts = table.tolist()
    if nframes == 1:
        groups = [fragments]
    elif starts is not None:
        if any(b < a for a, b in zip(starts, starts[1:])):
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its frame offset table is not in order")))
        groups = [[] for _ in range(nframes)]
        k = 0
        for off, length in fragments:
            rel = off - 8 - base
            while k + 1 < nframes and rel >= starts[k + 1]:
                k += 1
            groups[k].append((off, length))
    elif len(fragments) == nframes:
        groups = [[f] for f in fragments]
    else:
        markers = _FRAME_MARKERS.get(h.syntax.codec or "")
        if not markers:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "{fragments_count} fragments for "
                                                                              "{nframes} frames and no offset table: "
                                                                              "frames cannot be told apart"),
                                           fragments_count=len(fragments), nframes=nframes))
        groups = []
        for off, length in fragments:
            if not groups or data[off:off + 12].startswith(markers):
                groups.append([])
            groups[-1].append((off, length))
    if len(groups) < nframes or any(not g for g in groups[:nframes]):
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its compressed pixel data holds "
                                                                          "{groups_count} frames, but the header "
                                                                          "declares {nframes} (truncated?)"),
                                       groups_count=len(groups), nframes=nframes))
    return [data[g[0][0]:g[0][0] + g[0][1]] if len(g) == 1 else b"".join(data[o:o + n] for o, n in g)
            for g in groups[:nframes]]


def _jpeg(data: bytes, fmt: PixelFormat) -> np.ndarray:
    """JPEG baseline/extended/lossless: libjpeg-turbo first (fastest), then two lossless decoders."""
    colorspace = None
    if fmt.samples == 3 and fmt.photometric == "RGB" and b"JFIF" not in data[:64] and b"Adobe" not in data[:256]:
        colorspace = "RGB"            # no colour transform was applied by the writer
    errors = []
    try:
        return imagecodecs.jpeg8_decode(data, colorspace=colorspace) if colorspace else imagecodecs.jpeg8_decode(data)
    except Exception as exc:
        errors.append(exc)
    for fn in (imagecodecs.ljpeg_decode, imagecodecs.jpegsof3_decode):
        try:
            out = fn(data)
            if out.size:
                return out
        except Exception as exc:
            errors.append(exc)
    raise errors[0]


def _rle(data: bytes, fmt: PixelFormat) -> np.ndarray:
    if fmt.bits_allocated == 1:
        raw = imagecodecs.dicomrle_decode(data, "u1")
        return _unpack_bits(np.frombuffer(raw, np.uint8), 0, fmt)
    dt = np.dtype(fmt.stored_dtype).newbyteorder("<")
    raw = imagecodecs.dicomrle_decode(data, dt.str)
    arr = np.frombuffer(raw, dt)
    need = fmt.rows * fmt.columns * fmt.samples
    if arr.size < need:
        raise ValueError(f"RLE frame decodes to {arr.size} samples, {need} expected")
    arr = arr[:need]
    if fmt.samples == 3:
        return arr.reshape(3, fmt.rows, fmt.columns).transpose(1, 2, 0)
    return arr.reshape(fmt.rows, fmt.columns)


def _deflate(data: bytes, fmt: PixelFormat, little: bool) -> np.ndarray:
    need = (fmt.frame_bits + 7) // 8
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    raw = d.decompress(data, need)
    if len(raw) < need:
        raise ValueError(f"deflated frame inflates to {len(raw)} bytes, {need} expected")
    return _native_from_bytes(raw, 0, fmt, True, "OB")


_CODECS = {
    "jpeg": _jpeg,
    "jpegls": lambda data, fmt: imagecodecs.jpegls_decode(data),
    "jpeg2k": lambda data, fmt: imagecodecs.jpeg2k_decode(data),
    "htj2k": lambda data, fmt: _htj2k(data),
    "rle": _rle,
}


def _htj2k(data: bytes) -> np.ndarray:
    try:
        return imagecodecs.htj2k_decode(data)
    except Exception:
        return imagecodecs.jpeg2k_decode(data)


def decode_compressed(h: ImageHeader, data: bytes, index: int = 0) -> np.ndarray:
    """Decodes one compressed frame to stored values (see module docstring)."""
    fmt, codec = h.fmt, h.syntax.codec
    try:
        if codec == "deflate":
            arr = _deflate(data, fmt, h.syntax.little_endian)
        else:
            arr = _CODECS[codec](data, fmt)
    except DicomError:
        raise
    except Exception as exc:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "frame {value}: its {name} data cannot "
                                                                          "be decoded ({name2})"),
                                       value=index + 1, name=h.syntax.name, name2=type(exc).__name__)) from None
    arr = np.asarray(arr)
    if fmt.bits_allocated == 1 and arr.ndim == 2 and arr.dtype != np.uint8:
        arr = arr.astype(np.uint8)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    want = (fmt.rows, fmt.columns, 3) if fmt.samples == 3 else (fmt.rows, fmt.columns)
    if arr.ndim == 3 and fmt.samples == 3 and arr.shape == (3, fmt.rows, fmt.columns):
        arr = arr.transpose(1, 2, 0)
    if arr.shape != want:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "frame {value} decodes to {join} pixels, "
                                                                          "but the header says {join2}"),
                                       value=index + 1, join='×'.join(map(str, arr.shape)), join2='×'.join(map(str, want))))
    if not (fmt.float_kind or fmt.bits_allocated == 1) and arr.dtype.kind not in "ui":
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "frame {value} decodes to {dtype} "
                                                                          "values, not integers"),
                                       value=index + 1, dtype=arr.dtype))
    arr = _conform_integer(arr, fmt)
    converted = codec in ("jpeg", "jpeg2k", "htj2k") or h.fmt.photometric in ("YBR_ICT", "YBR_RCT")
    return _finish_colour(h, arr, converted)


def _conform_integer(arr: np.ndarray, fmt: PixelFormat) -> np.ndarray:
    """Gives a decoded frame the stored dtype, with signedness and unused bits as the header says."""
    if fmt.float_kind or fmt.bits_allocated == 1:
        return arr
    want = fmt.stored_dtype
    if arr.dtype.itemsize > want.itemsize:
        arr = arr.astype(want)            # e.g. a codec that widens; values fit by construction
    elif arr.dtype != want:
        arr = arr.view(want) if arr.dtype.itemsize == want.itemsize else arr.astype(want)
    return fix_bits(arr, fmt)


def fix_bits(arr: np.ndarray, fmt: PixelFormat) -> np.ndarray:
    """Clears bits above Bits Stored (sign-extends when signed), in place where possible."""
    if fmt.float_kind or fmt.bits_allocated == 1:
        return arr
    shift = arr.dtype.itemsize * 8 - fmt.bits_stored
    if shift <= 0:
        return arr
    if not arr.flags.writeable:
        arr = arr.copy()
    if fmt.signed:
        np.left_shift(arr, shift, out=arr)
        np.right_shift(arr, shift, out=arr)
    else:
        np.bitwise_and(arr, (1 << fmt.bits_stored) - 1, out=arr)
    return arr


# --- native pixel data -------------------------------------------------------------------------

def _unpack_bits(raw: np.ndarray, bit_offset: int, fmt: PixelFormat) -> np.ndarray:
    n = fmt.rows * fmt.columns * fmt.samples
    first = bit_offset // 8
    last = (bit_offset + n + 7) // 8
    bits = np.unpackbits(raw[first:last], bitorder="little")[bit_offset - first * 8:bit_offset - first * 8 + n]
    return bits.reshape(fmt.rows, fmt.columns) if fmt.samples == 1 else bits.reshape(fmt.rows, fmt.columns, 3)


def _native_dtype(fmt: PixelFormat, little: bool) -> np.dtype:
    return fmt.stored_dtype.newbyteorder("<" if little else ">")


def _native_from_bytes(raw, byte_offset: int, fmt: PixelFormat, little: bool, vr: str) -> np.ndarray:
    if fmt.bits_allocated == 1:
        return _unpack_bits(np.frombuffer(raw, np.uint8), byte_offset * 8, fmt)
    dt = _native_dtype(fmt, little)
    per_pixel = 2 if fmt.photometric == "YBR_FULL_422" and fmt.samples == 3 else fmt.samples
    count = fmt.rows * fmt.columns * per_pixel
    if not little and fmt.bits_allocated == 8 and vr == "OW":
        # OW in big endian swaps each pair of 8-bit samples: undo it on 16-bit words.
        words = np.frombuffer(raw, ">u2", count=(count + 1) // 2, offset=byte_offset).byteswap()
        arr = words.view("<u2").view(np.uint8)[:count].view(fmt.stored_dtype)
    else:
        arr = np.frombuffer(raw, dt, count=count, offset=byte_offset)
        if not little and dt.itemsize > 1:
            arr = arr.astype(dt.newbyteorder("="))
    return _shape_native(arr, fmt)


def _shape_native(arr: np.ndarray, fmt: PixelFormat) -> np.ndarray:
    r, c = fmt.rows, fmt.columns
    if fmt.samples == 1:
        return arr.reshape(r, c)
    if fmt.photometric == "YBR_FULL_422":
        pairs = arr.reshape(r, c // 2, 4)            # Y0 Y1 Cb Cr
        out = np.empty((r, c, 3), arr.dtype)
        out[:, 0::2, 0], out[:, 1::2, 0] = pairs[..., 0], pairs[..., 1]
        out[:, 0::2, 1] = out[:, 1::2, 1] = pairs[..., 2]
        out[:, 0::2, 2] = out[:, 1::2, 2] = pairs[..., 3]
        return out
    if fmt.planar == 1:
        return arr.reshape(3, r, c).transpose(1, 2, 0)
    return arr.reshape(r, c, 3)


def native_frame(h: ImageHeader, src: Source, index: int) -> np.ndarray:
    """Reads one native frame (by offset; only its bytes are read) as stored values."""
    fmt = h.fmt
    body = _body(h, src)
    if fmt.bits_allocated == 1:
        bit0 = index * fmt.frame_bits
        first = bit0 // 8
        raw = body.read(h.pixel_offset + first, (bit0 + fmt.frame_bits + 7) // 8 - first)
        arr = _unpack_bits(np.frombuffer(raw, np.uint8), bit0 - first * 8, fmt)
        return arr
    nbytes = fmt.frame_bits // 8
    raw = body.read(h.pixel_offset + index * nbytes, nbytes)
    if len(raw) < nbytes:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "frame {value}: pixel data is cut short "
                                                                          "(truncated)"), value=index + 1))
    arr = _native_from_bytes(raw, 0, fmt, h.syntax.little_endian, h.pixel_vr)
    if not arr.flags.writeable:
        arr = arr.copy()
    arr = fix_bits(arr, fmt)
    return _finish_colour(h, arr, False)


def _finish_colour(h: ImageHeader, arr: np.ndarray, converted_by_codec: bool) -> np.ndarray:
    photometric = h.fmt.photometric
    if photometric in ("YBR_FULL", "YBR_FULL_422") and not converted_by_codec and arr.ndim == 3:
        if arr.dtype != np.uint8:
            raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "{photometric} with {bits_allocated}-bit "
                                                                              "samples is not supported"),
                                           photometric=photometric, bits_allocated=h.fmt.bits_allocated))
        return convert_color_space(arr, "YBR_FULL", "RGB")
    if photometric == "PALETTE COLOR" and arr.ndim == 2 and h.palette is not None:
        return h.palette.apply(arr)
    return arr


def decode_frame(h: ImageHeader, src: Source, index: int) -> np.ndarray:
    """Stored values of frame ``index`` (0-based)."""
    if not 0 <= index < h.fmt.frames:
        raise DicomError(h.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has no frame {value}"), value=index + 1))
    if h.syntax.encapsulated:
        return decode_compressed(h, encapsulated_frames(h, src)[index], index)
    return native_frame(h, src, index)


def iter_frames(h: ImageHeader, src: Source) -> Iterator[np.ndarray]:
    """Stored values of every frame in order; compressed data is read once."""
    if h.syntax.encapsulated:
        for i, data in enumerate(encapsulated_frames(h, src)):
            yield decode_compressed(h, data, i)
    else:
        for i in range(h.fmt.frames):
            yield native_frame(h, src, i)
