"""A synthetic H&E whole-slide image as a pyramidal, JPEG-tiled BigTIFF.

Layout ("generic tiled TIFF", read as a pyramid by tifffile and OpenSlide): the levels are
successive pages in the main IFD chain, 256 x 256 JPEG (YCbCr 4:2:0) tiles, each level
half the previous one, level 0 at 0.25 um/px (a 40x scan), resolution tags in pixels per
centimetre; then one small stripped page described as "label".

Tissue layout comes from coarse smooth fields (tissue, tumour nests, fat lobules, vessels);
texture comes from the periodic canvases in histology. Tiles are rendered independently
and streamed to tifffile, so the full image is never in memory; pure background tiles
share one pre-encoded JPEG.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import imagecodecs
import numpy as np
import tifffile

from . import histology as hist
from .fields import smooth_noise
from .glyphs import text_mask
from .ids import rng

TILE = 256
MPP = 0.25                      # micrometres per pixel at level 0
CELL = 32                       # level-0 pixels per cell of the coarse tissue map
JPEG_QUALITY = 80


@dataclass(frozen=True)
class SlideSpec:
    """Size of the slide and of its texture canvases (smaller ones make quick test slides)."""
    width: int = 40960
    height: int = 30720
    levels: int = 6
    canvas_period: int = 4096    # stroma and fat; the carcinoma canvas is half of it


@dataclass(frozen=True)
class _Map:
    """Coarse signed fields (units: map cells; > 0 means inside) and stain modulation."""
    tissue: np.ndarray
    tumour: np.ndarray
    fat: np.ndarray
    vessel: np.ndarray
    lumen: np.ndarray
    mod_h: np.ndarray
    mod_e: np.ndarray


@dataclass(frozen=True)
class _Textures:
    stroma: hist.Canvas
    tumour: hist.Canvas
    fat: hist.Canvas
    fine: np.ndarray


def _tissue_map(seed: int, spec: SlideSpec) -> _Map:
    h, w = spec.height // CELL, spec.width // CELL
    g = rng(seed, "slide", "map")
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)

    def blob(cy, cx, ry, rx, wobble, scale):
        r = np.sqrt(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2)
        return (1 - r) * min(ry, rx) + wobble * smooth_noise(g, (h, w), scale)

    tissue = np.maximum(blob(0.50 * h, 0.46 * w, 0.34 * h, 0.33 * w, 34.0, 45.0),
                        blob(0.22 * h, 0.89 * w, 0.09 * h, 0.055 * w, 8.0, 12.0))
    region = blob(0.52 * h, 0.40 * w, 0.26 * h, 0.22 * w, 22.0, 9.0)
    nests = smooth_noise(g, (h, w), 7.0)
    tumour = np.minimum(region, (nests - 0.15) * 8.0)
    fat = smooth_noise(g, (h, w), 40.0) * 40.0 + 8.0
    fat -= np.maximum(0.0, region + 25.0) * 2.0
    vessel = np.full((h, w), -99.0, np.float32)
    for _ in range(14):
        cy, cx = g.uniform(0.15 * h, 0.85 * h), g.uniform(0.12 * w, 0.82 * w)
        rad = g.uniform(2.5, 7.0)
        squash = g.uniform(0.5, 1.0)
        d = np.sqrt((yy - cy) ** 2 + ((xx - cx) * squash) ** 2)
        vessel = np.maximum(vessel, rad - d)
    lumen = (smooth_noise(g, (h, w), 1.6) - 2.1) * 3.0
    return _Map(tissue, tumour, fat, vessel, lumen,
                1.0 + 0.08 * smooth_noise(g, (h, w), 120.0),
                1.0 + 0.08 * smooth_noise(g, (h, w), 120.0))


class _LevelRenderer:
    """Renders the tiles of one pyramid level as JPEG bytes.

    Tiles wholly inside one tissue kind are crops of that kind's canvas; at the two
    finest levels they are cached by canvas position (the canvases are periodic, so the
    same few hundred tiles recur). Tiles on a boundary are composited pixel by pixel from
    the coarse fields. Stain-intensity modulation, which hides canvas periodicity at low
    magnification, is applied from level 2 down, where tiles are few.
    """

    def __init__(self, spec: SlideSpec, level: int, tmap: _Map, tex: _Textures,
                 colours: hist.StainColours):
        """tex holds the canvases already reduced to this level."""
        self.level, self.d = level, 1 << level
        self.map, self.tex, self.colours = tmap, tex, colours
        self.width = -(-spec.width // self.d)
        self.height = -(-spec.height // self.d)
        self.tiles_x = -(-self.width // TILE)
        self.tiles_y = -(-self.height // TILE)
        blank = np.zeros((TILE, TILE), np.uint8)
        self.background = _encode(colours.rgb(blank, blank, blank))
        self.modulate = self.d >= 4
        self._cache: dict[tuple[str, int, int], bytes] = {}

    def tiles(self) -> Iterator[bytes]:
        for index in range(self.tiles_x * self.tiles_y):
            yield self.tile(index)

    def _block(self, field: np.ndarray, ty: int, tx: int) -> np.ndarray:
        span = TILE * self.d / CELL
        r0, c0 = int(ty * span) - 1, int(tx * span) - 1
        r1, c1 = int((ty + 1) * span) + 2, int((tx + 1) * span) + 2
        return field[max(r0, 0):max(r1, 1), max(c0, 0):max(c1, 1)]

    def tile(self, index: int) -> bytes:
        ty, tx = divmod(index, self.tiles_x)
        m = self.map
        blocks = {name: self._block(getattr(m, name), ty, tx)
                  for name in ("tissue", "tumour", "fat", "vessel", "lumen")}
        if blocks["tissue"].size == 0 or blocks["tissue"].max() < -1.5:
            return self.background
        y0, x0 = ty * TILE, tx * TILE
        kind = _uniform_kind(blocks)
        if kind is None:
            h, e, r = self._mixed(y0, x0, blocks)
        else:
            canvas = getattr(self.tex, kind)
            key = (kind, y0 % canvas.period, x0 % canvas.period)
            if not self.modulate and key in self._cache:
                return self._cache[key]
            h, e, r = canvas.crop(y0, x0, TILE)
        if self.modulate:
            cy = min(m.mod_h.shape[0] - 1, int((y0 + TILE / 2) * self.d / CELL))
            cx = min(m.mod_h.shape[1] - 1, int((x0 + TILE / 2) * self.d / CELL))
            h = np.minimum(h * m.mod_h[cy, cx], 255).astype(np.uint8)
            e = np.minimum(e * m.mod_e[cy, cx], 255).astype(np.uint8)
        data = _encode(self.colours.rgb(h, e, r))
        if kind is not None and not self.modulate:
            self._cache[key] = data
        return data

    def _mixed(self, y0: int, x0: int, blocks: dict[str, np.ndarray]):
        """Per-pixel composite for a tile that straddles a boundary (uint8 densities)."""
        factor = CELL / self.d
        shape = self.map.tissue.shape
        rows_at = _lerp_at((y0 + np.arange(TILE) + 0.5) / factor - 0.5, shape[0])
        cols_at = _lerp_at((x0 + np.arange(TILE) + 0.5) / factor - 0.5, shape[1])

        def sample(field: np.ndarray) -> np.ndarray:
            """Bilinear upsampling by two gathers (tiny BLAS products are slow to thread)."""
            (rb, rf), (cb, cf) = rows_at, cols_at
            part = field[rb] * (1 - rf)[:, None] + field[rb + 1] * rf[:, None]
            return part[:, cb] * (1 - cf) + part[:, cb + 1] * cf
        p = self.tex.fine.shape[0]
        rows = ((y0 + np.arange(TILE)) * self.d // 3) % p      # ~30 um ragged boundaries
        cols = ((x0 + np.arange(TILE)) * self.d // 3) % p
        fine = self.tex.fine[np.ix_(rows, cols)]
        fine2 = self.tex.fine[np.ix_((rows + p // 2) % p, (cols + p // 3) % p)]
        jitter = 0.6 / min(self.d, 4)
        none = np.zeros((TILE, TILE), bool)

        edge = blocks["tissue"].min() < 1.5
        t = sample(self.map.tissue) + jitter * fine if edge else None
        tissue = t > 0 if edge else ~none
        rim = tissue & (t < 0.25) if edge else none
        if blocks["tumour"].max() > -1.0:
            u = sample(self.map.tumour) + 0.6 * jitter * fine2
            gland = (sample(self.map.lumen) + jitter * fine > 0
                     if blocks["lumen"].max() > -1.0 else none)
            tumour = tissue & (u > 0) & ~gland
            cleft = tissue & ~tumour & (u > -0.12)
        else:
            tumour = cleft = none
        f = blocks["fat"]
        if f.min() > 1.0:
            fat = tissue & ~tumour & ~cleft
        elif f.max() < -1.0:
            fat = none
        else:
            fat = tissue & ~tumour & ~cleft & (sample(self.map.fat) + jitter * fine2 > 0)
        if blocks["vessel"].max() > -2.5:
            vv = sample(self.map.vessel) + 0.5 * jitter * fine
            lumen = tissue & ~tumour & (vv > 0)
            wall = tissue & ~tumour & ~lumen & (vv > -1.3)
        else:
            lumen = wall = none

        h, e, r = (np.array(a) for a in self.tex.stroma.crop(y0, x0, TILE))
        for mask, canvas in ((fat, self.tex.fat), (tumour, self.tex.tumour)):
            if mask.any():
                for dst, src in zip((h, e, r), canvas.crop(y0, x0, TILE)):
                    dst[mask] = src[mask]
        if wall.any():
            e[wall] = np.minimum(e[wall] * 1.35 + 10, 255).astype(np.uint8)
            h[wall] = np.minimum(h[wall].astype(np.uint16) + 6, 255).astype(np.uint8)
        if rim.any():
            e[rim] = np.maximum(e[rim], 55)
        if lumen.any():
            blood = np.clip((fine2[lumen] + 0.9) * 1.2, 0.0, 1.0)
            h[lumen] = 1
            e[lumen] = (5 + 10 * blood).astype(np.uint8)
            r[lumen] = (150 * blood).astype(np.uint8)
        empty = ~tissue | cleft
        h[empty] = 0
        r[empty] = 0
        e[empty] = np.where(cleft[empty], 3, 0).astype(np.uint8)
        return h, e, r


def _uniform_kind(blocks: dict[str, np.ndarray]) -> str | None:
    """The single tissue kind covering a tile's map block, or None on a boundary."""
    b = blocks
    if b["tissue"].min() <= 1.5 or b["vessel"].max() >= -2.5:
        return None
    if b["tumour"].min() > 1.0 and b["lumen"].max() < -1.0:
        return "tumour"
    if b["tumour"].max() >= -1.0:
        return None
    if b["fat"].min() > 1.0:
        return "fat"
    if b["fat"].max() < -1.0:
        return "stroma"
    return None


def _lerp_at(positions: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Lower neighbour index and fraction for linear interpolation, clamped to n samples."""
    positions = np.clip(positions, 0, n - 1)
    base = np.minimum(positions.astype(np.int64), n - 2)
    return base, (positions - base).astype(np.float32)


def _encode(rgb: np.ndarray) -> bytes:
    return imagecodecs.jpeg8_encode(rgb, level=JPEG_QUALITY, colorspace="RGB",
                                    outcolorspace="YCBCR", subsampling=(2, 2))


def _label(case_id: str, block: str) -> np.ndarray:
    """The slide label: white paper, black text, a pseudo 2-D barcode."""
    img = np.full((320, 640, 3), 250, np.uint8)
    for row, (text, scale) in enumerate(((case_id, 7), (block + " H&E", 5), ("DEMO ONLY", 5))):
        mask = text_mask(text, scale)
        y = 24 + row * 72
        img[y:y + mask.shape[0], 24:24 + mask.shape[1]][mask] = 20
    code = rng(0, "label", case_id).random((12, 12)) > 0.5
    code[0, :] = code[:, 0] = True
    img[230 - 60:230 + 60, 500:620][code.repeat(10, 0).repeat(10, 1)] = 20
    return img


def write_slide(path: Path, seed: int, case_id: str, block: str,
                spec: SlideSpec = SlideSpec()) -> None:
    """Write the pyramidal slide to path (deterministic for a seed)."""
    tmap = _tissue_map(seed, spec)
    period = spec.canvas_period
    tex = _Textures(hist.stroma_canvas(seed, period), hist.tumour_canvas(seed, period // 2),
                    hist.fat_canvas(seed, period), hist.fine_noise(seed))
    description = (f"Synthetic H&E whole-slide image for software demonstration, not patient "
                   f"data. Case {case_id}, block {block}. MPP = {MPP}; AppMag = 40")
    colours = hist.StainColours()
    with tifffile.TiffWriter(path, bigtiff=True) as tw:
        for level in range(spec.levels):
            if level:
                tex = _Textures(tex.stroma.halved(), tex.tumour.halved(), tex.fat.halved(),
                                tex.fine)
            renderer = _LevelRenderer(spec, level, tmap, tex, colours)
            px_per_cm = 1e4 / (MPP * renderer.d)
            tw.write(
                renderer.tiles(),
                shape=(renderer.height, renderer.width, 3),
                dtype=np.uint8,
                tile=(TILE, TILE),
                photometric="rgb",
                compression="jpeg",
                subsampling=(2, 2),
                subfiletype=0 if level == 0 else 1,
                resolution=(px_per_cm, px_per_cm),
                resolutionunit="CENTIMETER",
                description=description if level == 0 else None,
                software="reviewer demo generator",
                metadata=None,
            )
        tw.write(_label(case_id, block), photometric="rgb", compression="zlib",
                 subfiletype=1, description="label", software="reviewer demo generator",
                 metadata=None)
