"""Synthetic DICOM series for tests and timing: realistic headers, known voxels, any geometry."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from reviewer.imaging.synthetic import CT_IMAGE, ct_dataset  # noqa: F401  (re-exported for the tests)


CODECS = {
    # name: (transfer syntax, frame encoder); lossless, for 12-bit unsigned frames
    "jpeg-lossless": ("1.2.840.10008.1.2.4.70", lambda f: __import__("imagecodecs").jpeg8_encode(
        f, lossless=True, bitspersample=12)),
    "jpegls": ("1.2.840.10008.1.2.4.80", lambda f: __import__("imagecodecs").jpegls_encode(f)),
    "j2k": ("1.2.840.10008.1.2.4.90", lambda f: __import__("imagecodecs").jpeg2k_encode(
        f, level=0, codecformat="j2k", reversible=True)),
    "htj2k": ("1.2.840.10008.1.2.4.201", lambda f: __import__("imagecodecs").htj2k_encode(f, reversible=True)),
}


def _phantom(rng, slices: int, size: int) -> np.ndarray:
    """Smooth CT-like content (compressible, unlike noise): a body ellipse with structures and mild noise."""
    y, x = np.mgrid[-1:1:size * 1j, -1:1:size * 1j]
    body = ((x / 0.8) ** 2 + (y / 0.6) ** 2 < 1).astype(np.float64)
    out = np.empty((slices, size, size), np.uint16)
    for k in range(slices):
        r = 0.15 + 0.1 * np.sin(k / 9)
        organ = ((x - 0.3) ** 2 + (y + 0.1) ** 2 < r * r).astype(np.float64)
        img = 24 + body * (1024 + 40) + organ * 80 + rng.normal(0, 8, (size, size)) * body
        out[k] = np.clip(img, 0, 4095).astype(np.uint16)
    return out


def write_ct_series(folder: Path, slices: int = 200, size: int = 512, *, spacing_z: float = 2.5,
                    seed: int = 0, shuffle: bool = False, codec: str | None = None,
                    **kw) -> tuple[list[Path], np.ndarray]:
    """Writes a CT series; returns the files (instance order) and the expected HU volume (ascending z).

    ``codec`` (a key of CODECS) compresses every frame; compressed series hold CT-like content,
    uncompressed ones random 12-bit values.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    series_uid, study_uid, frame_uid = generate_uid(), generate_uid(), generate_uid()
    stored = (_phantom(rng, slices, size) if codec else
              rng.integers(0, 4096, size=(slices, size, size), dtype=np.uint16))
    files = []
    order = rng.permutation(slices) if shuffle else np.arange(slices)
    for n, k in enumerate(order):
        z = -100.0 + spacing_z * k
        ds = ct_dataset(n, stored[k], series_uid=series_uid, study_uid=study_uid, frame_uid=frame_uid,
                        position=(-180.0, -180.0, z), **kw)
        if codec:
            syntax, encode = CODECS[codec]
            ds.file_meta.TransferSyntaxUID = syntax
            ds.PixelData = encapsulate([encode(stored[k])])
            ds["PixelData"].VR = "OB"
        path = folder / f"IM{n:05d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        files.append(path)
    slope, intercept = kw.get("slope", 1.0), kw.get("intercept", -1024.0)
    return files, stored.astype(np.float64) * slope + intercept


def image_dataset(frames: np.ndarray, *, photometric: str = "MONOCHROME2", bits_stored: int | None = None,
                  signed: bool = False, syntax: str = ExplicitVRLittleEndian, planar: int = 0,
                  series_uid: str | None = None, position=(0.0, 0.0, 0.0), orientation=(1, 0, 0, 0, 1, 0),
                  **extra) -> Dataset:
    """A minimal image instance around ``frames`` (shape (n, rows, cols[, 3])); PixelData left to the caller."""
    n, rows, cols = frames.shape[:3]
    samples = frames.shape[3] if frames.ndim == 4 else 1
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.SeriesInstanceUID = series_uid or generate_uid()
    ds.StudyInstanceUID = generate_uid()
    ds.InstanceNumber = "1"
    ds.ImagePositionPatient = list(position)
    ds.ImageOrientationPatient = list(orientation)
    ds.PixelSpacing = [1, 1]
    ds.SamplesPerPixel = samples
    ds.PhotometricInterpretation = photometric
    if samples > 1:
        ds.PlanarConfiguration = planar
    if n > 1:
        ds.NumberOfFrames = str(n)
    ds.Rows, ds.Columns = rows, cols
    bits = frames.dtype.itemsize * 8
    ds.BitsAllocated = bits
    ds.BitsStored = bits_stored or bits
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = int(signed)
    for k, v in extra.items():
        setattr(ds, k, v)
    return ds


def save(ds: Dataset, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path
