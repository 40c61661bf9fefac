"""Bad input: clear SlideErrors naming the item, TileError for one corrupt tile, bombs refused
before anything large is allocated, and no patient data (file names) in messages from the store."""
from __future__ import annotations

import shutil
import struct

import numpy as np
import pytest
import tifffile

from slide_samples import SVS, real_slide
from reviewer.errors import ReviewerError
from reviewer.model import Slide
from reviewer.pathology import Limits, SlideError, TileError, UnsupportedSlide, open_slide, open_workspace_slide


def _tile_location(path, level=0, index=None):
    with tifffile.TiffFile(path) as t:
        p = t.pages[level]
        if index is None:
            index = int(np.argmax(p.databytecounts))      # a tissue tile (not a shared blank one)
        cols = -(-p.imagewidth // p.tilewidth)
        return index, p.dataoffsets[index], p.databytecounts[index], (None, cols)


def test_not_a_slide(tmp_path):
    for name, data in (("notes.txt", b"just some text\n" * 100), ("empty.svs", b""),
                       ("random.tif", np.random.default_rng(0).bytes(5000))):
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(UnsupportedSlide) as e:
            open_slide(p)
        assert name in str(e.value) and "not a slide format" in str(e.value)
    with pytest.raises(SlideError, match="no such file"):
        open_slide(tmp_path / "missing.svs")


def test_tiff_without_a_pyramid(tmp_path):
    p = tmp_path / "photo.tif"
    tifffile.imwrite(p, np.zeros((64, 64, 3), np.uint8))       # stripped, not tiled
    with pytest.raises(SlideError, match="no tiled image pyramid"):
        open_slide(p)


def test_broken_tiff_header(tmp_path):
    p = tmp_path / "broken.tif"
    p.write_bytes(b"II*\x00" + struct.pack("<I", 10_000_000) + b"\x00" * 100)   # first IFD beyond the end
    with pytest.raises(SlideError) as e:
        open_slide(p)
    assert "broken.tif" in str(e.value)


def test_corrupt_tile_is_a_tile_error_and_the_rest_reads(tmp_path, demo_slide):
    p = tmp_path / "corrupt.tif"
    shutil.copy(demo_slide, p)
    index, offset, count, (rows, cols) = _tile_location(p)
    with open(p, "r+b") as f:
        f.seek(offset)
        f.write(b"\x00\x11\x22\x33" * 16)                       # destroys the JPEG headers
    col, row = index % cols, index // cols
    with open_slide(p) as s:
        with pytest.raises(TileError) as e:
            s.read_tile(0, col, row)
        assert (e.value.level, e.value.col, e.value.row) == (0, col, row)
        assert "corrupt.tif" in str(e.value) and f"tile ({col}, {row}) of level 0" in str(e.value)
        with pytest.raises(TileError):
            s.read_region(0, col * 256 - 10, row * 256 - 10, 50, 50)
        other = (col + 1) % cols
        assert s.read_tile(0, other, row).shape[2] == 3          # the neighbours still read
        with pytest.raises(TileError):                           # errors are not cached
            s.read_tile(0, col, row)


def test_jpeg_declaring_a_huge_frame_is_refused_before_decoding(tmp_path, demo_slide):
    p = tmp_path / "bomb-tile.tif"
    shutil.copy(demo_slide, p)
    index, offset, count, (rows, cols) = _tile_location(p)
    with open(p, "rb") as f:
        f.seek(offset)
        data = f.read(count)
    sof = data.find(b"\xff\xc0")
    assert sof > 0
    with open(p, "r+b") as f:
        f.seek(offset + sof + 5)
        f.write(struct.pack(">HH", 60000, 60000))
    with open_slide(p) as s, pytest.raises(TileError, match="declares 60000 x 60000"):
        s.read_tile(0, index % cols, index // cols)


def test_truncated_files(tmp_path):
    src = real_slide(SVS).read_bytes()
    for keep in (0.05, 0.6, 0.9):
        p = tmp_path / f"cut{keep}.svs"
        p.write_bytes(src[:int(len(src) * keep)])
        try:
            s = open_slide(p)
        except SlideError as e:
            assert p.name in str(e)
            continue
        errors = 0
        with s:
            lv = s.levels[0]
            for r in range(lv.rows):
                for c in range(lv.cols):
                    try:
                        s.read_tile(0, c, r)
                    except TileError as e:
                        errors += 1
                        assert "truncated" in str(e) or "cannot be decoded" in str(e)
            for name in s.info.associated:      # label and macro sit at the end of this file
                try:
                    s.read_associated(name)
                except SlideError as e:
                    errors += 1
                    assert name in str(e)
        # 0.6 cuts level 0's tile data; at 0.9 the IFDs of the cut label/macro are gone with their
        # data, so the slide simply lists fewer associated images
        assert errors > 0 if keep == 0.6 else "macro" not in s.info.associated, keep


def _patch_tag(path, code, value):
    with tifffile.TiffFile(path, mode="r+b") as t:
        t.pages[0].tags[code].overwrite(value)


@pytest.mark.parametrize("tag, value, message", [
    (256, 5_000_000, "beyond"),          # ImageWidth
    (322, 32768, "pixels per tile"),     # TileWidth (with TileLength 256 -> 8 Mpx is fine; see below)
])
def test_absurd_dimensions_are_refused(tmp_path, demo_slide, tag, value, message):
    p = tmp_path / "absurd.tif"
    shutil.copy(demo_slide, p)
    _patch_tag(p, tag, value)
    if tag == 322:
        _patch_tag(p, 323, 32768)        # TileLength too: 1 Gpx per tile
    with pytest.raises(SlideError) as e:
        open_slide(p)
    assert "absurd.tif" in str(e.value)


def test_limits_bound_regions_and_associated_images(demo_slide):
    with open_slide(demo_slide, limits=Limits(max_region_pixels=1000, max_associated_pixels=1000)) as s:
        with pytest.raises(SlideError, match="larger than"):
            s.read_region(0, 0, 0, 100, 100)
        with pytest.raises(SlideError, match="too many"):
            s.read_associated("label")
        with pytest.raises(SlideError, match="has no level 9"):
            s.read_region(9, 0, 0, 10, 10)


def test_dicom_truncated_and_corrupt(tmp_path, dicom_wsi):
    folder = tmp_path / "dcm"
    shutil.copytree(dicom_wsi, folder)
    level0 = folder / "level0.dcm"
    data = level0.read_bytes()
    level0.write_bytes(data[:len(data) * 2 // 3])
    try:
        s = open_slide(level0)
    except SlideError as e:
        assert "level0.dcm" in str(e)
    else:
        with s, pytest.raises(TileError):
            lv = s.levels[0]
            for r in range(lv.rows):
                for c in range(lv.cols):
                    s.read_tile(0, c, r)
    (folder / "level0.dcm").write_bytes(data[:200])
    with pytest.raises(SlideError):
        open_slide(folder / "level0.dcm")


def test_stored_slide_errors_never_quote_the_file_name(workspace):
    blob = workspace.blobs.put(b"II*\x00" + b"\xff" * 64)
    slide = Slide(id="s1", title="Doe, John", size=68, blob_id=blob, path="slides/Doe_John_1970.svs")
    with pytest.raises(ReviewerError) as e:
        open_workspace_slide(workspace, slide)
    assert "Doe" not in str(e.value) and blob[:12] in str(e.value)


def test_tampered_blob_fails_integrity(workspace, demo_slide):
    blob = workspace.blobs.put(demo_slide.read_bytes())
    slide = Slide(id="s1", title="t", size=0, blob_id=blob, path="slides/x.tif")
    path = workspace.blobs.path(blob)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with open_workspace_slide(workspace, slide) as s:
        failures = 0
        lv = s.levels[0]
        for r in range(lv.rows):
            for c in range(lv.cols):
                try:
                    s.read_tile(0, c, r)
                except ReviewerError as e:
                    failures += 1
                    assert "integrity" in str(e)
        assert failures >= 1
