"""The slide bench rows run at tiny sizes (timing budgets are for the real machine, DESIGN §6)."""
from pathlib import Path

import numpy as np
import openslide

from reviewer.bench.common import Sizes
from reviewer.bench.pathology import slide_benchmarks, write_synthetic_pyramid
from reviewer.pathology import open_slide

TINY = Sizes(slide_width=5000, slide_height=4000, slide_tiles=6, slide_repeats=1)


def test_rows_at_tiny_sizes(tmp_path):
    rows = slide_benchmarks(tmp_path, TINY)
    assert [r.name for r in rows] == ["slide_tile_vs_decode_floor", "slide_tile_vs_openslide", "slide_first_viewport"]
    assert [r.target for r in rows] == [1.5, 1.0, 1.0]
    assert all(r.value > 0 and r.baseline > 0 and r.unit == "s" for r in rows)
    assert rows[2].baseline == 0.150


def test_synthetic_pyramid_is_a_real_slide(tmp_path: Path):
    p = tmp_path / "s.tif"
    write_synthetic_pyramid(p, 3000, 2000)
    with open_slide(p) as ours, openslide.OpenSlide(str(p)) as ref:
        assert [(lv.width, lv.height) for lv in ours.levels] == list(ref.level_dimensions)
        assert ours.info.mpp == (0.25, 0.25)
        a = ours.read_region(1, 100, 300, 700, 500).astype(int)
        b = np.asarray(ref.read_region((100, 300), 1, (700, 500))).astype(int)
        assert np.abs(a - b).mean() < 1.0
