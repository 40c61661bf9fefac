"""The few DICOM header fields import needs, read without pixel data."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pydicom
from pydicom.errors import InvalidDicomError


@dataclass(frozen=True)
class InstanceHeader:
    sop_uid: str
    series_uid: str
    study_uid: str
    modality: str
    series_description: str
    instance_number: int
    patient_name: str
    patient_id: str
    birth_date: str
    sex: str
    study_description: str
    study_date: str = ""        # ISO date of the study, "" when absent
    series_number: int = 0


def looks_like_dicom(head: bytes) -> bool:
    return len(head) >= 132 and head[128:132] == b"DICM"


def _iso_date(da: str) -> str:
    da = (da or "").strip()
    return f"{da[:4]}-{da[4:6]}-{da[6:8]}" if len(da) == 8 and da.isdigit() else ""


def _person_name(pn) -> str:
    """DICOM Family^Given → "Family, Given"."""
    parts = str(pn or "").split("^")
    family, given = (parts + ["", ""])[:2]
    return f"{family}, {given}".strip(", ") if given else family


def read_header(data: bytes) -> InstanceHeader:
    """Parses one instance's header from its bytes. Raises ValueError with a plain reason."""
    if not looks_like_dicom(data[:132]):
        raise ValueError("not a DICOM file (no DICM preamble)")
    try:
        ds = pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True)
    except (InvalidDicomError, EOFError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"unreadable DICOM header ({type(exc).__name__})") from None
    series_uid = str(ds.get("SeriesInstanceUID", "") or "")
    if not series_uid:
        raise ValueError("DICOM file without SeriesInstanceUID")
    try:
        number = int(ds.get("InstanceNumber", 0) or 0)
    except (TypeError, ValueError):
        number = 0
    try:
        series_number = int(ds.get("SeriesNumber", 0) or 0)
    except (TypeError, ValueError):
        series_number = 0
    sex = {"M": "male", "F": "female", "O": "other"}.get(str(ds.get("PatientSex", "") or "").upper(), "unknown")
    return InstanceHeader(
        sop_uid=str(ds.get("SOPInstanceUID", "") or ""), series_uid=series_uid,
        study_uid=str(ds.get("StudyInstanceUID", "") or ""), modality=str(ds.get("Modality", "") or "OT"),
        series_description=str(ds.get("SeriesDescription", "") or ""), instance_number=number,
        patient_name=_person_name(ds.get("PatientName", "")), patient_id=str(ds.get("PatientID", "") or ""),
        birth_date=_iso_date(str(ds.get("PatientBirthDate", "") or "")), sex=sex,
        study_description=str(ds.get("StudyDescription", "") or ""),
        study_date=_iso_date(str(ds.get("StudyDate", "") or "")), series_number=series_number)
