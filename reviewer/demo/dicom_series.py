"""Writes a series of single-frame DICOM instances (Explicit VR Little Endian, Part 10 files).

The header carries what a viewer needs to place and display each slice (geometry,
rescale, window) and what the importer cross-checks against the Bundle (patient, study
and series identity). UIDs come from the caller, derived from the seed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import PYDICOM_IMPLEMENTATION_UID, ExplicitVRLittleEndian

from .geometry import SliceGeometry
from .ids import dicom_uid

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4"
MANUFACTURER = "SyntheticDemo"


@dataclass(frozen=True)
class DicomPatient:
    name: str                    # DICOM PN, "Family^Given"
    patient_id: str
    birth_date: str              # YYYYMMDD
    sex: str                     # M | F | O


@dataclass(frozen=True)
class DicomStudy:
    uid: str
    date: str                    # YYYYMMDD
    time: str                    # HHMMSS
    description: str
    accession: str
    study_id: str
    frame_of_reference_uid: str


@dataclass(frozen=True)
class DicomSeries:
    uid: str
    number: int
    modality: str                # CT | MR
    sop_class_uid: str
    description: str
    body_part: str
    window: tuple[float, float]  # centre, width (in rescaled units)
    signed: bool = False
    rescale: tuple[float, float] | None = None   # slope, intercept (CT)
    extra: tuple[tuple[str, object], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class WrittenInstance:
    sop_instance_uid: str
    number: int
    path: Path


def write_series(folder: Path, seed: int, patient: DicomPatient, study: DicomStudy,
                 series: DicomSeries, slices: Iterable[tuple[SliceGeometry, np.ndarray]]
                 ) -> list[WrittenInstance]:
    """Write IM0001.dcm, IM0002.dcm, ... into folder, one per slice, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, (geo, pixels) in enumerate(slices, start=1):
        sop_uid = dicom_uid(seed, "instance", series.uid, number)
        ds = _dataset(patient, study, series, geo, pixels, number, sop_uid)
        path = folder / f"IM{number:04d}.dcm"
        pydicom.dcmwrite(path, ds, enforce_file_format=True)
        written.append(WrittenInstance(sop_uid, number, path))
    return written


def _ds(value: float) -> str:
    """A DICOM decimal string short enough for the 16-character limit."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _dataset(patient, study, series, geo: SliceGeometry, pixels: np.ndarray, number: int,
             sop_uid: str) -> Dataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = series.sop_class_uid
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    meta.ImplementationVersionName = "REVIEWER_DEMO"

    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL" if geo.orientation[5] == 0 else "OTHER"]
    ds.SOPClassUID = series.sop_class_uid
    ds.SOPInstanceUID = sop_uid
    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = study.date
    ds.StudyTime = study.time
    ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = study.time
    ds.AccessionNumber = study.accession
    ds.Modality = series.modality
    ds.Manufacturer = MANUFACTURER
    ds.InstitutionName = "Demo Hospital (synthetic data)"
    ds.ReferringPhysicianName = "Demo^Referrer"
    ds.StudyDescription = study.description
    ds.SeriesDescription = series.description
    ds.ManufacturerModelName = "Phantom"
    ds.PatientName = patient.name
    ds.PatientID = patient.patient_id
    ds.PatientBirthDate = patient.birth_date
    ds.PatientSex = patient.sex
    ds.BodyPartExamined = series.body_part
    ds.SliceThickness = _ds(geo.thickness)
    for keyword, value in series.extra:
        setattr(ds, keyword, value)
    ds.PatientPosition = "HFS"
    ds.StudyInstanceUID = study.uid
    ds.SeriesInstanceUID = series.uid
    ds.StudyID = study.study_id
    ds.SeriesNumber = series.number
    ds.InstanceNumber = number
    ds.ImagePositionPatient = [_ds(v) for v in geo.position]
    ds.ImageOrientationPatient = [_ds(v) for v in geo.orientation]
    ds.FrameOfReferenceUID = study.frame_of_reference_uid
    ds.PositionReferenceIndicator = ""
    normal = np.cross(np.asarray(geo.orientation[:3]), np.asarray(geo.orientation[3:]))
    ds.SliceLocation = _ds(float(np.dot(normal, geo.position)))
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.PixelSpacing = [_ds(v) for v in geo.spacing]
    ds.BitsAllocated = 16
    ds.BitsStored = 16 if series.signed else 12
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = 1 if series.signed else 0
    ds.WindowCenter = _ds(series.window[0])
    ds.WindowWidth = _ds(series.window[1])
    if series.rescale is not None:
        ds.RescaleIntercept = _ds(series.rescale[1])
        ds.RescaleSlope = _ds(series.rescale[0])
        ds.RescaleType = "HU"
    ds.BurnedInAnnotation = "NO"
    dtype = "<i2" if series.signed else "<u2"
    ds.PixelData = np.ascontiguousarray(pixels, dtype=dtype).tobytes()
    return ds
