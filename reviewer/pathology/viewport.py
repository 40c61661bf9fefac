"""The slide viewer's view state, without Qt: where the screen looks on the slide.

Why a model of its own: zoom about the cursor, rotation by quarter turns, the level a zoom needs
and the tiles a viewport shows are arithmetic that tests can check headless; the Qt view only
paints what this says. Coordinates: slide points are level-0 pixels (x right, y down, as the
annotation model and OpenSlide); screen points are widget pixels. ``zoom`` is screen pixels per
level-0 pixel (1.0 = full resolution), ``rotation`` a multiple of 90 degrees, clockwise on screen.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

MAX_ZOOM = 4.0            # screen pixels per level-0 pixel at the most (4x beyond the scan)


@dataclass
class Viewport:
    slide_width: int
    slide_height: int
    downsamples: Sequence[float] = (1.0,)
    view_width: int = 800
    view_height: int = 600
    cx: float = 0.0
    cy: float = 0.0
    zoom: float = 1.0
    rotation: int = 0                      # 0, 90, 180, 270
    max_zoom: float = MAX_ZOOM
    pixel_ratio: float = 1.0               # device pixels per screen (logical) pixel: 2 on a HiDPI display
    _listeners: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        if self.slide_width <= 0 or self.slide_height <= 0:
            raise ValueError("a slide has a positive size")
        self.downsamples = tuple(float(d) for d in self.downsamples) or (1.0,)
        self.fit()

    # -- listeners --------------------------------------------------------------------------
    def on_change(self, fn) -> None:
        self._listeners.append(fn)

    def _changed(self) -> None:
        for fn in list(self._listeners):
            fn()

    # -- zoom limits ------------------------------------------------------------------------
    @property
    def fit_zoom(self) -> float:
        """The zoom at which the whole (rotated) slide fits the view."""
        w, h = (self.slide_height, self.slide_width) if self.rotation % 180 else (self.slide_width, self.slide_height)
        return min(max(self.view_width, 1) / w, max(self.view_height, 1) / h)

    @property
    def min_zoom(self) -> float:
        return min(self.fit_zoom * 0.5, self.max_zoom)

    def fit(self) -> None:
        """Whole slide, centred."""
        self.cx, self.cy = self.slide_width / 2, self.slide_height / 2
        self.zoom = min(self.fit_zoom, self.max_zoom)
        self._changed()

    # -- transforms -------------------------------------------------------------------------
    def _rot(self, dx: float, dy: float) -> tuple[float, float]:
        r = self.rotation % 360
        if r == 90:
            return -dy, dx
        if r == 180:
            return -dx, -dy
        if r == 270:
            return dy, -dx
        return dx, dy

    def _unrot(self, dx: float, dy: float) -> tuple[float, float]:
        r = self.rotation % 360
        if r == 90:
            return dy, -dx
        if r == 180:
            return -dx, -dy
        if r == 270:
            return -dy, dx
        return dx, dy

    def slide_to_screen(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = self._rot((x - self.cx) * self.zoom, (y - self.cy) * self.zoom)
        return dx + self.view_width / 2, dy + self.view_height / 2

    def screen_to_slide(self, sx: float, sy: float) -> tuple[float, float]:
        dx, dy = self._unrot(sx - self.view_width / 2, sy - self.view_height / 2)
        return self.cx + dx / self.zoom, self.cy + dy / self.zoom

    def matrix(self) -> tuple[float, float, float, float, float, float]:
        """(m11, m12, m21, m22, dx, dy) of the affine map slide -> screen, in QTransform's order
        (sx = m11 x + m21 y + dx, sy = m12 x + m22 y + dy)."""
        ox, oy = self.slide_to_screen(0.0, 0.0)
        ax, ay = self.slide_to_screen(1.0, 0.0)
        bx, by = self.slide_to_screen(0.0, 1.0)
        return ax - ox, ay - oy, bx - ox, by - oy, ox, oy

    # -- changes ----------------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        first = self.zoom == min(self.fit_zoom, self.max_zoom)
        self.view_width, self.view_height = max(1, int(width)), max(1, int(height))
        if first:
            self.zoom = min(self.fit_zoom, self.max_zoom)
        self._clamp()
        self._changed()

    def set_zoom(self, zoom: float, about: tuple[float, float] | None = None) -> None:
        """Zooms keeping the slide point under ``about`` (screen) where it is."""
        zoom = min(max(zoom, self.min_zoom), self.max_zoom)
        if about is None:
            about = (self.view_width / 2, self.view_height / 2)
        px, py = self.screen_to_slide(*about)
        self.zoom = zoom
        qx, qy = self.screen_to_slide(*about)
        self.cx += px - qx
        self.cy += py - qy
        self._clamp()
        self._changed()

    def zoom_by(self, factor: float, about: tuple[float, float] | None = None) -> None:
        self.set_zoom(self.zoom * factor, about)

    def pan(self, dx_screen: float, dy_screen: float) -> None:
        """Moves the slide with the pointer: a drag of (dx, dy) screen pixels."""
        dx, dy = self._unrot(dx_screen, dy_screen)
        self.cx -= dx / self.zoom
        self.cy -= dy / self.zoom
        self._clamp()
        self._changed()

    def centre_on(self, x: float, y: float) -> None:
        self.cx, self.cy = float(x), float(y)
        self._clamp()
        self._changed()

    def rotate(self, quarter_turns: int = 1) -> None:
        self.rotation = (self.rotation + 90 * quarter_turns) % 360
        self._changed()

    def _clamp(self) -> None:
        self.cx = min(max(self.cx, 0.0), float(self.slide_width))
        self.cy = min(max(self.cy, 0.0), float(self.slide_height))

    # -- what to draw -------------------------------------------------------------------------
    def visible_rect(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in level-0 pixels: the bounding box of the screen, unclipped."""
        corners = [self.screen_to_slide(sx, sy) for sx, sy in
                   ((0, 0), (self.view_width, 0), (0, self.view_height), (self.view_width, self.view_height))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def downsample(self) -> float:
        """Level-0 pixels per screen pixel."""
        return 1.0 / self.zoom

    def level(self) -> int:
        """The level whose pixels are no coarser than the screen's device pixels (OpenSlide's best
        level), so a HiDPI display gets the finer level it can show rather than a blurry one."""
        want = self.downsample / max(self.pixel_ratio, 1.0)
        best = 0
        for i, d in enumerate(self.downsamples):
            if d <= want * (1 + 1e-9):
                best = i
        return best

    def visible_tiles(self, level: int, tile_width: int, tile_height: int, level_width: int,
                      level_height: int, margin: int = 0) -> list[tuple[int, int]]:
        """(col, row) of ``level``'s tiles meeting the screen (plus ``margin`` tiles around it),
        nearest the centre first, so the middle of the view loads first."""
        d = self.downsamples[level]
        x0, y0, x1, y1 = self.visible_rect()
        lx0, ly0 = max(0.0, x0 / d), max(0.0, y0 / d)
        lx1, ly1 = min(float(level_width), x1 / d), min(float(level_height), y1 / d)
        if lx1 <= lx0 or ly1 <= ly0:
            return []
        c0, r0 = int(lx0 // tile_width) - margin, int(ly0 // tile_height) - margin
        c1, r1 = int(math.ceil(lx1 / tile_width)) - 1 + margin, int(math.ceil(ly1 / tile_height)) - 1 + margin
        cols, rows = -(-level_width // tile_width), -(-level_height // tile_height)
        c0, r0, c1, r1 = max(c0, 0), max(r0, 0), min(c1, cols - 1), min(r1, rows - 1)
        mx, my = self.cx / d / tile_width, self.cy / d / tile_height
        tiles = [(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        tiles.sort(key=lambda t: (t[0] + 0.5 - mx) ** 2 + (t[1] + 0.5 - my) ** 2)
        return tiles

    # -- readouts ----------------------------------------------------------------------------
    def magnification(self, objective_power: float | None) -> float | None:
        return None if not objective_power else objective_power * self.zoom

    def microns_per_screen_pixel(self, mpp: float | None) -> float | None:
        return None if not mpp else mpp / self.zoom


_NICE = (1, 2, 5)


def scale_bar(microns_per_pixel: float, target_px: float = 120.0) -> tuple[float, float, str]:
    """(length in µm, length in screen pixels, label) of a round scale bar near ``target_px`` long."""
    want = microns_per_pixel * target_px
    exp = math.floor(math.log10(want))
    best = 10 ** exp
    for m in _NICE:
        if m * 10 ** exp <= want:
            best = m * 10 ** exp
    um = float(best)
    label = f"{um / 1000:g} mm" if um >= 1000 else f"{um:g} µm"
    return um, um / microns_per_pixel, label
