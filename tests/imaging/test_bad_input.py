"""Bad input: every failure is a DicomError naming the item, fast, without runaway memory or patient data.

Cases: the failing/ series, files truncated at many points, element lengths changed (a little, or
to 0xFFFFFFF0), files that are not DICOM at all, pixel data shorter than the header says,
implausible sizes, deflate bombs, deep nesting, and seeded random corruption.
"""
from __future__ import annotations

import random
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import numpy as np
import pytest

from support import TESTDATA
from synthetic import ct_dataset, image_dataset, save

from reviewer.imaging import scan as scan_module
from reviewer.imaging.decode import iter_frames
from reviewer.imaging.errors import DicomError
from reviewer.imaging.image import read_header
from reviewer.imaging.info import dicom_info
from reviewer.imaging.scan import scan
from reviewer.imaging.source import BytesSource
from reviewer.imaging.volume import file_openers, load_files, load_series

DICOM = TESTDATA / "dicom"
FAILING = DICOM / "dicom2nifti" / "failing"
LABEL = "case-7/IM0001.dcm"
PATIENT = ("Synthetic", "SYN0001", "Testpatient")          # values that must never reach a message
MAX_SECONDS = 5.0
MAX_PEAK = 64 << 20

SAMPLES = [DICOM / p for p in (
    "dicom2nifti/generic/anatomical/001/IM-0001-0001-0001.dcm",    # explicit VR LE
    "dicom2nifti/philips/anatomical/001/IM-0001-0001-0001.dcm",    # implicit VR LE
    "pydicom-data/emri_small_big_endian.dcm",                       # big endian, multi-frame
    "pydicom-data/MR2_J2KR.dcm",                                    # JPEG 2000
    "pydicom-data/emri_small_RLE.dcm",                              # RLE, 10 frames
    "pydicom-data/eCT_Supplemental.dcm",                            # enhanced CT, functional groups
    "pydicom-data/OBXXXX1A.dcm",                                    # palette colour
    "pydicom-data/liver_deflate.dcm",                               # deflated frames, 1-bit
    "pydicom-data/JLSL_RGB_ILV0.dcm",                               # no preamble, JPEG-LS
    "pydicom-data/OT-PAL-8-face.dcm",                               # no meta at all
)]


def attempt(data: bytes, label: str = LABEL) -> str | None:
    """Reads header, every frame and the series from ``data``; returns the error message or None.

    Anything other than DicomError fails the test, as does taking over MAX_SECONDS or MAX_PEAK bytes.
    """
    tracemalloc.start()
    t0 = time.perf_counter()
    message = None
    try:
        src = BytesSource(data, label)
        h = read_header(src)
        for _ in iter_frames(h, src):
            pass
        load_series([lambda: BytesSource(data, label)])
    except DicomError as exc:
        message = str(exc)
        assert message.startswith(f"{label}: ") and exc.reason
        assert not any(p in message for p in PATIENT)
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < MAX_SECONDS
    assert peak < MAX_PEAK
    return message


@pytest.fixture(scope="module")
def ct_bytes(tmp_path_factory) -> bytes:
    px = np.random.default_rng(0).integers(0, 4096, (64, 64), dtype=np.uint16)
    ds = ct_dataset(0, px, series_uid="1.2.3", study_uid="1.2.4", frame_uid="1.2.5")
    ds.PatientName = "Testpatient^Alice"
    path = tmp_path_factory.mktemp("ct") / "ct.dcm"
    ds.save_as(path, enforce_file_format=True)
    return path.read_bytes()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("folder", sorted(p.relative_to(FAILING).as_posix() for p in FAILING.glob("*/*") if p.is_dir()))
def test_failing_series_load_with_warnings(folder):
    files = sorted((FAILING / folder).glob("*.dcm"))
    t0 = time.perf_counter()
    vol = load_files(files)
    assert time.perf_counter() - t0 < MAX_SECONDS
    assert vol.warnings and not vol.is_volume and vol.array.size
    assert not dicom_info(FAILING / folder)["errors"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_truncated_anywhere(path):
    data = path.read_bytes()
    header_end = min(len(data), 8192)
    cuts = sorted({0, 1, 8, 64, 128, 131, 132, 135, 140, 200, 400, 800} | set(range(0, header_end, 97))
                  | {len(data) // 2, len(data) - 9, len(data) - 2, len(data) - 1})
    for cut in cuts:
        if cut >= len(data):
            continue
        message = attempt(data[:cut])
        assert message is not None, f"a file cut at {cut} of {len(data)} bytes was accepted"


def _element_offsets(data: bytes) -> list[tuple[int, int, bool]]:
    """(offset of the length field, its size, explicit long form) of every top-level element."""
    s = scan(BytesSource(data, "x"))
    out = []
    for tag, (vr, start, vstart, length, end) in s.elements.items():
        if length < 0:
            continue
        out.append((vstart - 4, 4, True) if vstart - start == 12 or not vr else (vstart - 2, 2, False))
    return out


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", SAMPLES[:7], ids=lambda p: p.name)
def test_wrong_and_huge_element_lengths(path):
    data = path.read_bytes()
    little = b"\x02\x00\x10\x00" in data[:200] and scan(BytesSource(data, "x")).syntax.little_endian
    for offset, size, _ in _element_offsets(data):
        for value in (0xFFFFFFF0, 0x7FFFFFFF, 0xFFFF, 1, 3):
            if size == 2 and value > 0xFFFF:
                continue
            patched = bytearray(data)
            patched[offset:offset + size] = value.to_bytes(size, "little" if little else "big")
            attempt(bytes(patched))                # any outcome but a crash, a hang or a big allocation


def test_huge_pixel_length_is_refused_before_allocating(ct_bytes):
    s = scan(BytesSource(ct_bytes, "x"))
    _, start, vstart, length, _ = s.layout.pixel
    patched = bytearray(ct_bytes)
    patched[vstart - 4:vstart] = struct.pack("<I", 0xFFFFFFF0)
    assert "pixel data declares 4294967280 bytes" in attempt(bytes(patched))


@pytest.mark.parametrize("data, why", [
    (b"", "too short"), (b"hello", "too short"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "not a DICOM file"),
    (b"PK\x03\x04" + b"\0" * 300, "not a DICOM file"), (bytes(range(256)) * 4, "not a DICOM file"),
    (b"\0" * 128 + b"DICM", "ends inside its meta"), (b"\0" * 128 + b"DICM" + b"\2\0\0\0UL\4\0", "declares 4 bytes but the file is shorter"),
])
def test_not_dicom_at_all(data, why):
    assert why in attempt(data)


def test_nifti_and_license_files_are_not_dicom():
    for p in [next((DICOM / "dicom2nifti").rglob("*.nii.gz")), DICOM / "dicom2nifti/LICENSE"]:
        assert "not a DICOM file" in attempt(p.read_bytes())


def test_pixel_data_shorter_than_the_image(tmp_path):
    frames = np.zeros((1, 32, 32), np.uint16)
    ds = image_dataset(frames, bits_stored=12)
    ds.PixelData = frames.tobytes()[:-100]
    msg = attempt(save(ds, tmp_path / "short.dcm").read_bytes())
    assert "pixel data holds 1948 bytes but 32×32×1 frames at 16 bits need 2048" in msg
    ds = image_dataset(frames, bits_stored=12)
    ds.PixelData = frames.tobytes()
    ds.NumberOfFrames = "1000000"
    assert "need" in attempt(save(ds, tmp_path / "frames.dcm").read_bytes())


def test_implausible_sizes_are_refused(tmp_path):
    frames = np.zeros((1, 8, 8), np.uint16)
    ds = image_dataset(frames)
    ds.PixelData = frames.tobytes()
    ds.Rows = ds.Columns = 65535
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
    ds.BitsAllocated = ds.BitsStored = 32
    assert "too large" in attempt(save(ds, tmp_path / "big.dcm").read_bytes())
    ds = image_dataset(frames, syntax="1.2.840.10008.1.2.4.90")
    from pydicom.encaps import encapsulate
    ds.PixelData = encapsulate([b"\xff\x4f\xff\x51" + b"\0" * 60])
    ds.NumberOfFrames = "99999999"
    assert "frames" in attempt(save(ds, tmp_path / "frames.dcm").read_bytes())
    ds.NumberOfFrames = "1"
    assert "cannot be decoded" in attempt(save(ds, tmp_path / "junk.dcm").read_bytes())


def test_deflate_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(scan_module, "MAX_INFLATED", 1 << 20)
    px = np.zeros((16, 16), np.uint16)
    ds = ct_dataset(0, px, series_uid="1.2.3", study_uid="1.2.4", frame_uid="1.2.5",
                    syntax="1.2.840.10008.1.2.1.99")
    good = save(ds, tmp_path / "deflated.dcm").read_bytes()
    assert attempt(good) is None                                   # a real deflated dataset reads
    meta_end = 132 + 12 + struct.unpack_from("<I", good, 140)[0]   # after (0002,0000) group length
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bomb.compress(b"\0" * (64 << 20)) + bomb.flush()         # 64 MiB of zeros in ~64 KiB
    assert "inflates beyond" in attempt(good[:meta_end] + body)


def test_deep_nesting_is_refused():
    item = b"\xfe\xff\x00\xe0\xff\xff\xff\xff"
    seq = b"\x08\x00\x15\x11SQ\0\0\xff\xff\xff\xff"             # (0008,1115) undefined length
    data = b"\0" * 128 + b"DICM" + b"\2\0\x10\0UI\x14\x001.2.840.10008.1.2.1\0" + (seq + item) * 200
    assert "nested implausibly deep" in attempt(data)


@pytest.mark.timeout(120)
def test_random_corruption_never_crashes():
    rng = random.Random(20240613)
    sources = [p.read_bytes() for p in SAMPLES]
    for _ in range(300):
        data = bytearray(rng.choice(sources))
        head = min(len(data), 4096)
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            i = rng.randrange(head)
            if kind < 0.6:
                data[i] = rng.randrange(256)
            elif kind < 0.8 and i + 4 <= len(data):
                data[i:i + 4] = rng.choice([b"\xff\xff\xff\xff", b"\xf0\xff\xff\xff", b"\0\0\0\0"])
            else:
                del data[i:i + rng.randint(1, 64)]
        attempt(bytes(data))


def test_bad_file_in_a_folder_is_listed_not_raised(tmp_path, ct_bytes):
    (tmp_path / "good.dcm").write_bytes(ct_bytes)
    (tmp_path / "bad.dcm").write_bytes(ct_bytes[:500])
    d = dicom_info(tmp_path)
    assert len(d["series"]) == 1
    assert d["errors"] == [{"file": "bad.dcm", "message": d["errors"][0]["message"]}]
    assert "truncated" in d["errors"][0]["message"]
    vol = load_series(file_openers([tmp_path / "good.dcm", tmp_path / "bad.dcm"]))
    assert vol.array.shape[0] == 1 and vol.errors[0][0].endswith("bad.dcm")
    assert not any(p in vol.errors[0][1] for p in PATIENT)
    assert Path(tmp_path / "bad.dcm").exists()
