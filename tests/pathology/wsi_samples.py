"""Test inputs made here (no patient data): a DICOM WSI series and small pyramidal TIFFs."""
from __future__ import annotations

from pathlib import Path

import imagecodecs
import numpy as np

WSI_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6"
JPEG_BASELINE = "1.2.840.10008.1.2.4.50"
EXPLICIT_LE = "1.2.840.10008.1.2.1"


def texture(h: int, w: int, seed: int = 0) -> np.ndarray:
    """A smooth, stain-like RGB image (JPEG-friendly, with structure to catch misplaced tiles)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    out = np.empty((h, w, 3), np.uint8)
    for c in range(3):
        f = rng.uniform(0.005, 0.03, 2)
        out[:, :, c] = (128 + 100 * np.sin(xx * f[0] + c) * np.cos(yy * f[1] - c)).astype(np.uint8)
    return out


def _tiles(img: np.ndarray, tile: int):
    h, w = img.shape[:2]
    for r in range(-(-h // tile)):
        for c in range(-(-w // tile)):
            t = np.full((tile, tile, 3), 255, np.uint8)
            part = img[r * tile:(r + 1) * tile, c * tile:(c + 1) * tile]
            t[:part.shape[0], :part.shape[1]] = part
            yield c, r, t


def write_dicom_wsi(folder: Path, image: np.ndarray, *, tile: int = 128, levels: int = 2,
                    sparse_levels: tuple[int, ...] = (1,), jpeg: bool = True, label: bool = True,
                    drop_tiles: tuple[tuple[int, int, int], ...] = ()) -> list[Path]:
    """One instance per level (level k = image downsampled 2**k by striding), TILED_FULL or
    TILED_SPARSE; ``drop_tiles`` (level, col, row) are left out of sparse levels. Returns the files."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.encaps import encapsulate
    from pydicom.sequence import Sequence
    from pydicom.uid import generate_uid
    folder.mkdir(parents=True, exist_ok=True)
    study, series, frame_uid = generate_uid(), generate_uid(), generate_uid()
    files = []

    def base(kind: str, w: int, h: int, tw: int, th: int, syntax: str) -> Dataset:
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = WSI_CLASS
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = syntax
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = WSI_CLASS, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame_uid
        ds.Modality = "SM"
        ds.PatientName = "Test^Slide"
        ds.ImageType = ["ORIGINAL", "PRIMARY", kind, "NONE"]
        ds.TotalPixelMatrixColumns, ds.TotalPixelMatrixRows = w, h
        ds.Columns, ds.Rows = tw, th
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "YBR_FULL_422" if syntax == JPEG_BASELINE else "RGB"
        ds.PlanarConfiguration = 0
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
        ds.TotalPixelMatrixFocalPlanes = 1
        ds.NumberOfOpticalPaths = 1
        op = Dataset()
        op.ObjectiveLensPower = 20
        op.OpticalPathIdentifier = "1"
        ds.OpticalPathSequence = Sequence([op])
        return ds

    def save(ds: Dataset, name: str) -> None:
        path = folder / name
        ds.save_as(path, enforce_file_format=True)
        files.append(path)

    syntax = JPEG_BASELINE if jpeg else EXPLICIT_LE
    for k in range(levels):
        img = image[::2 ** k, ::2 ** k]
        h, w = img.shape[:2]
        ds = base("VOLUME", w, h, tile, tile, syntax)
        pm = Dataset()
        pm.PixelSpacing = [0.00025 * 2 ** k, 0.00025 * 2 ** k]
        pm.SliceThickness = 0.001
        shared = Dataset()
        shared.PixelMeasuresSequence = Sequence([pm])
        ds.SharedFunctionalGroupsSequence = Sequence([shared])
        sparse = k in sparse_levels
        ds.DimensionOrganizationType = "TILED_SPARSE" if sparse else "TILED_FULL"
        frames, per_frame = [], []
        tiles = list(_tiles(img, tile))
        if sparse:
            tiles = [t for t in tiles if (k, t[0], t[1]) not in drop_tiles][::-1]   # any order
        for c, r, t in tiles:
            frames.append(imagecodecs.jpeg8_encode(t, level=90) if jpeg else t.tobytes())
            if sparse:
                pos = Dataset()
                pos.ColumnPositionInTotalImagePixelMatrix = c * tile + 1
                pos.RowPositionInTotalImagePixelMatrix = r * tile + 1
                item = Dataset()
                item.PlanePositionSlideSequence = Sequence([pos])
                per_frame.append(item)
        if sparse:
            ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
        ds.NumberOfFrames = len(frames)
        ds.PixelData = encapsulate(frames, has_bot=True) if jpeg else b"".join(frames)
        save(ds, f"level{k}.dcm")
    if label:
        lab = np.full((64, 96, 3), 250, np.uint8)
        lab[20:40, 10:80] = 20
        ds = base("LABEL", 96, 64, 96, 64, EXPLICIT_LE)
        ds.PhotometricInterpretation = "RGB"
        ds.NumberOfFrames = 1
        ds.PixelData = lab.tobytes()
        save(ds, "label.dcm")
    return files
