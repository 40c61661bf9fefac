"""OpenSlide, for plaintext files in formats only it reads (MIRAX, Leica SCN, Ventana, ...).

Why it scores below tifffile on TIFF files: OpenSlide needs a file path, so it can never read the
encrypted store, and it serialises decoding inside its own cache. It stays as the fallback for
plaintext files (``reviewer slide info`` on a folder of exports) and as the reference the tests
compare against. Tiles are OpenSlide's own tile size when it reports one, else 256.
"""
from __future__ import annotations

import threading

import numpy as np

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.errors import SlideError, TileError
from reviewer.pathology.info import Level, SlideInfo
from reviewer.pathology.limits import Limits
from reviewer.pathology.source import SlideSource

DEFAULT_TILE = 256
# Formats tifffile or the DICOM reader handle natively score 1.0 there; OpenSlide is a fallback.
SCORE = 0.5


class OpenSlideFactory:
    name = "openslide"

    @staticmethod
    def available() -> bool:
        try:
            import openslide  # noqa: F401
        except Exception:     # the package or its shared library is missing
            return False
        return True

    def can_open(self, source: SlideSource) -> float:
        if source.path is None:
            return 0.0
        import openslide
        try:
            return SCORE if openslide.OpenSlide.detect_format(str(source.path)) else 0.0
        except Exception:
            return 0.0

    def open(self, source: SlideSource, limits: Limits) -> "OpenSlideSlide":
        return OpenSlideSlide(source, limits)


class OpenSlideSlide:
    def __init__(self, source: SlideSource, limits: Limits):
        import openslide
        self.name = source.name
        self._limits = limits
        try:
            self._os = openslide.OpenSlide(str(source.path))
        except Exception as exc:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "OpenSlide cannot read it ({why})"),
                                               why=type(exc).__name__)) from None
        props = self._os.properties
        levels = []
        for i, ((w, h), ds) in enumerate(zip(self._os.level_dimensions, self._os.level_downsamples)):
            if w > limits.max_side or h > limits.max_side:
                raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "level {i} claims {w} x {h} pixels, too "
                                                                                  "many"), i=i, w=w, h=h))
            tw = int(props.get(f"openslide.level[{i}].tile-width", DEFAULT_TILE))
            th = int(props.get(f"openslide.level[{i}].tile-height", DEFAULT_TILE))
            if tw < 64 or th < 64 or tw * th > limits.max_tile_pixels:   # NDPI strips, absurd sizes
                tw = th = DEFAULT_TILE
            levels.append(Level(w, h, float(ds), tw, th))

        def number(key: str) -> float | None:
            try:
                v = float(props[key])
            except (KeyError, ValueError):
                return None
            return v if v > 0 else None
        mx, my = number("openslide.mpp-x"), number("openslide.mpp-y")
        self.info = SlideInfo(props.get("openslide.vendor", "openslide"), tuple(levels),
                              (mx, my) if mx and my else None, number("openslide.objective-power"),
                              tuple(a for a in ("label", "macro", "thumbnail") if a in self._os.associated_images))
        self._lock = threading.Lock()

    def read_tile(self, level: int, col: int, row: int) -> np.ndarray | None:
        lv = self.info.levels[level]
        x, y, w, h = lv.tile_rect(col, row)
        try:
            rgba = np.asarray(self._os.read_region((round(x * lv.downsample), round(y * lv.downsample)),
                                                   level, (w, h)))
        except Exception as exc:
            raise TileError(self.name, level, col, row, Text(QT_TRANSLATE_NOOP("SlideErrors", "OpenSlide cannot read it ({name})"),
                                                             name=type(exc).__name__)) from None
        return _over_white(rgba)

    def read_associated(self, name: str) -> np.ndarray:
        try:
            image = self._os.associated_images[name]
        except KeyError:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "has no {name} image"),
                                             name=name)) from None
        return _over_white(np.asarray(image))

    def close(self) -> None:
        self._os.close()


def _over_white(rgba: np.ndarray) -> np.ndarray:
    """OpenSlide's RGBA (transparent outside the scanned area) as RGB on white glass."""
    rgb = rgba[:, :, :3]
    alpha = rgba[:, :, 3:4]
    if alpha.min(initial=255) == 255:
        return np.ascontiguousarray(rgb)
    a = alpha.astype(np.uint16)
    return ((rgb.astype(np.uint16) * a + 255 * (255 - a)) // 255).astype(np.uint8)
