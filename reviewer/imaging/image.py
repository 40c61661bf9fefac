"""One instance's header as the imaging layer needs it: pixel format, per-frame geometry, value transforms.

Why a dataclass of its own: series assembly and the volume loader work on frames (a classic
single-frame instance is one frame; an enhanced MR/CT instance is many, each with its own
position, orientation, pixel spacing, rescale and window from the functional groups). Flat
values are decoded from the scanned bytes; nested ones (functional groups, LUT sequences,
palettes) are handed to pydicom, which costs only for the files that have them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from reviewer.imaging import values as V
from reviewer.imaging.errors import DicomError
from reviewer.imaging.groups import T_PER_FRAME, T_SHARED, frame_groups
from reviewer.imaging.luts import PALETTE_TAGS, Lut, Palette, read_lut, read_palette
from reviewer.imaging.nested import parse_elements
from reviewer.imaging.records import FrameInfo, PixelFormat, Plane, windows_from
from reviewer.imaging.scan import LayoutCache, Scan, scan
from reviewer.imaging.source import BytesSource, Source
from reviewer.imaging.syntax import TransferSyntax
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

__all__ = ["FrameInfo", "ImageHeader", "Lut", "Palette", "PixelFormat", "Plane", "header_from_scan", "read_header"]

MAX_FRAME_BYTES = 1 << 30          # one decoded frame may not exceed 1 GiB

T_IMAGE_TYPE, T_SOP_CLASS, T_SOP_UID, T_MODALITY, T_DESCRIPTION = 0x00080008, 0x00080016, 0x00080018, 0x00080060, 0x0008103E
T_THICKNESS, T_ECHO, T_SPACING_BETWEEN, T_TILT = 0x00180050, 0x00180086, 0x00180088, 0x00181120
T_STUDY, T_SERIES, T_SERIES_NO, T_ACQ_NO, T_INSTANCE_NO = 0x0020000D, 0x0020000E, 0x00200011, 0x00200012, 0x00200013
T_IPP, T_IOP, T_FOR, T_TEMPORAL = 0x00200032, 0x00200037, 0x00200052, 0x00200100
T_SAMPLES, T_PHOTOMETRIC, T_PLANAR, T_FRAMES, T_ROWS, T_COLS = 0x00280002, 0x00280004, 0x00280006, 0x00280008, 0x00280010, 0x00280011
T_PIXEL_SPACING, T_BITS_ALLOC, T_BITS_STORED, T_HIGH_BIT, T_PIXEL_REP = 0x00280030, 0x00280100, 0x00280101, 0x00280102, 0x00280103
T_WC, T_WW, T_INTERCEPT, T_SLOPE, T_RESCALE_TYPE, T_VOI_FUNCTION = 0x00281050, 0x00281051, 0x00281052, 0x00281053, 0x00281054, 0x00281056
T_MODALITY_LUT, T_VOI_LUT = 0x00283000, 0x00283010
T_EXT_OFFSETS, T_EXT_LENGTHS = 0x7FE00001, 0x7FE00002
T_LOSSY = 0x00282110


@dataclass(frozen=True, eq=False)
class ImageHeader:
    label: str
    syntax: TransferSyntax
    fmt: PixelFormat
    frames: tuple[FrameInfo, ...]
    pixel_tag: int
    pixel_vr: str
    pixel_offset: int                # where the pixel data value starts in the body
    pixel_length: int                # -1: encapsulated (undefined length)
    sop_class: str = ""
    sop_uid: str = ""
    series_uid: str = ""
    study_uid: str = ""
    frame_of_reference: str = ""
    modality: str = ""
    description: str = ""
    series_number: int | None = None
    instance_number: int | None = None
    acquisition_number: int | None = None
    image_type: tuple[str, ...] = ()
    echo_number: int | None = None
    temporal_position: int | None = None
    gantry_tilt: float | None = None
    spacing_between_slices: float | None = None
    rescale_type: str = ""
    voi_function: str = "LINEAR"
    modality_lut: Lut | None = None
    voi_lut: Lut | None = None
    palette: Palette | None = field(default=None, repr=False)
    enhanced: bool = False
    lossy: bool = False
    extended_offsets: tuple[tuple[int, ...], tuple[int, ...]] | None = field(default=None, repr=False)
    inflated: BytesSource | None = field(default=None, repr=False)   # the body of a deflated dataset

    @property
    def monochrome1(self) -> bool:
        return self.fmt.photometric == "MONOCHROME1"

    @property
    def localizer(self) -> bool:
        return "LOCALIZER" in self.image_type


# Values that usually differ from one instance of a series to the next; everything else the header
# reads is "static" and decoded once per distinct byte content (see header_from_scan).
DYNAMIC_TAGS = (T_SOP_UID, T_INSTANCE_NO, T_IPP, T_ACQ_NO, T_WC, T_WW, T_SLOPE, T_INTERCEPT, T_IMAGE_TYPE,
                T_TEMPORAL, T_ECHO)
STATIC_TAGS = (T_SOP_CLASS, T_MODALITY, T_DESCRIPTION, T_THICKNESS, T_SPACING_BETWEEN, T_TILT, T_STUDY, T_SERIES,
               T_SERIES_NO, T_IOP, T_FOR, T_SAMPLES, T_PHOTOMETRIC, T_PLANAR, T_FRAMES, T_ROWS, T_COLS,
               T_PIXEL_SPACING, T_BITS_ALLOC, T_BITS_STORED, T_PIXEL_REP, T_RESCALE_TYPE, T_VOI_FUNCTION,
               T_MODALITY_LUT, T_VOI_LUT, T_LOSSY, T_EXT_OFFSETS, T_EXT_LENGTHS, *PALETTE_TAGS)


def _static_part(s: Scan) -> dict:
    """Everything of the header that does not usually change between instances of a series."""
    label, little = s.label, s.syntax.little_endian
    el = s.elements
    if s.layout.pixel is None:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "holds no pixel data (not an image)")))
    raw = s.raw
    rows, cols = V.ushort(raw(T_ROWS), little), V.ushort(raw(T_COLS), little)
    if not rows or not cols:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has no image size (Rows/Columns missing "
                                                                        "or zero)")))
    pixel_tag = s.layout.pixel_tag
    samples = V.ushort(raw(T_SAMPLES), little) or 1
    if samples not in (1, 3):
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has {samples} samples per pixel; only 1 "
                                                                        "or 3 can be shown"), samples=samples))
    float_kind = {0x7FE00008: "f4", 0x7FE00009: "f8"}.get(pixel_tag, "")
    bits_alloc = V.ushort(raw(T_BITS_ALLOC), little) or (32 if float_kind == "f4" else 64 if float_kind else 0)
    if float_kind and bits_alloc != int(float_kind[1]) * 8:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has float pixel data with {bits_alloc} "
                                                                        "bits allocated"), bits_alloc=bits_alloc))
    if bits_alloc not in (1, 8, 16, 32, 64) or (bits_alloc == 64 and not float_kind):
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has {bits_alloc} bits allocated, which "
                                                                        "cannot be decoded"), bits_alloc=bits_alloc))
    bits_stored = V.ushort(raw(T_BITS_STORED), little) or bits_alloc
    if not 1 <= bits_stored <= bits_alloc:
        bits_stored = bits_alloc
    photometric = V.text(raw(T_PHOTOMETRIC)).upper() or ("RGB" if samples == 3 else "MONOCHROME2")
    frames = V.integer(raw(T_FRAMES)) or 1
    if frames < 1:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "declares {frames} frames"), frames=frames))
    fmt = PixelFormat(rows, cols, samples, bits_alloc, bits_stored, bool(V.ushort(raw(T_PIXEL_REP), little) or 0),
                      photometric, V.ushort(raw(T_PLANAR), little) or 0, frames, float_kind)
    vr, _, voff, vlen, _ = s.layout.pixel
    decoded = rows * cols * (3 if fmt.color else 1) * max(fmt.stored_dtype.itemsize, 2 if fmt.color else 1)
    if decoded > MAX_FRAME_BYTES:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "declares a {rows}×{cols} frame too "
                                                                        "large to decode here"), rows=rows, cols=cols))
    if vlen >= 0:
        if s.syntax.encapsulated:
            raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its transfer syntax is compressed but "
                                                                            "the pixel data is not encapsulated")))
        need = (fmt.frame_bits * frames + 7) // 8
        if vlen < need:
            raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "pixel data holds {vlen} bytes but "
                                                                            "{rows}×{cols}×{frames} frames at "
                                                                            "{bits_alloc} bits need {need} "
                                                                            "(truncated or wrong header)"),
                                         vlen=vlen, rows=rows, cols=cols, frames=frames, bits_alloc=bits_alloc, need=need))
    elif not s.syntax.encapsulated:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has encapsulated pixel data but an "
                                                                        "uncompressed transfer syntax")))
    elif frames > max(1, (s.file_size - voff) // 8):
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "declares {frames} frames, more than its "
                                                                        "pixel data can hold"), frames=frames))
    ori = V.floats(raw(T_IOP))
    spacing = V.floats(raw(T_PIXEL_SPACING))
    modality_lut = voi_lut = palette = None
    try:
        if T_MODALITY_LUT in el or T_VOI_LUT in el:
            ds = parse_elements(s, (T_MODALITY_LUT, T_VOI_LUT))
            if ds.get("ModalityLUTSequence"):
                modality_lut = read_lut(ds.ModalityLUTSequence[0], label, "Modality LUT", fmt.signed, little)
            if ds.get("VOILUTSequence"):
                voi_lut = read_lut(ds.VOILUTSequence[0], label, "VOI LUT", fmt.signed, little)
        if photometric == "PALETTE COLOR":
            palette = read_palette(s, fmt)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its lookup tables (LUT or palette) are "
                                                                        "malformed"))) from None
    ext = None
    if T_EXT_OFFSETS in el and T_EXT_LENGTHS in el:
        o, n = raw(T_EXT_OFFSETS), raw(T_EXT_LENGTHS)
        if o and n and len(o) == len(n) and len(o) % 8 == 0:
            ext = (tuple(np.frombuffer(o, "<u8" if little else ">u8").tolist()),
                   tuple(np.frombuffer(n, "<u8" if little else ">u8").tolist()))
    return dict(
        syntax=s.syntax, fmt=fmt, pixel_tag=pixel_tag, pixel_vr=vr, pixel_offset=voff, pixel_length=vlen,
        sop_class=V.text(raw(T_SOP_CLASS)), series_uid=V.text(raw(T_SERIES)), study_uid=V.text(raw(T_STUDY)),
        frame_of_reference=V.text(raw(T_FOR)), modality=V.text(raw(T_MODALITY)),
        description=V.text(raw(T_DESCRIPTION)), series_number=V.integer(raw(T_SERIES_NO)),
        gantry_tilt=V.number(raw(T_TILT)), spacing_between_slices=V.number(raw(T_SPACING_BETWEEN)),
        rescale_type=V.text(raw(T_RESCALE_TYPE)), voi_function=V.text(raw(T_VOI_FUNCTION)).upper() or "LINEAR",
        modality_lut=modality_lut, voi_lut=voi_lut, palette=palette, lossy=V.text(raw(T_LOSSY)) == "01",
        extended_offsets=ext, enhanced=T_PER_FRAME in el or T_SHARED in el,
        _orientation=ori if ori and len(ori) == 6 else None,
        _spacing=spacing if spacing and len(spacing) == 2 and min(spacing) > 0 else None,
        _thickness=V.number(raw(T_THICKNESS)))


def _static_spans(s: Scan) -> np.ndarray:
    spans = [np.arange(e[2], e[2] + e[3], dtype=np.int64) for t in STATIC_TAGS
             if (e := s.elements.get(t)) is not None and e[3] > 0]
    return np.concatenate(spans) if spans else np.zeros(0, np.int64)


def _cached(s: Scan, memo: dict, tag: int, decode):
    """Decodes a dynamic value, reusing the last decoding when its bytes are unchanged."""
    el = s.layout.elements.get(tag)
    raw = None if el is None or el[3] < 0 else s.head[el[2]:el[2] + el[3]]
    hit = memo.get(tag)
    if hit is not None and hit[0] == raw:
        return hit[1]
    value = decode(raw)
    memo[tag] = (raw, value)
    return value


def _image_type(raw: bytes | None) -> tuple[str, ...]:
    return tuple(t.upper() for t in V.strings(raw))


def header_from_scan(s: Scan) -> ImageHeader:
    """Builds the ImageHeader of a scanned instance; DicomError when it holds no usable image.

    Files sharing a layout (see scan.py) usually share every static value byte for byte: that is
    checked with one vectorised comparison and the decoded static part reused, so a series costs one
    full decoding plus a few dynamic values per file.
    """
    memo = s.layout.memo
    static = public = None
    cached = memo.get("static")
    if cached is not None and not s.syntax.deflated:
        idx, val, values, kwargs = cached
        arr = np.frombuffer(s.head, np.uint8)
        if idx.size == 0 or (int(idx[-1]) < arr.size and np.array_equal(arr[idx], val)):
            static, public = values, kwargs
    if static is None:
        static = _static_part(s)
        public = {k: v for k, v in static.items() if not k.startswith("_")}
        idx = _static_spans(s)
        memo["static"] = (idx, np.frombuffer(s.head, np.uint8)[idx].copy(), static, public)
    pos = _cached(s, memo, T_IPP, V.floats)
    plane = Plane(pos if pos and len(pos) == 3 else None, static["_orientation"], static["_spacing"],
                  static["_thickness"])
    slope = _cached(s, memo, T_SLOPE, V.number)
    intercept = _cached(s, memo, T_INTERCEPT, V.number)
    wc, ww = _cached(s, memo, T_WC, V.floats), _cached(s, memo, T_WW, V.floats)
    image_type = _cached(s, memo, T_IMAGE_TYPE, _image_type)
    base = FrameInfo(plane, slope if slope else 1.0, intercept or 0.0, windows_from(wc, ww), frame_type=image_type)
    frames = static["fmt"].frames
    infos = frame_groups(s, base, frames) if static["enhanced"] else (base,) * frames
    return ImageHeader(
        label=s.label, frames=infos, sop_uid=V.text(s.raw(T_SOP_UID)),
        instance_number=_cached(s, memo, T_INSTANCE_NO, V.integer),
        acquisition_number=_cached(s, memo, T_ACQ_NO, V.integer), image_type=image_type,
        echo_number=_cached(s, memo, T_ECHO, V.integer), temporal_position=_cached(s, memo, T_TEMPORAL, V.integer),
        inflated=s.body if isinstance(s.body, BytesSource) and s.syntax.deflated else None, **public)


def read_header(src: Source, layouts: LayoutCache | None = None) -> ImageHeader:
    """Scans and interprets one instance's header from ``src`` (pixel bytes are not read)."""
    return header_from_scan(scan(src, layouts))
