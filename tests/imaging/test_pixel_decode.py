"""Decoding: every file under testdata/dicom decodes (or fails with a plain reason), matching references."""
from __future__ import annotations

import warnings
from pathlib import Path

import imagecodecs
import numpy as np
import pydicom
import pytest
from pydicom.encaps import encapsulate
from pydicom.uid import (DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian,
                         ImplicitVRLittleEndian, RLELossless)

from support import TESTDATA
from synthetic import image_dataset, save

from reviewer.imaging import modality as M
from reviewer.imaging import voi
from reviewer.imaging.decode import decode_frame, iter_frames
from reviewer.imaging.errors import DicomError
from reviewer.imaging.image import read_header
from reviewer.imaging.source import FileSource
from reviewer.imaging.syntax import SYNTAXES

DICOM = TESTDATA / "dicom"
PYDICOM = DICOM / "pydicom-data"
ALL_FILES = sorted(p for p in DICOM.rglob("*") if p.is_file() and p.suffix != ".gz" and p.name != "LICENSE")


def decode_all(path: Path) -> np.ndarray:
    src = FileSource(path)
    try:
        h = read_header(src)
        return np.stack(list(iter_frames(h, src)))
    finally:
        src.close()


def header(path: Path):
    src = FileSource(path)
    try:
        return read_header(src)
    finally:
        src.close()


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(DICOM)))
def test_every_testdata_file_decodes(path):
    h = header(path)
    arr = decode_all(path)
    want = (h.fmt.frames, h.fmt.rows, h.fmt.columns) + ((3,) if h.fmt.color else ())
    assert arr.shape == want
    assert h.syntax.uid in SYNTAXES


def test_every_transfer_syntax_in_testdata_is_covered():
    seen = {header(p).syntax.name for p in ALL_FILES}
    for name in ("Explicit VR Little Endian", "Implicit VR Little Endian", "Explicit VR Big Endian",
                 "JPEG Lossless SV1", "JPEG-LS Lossless", "JPEG-LS Near-Lossless", "JPEG 2000 Lossless",
                 "JPEG 2000", "HTJ2K Lossless", "HTJ2K", "RLE Lossless", "Deflated Image Frame Compression"):
        assert name in seen


def _pydicom_reference(path: Path) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path, force=True)
        arr = ds.pixel_array        # pydicom 3 gives RGB for YBR and stored values for palettes
        if ds.get("PhotometricInterpretation") == "PALETTE COLOR":
            arr = pydicom.pixels.apply_color_lut(arr, ds)
    return arr if int(ds.get("NumberOfFrames", 1) or 1) > 1 else arr[None]


# Files pydicom decodes without plugins (native, RLE); big-endian palettes excluded: pydicom's
# apply_color_lut reads their 16-bit tables in little-endian order (checked against the LE twin below).
NATIVE = [p for p in sorted(PYDICOM.glob("*.dcm")) if header(p).syntax.codec in (None, "rle")
          and not p.name.startswith(("OBXXXX1A_expb", "gdcm-US-ALOKA-16_big", "OT-PAL"))
          and "nonbyte_aligned_rle" not in p.name and p.name != "liver_rle.dcm"]


@pytest.mark.parametrize("path", NATIVE, ids=lambda p: p.name)
def test_native_and_rle_match_pydicom(path):
    ours, ref = decode_all(path), _pydicom_reference(path)
    if header(path).fmt.photometric in ("YBR_FULL", "YBR_FULL_422"):
        assert np.abs(ours.astype(int) - ref.astype(int)).max() <= 1
    else:
        assert ours.dtype == ref.dtype.newbyteorder("=") and np.array_equal(ours, ref)


LOSSLESS_TWINS = [
    ("MR2_J2KR", "MR2_UNCR"), ("693_J2KR", "693_UNCR"), ("US1_J2KR", "US1_UNCR"),
    ("emri_small_RLE", "emri_small"), ("emri_small_jpeg_2k_lossless", "emri_small"),
    ("emri_small_jpeg_ls_lossless", "emri_small"), ("emri_small_big_endian", "emri_small"),
    ("emri_small_jpeg_2k_lossless_too_short", "emri_small"),
    ("liver_j2k", "liver"), ("liver_rle", "liver"), ("liver_deflate", "liver"), ("liver_expb", "liver"),
    ("liver_nonbyte_aligned_j2k", "liver_nonbyte_aligned"), ("liver_nonbyte_aligned_rle", "liver_nonbyte_aligned"),
    ("liver_nonbyte_aligned_deflate", "liver_nonbyte_aligned"), ("OBXXXX1A_rle", "OBXXXX1A"),
    ("OBXXXX1A_expb", "OBXXXX1A"), ("OBXXXX1A_rle_2frame", "OBXXXX1A_2frame"),
    ("OBXXXX1A_expb_2frame", "OBXXXX1A_2frame"), ("SC_rgb_expb", "SC_rgb"), ("SC_rgb_expb_16bit", "SC_rgb_16bit"),
    ("SC_rgb_expb_32bit_2frame", "SC_rgb_32bit_2frame"), ("JLSL_RGB_ILV0", "JLSL_RGB_ILV1"),
    ("JLSL_RGB_ILV2", "JLSL_RGB_ILV1"), ("gdcm-US-ALOKA-16_big", "gdcm-US-ALOKA-16"), ("color-pl", "color-px"),
    ("SC_rgb_gdcm2k_uncompressed", "SC_rgb"), ("HTJ2KLossless_08_RGB", "HTJ2KLossless_08_RGB"),
]
LOSSY_TWINS = [("MR2_J2KI", "MR2_UNCI", 0), ("US1_J2KI", "US1_UNCI", 0), ("JLSN_RGB_ILV0", "JLSL_RGB_ILV1", 3),
               ("SC_ybr_full_uncompressed", "SC_rgb", 8), ("HTJ2K_08_RGB", "HTJ2KLossless_08_RGB", 255),
               ("RG3_J2KI", "RG3_J2KR", 1023)]


@pytest.mark.parametrize("a, b", LOSSLESS_TWINS, ids=lambda x: x if isinstance(x, str) else "")
def test_lossless_encodings_of_one_image_agree(a, b):
    assert np.array_equal(decode_all(PYDICOM / f"{a}.dcm"), decode_all(PYDICOM / f"{b}.dcm"))


@pytest.mark.parametrize("a, b, tol", LOSSY_TWINS, ids=lambda x: x if isinstance(x, str) else "")
def test_lossy_encodings_stay_close(a, b, tol):
    x, y = decode_all(PYDICOM / f"{a}.dcm").astype(int), decode_all(PYDICOM / f"{b}.dcm").astype(int)
    assert x.shape == y.shape
    assert np.abs(x - y).max() <= tol
    assert np.abs(x - y).mean() < 2


def test_lossless_jpeg_decoders_agree_with_each_other():
    """JPEG-LL has no uncompressed twin: three independent lossless JPEG decoders must agree."""
    src = FileSource(PYDICOM / "JPEG-LL.dcm")
    h = read_header(src)
    ours = decode_frame(h, src, 0)
    from reviewer.imaging.decode import encapsulated_frames
    raw = encapsulated_frames(h, src)[0]
    for fn in (imagecodecs.ljpeg_decode, imagecodecs.jpegsof3_decode):
        assert np.array_equal(ours, fn(raw).view(np.int16))
    src.close()


def test_signed_14_bit_is_sign_extended():
    h = header(PYDICOM / "693_UNCR.dcm")
    assert h.fmt.signed and h.fmt.bits_stored == 14
    arr = decode_all(PYDICOM / "693_UNCR.dcm")
    assert arr.dtype == np.int16 and arr.min() < 0 and arr.max() < 2 ** 13


def test_non_byte_aligned_one_bit_frames():
    arr = decode_all(PYDICOM / "liver_nonbyte_aligned.dcm")
    assert arr.shape == (3, 510, 510) and set(np.unique(arr)) <= {0, 1}
    assert np.array_equal(arr, _pydicom_reference(PYDICOM / "liver_nonbyte_aligned.dcm"))


def test_float_pixel_data_keeps_its_precision():
    assert decode_all(PYDICOM / "parametric_map_float.dcm").dtype == np.float32
    assert decode_all(PYDICOM / "parametric_map_double_float.dcm").dtype == np.float64


def test_monochrome1_is_flagged_not_inverted():
    h = header(PYDICOM / "RG3_J2KR.dcm")
    assert h.monochrome1
    stored = decode_all(PYDICOM / "RG3_J2KR.dcm")[0]
    c, w = h.frames[0].windows[0]
    shown = voi.to_uint8(stored, c, w, invert=h.monochrome1)
    plain = voi.to_uint8(stored, c, w)
    assert np.array_equal(shown, 255 - plain)


def test_palette_big_endian_equals_little_endian():
    le, be = decode_all(PYDICOM / "OBXXXX1A.dcm"), decode_all(PYDICOM / "OBXXXX1A_expb.dcm")
    assert le.shape == (1, 600, 800, 3) and np.array_equal(le, be)


def test_modality_lut_matches_pydicom():
    path = PYDICOM / "mlut_18.dcm"
    h = header(path)
    assert h.modality_lut is not None
    stored = decode_all(path)[0]
    ours = M.to_modality(h, h.frames[0], stored)
    ds = pydicom.dcmread(path)
    ref = pydicom.pixels.apply_modality_lut(ds.pixel_array, ds)
    assert np.array_equal(ours, ref)


def test_voi_lut_sequence_matches_pydicom():
    path = PYDICOM / "vlut_04.dcm"
    h = header(path)
    assert h.voi_lut is not None
    stored = decode_all(path)[0]
    ds = pydicom.dcmread(path)
    ref = pydicom.pixels.apply_voi_lut(ds.pixel_array, ds).astype(np.float64)
    ours = voi.lut_to_uint8(stored, h.voi_lut).astype(np.float64)
    expected = np.rint(ref * 255.0 / (2 ** h.voi_lut.bits - 1))
    assert np.abs(ours - expected).max() <= 1


@pytest.mark.parametrize("function", ["LINEAR", "LINEAR_EXACT", "SIGMOID"])
def test_window_functions_follow_the_standard(function):
    x = np.arange(-1000, 1001, dtype=np.int16)
    y = voi.to_uint8(x, 40, 400, function)
    assert y[0] == 0 and y[-1] == 255 if function != "SIGMOID" else y[0] < 5 and y[-1] > 250
    assert np.all(np.diff(y.astype(int)) >= 0)
    assert abs(int(y[1040]) - 128) <= 1               # the centre maps to mid-grey
    floats = voi.to_uint8(x.astype(np.float32), 40, 400, function)       # float path (LINEAR as exact)
    assert np.abs(y.astype(int) - floats.astype(int)).max() <= 2


def test_float_parametric_map_window_is_not_a_step():
    vol_path = PYDICOM / "parametric_map_float.dcm"
    h = header(vol_path)
    values = decode_all(vol_path)[0]
    shown = voi.to_uint8(values, *h.frames[0].windows[0], h.voi_function)
    assert 20 < shown.mean() < 235 and len(np.unique(shown)) > 100


def test_rescale_gives_exact_integers_or_float32():
    h = header(DICOM / "dicom2nifti/failing/gantrytilting/001/IM-0001-0001.dcm")
    assert M.output_dtype(h, h.frames[0]) == np.int16          # 12-bit unsigned, -1024
    h = header(DICOM / "dicom2nifti/generic/anatomical/002_non_isotropic/001.dcm")
    assert M.output_dtype(h, h.frames[0]) == np.float32        # fractional slope
    h = header(DICOM / "dicom2nifti/generic/anatomical/001/IM-0001-0001-0001.dcm")
    assert M.output_dtype(h, h.frames[0]) == np.uint16         # no rescale: stored type


def test_enhanced_ct_per_frame_values_match_pydicom():
    path = PYDICOM / "eCT_Supplemental.dcm"
    h = header(path)
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    assert h.enhanced and len(h.frames) == 2
    for info, item in zip(h.frames, ds.PerFrameFunctionalGroupsSequence):
        assert np.allclose(info.plane.position, [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient])
    shared = ds.SharedFunctionalGroupsSequence[0]
    assert h.frames[0].intercept == float(shared.PixelValueTransformationSequence[0].RescaleIntercept)
    assert h.frames[0].windows[0] == (49.0, 102.0)
    assert np.allclose(h.frames[0].plane.spacing, [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing])


# --- encodings not present in testdata, made here with imagecodecs / pydicom -----------------------

def _encapsulated(tmp_path, name, frames, syntax, encode, **kw):
    ds = image_dataset(frames, syntax=syntax, **kw)
    ds.PixelData = encapsulate([encode(f) for f in frames])
    ds["PixelData"].VR = "OB"
    return save(ds, tmp_path / name)


def _gradient(n=2, rows=64, cols=80, dtype=np.uint16, top=4095, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, top + 1, size=(n, rows, cols)).astype(dtype)


def test_jpeg_baseline_grey_and_ybr_colour(tmp_path):
    grey = (np.add.outer(np.arange(64), np.arange(80)) % 256).astype(np.uint8)[None].repeat(2, 0)
    p = _encapsulated(tmp_path, "grey.dcm", grey, "1.2.840.10008.1.2.4.50",
                      lambda f: imagecodecs.jpeg8_encode(f, level=95), bits_stored=8)
    assert np.abs(decode_all(p).astype(int) - grey).max() <= 4
    rgb = np.zeros((1, 64, 80, 3), np.uint8)
    rgb[..., 0], rgb[..., 1], rgb[..., 2] = 200, np.arange(80)[None] * 3, 40
    p = _encapsulated(tmp_path, "ybr.dcm", rgb, "1.2.840.10008.1.2.4.50",
                      lambda f: imagecodecs.jpeg8_encode(f, level=95), photometric="YBR_FULL_422")
    out = decode_all(p)
    assert out.shape == rgb.shape and np.abs(out.astype(int) - rgb).mean() < 3   # converted back to RGB


def test_jpeg_extended_12_bit(tmp_path):
    frames = (np.add.outer(np.arange(64), np.arange(80)) * 20).astype(np.uint16)[None]
    p = _encapsulated(tmp_path, "ext.dcm", frames, "1.2.840.10008.1.2.4.51",
                      lambda f: imagecodecs.jpeg8_encode(f, level=95, bitspersample=12), bits_stored=12)
    assert np.abs(decode_all(p).astype(int) - frames).max() < 40


@pytest.mark.parametrize("syntax, encode, signed", [
    ("1.2.840.10008.1.2.4.70", lambda f: imagecodecs.jpeg8_encode(f, lossless=True, bitspersample=12), False),
    ("1.2.840.10008.1.2.4.57", lambda f: imagecodecs.jpeg8_encode(f, lossless=True, bitspersample=12), False),
    ("1.2.840.10008.1.2.4.80", lambda f: imagecodecs.jpegls_encode(f), False),
    ("1.2.840.10008.1.2.4.90", lambda f: imagecodecs.jpeg2k_encode(f, level=0, codecformat="j2k", reversible=True), True),
    ("1.2.840.10008.1.2.4.201", lambda f: imagecodecs.htj2k_encode(f, reversible=True), False),
])
def test_lossless_codecs_round_trip_multiframe(tmp_path, syntax, encode, signed):
    frames = _gradient(3)
    if signed:
        frames = (frames.astype(np.int32) - 2048).astype(np.int16)
    p = _encapsulated(tmp_path, "f.dcm", frames, syntax, encode, bits_stored=12 if not signed else 16, signed=signed)
    assert np.array_equal(decode_all(p), frames)


def test_rle_rgb_and_deflated_dataset_and_implicit(tmp_path):
    rgb = np.random.default_rng(1).integers(0, 256, (2, 32, 40, 3)).astype(np.uint8)
    ds = image_dataset(rgb, photometric="RGB")
    ds.PixelData = rgb.tobytes()
    ds.compress(RLELossless, rgb, encoding_plugin="pydicom")
    assert np.array_equal(decode_all(save(ds, tmp_path / "rle.dcm")), rgb)
    grey = _gradient(2)
    for syntax in (DeflatedExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian):
        ds = image_dataset(grey, syntax=syntax, bits_stored=12)
        ds.PixelData = grey.astype(">u2" if syntax == ExplicitVRBigEndian else "<u2").tobytes()
        ds["PixelData"].VR = "OW"
        p = save(ds, tmp_path / f"{syntax}.dcm")
        assert np.array_equal(decode_all(p), grey), syntax


def test_native_ybr_full_422_and_planar_rgb(tmp_path):
    rgb = np.random.default_rng(2).integers(0, 256, (1, 8, 10, 3)).astype(np.uint8)
    ds = image_dataset(rgb, photometric="RGB", planar=1)
    ds.PixelData = rgb[0].transpose(2, 0, 1).tobytes()
    assert np.array_equal(decode_all(save(ds, tmp_path / "planar.dcm")), rgb)
    y = np.full((8, 10), 128, np.uint8)
    ybr = np.empty((8, 5, 4), np.uint8)
    ybr[..., 0], ybr[..., 1], ybr[..., 2], ybr[..., 3] = y[:, ::2], y[:, 1::2], 128, 128
    ds = image_dataset(rgb, photometric="YBR_FULL_422")
    ds.PixelData = ybr.tobytes()
    out = decode_all(save(ds, tmp_path / "ybr422.dcm"))
    assert out.shape == (1, 8, 10, 3) and np.all(np.abs(out.astype(int) - 128) <= 1)


def test_unsupported_syntax_is_named(tmp_path):
    frames = _gradient(1)
    ds = image_dataset(frames, syntax="1.2.840.10008.1.2.4.102")
    ds.PixelData = encapsulate([b"\x00" * 16])
    with pytest.raises(DicomError, match="MPEG-4 video"):
        header(save(ds, tmp_path / "video.dcm"))
