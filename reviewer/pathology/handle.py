"""``SlideHandle``: what the viewer and the CLI hold for an open slide.

Why a handle over the backends: tile caching, region composition and the OpenSlide coordinate
rules are the same whatever the file format, so they live here once. Backends only decode tiles.
"""
from __future__ import annotations

import math
import uuid
from concurrent.futures import Executor
from typing import Iterable

import numpy as np

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.backend import SlideBackend
from reviewer.pathology.cache import TileCache
from reviewer.pathology.errors import SlideError
from reviewer.pathology.info import Level, SlideInfo
from reviewer.pathology.limits import Limits
from reviewer.pathology.source import SlideSource

_ABSENT = np.zeros((0, 0, 3), np.uint8)     # cached marker: the file has no data for this tile
_ABSENT.setflags(write=False)
BACKGROUND = 255                            # what an absent tile shows through read_tile (white glass)


class SlideHandle:
    """An open slide: properties, tiles and regions. Thread-safe; close it when done (or use
    ``with``). ``cache`` may be shared by all open slides (it is keyed per handle)."""

    def __init__(self, backend: SlideBackend, source: SlideSource, *, cache: TileCache | None = None,
                 limits: Limits = Limits()):
        self._backend = backend
        self._source = source
        self.name = source.name
        self.cache = cache if cache is not None else TileCache(64 << 20)
        self.limits = limits
        self._key = uuid.uuid4().hex      # cache namespace of this handle
        self.closed = False

    # -- properties -------------------------------------------------------------------------
    @property
    def info(self) -> SlideInfo:
        return self._backend.info

    @property
    def levels(self) -> tuple[Level, ...]:
        return self._backend.info.levels

    @property
    def dimensions(self) -> tuple[int, int]:
        return self.info.dimensions

    def best_level_for_downsample(self, downsample: float) -> int:
        """The most detailed level no finer than needed (OpenSlide's rule): the last level whose
        downsample is <= ``downsample`` (level 0 when even that is coarser)."""
        best = 0
        for i, lv in enumerate(self.levels):
            if lv.downsample <= downsample * (1 + 1e-9):
                best = i
        return best

    # -- tiles ------------------------------------------------------------------------------
    def _tile(self, level: int, col: int, row: int) -> np.ndarray:
        """The cached tile, ``_ABSENT`` when the file has none."""
        def load() -> np.ndarray:
            a = self._backend.read_tile(level, col, row)
            return _ABSENT if a is None else np.ascontiguousarray(a)
        return self.cache.get_or_load((self._key, level, col, row), load)

    def read_tile(self, level: int, col: int, row: int) -> np.ndarray:
        """RGB uint8 (h, w, 3) of one tile of ``levels[level]``'s grid (edge tiles are cropped to the
        level; see ``Level.tile_rect``). Read-only and cached. A tile the file does not hold comes
        back white. Raises TileError for a corrupt tile (draw an error tile; others still load);
        from the encrypted store a tampered chunk raises IntegrityError (also a ReviewerError:
        treat any ReviewerError here as an error tile)."""
        self._check_open()
        lv = self.levels[level]
        a = self._tile(level, col, row)
        if a is _ABSENT:
            _, _, w, h = lv.tile_rect(col, row)
            a = np.full((h, w, 3), BACKGROUND, np.uint8)
            a.setflags(write=False)
        return a

    def tiles_for_region(self, level: int, x: int, y: int, w: int, h: int) -> list[tuple[int, int]]:
        """(col, row) of the tiles of ``level`` covering the rectangle (level pixels), row by row:
        what a viewer schedules for a viewport."""
        lv = self.levels[level]
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(lv.width, x + w), min(lv.height, y + h)
        if x1 <= x0 or y1 <= y0:
            return []
        return [(c, r) for r in range(y0 // lv.tile_height, (y1 - 1) // lv.tile_height + 1)
                for c in range(x0 // lv.tile_width, (x1 - 1) // lv.tile_width + 1)]

    # -- regions ----------------------------------------------------------------------------
    def read_region(self, level: int, x: int, y: int, width: int, height: int, *,
                    executor: Executor | None = None) -> np.ndarray:
        """RGBA uint8 (height, width, 4) of ``level``, its top-left at level-0 pixel (x, y) as in
        OpenSlide's ``read_region`` (when (x, y) falls between pixels of a coarser level the level
        is shifted by the fraction, bilinearly, as OpenSlide does); pixels outside the slide (or in
        tiles the file lacks) are transparent (0, 0, 0, 0). ``executor``: decode missing tiles in parallel (imagecodecs
        releases the GIL). Raises TileError when a tile under the region is corrupt."""
        self._check_open()
        if not 0 <= level < len(self.levels):
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "has no level {level} (it has "
                                                                              "{levels_count})"),
                                             level=level, levels_count=len(self.levels)))
        if width <= 0 or height <= 0:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "a region of {width} x {height} pixels "
                                                                              "is empty"), width=width, height=height))
        if width * height > self.limits.max_region_pixels:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "a region of {width} x {height} pixels "
                                                                              "is larger than the {max_region_pixels} "
                                                                              "pixels allowed at once"),
                                             width=width, height=height, max_region_pixels=self.limits.max_region_pixels))
        lv = self.levels[level]
        fx, fy = x / lv.downsample, y / lv.downsample
        lx, ly = math.floor(fx), math.floor(fy)
        fx, fy = fx - lx, fy - ly
        if fx < 1e-6 and fy < 1e-6:
            return self._compose(level, lx, ly, width, height, executor)
        # (x, y) falls between pixels of this level: OpenSlide paints the level translated by the
        # fraction (bilinear, premultiplied alpha); do the same so regions agree with it.
        src = self._compose(level, lx, ly, width + 1, height + 1, executor).astype(np.float32)
        alpha = src[:, :, 3:4] / 255.0
        src[:, :, :3] *= alpha
        out = (src[:-1, :-1] * ((1 - fx) * (1 - fy)) + src[:-1, 1:] * (fx * (1 - fy))
               + src[1:, :-1] * ((1 - fx) * fy) + src[1:, 1:] * (fx * fy))
        a = out[:, :, 3:4]
        np.divide(out[:, :, :3] * 255.0, a, out=out[:, :, :3], where=a > 0)
        return np.clip(out + 0.5, 0, 255).astype(np.uint8)

    def _compose(self, level: int, lx: int, ly: int, width: int, height: int,
                 executor: Executor | None) -> np.ndarray:
        """RGBA of the level's pixels [lx, lx + width) x [ly, ly + height), transparent outside."""
        lv = self.levels[level]
        out = np.zeros((height, width, 4), np.uint8)
        tiles = self.tiles_for_region(level, lx, ly, width, height)
        if executor is not None and len(tiles) > 1:
            arrays: Iterable[np.ndarray] = executor.map(lambda cr: self._tile(level, *cr), tiles)
        else:
            arrays = (self._tile(level, c, r) for c, r in tiles)
        for (c, r), a in zip(tiles, arrays):
            if a is _ABSENT:
                continue
            tx, ty, tw, th = lv.tile_rect(c, r)
            ix0, iy0 = max(tx, lx), max(ty, ly)            # intersection, in level pixels
            ix1, iy1 = min(tx + tw, lx + width), min(ty + th, ly + height)
            dst = out[iy0 - ly:iy1 - ly, ix0 - lx:ix1 - lx]
            dst[:, :, :3] = a[iy0 - ty:iy1 - ty, ix0 - tx:ix1 - tx]
            dst[:, :, 3] = 255
        return out

    def read_associated(self, name: str) -> np.ndarray:
        """RGB uint8 of ``label``, ``macro`` or ``thumbnail`` (see ``info.associated``). A label may
        show patient data: show it inside the app only, never log or export it."""
        self._check_open()
        return self._backend.read_associated(name)

    # -- lifetime ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self.closed:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "is closed")))

    def close(self) -> None:
        """Releases the file and this slide's cached tiles (the shared cache keeps others')."""
        if self.closed:
            return
        self.closed = True
        key = self._key
        self.cache.discard(lambda k: isinstance(k, tuple) and k and k[0] == key)
        try:
            self._backend.close()
        finally:
            self._source.close()

    def __enter__(self) -> "SlideHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
