"""read_region matches OpenSlide's on the same file, at every level, from plaintext files and from
the encrypted store (issue 4 "Correctness": mean absolute difference < 1)."""
from __future__ import annotations

import numpy as np
import openslide
import pytest

from slide_samples import NDPI, SVS, real_slide
from reviewer.model import Slide
from reviewer.pathology import TileCache, default_registry, open_slide, open_workspace_slide

TIFF_ONLY = default_registry(openslide=False)


def regions(level, ds: float) -> list[tuple[int, int, int, int]]:
    """Level-0 (x, y) and level (w, h): the corner, across tile edges, an unaligned point, and
    across the right/bottom border (partly outside the slide)."""
    tw, th = level.tile_width, level.tile_height
    w, h = level.width, level.height
    return [
        (0, 0, min(300, w), min(200, h)),
        (int((tw - 37) * ds), int((th - 23) * ds), 150, 120),                   # straddles 4 tiles
        (int((w // 3) * ds) + 1, int((h // 3) * ds) + 3, 257, 131),             # unaligned at level 0
        (int((w - 90) * ds), int((h - 60) * ds), 200, 150),                     # past the border
    ]


def assert_matches_openslide(handle, reference: openslide.OpenSlide) -> int:
    assert [(lv.width, lv.height) for lv in handle.levels] == list(reference.level_dimensions)[:len(handle.levels)]
    checked = 0
    for index, level in enumerate(handle.levels):
        assert level.downsample == pytest.approx(reference.level_downsamples[index])
        for x, y, w, h in regions(level, level.downsample):
            ours = handle.read_region(index, x, y, w, h).astype(np.int16)
            theirs = np.asarray(reference.read_region((x, y), index, (w, h))).astype(np.int16)
            assert ours.shape == theirs.shape == (h, w, 4)
            mad = np.abs(ours - theirs).mean()
            assert mad < 1.0, (index, (x, y, w, h), mad)
            # coverage agrees (a pixel half over the border may round its alpha differently)
            assert np.abs(ours[:, :, 3] - theirs[:, :, 3]).max() <= 2, (index, (x, y, w, h))
            checked += 1
    return checked


@pytest.mark.parametrize("path", [SVS, NDPI], ids=["svs", "ndpi"])
def test_real_slides_match_openslide(path):
    real_slide(path)
    with open_slide(path, registry=TIFF_ONLY) as ours, openslide.OpenSlide(str(path)) as ref:
        assert assert_matches_openslide(ours, ref) >= 4
        assert set(ours.info.associated) >= set(ref.associated_images) - {"thumbnail"} if path == NDPI \
            else set(ours.info.associated) == set(ref.associated_images)
        for name in ours.info.associated:
            if name in ref.associated_images:
                theirs = np.asarray(ref.associated_images[name])[:, :, :3].astype(np.int16)
                assert np.abs(ours.read_associated(name).astype(np.int16) - theirs).mean() < 1.0


def test_properties_of_real_slides():
    real_slide(SVS)
    real_slide(NDPI)
    with open_slide(SVS) as s:
        assert s.info.format == "aperio" and s.info.mpp == (0.499, 0.499) and s.info.objective_power == 20
        assert s.info.associated == ("label", "macro", "thumbnail")
    with open_slide(NDPI) as s, openslide.OpenSlide(str(NDPI)) as ref:
        assert s.info.format == "hamamatsu" and s.info.objective_power == 40
        assert s.info.mpp == pytest.approx((float(ref.properties["openslide.mpp-x"]),
                                            float(ref.properties["openslide.mpp-y"])))
        assert len(s.levels) == 4    # the file's own levels (OpenSlide adds JPEG-scaled ones below)


def test_demo_slide_matches_openslide(demo_slide):
    with open_slide(demo_slide, registry=TIFF_ONLY) as ours, openslide.OpenSlide(str(demo_slide)) as ref:
        assert ours.info.format == "generic-tiff" and len(ours.levels) == 4
        assert ours.info.mpp == pytest.approx((0.25, 0.25)) and ours.info.objective_power == 40
        assert ours.info.associated == ("label",)
        assert ours.read_associated("label").shape == (320, 640, 3)
        assert assert_matches_openslide(ours, ref) == 16


def test_dicom_wsi_matches_openslide(dicom_wsi):
    with open_slide(dicom_wsi, registry=TIFF_ONLY) as ours, openslide.OpenSlide(str(dicom_wsi / "level0.dcm")) as ref:
        assert ours.info.format == "dicom" and len(ours.levels) == 3
        assert ours.info.mpp == pytest.approx((0.25, 0.25)) and ours.info.objective_power == 20
        assert ours.info.associated == ("label",)
        assert assert_matches_openslide(ours, ref) == 12
        # the tile left out of the sparse level is absent: transparent in a region, white as a tile
        lv = ours.levels[1]
        region = ours.read_region(1, lv.tile_width * 2, lv.tile_height * 2, lv.tile_width, lv.tile_height)
        assert (region[:, :, 3] == 0).all()
        assert (ours.read_tile(1, 1, 1) == 255).all()


def test_one_instance_path_finds_its_series(dicom_wsi):
    with open_slide(dicom_wsi / "level1.dcm") as s:
        assert len(s.levels) == 3 and s.levels[0].width == 900


def _store(ws, path) -> Slide:
    blob = ws.blobs.put(path.read_bytes())
    return Slide(id=blob[:8], title="slide", size=path.stat().st_size, blob_id=blob, path="slides/x")


@pytest.mark.parametrize("which", ["svs", "ndpi", "demo"])
def test_encrypted_store_matches_openslide(workspace, demo_slide, which):
    path = {"svs": SVS, "ndpi": NDPI, "demo": demo_slide}[which]
    real_slide(path)
    slide = _store(workspace, path)
    with open_workspace_slide(workspace, slide) as ours, openslide.OpenSlide(str(path)) as ref:
        assert ours.name == f"stored slide {slide.blob_id[:12]}"
        assert_matches_openslide(ours, ref)


def test_encrypted_dicom_series_from_siblings(workspace, dicom_wsi):
    slides = [_store(workspace, p) for p in sorted(dicom_wsi.iterdir())]
    level1 = next(s for s, p in zip(slides, sorted(dicom_wsi.iterdir())) if p.name == "level1.dcm")
    with open_workspace_slide(workspace, level1, siblings=slides) as ours, \
            openslide.OpenSlide(str(dicom_wsi / "level0.dcm")) as ref:
        assert len(ours.levels) == 3 and ours.info.associated == ("label",)
        assert_matches_openslide(ours, ref)


def test_tiles_cover_the_level_and_are_cached_read_only(demo_slide):
    cache = TileCache(8 << 20)
    with open_slide(demo_slide, cache=cache) as s:
        lv = s.levels[2]
        whole = s.read_region(2, 0, 0, lv.width, lv.height)[:, :, :3]
        for c, r in s.tiles_for_region(2, 0, 0, lv.width, lv.height):
            x, y, w, h = lv.tile_rect(c, r)
            tile = s.read_tile(2, c, r)
            assert tile.shape == (h, w, 3) and not tile.flags.writeable
            assert (tile == whole[y:y + h, x:x + w]).all()
        assert cache.hits > 0 and len(cache) > 0
    assert len(cache) == 0     # closing a slide drops its tiles from a shared cache


def test_parallel_region_equals_serial(demo_slide):
    from concurrent.futures import ThreadPoolExecutor
    with open_slide(demo_slide) as a, open_slide(demo_slide) as b, ThreadPoolExecutor(4) as pool:
        serial = a.read_region(0, 500, 300, 1600, 1000)
        parallel = b.read_region(0, 500, 300, 1600, 1000, executor=pool)
        assert (serial == parallel).all()


def test_best_level_for_downsample(demo_slide):
    with open_slide(demo_slide) as s:
        assert [s.best_level_for_downsample(d) for d in (0.5, 1, 1.9, 2, 3.99, 6, 100)] == [0, 0, 0, 1, 1, 2, 3]
