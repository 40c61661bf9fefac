"""What a 2D slice viewport shows, without Qt: slice index, window, zoom/pan, invert, cine.

The widget translates input into these calls and repaints on ``on_change``; tests drive it headless.
Zoom is screen pixels per image column pixel; pan is the image centre's offset from the viewport
centre in screen pixels; ``fit`` keeps the whole image in view as the viewport resizes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from reviewer.imaging.display import CT_PRESETS, Window

NICE_MM = (1, 2, 5, 10, 20, 50, 100, 200, 500)


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int


class SliceViewState:
    def __init__(self, slices: int, rows: int, columns: int, pixel_spacing: tuple[float, float] = (1.0, 1.0),
                 window: Window = Window(40, 400), modality: str = ""):
        self.slices, self.rows, self.columns = slices, rows, columns
        self.row_spacing, self.col_spacing = pixel_spacing
        self.modality = modality
        self.index = slices // 2
        self.default_window = window
        self.window = window
        self.invert = False
        self.zoom = 1.0
        self.pan = (0.0, 0.0)
        self.fit = True
        self.viewport = Viewport(512, 512)
        self.cine_fps = 10.0
        self.cine_running = False
        self._listeners: list[Callable[[str], None]] = []
        self._fit_zoom()

    # -- events ----------------------------------------------------------------------------
    def on_change(self, listener: Callable[[str], None]) -> None:
        """listener(what) with what in {"slice", "window", "view", "cine"}."""
        self._listeners.append(listener)

    def _emit(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    # -- slice -----------------------------------------------------------------------------
    def set_index(self, index: int) -> None:
        index = int(min(max(index, 0), self.slices - 1))
        if index != self.index:
            self.index = index
            self._emit("slice")

    def scroll(self, steps: int) -> None:
        self.set_index(self.index + steps)

    def cine_step(self) -> None:
        """Advances one frame, wrapping at the end (cine loops)."""
        self.index = (self.index + 1) % self.slices
        self._emit("slice")

    def set_cine(self, running: bool, fps: float | None = None) -> None:
        self.cine_running = running
        if fps is not None:
            self.cine_fps = float(min(max(fps, 1.0), 60.0))
        self._emit("cine")

    # -- window ----------------------------------------------------------------------------
    def set_window(self, window: Window) -> None:
        self.window = window.clamp()
        self._emit("window")

    def drag_window(self, dx: float, dy: float) -> None:
        """Horizontal drag widens/narrows, vertical moves the level; speed scales with the width."""
        w = self.window
        step = max(w.width, 10.0) / 256.0
        self.set_window(Window(w.centre - dy * step, w.width + dx * step))

    def preset(self, name: str) -> None:
        if name == "Default":
            self.set_window(self.default_window)
        else:
            self.set_window(CT_PRESETS[name])

    def toggle_invert(self) -> None:
        self.invert = not self.invert
        self._emit("window")

    # -- view ------------------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        self.viewport = Viewport(max(1, width), max(1, height))
        if self.fit:
            self._fit_zoom()
        self._emit("view")

    def _fit_zoom(self) -> None:
        w_mm, h_mm = self.columns * self.col_spacing, self.rows * self.row_spacing
        scale = min(self.viewport.width / w_mm, self.viewport.height / h_mm)  # screen px per mm
        self.zoom = scale * self.col_spacing
        self.pan = (0.0, 0.0)

    @property
    def aspect(self) -> float:
        """Screen height of one image row relative to one column (non-square pixels)."""
        return self.row_spacing / self.col_spacing

    def fit_to_window(self) -> None:
        self.fit = True
        self._fit_zoom()
        self._emit("view")

    def one_to_one(self) -> None:
        self.fit = False
        self.zoom = 1.0
        self.pan = (0.0, 0.0)
        self._emit("view")

    def zoom_by(self, factor: float, anchor: tuple[float, float] | None = None) -> None:
        """Zooms about a screen point (the cursor), keeping the image point under it fixed."""
        new = float(min(max(self.zoom * factor, 0.05), 64.0))
        if anchor is not None:
            cx, cy = self.viewport.width / 2 + self.pan[0], self.viewport.height / 2 + self.pan[1]
            ax, ay = anchor
            f = new / self.zoom
            self.pan = (self.pan[0] + (ax - cx) * (1 - f), self.pan[1] + (ay - cy) * (1 - f))
        self.zoom = new
        self.fit = False
        self._emit("view")

    def pan_by(self, dx: float, dy: float) -> None:
        self.pan = (self.pan[0] + dx, self.pan[1] + dy)
        self.fit = False
        self._emit("view")

    def image_rect(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the image on screen."""
        w = self.columns * self.zoom
        h = self.rows * self.zoom * self.aspect
        x = self.viewport.width / 2 + self.pan[0] - w / 2
        y = self.viewport.height / 2 + self.pan[1] - h / 2
        return x, y, w, h

    def screen_to_image(self, sx: float, sy: float) -> tuple[float, float]:
        """Screen point → (column, row) in image pixels (continuous)."""
        x, y, w, h = self.image_rect()
        return (sx - x) / self.zoom, (sy - y) / (self.zoom * self.aspect)

    def image_to_screen(self, col: float, row: float) -> tuple[float, float]:
        x, y, _, _ = self.image_rect()
        return x + col * self.zoom, y + row * self.zoom * self.aspect

    def mm_per_screen_pixel(self) -> float:
        return self.col_spacing / self.zoom


def scale_bar(mm_per_pixel: float, max_pixels: float) -> tuple[float, float]:
    """The longest 'nice' length (mm) whose bar fits in max_pixels; returns (mm, pixels)."""
    best = NICE_MM[0]
    for mm in NICE_MM:
        if mm / mm_per_pixel <= max_pixels:
            best = mm
    return best, best / mm_per_pixel


_LETTERS = (("L", "R"), ("P", "A"), ("S", "I"))   # LPS: +x left, +y posterior, +z superior


def direction_letter(v) -> str:
    """Patient-orientation letters of a direction (LPS), major axis first, e.g. 'L', 'LP'."""
    v = np.asarray(v, dtype=float)
    order = np.argsort(-np.abs(v))
    out = ""
    for axis in order:
        if abs(v[axis]) > 0.25:
            out += _LETTERS[axis][0 if v[axis] > 0 else 1]
    return out[:2] or "?"


def orientation_letters(row_cosine, column_cosine) -> dict[str, str]:
    """Letters for the four viewport edges, from ImageOrientationPatient's two cosines.

    The row cosine points along increasing column index (screen right); the column cosine along
    increasing row index (screen down).
    """
    r, c = np.asarray(row_cosine, float), np.asarray(column_cosine, float)
    return {"right": direction_letter(r), "left": direction_letter(-r),
            "bottom": direction_letter(c), "top": direction_letter(-c)}
