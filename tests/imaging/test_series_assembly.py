"""Series assembly and geometry on synthetic series whose true geometry is known."""
from __future__ import annotations

import numpy as np
import pytest
from pydicom.uid import generate_uid

from support import TESTDATA
from synthetic import ct_dataset, write_ct_series

from reviewer.imaging.errors import DicomError
from reviewer.imaging.geometry import (GANTRY_TILT, IRREGULAR_SPACING, MISSING_SLICES, MIXED_ORIENTATION,
                                       NOT_A_VOLUME, SPLIT)
from reviewer.imaging.image import read_header
from reviewer.imaging.series import assemble
from reviewer.imaging.source import FileSource
from reviewer.imaging.volume import LoadCancelled, file_openers, load_files, load_series, read_headers

SIZE = 24


def write(folder, positions, *, orientation=(1, 0, 0, 0, 1, 0), seed=0, extra=None, size=SIZE, **kw):
    """One file per position (in the given order); returns (paths, stored pixels per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    uids = dict(series_uid=kw.pop("series_uid", generate_uid()), study_uid=generate_uid(), frame_uid=generate_uid())
    paths, pixels = [], []
    for i, pos in enumerate(positions):
        px = rng.integers(0, 4096, (size, size), dtype=np.uint16)
        ori = orientation[i] if isinstance(orientation, list) else orientation
        ds = ct_dataset(i, px, position=pos, orientation=ori, **uids, **kw)
        for key, value in (extra(i) if extra else {}).items():
            setattr(ds, key, value)
        p = folder / f"f{i:03d}.dcm"
        ds.save_as(p, enforce_file_format=True)
        paths.append(p)
        pixels.append(px)
    return paths, pixels


def kinds(vol_or_stack):
    return [w.kind for w in vol_or_stack.warnings]


def test_shuffled_files_sort_along_the_normal(tmp_path):
    files, hu = write_ct_series(tmp_path, slices=12, size=SIZE, shuffle=True, seed=3)
    vol = load_files(files)
    assert vol.is_volume and not vol.warnings
    assert vol.array.dtype == np.int16 and vol.array.shape == (12, SIZE, SIZE)
    assert np.array_equal(vol.array, hu.astype(np.int16))
    a = vol.affine
    for k, pos in enumerate(vol.geometry.positions):
        assert np.allclose(a @ [0, 0, k, 1], [*pos, 1], atol=1e-6)
        assert np.isclose(pos[2], -100.0 + 2.5 * k)
    assert np.allclose(vol.spacing, (0.7, 0.7, 2.5))


def test_reversed_listing_is_streamed_into_ascending_order(tmp_path):
    positions = [(0, 0, 10.0 - 2 * k) for k in range(8)]              # superior first
    files, px = write(tmp_path, positions)
    seen = []
    vol = load_series(file_openers(files), on_slice=lambda i, d, t, img: seen.append(i))
    assert seen == list(range(7, -1, -1))                              # each slice went straight to its place
    assert np.array_equal(vol.array, (np.stack(px[::-1]).astype(np.int32) - 1024).astype(np.int16))


def test_affine_maps_rows_and_columns_like_dicom(tmp_path):
    ori = (0, 1, 0, 0, 0, -1)                                          # sagittal: rows along +y, columns down
    files, _ = write(tmp_path, [(x, -50.0, 80.0) for x in (3.0, 4.5, 6.0)], orientation=ori, spacing=(0.5, 0.8))
    vol = load_files(files)
    a = vol.affine
    assert np.allclose(a[:3, 0], [0, 0.8, 0])     # column index i moves along the row direction by column spacing
    assert np.allclose(a[:3, 1], [0, 0, -0.5])    # row index j moves along the column direction by row spacing
    normal = np.cross([0, 1, 0], [0, 0, -1])
    assert np.allclose(vol.geometry.direction_array[:, 2], normal)
    d = [np.dot(p, normal) for p in vol.geometry.positions]
    assert d == sorted(d)


def test_missing_slice(tmp_path):
    files, _ = write(tmp_path, [(0, 0, z) for z in (0, 2, 4, 8, 10)])
    vol = load_files(files)
    assert MISSING_SLICES in kinds(vol) and not vol.is_volume
    assert vol.array.shape[0] == 5 and "1 slice missing" in vol.warnings[0].message


def test_irregular_spacing(tmp_path):
    files, _ = write(tmp_path, [(0, 0, z) for z in (0, 2, 4.7, 6, 8)])
    vol = load_files(files)
    assert kinds(vol) == [IRREGULAR_SPACING] and not vol.is_volume


def test_gantry_tilt_keeps_true_positions_in_the_affine(tmp_path):
    t = np.radians(20)
    ori = (1, 0, 0, 0, np.cos(t), -np.sin(t))
    positions = [(0, -100, 5.0 * k) for k in range(5)]
    files, _ = write(tmp_path, positions, orientation=ori)
    vol = load_files(files)
    assert kinds(vol) == [GANTRY_TILT] and "20.0°" in vol.warnings[0].message
    for k, pos in enumerate(vol.geometry.positions):
        assert np.allclose(vol.affine @ [0, 0, k, 1], [*pos, 1], atol=1e-4)
    assert np.isclose(vol.spacing[2], 5.0 * np.cos(t), atol=1e-4)      # distance between slice planes


def test_mixed_orientation_is_split(tmp_path):
    ax = [(0, 0, z) for z in (0, 1, 2, 3)]
    sag = [(z, 0, 0) for z in (0, 1, 2)]
    files, _ = write(tmp_path, ax + sag, orientation=[(1, 0, 0, 0, 1, 0)] * 4 + [(0, 1, 0, 0, 0, -1)] * 3)
    headers, errors = read_headers(file_openers(files))
    stacks = assemble(headers)
    assert [s.slices for s in stacks] == [4, 3] and not errors
    assert all(MIXED_ORIENTATION in kinds(s) for s in stacks)
    vol = load_files(files)
    assert vol.array.shape[0] == 4 and [s.slices for s in vol.other_stacks] == [3]
    sagittal = load_files(files, choose=lambda stacks: stacks[1])
    assert sagittal.array.shape[0] == 3 and np.allclose(sagittal.geometry.normal, [-1, 0, 0])


def test_localizer_is_set_apart(tmp_path):
    loc = dict(ImageType=["ORIGINAL", "PRIMARY", "LOCALIZER"])
    files, _ = write(tmp_path, [(0, 0, 50)] + [(0, 0, z) for z in range(6)],
                     orientation=[(1, 0, 0, 0, 0, -1)] + [(1, 0, 0, 0, 1, 0)] * 6,
                     extra=lambda i: loc if i == 0 else {})
    vol = load_files(files)
    assert vol.array.shape[0] == 6 and vol.is_volume
    [localizer] = vol.other_stacks
    assert NOT_A_VOLUME in kinds(localizer) and any("localizer" in w.message for w in localizer.warnings)


def test_echoes_at_the_same_positions_split_into_stacks(tmp_path):
    positions = [(0, 0, z) for z in range(4)] * 2
    files, _ = write(tmp_path, positions, extra=lambda i: {"EchoNumbers": str(1 + i // 4)})
    stacks = assemble(read_headers(file_openers(files))[0])
    assert [s.slices for s in stacks] == [4, 4]
    assert all(s.is_volume and SPLIT in kinds(s) and "echo" in s.warnings[0].message for s in stacks)


def test_repeated_position_without_a_key_is_not_a_volume(tmp_path):
    files, _ = write(tmp_path, [(0, 0, 0)] * 3)
    vol = load_files(files)
    assert kinds(vol) == [NOT_A_VOLUME] and "same position" in vol.warnings[0].message
    assert vol.array.shape[0] == 3


def test_differing_sizes_fall_back_to_two_passes(tmp_path):
    uid = generate_uid()
    a, _ = write(tmp_path / "a", [(0, 0, z) for z in range(5)], series_uid=uid)
    b, _ = write(tmp_path / "b", [(0, 0, 9)], series_uid=uid, size=SIZE * 2)
    vol = load_files(a + b)
    assert vol.array.shape == (5, SIZE, SIZE) and SPLIT in kinds(vol)
    assert vol.other_stacks[0].rows == SIZE * 2


def test_no_geometry_is_a_stack_in_instance_order(tmp_path):
    files, px = write(tmp_path, [(0, 0, z) for z in range(3)], extra=lambda i: {"InstanceNumber": str(3 - i)})
    import pydicom
    for f in files:
        ds = pydicom.dcmread(f)
        del ds.ImagePositionPatient, ds.ImageOrientationPatient
        ds.save_as(f)
    vol = load_files(files)
    assert kinds(vol) == [NOT_A_VOLUME] and "no patient position" in vol.warnings[0].message
    assert np.array_equal(vol.array[0], px[2].astype(np.int32) - 1024)


def test_single_image_is_not_a_volume(tmp_path):
    files, _ = write(tmp_path, [(0, 0, 0)])
    vol = load_files(files)
    assert kinds(vol) == [NOT_A_VOLUME] and vol.array.shape == (1, SIZE, SIZE)


def test_per_slice_fractional_rescale_gives_float32(tmp_path):
    slopes = [0.5, 0.25, 1.5]
    files, px = write(tmp_path, [(0, 0, z) for z in range(3)],
                      extra=lambda i: {"RescaleSlope": str(slopes[i]), "RescaleIntercept": "0"})
    vol = load_files(files)
    assert vol.array.dtype == np.float32
    for k in range(3):
        assert np.allclose(vol.array[k], px[k] * slopes[k])


def test_signed_16_bit_ct_stays_int16_when_the_values_fit(tmp_path):
    files, px = write(tmp_path, [(0, 0, z) for z in range(3)], signed=True, bits_stored=16)
    vol = load_files(files)
    assert vol.array.dtype == np.int16
    big, pxb = write(tmp_path / "big", [(0, 0, z) for z in range(3)], signed=True, bits_stored=16,
                     extra=lambda i: {"RescaleIntercept": "30000"} if i == 2 else {})
    vol = load_files(big)                                              # 30000 + 4095 does not fit int16
    assert vol.array.dtype == np.int32
    assert vol.array[2].max() == int(pxb[2].max()) + 30000
    assert np.array_equal(vol.array[0], pxb[0].astype(np.int32) - 1024)


def test_a_corrupt_file_is_skipped_and_named(tmp_path):
    files, _ = write(tmp_path, [(0, 0, z) for z in range(5)])
    files[2].write_bytes(files[2].read_bytes()[:700])
    vol = load_files(files)
    assert vol.array.shape[0] == 4 and MISSING_SLICES in kinds(vol)
    [(item, message)] = vol.errors
    assert item.endswith("f002.dcm") and "truncated" in message


def test_all_files_corrupt_raises_a_plain_error(tmp_path):
    (tmp_path / "a.dcm").write_bytes(b"not dicom at all" * 20)
    with pytest.raises(DicomError, match="not a DICOM file"):
        load_files([tmp_path / "a.dcm"])


def test_progress_reports_every_slice_and_can_cancel(tmp_path):
    files, _ = write(tmp_path, [(0, 0, z) for z in range(6)])
    calls = []
    load_files(files, on_slice=lambda i, done, total, img: calls.append((done, total, img.shape)))
    assert [c[0] for c in calls] == list(range(1, 7)) and calls[0][1:] == (6, (SIZE, SIZE))
    with pytest.raises(LoadCancelled):
        load_files(files, on_slice=lambda *a: False)


def test_enhanced_multiframe_becomes_frames():
    path = TESTDATA / "dicom/pydicom-data/eCT_Supplemental.dcm"
    vol = load_series(file_openers([path]))
    assert vol.array.shape == (2, 512, 512) and vol.array.dtype == np.int16
    h = read_header(FileSource(path))
    assert vol.geometry.positions == tuple(f.plane.position for f in sorted(
        h.frames, key=lambda f: np.dot(f.plane.position, vol.geometry.normal)))


def test_multiframe_without_geometry_is_a_stack():
    vol = load_series(file_openers([TESTDATA / "dicom/misc/MR-MONO2-8-16x-heart"]))
    assert vol.array.shape == (16, 256, 256) and vol.array.dtype == np.uint8
    assert kinds(vol) == [NOT_A_VOLUME]
