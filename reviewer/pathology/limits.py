"""Bounds that stop decompression bombs before anything is allocated.

Why: a slide is untrusted input. Its headers can claim a billion-pixel tile or a JPEG stream can
declare 65535 x 65535 inside a 256 x 256 tile; every size is checked against these limits (and
against the file's real length) before a buffer of that size exists.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_side: int = 1 << 21                 # pixels per side of any level (2,097,152)
    max_levels: int = 64
    max_tile_pixels: int = 1 << 24          # one decoded native tile, strip or frame (16 Mpx)
    max_tile_bytes: int = 64 << 20          # one compressed tile
    max_region_pixels: int = 1 << 26        # one read_region call (64 Mpx, 256 MB RGBA)
    max_associated_pixels: int = 1 << 26    # label, macro, thumbnail
    max_tiles_per_level: int = 1 << 24
    max_frames: int = 1 << 22               # frames of one DICOM instance


DEFAULT_LIMITS = Limits()
