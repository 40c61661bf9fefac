"""Plain descriptions of a slide, shared by every backend and the viewer."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    """One pyramid level. ``downsample`` is level-0 pixels per pixel of this level (as OpenSlide
    computes it: the mean of the width and height ratios). ``tile_width``/``tile_height`` define
    the grid ``read_tile`` serves; edge tiles are cropped to the level's extent."""
    width: int
    height: int
    downsample: float
    tile_width: int
    tile_height: int

    @property
    def cols(self) -> int:
        return -(-self.width // self.tile_width)

    @property
    def rows(self) -> int:
        return -(-self.height // self.tile_height)

    def tile_rect(self, col: int, row: int) -> tuple[int, int, int, int]:
        """(x, y, w, h) of a tile in this level's pixels, cropped at the right and bottom edges."""
        x, y = col * self.tile_width, row * self.tile_height
        return x, y, min(self.tile_width, self.width - x), min(self.tile_height, self.height - y)


@dataclass(frozen=True)
class SlideInfo:
    """What `reviewer slide info` prints and the viewer's status bar shows.

    ``mpp``: micrometres per level-0 pixel (x, y), None when the file does not say.
    ``associated``: names of the extra images (``label``, ``macro``, ``thumbnail``); a label can
    show patient data, so it is only ever shown inside the app.
    """
    format: str
    levels: tuple[Level, ...]
    mpp: tuple[float, float] | None
    objective_power: float | None
    associated: tuple[str, ...]

    @property
    def dimensions(self) -> tuple[int, int]:
        return self.levels[0].width, self.levels[0].height

    def as_json(self) -> dict:
        """The stable `--json` form (an interface, DESIGN §5)."""
        return {
            "format": self.format,
            "levels": [{"width": lv.width, "height": lv.height, "downsample": lv.downsample} for lv in self.levels],
            "mpp": list(self.mpp) if self.mpp else None,
            "objective_power": self.objective_power,
            "associated": list(self.associated),
        }


def downsample_of(w0: int, h0: int, w: int, h: int) -> float:
    """OpenSlide's level downsample: the mean of the two axis ratios."""
    return (w0 / w + h0 / h) / 2
