"""Aperio SVS, Hamamatsu NDPI and generic tiled TIFF through tifffile + imagecodecs.

Why decode tiles ourselves: tifffile parses the file structure (page tags, tile offsets and byte
counts, JPEGTables, NDPI restart-marker offsets and patched frame header) once at open; after that
a tile is one ``pread`` of its bytes from the source (plaintext file or encrypted blob, any thread)
and one imagecodecs call, with no shared file position and no lock held while decoding. That is
what keeps an encrypted tile near the decode floor.

Grid: ``read_tile`` serves each level's native tiles, grouped so a tile is at least 128 pixels on
each side (NDPI's native "tiles" are 8-pixel-high restart intervals; stripped pages are strips).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.decode import BadStream, check_declared, decode_jpeg, is_jfif, j2k_frame_size, to_rgb
from reviewer.pathology.errors import SlideError, TileError, UnsupportedSlide
from reviewer.pathology.info import Level, SlideInfo, downsample_of
from reviewer.pathology.limits import Limits
from reviewer.pathology.source import ByteSource, SlideSource, SourceFile
from reviewer.pathology.tiff_layout import analyse

TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
JPEG = 7
JPEG2000 = {33003, 33004, 33005, 34712}
MIN_TILE_SIDE = 128


@dataclass(frozen=True)
class _Grid:
    """How one level's native tiles are found and decoded (immutable after open)."""
    page: object
    width: int
    height: int
    ntw: int                 # native tile width / height
    nth: int
    ncols: int
    nrows: int
    gx: int                  # native tiles per served tile, across / down
    gy: int
    offsets: np.ndarray
    counts: np.ndarray
    jpeg: bool
    j2k: bool
    rgb_photometric: bool
    tables: bytes | None
    header: bytes | None
    decode: object           # tifffile's per-page decode function (non-JPEG compressions)


class TiffFactory:
    name = "tifffile"

    def can_open(self, source: SlideSource) -> float:
        return 1.0 if len(source.files) == 1 and source.head[:4] in TIFF_MAGIC else 0.0

    def open(self, source: SlideSource, limits: Limits) -> "TiffSlide":
        return TiffSlide(source.files[0], source.name, limits)


class TiffSlide:
    """One open TIFF slide (the SlideBackend protocol)."""

    def __init__(self, source: ByteSource, name: str, limits: Limits):
        import tifffile
        self.name = name
        self._src = source
        self._limits = limits
        self._lock = threading.Lock()          # tifffile's own file handle (associated images)
        try:
            self._tif = tifffile.TiffFile(SourceFile(source))
        except Exception as exc:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "is not a readable TIFF file ({why})"),
                                        why=_why(exc))) from None
        try:
            layout = analyse(self._tif, name, limits)
            self._grids = tuple(self._grid(p, i) for i, p in enumerate(layout.levels))
        except SlideError:
            self._tif.close()
            raise
        except Exception as exc:
            self._tif.close()
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "has a broken TIFF structure ({why})"),
                                        why=_why(exc))) from None
        g0 = self._grids[0]
        levels = tuple(Level(g.width, g.height, downsample_of(g0.width, g0.height, g.width, g.height),
                             g.ntw * g.gx, g.nth * g.gy) for g in self._grids)
        self._associated = layout.associated
        self.info = SlideInfo(layout.format, levels, layout.mpp, layout.objective_power,
                              tuple(a for a in ("label", "macro", "thumbnail") if a in layout.associated))

    def _grid(self, page, index: int) -> _Grid:
        lim, name = self._limits, self.name
        w, h = int(page.imagewidth), int(page.imagelength)
        if w > lim.max_side or h > lim.max_side:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} claims {w} x {h} pixels, "
                                                                         "beyond the {max_side} pixels per side "
                                                                         "this workstation accepts"),
                                        index=index, w=w, h=h, max_side=lim.max_side))
        if page.is_tiled:
            ntw, nth = int(page.tilewidth), int(page.tilelength)
        else:
            ntw, nth = w, min(h, int(page.rowsperstrip or h))
        if ntw <= 0 or nth <= 0 or ntw * nth > lim.max_tile_pixels:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} has {ntw} x {nth} pixel "
                                                                         "tiles, beyond the {max_tile_pixels} "
                                                                         "pixels per tile this workstation accepts"),
                                        index=index, ntw=ntw, nth=nth, max_tile_pixels=lim.max_tile_pixels))
        if page.samplesperpixel > 1 and page.planarconfig != 1:
            raise UnsupportedSlide(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} stores its colour planes "
                                                                               "separately, which is not supported"),
                                              index=index))
        ncols, nrows = -(-w // ntw), -(-h // nth)
        if ncols * nrows > lim.max_tiles_per_level:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} has {value} tiles, too "
                                                                         "many"), index=index, value=ncols * nrows))
        offsets = np.asarray(page.dataoffsets, dtype=np.int64)
        counts = np.asarray(page.databytecounts, dtype=np.int64)
        if len(offsets) < ncols * nrows or len(counts) < ncols * nrows:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} lists fewer tiles than "
                                                                         "its size needs"), index=index))
        compression = int(page.compression)
        jpeg = compression == JPEG
        decode = None
        if not jpeg:
            if page.dtype is None:
                raise UnsupportedSlide(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {index} has a sample format that "
                                                                                   "is not supported"), index=index))
            decode = page.decode
        gx, gy = max(1, -(-MIN_TILE_SIDE // ntw)), max(1, -(-MIN_TILE_SIDE // nth))
        return _Grid(page, w, h, ntw, nth, ncols, nrows, gx, gy, offsets, counts, jpeg,
                     compression in JPEG2000, int(page.photometric) == 2, page.jpegtables,
                     getattr(page, "jpegheader", None), decode)

    # -- tiles ---------------------------------------------------------------------------------
    def read_tile(self, level: int, col: int, row: int) -> np.ndarray | None:
        g, lv = self._grids[level], self.info.levels[level]
        if not (0 <= col < lv.cols and 0 <= row < lv.rows):
            raise IndexError(f"tile ({col}, {row}) is outside level {level}")
        if g.gx == g.gy == 1:
            return self._native(g, level, col, row)
        _, _, w, h = lv.tile_rect(col, row)
        out = None
        for nr in range(row * g.gy, min((row + 1) * g.gy, g.nrows)):
            for nc in range(col * g.gx, min((col + 1) * g.gx, g.ncols)):
                piece = self._native(g, level, nc, nr)
                if piece is None:
                    continue
                if out is None:
                    out = np.full((h, w, 3), 255, np.uint8)
                y, x = (nr - row * g.gy) * g.nth, (nc - col * g.gx) * g.ntw
                out[y:y + piece.shape[0], x:x + piece.shape[1]] = piece
        return out

    def _native(self, g: _Grid, level: int, nc: int, nr: int) -> np.ndarray | None:
        """One native tile (or strip) as RGB, cropped to the level's extent."""
        index = nr * g.ncols + nc
        offset, count = int(g.offsets[index]), int(g.counts[index])
        vw, vh = min(g.ntw, g.width - nc * g.ntw), min(g.nth, g.height - nr * g.nth)

        def fail(reason: str) -> TileError:
            return TileError(self.name, level, nc // g.gx, nr // g.gy, reason)

        if offset == 0 or count == 0:
            return None
        if count > self._limits.max_tile_bytes:
            raise fail(Text(QT_TRANSLATE_NOOP("SlideErrors", "its {count} compressed bytes exceed the "
                                                             "{max_tile_bytes} allowed"),
                            count=count, max_tile_bytes=self._limits.max_tile_bytes))
        if offset < 0 or offset + count > self._src.size:
            raise fail(Text(QT_TRANSLATE_NOOP("SlideErrors", "its data lies beyond the end of the file (the "
                                                             "file is truncated)")))
        data = self._src.pread(offset, count)
        if len(data) != count:
            raise fail(Text(QT_TRANSLATE_NOOP("SlideErrors", "its data is cut short (the file is truncated)")))
        try:
            if g.jpeg:
                a = decode_jpeg(data, (g.nth, g.ntw), tables=g.tables, header=g.header,
                                rgb_stream=g.rgb_photometric and g.header is None and not is_jfif(data))
            else:
                if g.j2k:
                    check_declared(j2k_frame_size(data), (g.nth, g.ntw), slack=0)
                arr = g.decode(data, index, jpegtables=g.tables)[0]
                if arr is None:
                    return None
                a = arr.reshape(arr.shape[-3:])
                if a.shape[-1] == 1:
                    a = a[:, :, 0]
        except BadStream as exc:
            raise fail(exc.reason) from None
        except Exception as exc:
            raise fail(Text(QT_TRANSLATE_NOOP("SlideErrors", "it cannot be decoded ({why})"), why=_why(exc))) from None
        if a.shape[0] < vh or a.shape[1] < vw:
            raise fail(Text(QT_TRANSLATE_NOOP("SlideErrors", "it decodes to {shape} x {shape2} pixels, smaller "
                                                             "than its {vw} x {vh} cell"),
                            shape=a.shape[1], shape2=a.shape[0], vw=vw, vh=vh))
        try:
            return to_rgb(a[:vh, :vw])
        except BadStream as exc:
            raise fail(exc.reason) from None

    # -- associated images ---------------------------------------------------------------------
    def read_associated(self, name: str) -> np.ndarray:
        page = self._associated.get(name)
        if page is None:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "has no {name} image"), name=name))
        pixels = int(page.imagewidth) * int(page.imagelength)
        if pixels > self._limits.max_associated_pixels:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "its {name} image claims {pixels} "
                                                                              "pixels, too many"),
                                             name=name, pixels=pixels))
        ends = [o + c for o, c in zip(page.dataoffsets, page.databytecounts) if o and c]
        if not ends or max(ends) > self._src.size:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "its {name} image is cut short (the file is truncated)"),
                                                  name=name))
        try:
            with self._lock:
                a = page.asarray()
            return np.ascontiguousarray(to_rgb(a))
        except Exception as exc:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "its {name} image cannot be decoded ({why})"),
                                                  name=name, why=_why(exc))) from None

    def close(self) -> None:
        with self._lock:
            self._tif.close()


def _why(exc: BaseException) -> str:
    """An exception's type only: library messages can quote file names or header text."""
    return type(exc).__name__
