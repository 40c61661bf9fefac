"""DICOM whole-slide images (VL Whole Slide Microscopy Image Storage) with pydicom.

A series of instances is one slide: each VOLUME instance is a pyramid level, LABEL / OVERVIEW /
THUMBNAIL instances are the associated images. Frames are tiles, placed row by row
(TILED_FULL) or by their per-frame plane position (TILED_SPARSE; tiles the file lacks are
absent).

Why pydicom only for the header: pydicom stops before the pixel data, leaving the file position
at the Pixel Data element; frame positions come from the Extended Offset Table, the Basic Offset
Table, or (when both are empty) one scan of the item headers. A frame is then one ``pread`` of its
bytes and one imagecodecs call, from any thread, the same as a TIFF tile.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

import imagecodecs
import numpy as np

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.decode import BadStream, check_declared, decode_j2k, decode_jpeg, is_jfif, to_rgb
from reviewer.pathology.errors import SlideError, TileError
from reviewer.pathology.info import Level, SlideInfo, downsample_of
from reviewer.pathology.limits import Limits
from reviewer.pathology.source import ByteSource, SlideSource, SourceFile

WSI_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6"
IMPLICIT_LE = "1.2.840.10008.1.2"
EXPLICIT_LE = "1.2.840.10008.1.2.1"
JPEG = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}
JPEG_LS = {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"}
JPEG_2000 = {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201",
             "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"}
NATIVE = {IMPLICIT_LE, EXPLICIT_LE}
ITEM = 0xE000FFFE          # (FFFE,E000) read as a little-endian uint32
KIND_TO_ASSOCIATED = {"LABEL": "label", "OVERVIEW": "macro", "THUMBNAIL": "thumbnail"}


def is_dicom(head: bytes) -> bool:
    return head[128:132] == b"DICM"


@dataclass
class _Instance:
    """One instance's geometry and where its frames are (immutable after open)."""
    src: ByteSource
    label: str                 # neutral name for messages ("<slide> instance 2")
    kind: str
    series: str
    width: int
    height: int
    tw: int
    th: int
    spp: int
    syntax: str
    photometric: str
    offsets: np.ndarray = field(repr=False)        # per frame: byte offset of its data
    lengths: np.ndarray = field(repr=False)        # per frame: byte length (of its fragments)
    fragmented: bool = False                        # frames may span several fragments
    positions: dict | None = field(default=None, repr=False)   # sparse: (col, row) -> frame
    mpp: tuple[float, float] | None = None          # micrometres per pixel (x, y)
    power: float | None = None                      # objective lens power

    @property
    def cols(self) -> int:
        return -(-self.width // self.tw)

    @property
    def rows(self) -> int:
        return -(-self.height // self.th)

    def frame_of(self, col: int, row: int) -> int | None:
        if self.positions is not None:
            return self.positions.get((col, row))
        i = row * self.cols + col
        return i if i < len(self.offsets) else None


class DicomWsiFactory:
    name = "dicom-wsi"

    def can_open(self, source: SlideSource) -> float:
        head = source.head
        return 1.0 if is_dicom(head) and WSI_CLASS.encode() in head[:1024] else 0.0

    def open(self, source: SlideSource, limits: Limits) -> "DicomSlide":
        return DicomSlide(source, limits)


class DicomSlide:
    def __init__(self, source: SlideSource, limits: Limits):
        self.name = source.name
        self._limits = limits
        instances: list[_Instance] = []
        series = None
        for i, src in enumerate(source.files):
            if i and not is_dicom(src.pread(0, 132)):
                continue                 # a sibling file that is not DICOM
            inst = _read_instance(src, f"{self.name}" + (f" (instance {i + 1})" if len(source.files) > 1 else ""),
                                  limits, required=(i == 0))
            if inst is None:
                continue
            series = series or inst.series
            if inst.series == series:
                instances.append(inst)
        volumes = sorted((x for x in instances if x.kind == "VOLUME"), key=lambda x: -x.width)
        self._levels: list[_Instance] = []
        for v in volumes:
            if not self._levels or (v.width, v.height) != (self._levels[-1].width, self._levels[-1].height):
                self._levels.append(v)
        if not self._levels:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "the DICOM series holds no VOLUME image "
                                                                              "(no pyramid level)")))
        if len(self._levels) > limits.max_levels:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "{levels_count} pyramid levels is more "
                                                                              "than allowed"),
                                             levels_count=len(self._levels)))
        self._associated = {}
        for x in instances:
            name = KIND_TO_ASSOCIATED.get(x.kind)
            if name:
                self._associated.setdefault(name, x)
        b = self._levels[0]
        levels = tuple(Level(x.width, x.height, downsample_of(b.width, b.height, x.width, x.height), x.tw, x.th)
                       for x in self._levels)
        self.info = SlideInfo("dicom", levels, b.mpp, b.power,
                              tuple(a for a in ("label", "macro", "thumbnail") if a in self._associated))

    # -- tiles ---------------------------------------------------------------------------------
    def read_tile(self, level: int, col: int, row: int) -> np.ndarray | None:
        inst = self._levels[level]
        if not (0 <= col < inst.cols and 0 <= row < inst.rows):
            raise IndexError(f"tile ({col}, {row}) is outside level {level}")
        try:
            return _frame_tile(inst, col, row, self._limits)
        except BadStream as exc:
            raise TileError(self.name, level, col, row, exc.reason) from None

    def read_associated(self, name: str) -> np.ndarray:
        inst = self._associated.get(name)
        if inst is None:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "has no {name} image"), name=name))
        if inst.width * inst.height > self._limits.max_associated_pixels:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "its {name} image is too large"),
                                             name=name))
        out = np.full((inst.height, inst.width, 3), 255, np.uint8)
        try:
            for r in range(inst.rows):
                for c in range(inst.cols):
                    t = _frame_tile(inst, c, r, self._limits)
                    if t is not None:
                        out[r * inst.th:r * inst.th + t.shape[0], c * inst.tw:c * inst.tw + t.shape[1]] = t
        except BadStream as exc:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "its {name} image cannot be decoded ({why})"),
                                                  name=name, why=exc.reason)) from None
        return out

    def close(self) -> None:
        pass     # the sources belong to the SlideSource, closed by the handle


def _frame_tile(inst: _Instance, col: int, row: int, limits: Limits) -> np.ndarray | None:
    """The RGB tile at (col, row), cropped to the image; BadStream for a corrupt frame."""
    frame = inst.frame_of(col, row)
    if frame is None:
        return None
    offset, length = int(inst.offsets[frame]), int(inst.lengths[frame])
    if length <= 0:
        return None
    if length > limits.max_tile_bytes or offset + length > inst.src.size:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "its frame lies beyond the end of the file (the "
                                                              "file is truncated)")))
    data = inst.src.pread(offset, length)
    if len(data) != length:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "its frame is cut short (the file is truncated)")))
    if inst.fragmented:
        data = _join_fragments(data)
    vw, vh = min(inst.tw, inst.width - col * inst.tw), min(inst.th, inst.height - row * inst.th)
    syntax = inst.syntax
    try:
        if syntax in JPEG:
            rgb_stream = inst.photometric == "RGB" and not is_jfif(data) and b"Adobe" not in data[:256]
            a = decode_jpeg(data, (inst.th, inst.tw), rgb_stream=rgb_stream)
        elif syntax in JPEG_2000:
            a = decode_j2k(data, (inst.th, inst.tw))
        elif syntax in JPEG_LS:
            a = imagecodecs.jpegls_decode(data)
            check_declared(a.shape[:2], (inst.th, inst.tw), slack=0)
        else:
            a = np.frombuffer(data, np.uint8).reshape(inst.th, inst.tw, inst.spp)
    except BadStream:
        raise
    except Exception as exc:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "its frame cannot be decoded ({name})"),
                             name=type(exc).__name__)) from None
    if a.shape[0] < vh or a.shape[1] < vw:
        raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "its frame decodes to {shape} x {shape2} pixels, "
                                                              "smaller than {vw} x {vh}"),
                             shape=a.shape[1], shape2=a.shape[0], vw=vw, vh=vh))
    return to_rgb(a[:vh, :vw])


def _join_fragments(data: bytes) -> bytes:
    """The payloads of consecutive encapsulated items (a frame split into fragments)."""
    parts, i = [], 0
    while i + 8 <= len(data):
        tag, n = struct.unpack_from("<II", data, i)
        if tag != ITEM or i + 8 + n > len(data):
            raise BadStream(Text(QT_TRANSLATE_NOOP("SlideErrors", "its frame's fragments are malformed")))
        parts.append(data[i + 8:i + 8 + n])
        i += 8 + n
    return b"".join(parts)


def _read_instance(src: ByteSource, label: str, limits: Limits, required: bool) -> _Instance | None:
    """Parses one instance's header and frame table; None for a sibling that is not part of a WSI."""
    import pydicom
    fp = SourceFile(src)
    try:
        ds = pydicom.dcmread(fp, stop_before_pixels=True)
    except Exception as exc:
        if required:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "is not a readable DICOM file ({why})"),
                                          why=type(exc).__name__)) from None
        return None
    pixel_pos = fp.tell()
    if str(ds.get("SOPClassUID", "")) != WSI_CLASS:
        if required:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", 
                "is DICOM but not a whole-slide image (VL Whole Slide Microscopy)")))
        return None

    def need(keyword: str) -> int:
        v = ds.get(keyword)
        if v is None:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "lacks {keyword}"), keyword=keyword))
        try:
            return int(v)
        except (TypeError, ValueError):
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has an invalid {keyword}"),
                                         keyword=keyword)) from None

    try:
        image_type = [str(v).upper() for v in (ds.get("ImageType") or [])]
        kind = image_type[2] if len(image_type) > 2 else "VOLUME"
        syntax = str(ds.file_meta.TransferSyntaxUID)
        tw, th = need("Columns"), need("Rows")
        width = int(ds.get("TotalPixelMatrixColumns") or tw)
        height = int(ds.get("TotalPixelMatrixRows") or th)
        frames = int(ds.get("NumberOfFrames") or 1)
        spp = need("SamplesPerPixel")
        bits = need("BitsAllocated")
        photometric = str(ds.get("PhotometricInterpretation", "")).upper()
    except SlideError:
        raise
    except Exception as exc:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has a malformed image header ({name})"),
                                     name=type(exc).__name__)) from None
    if not (0 < width <= limits.max_side and 0 < height <= limits.max_side):
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "claims {width} x {height} pixels, "
                                                                      "beyond what this workstation accepts"),
                                     width=width, height=height))
    if not (0 < tw * th <= limits.max_tile_pixels) or spp not in (1, 3) or bits != 8:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has {tw} x {th} tiles of {spp} x "
                                                                      "{bits}-bit samples, which is not "
                                                                      "supported"), tw=tw, th=th, spp=spp, bits=bits))
    if not 0 < frames <= limits.max_frames:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "claims {frames} frames, too many"),
                                     frames=frames))
    if syntax not in JPEG | JPEG_2000 | JPEG_LS | NATIVE:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "uses transfer syntax {syntax}, which is "
                                                                      "not supported for slides"), syntax=syntax))
    if syntax in NATIVE and photometric not in ("RGB", "MONOCHROME2"):
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "stores uncompressed {value} pixels, "
                                                                      "which is not supported"),
                                     value=photometric or 'unknown'))

    explicit = syntax != IMPLICIT_LE
    head = src.pread(pixel_pos, 12)
    if len(head) < 8 or struct.unpack_from("<HH", head)[0:2] != (0x7FE0, 0x0010):
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has no pixel data")))
    if explicit:
        if len(head) < 12:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data is truncated")))
        (length,) = struct.unpack_from("<I", head, 8)
        data_start = pixel_pos + 12
    else:
        (length,) = struct.unpack_from("<I", head, 4)
        data_start = pixel_pos + 8
    fragmented = False
    if length == 0xFFFFFFFF:
        if syntax in NATIVE:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has encapsulated pixel data in an "
                                                                          "uncompressed transfer syntax")))
        offsets, lengths, fragmented = _encapsulated_frames(src, ds, label, data_start, frames, limits)
    else:
        frame_bytes = tw * th * spp
        if length < frames * frame_bytes or data_start + frames * frame_bytes > src.size:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", 
                "its pixel data is shorter than its frames (the file is truncated)")))
        offsets = data_start + np.arange(frames, dtype=np.int64) * frame_bytes
        lengths = np.full(frames, frame_bytes, np.int64)

    positions = None
    if str(ds.get("DimensionOrganizationType", "TILED_FULL")).upper() == "TILED_SPARSE":
        positions = _sparse_positions(ds, label, frames, tw, th)
    # TILED_FULL with fewer frames than tiles: frame_of() reports the missing ones as absent.
    mpp, power = _slide_properties(ds, width, height)
    return _Instance(src, label, kind, str(ds.get("SeriesInstanceUID", "")), width, height, tw, th, spp,
                     syntax, photometric, offsets, lengths, fragmented, positions, mpp, power)


def _encapsulated_frames(src: ByteSource, ds, label: str, start: int, frames: int, limits: Limits):
    """(offsets, lengths, fragmented) of each frame's bytes in encapsulated pixel data."""
    head = src.pread(start, 8)
    if len(head) < 8:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data is truncated")))
    tag, bot_len = struct.unpack("<II", head)
    if tag != ITEM or bot_len % 4 or bot_len > 8 * limits.max_frames:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data does not start with an "
                                                                      "offset table item")))
    first = start + 8 + bot_len                      # first fragment's item tag
    eot = ds.get((0x7FE0, 0x0001))
    eot_len = ds.get((0x7FE0, 0x0002))
    if eot is not None and eot_len is not None and eot.value and eot_len.value:
        offs = np.frombuffer(eot.value, "<u8").astype(np.int64)
        lens = np.frombuffer(eot_len.value, "<u8").astype(np.int64)
        if len(offs) < frames or len(lens) < frames:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its extended offset table is shorter "
                                                                          "than its frames")))
        return first + offs[:frames] + 8, lens[:frames], False
    if bot_len:
        bot = np.frombuffer(src.pread(start + 8, bot_len), "<u4").astype(np.int64)
        if len(bot) < frames:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its offset table is shorter than its "
                                                                          "frames")))
        bot = bot[:frames]
        if np.any(np.diff(bot) <= 0):
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its offset table is not in increasing "
                                                                          "order")))
        ends = np.append(bot[1:], -1)
        # The last frame ends at the sequence delimiter: found by reading its item header(s).
        last = _item_run(src, first + int(bot[-1]), label)
        ends[-1] = int(bot[-1]) + last
        offsets, lengths = first + bot, ends - bot
        # A frame of exactly one fragment: skip its 8-byte item header and read payload only.
        single = _single_fragment(src, offsets, lengths)
        if single:
            return offsets + 8, lengths - 8, False
        return offsets, lengths, True
    # No offset table: one scan of the item headers; one fragment per frame required.
    offs, lens = [], []
    pos = first
    while len(offs) <= frames:
        h = src.pread(pos, 8)
        if len(h) < 8:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data is truncated")))
        tag, n = struct.unpack("<II", h)
        if tag == 0xE0DDFFFE:            # sequence delimiter
            break
        if tag != ITEM or pos + 8 + n > src.size:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", 
                "its pixel data items are malformed (the file is truncated or damaged)")))
        offs.append(pos + 8)
        lens.append(n)
        pos += 8 + n
    if len(offs) != frames:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "has {offs_count} fragments for {frames} "
                                                                      "frames and no offset table, which is "
                                                                      "not supported"),
                                     offs_count=len(offs), frames=frames))
    return np.asarray(offs, np.int64), np.asarray(lens, np.int64), False


def _item_run(src: ByteSource, pos: int, label: str) -> int:
    """Bytes from pos to the sequence delimiter: the item(s) of the last frame."""
    start = pos
    for _ in range(1 << 16):
        h = src.pread(pos, 8)
        if len(h) < 8:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data is truncated")))
        tag, n = struct.unpack("<II", h)
        if tag == 0xE0DDFFFE:
            return pos - start
        if tag != ITEM or pos + 8 + n > src.size:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", 
                "its pixel data items are malformed (the file is truncated or damaged)")))
        pos += 8 + n
    raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "its last frame has too many fragments")))


def _single_fragment(src: ByteSource, offsets: np.ndarray, lengths: np.ndarray) -> bool:
    """True when the first and last frames are one item each (the common case, checked cheaply)."""
    for i in {0, len(offsets) - 1}:
        h = src.pread(int(offsets[i]), 8)
        if len(h) < 8:
            return False
        tag, n = struct.unpack("<II", h)
        if tag != ITEM or n + 8 != lengths[i]:
            return False
    return True


def _sparse_positions(ds, label: str, frames: int, tw: int, th: int) -> dict:
    seq = ds.get("PerFrameFunctionalGroupsSequence")
    if seq is None or len(seq) < frames:
        raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "is TILED_SPARSE but lacks per-frame "
                                                                      "positions")))
    positions: dict[tuple[int, int], int] = {}
    for i, item in enumerate(seq[:frames]):
        try:
            pos = item.PlanePositionSlideSequence[0]
            x = int(pos.ColumnPositionInTotalImagePixelMatrix) - 1
            y = int(pos.RowPositionInTotalImagePixelMatrix) - 1
        except Exception:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "frame {value} has no plane position"),
                                         value=i + 1)) from None
        if x % tw or y % th or x < 0 or y < 0:
            raise SlideError(label, Text(QT_TRANSLATE_NOOP("SlideErrors", "frame {value} is not on the tile grid, "
                                                                          "which is not supported"), value=i + 1))
        positions.setdefault((x // tw, y // th), i)     # first focal plane / optical path wins
    return positions


def _slide_properties(ds, width: int, height: int) -> tuple[tuple[float, float] | None, float | None]:
    """(mpp (x, y), objective power) from an instance's header; PixelSpacing is in mm (row, column)."""
    mpp = None
    try:
        sp = ds.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing
        mpp = (float(sp[1]) * 1000.0, float(sp[0]) * 1000.0)
    except Exception:
        try:
            mpp = (float(ds.ImagedVolumeWidth) * 1000.0 / width, float(ds.ImagedVolumeHeight) * 1000.0 / height)
        except Exception:
            mpp = None
    try:
        power = float(ds.OpticalPathSequence[0].ObjectiveLensPower) or None
    except Exception:
        power = None
    return (mpp if mpp and all(v > 0 for v in mpp) else None), power
