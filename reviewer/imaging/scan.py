"""Walks a DICOM file's elements without building a dataset: tags, offsets and lengths only.

Why: a plain pydicom loop spends most of a series load turning header values nobody reads into
Python objects. This walk touches each element header once, records where every top-level value
lies and skips the rest by length. It refuses a declared length that runs past the end of the file
before anything is allocated, and bounds nesting and element counts, so a hostile file cannot make
it allocate, recurse or loop without end.

A ``Layout`` is the walked structure of one header. Files of one series usually share it byte for
byte in every element header (only values differ), so ``scan`` first checks a file against the
layouts it has already seen with one vectorised comparison of all element-header bytes; a match is
a proof that walking would give the same structure, and costs microseconds instead of a walk.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

import numpy as np

from reviewer.imaging.errors import DicomError
from reviewer.imaging.source import BytesSource, Source
from reviewer.imaging.syntax import EXPLICIT_LE, IMPLICIT_LE, TransferSyntax, lookup, why_unsupported
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

PREFIX = 16 * 1024                  # first read; grown when a header is longer
UNDEFINED = 0xFFFFFFFF
PIXEL_TAGS = (0x7FE00010, 0x7FE00008, 0x7FE00009)   # Pixel Data, Float Pixel Data, Double Float Pixel Data
ITEM, ITEM_END, SEQ_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
MAX_DEPTH = 32
MAX_ELEMENTS = 2_000_000
MAX_INFLATED = 2 << 30              # a deflated dataset may not inflate beyond 2 GiB

LONG_VRS = frozenset(v.encode() for v in ("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"))
ALL_VRS = LONG_VRS | frozenset(v.encode() for v in (
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "PN", "SH", "SL", "SS", "ST", "TM",
    "UI", "UL", "US"))

VR_STR = {v: v.decode("ascii") for v in ALL_VRS}
VR_STR[b""] = ""

# A top-level element: (vr, start of element, start of value, value length or -1, end of element)
Element = tuple


class _NeedMore(Exception):
    """The prefix read so far ends inside the header; read at least ``end`` bytes and walk again."""

    def __init__(self, end: int):
        self.end = end


def tag_str(tag: int) -> str:
    return f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


@dataclass(frozen=True, eq=False)
class Layout:
    """The element structure of one header, reusable for files whose element headers match."""
    syntax: TransferSyntax
    meta: dict                       # tag -> Element of the file meta group (explicit VR LE)
    elements: dict                   # tag -> Element of the top-level dataset
    pixel_tag: int | None
    pixel: Element | None
    check_idx: np.ndarray = field(repr=False)   # every structural byte the walk read
    check_val: np.ndarray = field(repr=False)   # and its value
    memo: dict = field(default_factory=dict, repr=False)   # decoded values, reused by image.header_from_scan


class LayoutCache:
    """The layouts seen in one series, looked up by file size first (same header length, same size)."""

    def __init__(self, limit: int = 64):
        self.limit = limit
        self._by_size: dict[int, list[Layout]] = {}
        self._recent: list[Layout] = []

    def candidates(self, size: int) -> list[Layout]:
        same = self._by_size.get(size, [])
        return same + [lay for lay in self._recent[:4] if lay not in same]

    def add(self, layout: Layout, size: int) -> None:
        self._by_size.setdefault(size, []).insert(0, layout)
        self._recent.insert(0, layout)
        if len(self._recent) > self.limit:
            old = self._recent.pop()
            for lst in self._by_size.values():
                if old in lst:
                    lst.remove(old)

    def hit(self, layout: Layout, size: int) -> None:
        same = self._by_size.setdefault(size, [])
        if not same or same[0] is not layout:
            if layout in same:
                same.remove(layout)
            same.insert(0, layout)
        if self._recent and self._recent[0] is not layout:
            if layout in self._recent:
                self._recent.remove(layout)
            self._recent.insert(0, layout)


@dataclass(eq=False)
class Scan:
    """One file's walked header. Element offsets point into ``body`` (the file, or the inflated dataset)."""
    label: str
    layout: Layout
    head: bytes                      # prefix of ``body`` holding every top-level value before the pixels
    body: Source
    file_size: int

    @property
    def syntax(self) -> TransferSyntax:
        return self.layout.syntax

    @property
    def elements(self) -> dict:
        return self.layout.elements

    def raw(self, tag: int) -> bytes | None:
        el = self.layout.elements.get(tag)
        if el is None or el[3] < 0:
            return None
        return self.head[el[2]:el[2] + el[3]]

    def element_bytes(self, tag: int) -> bytes | None:
        """The whole encoded element (header and value), for handing a sequence to pydicom."""
        el = self.layout.elements.get(tag)
        return None if el is None else self.head[el[1]:el[4]]


class Walker:
    """Walks element headers in ``buf``; ``limit`` is the size of the whole body the buffer is a prefix of."""

    def __init__(self, label: str, buf, limit: int, little: bool, explicit: bool):
        self.label, self.buf, self.limit = label, buf, limit
        self.little, self.explicit = little, explicit
        self.marks: list[tuple[int, int]] = []        # (offset, length) of every structural byte run
        self.count = 0

    def fail(self, reason: str):
        raise DicomError(self.label, reason)

    def _need(self, end: int, tag: int) -> None:
        if end > self.limit:
            self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "element {tag_str} runs past the end of the file "
                                                              "(truncated or a wrong length)"), tag_str=tag_str(tag)))
        raise _NeedMore(end)

    def walk(self, pos: int, top: dict | None, depth: int = 0, stop_at_item_end: bool = False,
             explicit: bool | None = None, little: bool | None = None) -> tuple[int, int | None]:
        """Walks elements from ``pos``; records top-level ones in ``top``.

        Returns (position after the last element, pixel tag met at top level or None). Nested
        walks stop at the item delimiter when ``stop_at_item_end``.
        """
        buf, limit = self.buf, self.limit
        n = len(buf)
        explicit = self.explicit if explicit is None else explicit
        little = self.little if little is None else little
        u16, u32 = ("<H", "<I") if little else (">H", ">I")
        tagfmt = "<HH" if little else ">HH"
        marks = self.marks
        unpack_from = struct.unpack_from
        first = top is not None and not top
        while pos < limit:
            if pos + 8 > n:
                if pos + 8 > limit:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "the file ends inside an element header "
                                                                      "(truncated)")))
                raise _NeedMore(pos + 8)
            g, e = unpack_from(tagfmt, buf, pos)
            tag = (g << 16) | e
            self.count += 1
            if self.count > MAX_ELEMENTS:
                self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "the header has an implausible number of "
                                                                  "elements")))
            if g == 0xFFFE:
                length = unpack_from(u32, buf, pos + 4)[0]
                marks.append((pos, 8))
                if tag == ITEM_END and stop_at_item_end:
                    return pos + 8, None
                self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "unexpected delimiter {tag_str} inside the "
                                                                  "dataset"), tag_str=tag_str(tag)))
            if explicit:
                vr = buf[pos + 4:pos + 6]
                if vr in LONG_VRS:
                    if pos + 12 > n:
                        self._need(pos + 12, tag)
                    length = unpack_from(u32, buf, pos + 8)[0]
                    hdr = 12
                elif vr in ALL_VRS:
                    length = unpack_from(u16, buf, pos + 6)[0]
                    hdr = 8
                elif first and depth == 0 and pos + 8 <= n:
                    # Dataset says explicit VR but is encoded implicit: switch, as other readers do.
                    explicit = self.explicit = False
                    continue
                else:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "element {tag_str} has an invalid value "
                                                                      "representation"), tag_str=tag_str(tag)))
            else:
                vr = b""
                length = unpack_from(u32, buf, pos + 4)[0]
                hdr = 8
            first = False
            marks.append((pos, hdr))
            vstart = pos + hdr
            if tag in PIXEL_TAGS and depth == 0:
                if length != UNDEFINED and vstart + length > limit:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "pixel data declares {length} bytes but "
                                                                      "only {max} remain in the file "
                                                                      "(truncated or a wrong length)"),
                                   length=length, max=max(0, limit - vstart)))
                if top is not None:
                    top[tag] = (VR_STR[vr], pos, vstart,
                                -1 if length == UNDEFINED else length, vstart if length == UNDEFINED else vstart + length)
                return pos, tag
            if length == UNDEFINED:
                if explicit and vr not in (b"SQ", b"UN", b"OB", b"OW"):
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "element {tag_str} has an undefined "
                                                                      "length, which its type does not allow"),
                                   tag_str=tag_str(tag)))
                if depth >= MAX_DEPTH:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "sequences are nested implausibly deep")))
                # UN of undefined length holds implicit VR little endian content (PS3.5 6.2.2).
                inner_explicit = explicit and vr != b"UN"
                inner_little = little if vr != b"UN" else True
                end = self._skip_sequence(vstart, depth + 1, inner_explicit, inner_little, tag)
                if top is not None and depth == 0:
                    top[tag] = (VR_STR[vr], pos, vstart, -1, end)
                pos = end
                n = len(buf)
                continue
            end = vstart + length
            if end > n:
                if end > limit:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "element {tag_str} declares {length} "
                                                                      "bytes but only {max} remain in the file "
                                                                      "(truncated or a wrong length)"),
                                   tag_str=tag_str(tag), length=length, max=max(0, limit - vstart)))
                raise _NeedMore(end + 12)
            if top is not None and depth == 0:
                top[tag] = (VR_STR[vr], pos, vstart, length, end)
            pos = end
        return pos, None

    def _skip_sequence(self, pos: int, depth: int, explicit: bool, little: bool, tag: int) -> int:
        """Skips items of an undefined-length sequence from ``pos``; returns the position after its delimiter."""
        u32 = "<I" if little else ">I"
        tagfmt = "<HH" if little else ">HH"
        buf, n, limit = self.buf, len(self.buf), self.limit
        while True:
            if pos + 8 > n:
                if pos + 8 > limit:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "sequence {tag_str} is not closed before "
                                                                      "the end of the file (truncated)"),
                                   tag_str=tag_str(tag)))
                raise _NeedMore(pos + 8)
            g, e = struct.unpack_from(tagfmt, buf, pos)
            length = struct.unpack_from(u32, buf, pos + 4)[0]
            item = (g << 16) | e
            self.marks.append((pos, 8))
            self.count += 1
            if item == SEQ_END:
                return pos + 8
            if item != ITEM:
                # Encapsulated-style or broken content: not an item where one must be.
                self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "sequence {tag_str} is malformed (expected "
                                                                  "an item, found {tag_str2})"),
                               tag_str=tag_str(tag), tag_str2=tag_str(item)))
            pos += 8
            if length == UNDEFINED:
                pos, _ = self.walk(pos, None, depth, True, explicit, little)
            else:
                if pos + length > limit:
                    self.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "an item of sequence {tag_str} runs past "
                                                                      "the end of the file"), tag_str=tag_str(tag)))
                pos += length


def _meta(label: str, buf, limit: int) -> tuple[int, dict, TransferSyntax, list]:
    """Finds the file meta group; returns (dataset start, meta elements, syntax, structural marks)."""
    if len(buf) >= 132 and buf[128:132] == b"DICM":
        pos = 132
    elif len(buf) >= 8 and buf[0:2] == b"\x02\x00" and bytes(buf[4:6]) in ALL_VRS:
        pos = 0                                   # meta without the 128-byte preamble
    elif len(buf) >= 8 and buf[0:2] == b"\x08\x00":
        # A bare dataset (no meta), as old files are written: guess the VR encoding.
        explicit = bytes(buf[4:6]) in ALL_VRS
        return 0, {}, EXPLICIT_LE if explicit else IMPLICIT_LE, [(0, 6)]
    else:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "not a DICOM file (no DICM marker and no "
                                                                        "recognisable header)")))
    w = Walker(label, buf, limit, True, True)
    meta: dict = {}
    start = pos
    # The meta group is explicit VR little endian; walk it element by element until the group ends.
    while True:
        if pos + 8 > len(buf):
            if pos + 8 > limit:
                raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "the file ends inside its meta header "
                                                                                "(truncated)")))
            raise _NeedMore(pos + 8)
        if buf[pos:pos + 2] != b"\x02\x00":
            break
        pos = _one_element(w, pos, meta)
    if pos == start:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "empty DICOM meta header")))
    ts_el = meta.get(0x00020010)
    if ts_el is None:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "the meta header has no transfer syntax")))
    uid = bytes(buf[ts_el[2]:ts_el[2] + ts_el[3]]).decode("ascii", "replace").strip(" \x00")
    syntax = lookup(uid)
    if syntax is None:
        raise DicomError(label, why_unsupported(uid))
    marks = w.marks + [(ts_el[2], ts_el[3])]
    if start == 132:
        marks.append((128, 4))
    return pos, meta, syntax, marks


def _one_element(w: Walker, pos: int, top: dict) -> int:
    """Walks exactly one explicit-LE element at ``pos`` (used for the meta group); returns where it ends."""
    buf = w.buf
    g, e = struct.unpack_from("<HH", buf, pos)
    tag = (g << 16) | e
    vr = bytes(buf[pos + 4:pos + 6])
    if vr in LONG_VRS:
        if pos + 12 > len(buf):
            w._need(pos + 12, tag)
        length, hdr = struct.unpack_from("<I", buf, pos + 8)[0], 12
    elif vr in ALL_VRS:
        length, hdr = struct.unpack_from("<H", buf, pos + 6)[0], 8
    else:
        w.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "meta element {tag_str} has an invalid value "
                                                       "representation"), tag_str=tag_str(tag)))
    if length == UNDEFINED:
        w.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "meta element {tag_str} has an undefined length"),
                    tag_str=tag_str(tag)))
    end = pos + hdr + length
    if end > w.limit:
        w.fail(Text(QT_TRANSLATE_NOOP("ImagingErrors", "meta element {tag_str} declares {length} bytes but the "
                                                       "file is shorter (truncated)"),
                    tag_str=tag_str(tag), length=length))
    if end > len(buf):
        raise _NeedMore(end + 8)
    w.marks.append((pos, hdr))
    top[tag] = (vr.decode("ascii"), pos, pos + hdr, length, end)
    return end


def _inflate(label: str, src: Source, start: int) -> bytes:
    """Inflates a deflated dataset (PS3.5 A.5), refusing output beyond MAX_INFLATED."""
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    pos = start
    while pos < src.size:
        chunk = src.read(pos, 1 << 20)
        if not chunk:
            break
        pos += len(chunk)
        try:
            out += d.decompress(chunk, MAX_INFLATED + 1 - len(out))
        except zlib.error:
            raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its deflated dataset is corrupt"))) from None
        if len(out) > MAX_INFLATED or d.unconsumed_tail:
            raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its deflated dataset inflates beyond 2 "
                                                                            "GiB; refused")))
        if d.eof:
            break
    return bytes(out)


def _walk(label: str, buf: bytes, limit: int, syntax: TransferSyntax, start: int) -> tuple[Walker, dict, int | None]:
    w = Walker(label, buf, limit, syntax.little_endian, syntax.explicit_vr)
    top: dict = {}
    _, pixel_tag = w.walk(start, top)
    return w, top, pixel_tag


def _layout(syntax: TransferSyntax, meta: dict, w: Walker, top: dict, pixel_tag, marks: list, buf: bytes,
            reusable: bool) -> Layout:
    if not w.explicit and syntax.explicit_vr and syntax.little_endian:
        syntax = IMPLICIT_LE          # mislabelled: the walk found implicit VR
    if reusable and marks:
        idx = np.unique(np.concatenate([np.arange(o, o + k, dtype=np.int64) for o, k in marks]))
        val = np.frombuffer(buf, np.uint8)[idx].copy()
    else:
        idx = val = np.zeros(0, np.int64)
    return Layout(syntax, meta, top, pixel_tag, top.get(pixel_tag) if pixel_tag else None, idx, val)


def _matches(layout: Layout, arr: np.ndarray, size: int) -> bool:
    idx = layout.check_idx
    if not idx.size or int(idx[-1]) >= arr.size:
        return False
    px = layout.pixel
    if px is not None and px[3] >= 0 and px[2] + px[3] > size:
        return False
    return bool(np.array_equal(arr[idx], layout.check_val))


def scan(src: Source, layouts: LayoutCache | None = None, prefix: int = PREFIX) -> Scan:
    """Walks ``src``'s header. ``layouts`` (one cache per series) reuses structures already walked.

    Raises DicomError with a plain reason for anything that is not a readable DICOM header.
    """
    label = src.label
    if src.size < 8:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "not a DICOM file (too short)")))
    candidates = layouts.candidates(src.size) if layouts is not None else []
    want = max([prefix] + [int(c.check_idx[-1]) + 1 for c in candidates[:1] if c.check_idx.size])
    head = src.read(0, min(want, src.size))
    if candidates:
        arr = np.frombuffer(head, np.uint8)
        for lay in candidates:
            if _matches(lay, arr, src.size):
                layouts.hit(lay, src.size)
                return Scan(label, lay, head, src, src.size)
    while True:
        try:
            ds_start, meta, syntax, meta_marks = _meta(label, head, src.size)
            if syntax.deflated:
                inflated = _inflate(label, src, ds_start)
                w, top, pixel_tag = _walk(label, inflated, len(inflated), syntax, 0)
                layout = _layout(syntax, meta, w, top, pixel_tag, [], inflated, False)
                return Scan(label, layout, inflated, BytesSource(inflated, label), src.size)
            w, top, pixel_tag = _walk(label, head, src.size, syntax, ds_start)
            break
        except _NeedMore as more:
            if len(head) >= src.size:
                raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its header is cut short (truncated)"))) from None
            head = src.read(0, min(src.size, max(more.end + 4096, 2 * len(head))))
    layout = _layout(syntax, meta, w, top, pixel_tag, meta_marks + w.marks, head, layouts is not None)
    if layouts is not None and layout.check_idx.size:
        layouts.add(layout, src.size)
    return Scan(label, layout, head, src, src.size)
