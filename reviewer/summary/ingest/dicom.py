"""DICOM: identifying header fields of a series, and records carried as DICOM (Structured Report
text, encapsulated PDF)."""
from __future__ import annotations

import io

import pydicom
from pydicom.errors import InvalidDicomError

from reviewer.summary.ingest.inputs import HeaderField, ImageHeader
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
IDENTITY_TAGS = (("name", "PatientName", "(0010,0010)"), ("birth_date", "PatientBirthDate", "(0010,0030)"),
                 ("sex", "PatientSex", "(0010,0040)"), ("mrn", "PatientID", "(0010,0020)"))
_ERRORS = (InvalidDicomError, EOFError, OSError, ValueError, KeyError, TypeError, AttributeError)


class DicomUnreadable(ValueError):
    pass


def read_dataset(fp, *, pixels: bool = False):
    try:
        return pydicom.dcmread(fp, stop_before_pixels=not pixels, force=False)
    except _ERRORS as exc:
        raise DicomUnreadable(Text(QT_TRANSLATE_NOOP("SummaryErrors", "unreadable DICOM ({name})"),
                                   name=type(exc).__name__)) from None


def iso_date(da: str) -> str:
    da = (da or "").strip()
    return f"{da[:4]}-{da[4:6]}-{da[6:8]}" if len(da) == 8 and da.isdigit() else ""


def identity_fields(ds) -> tuple[HeaderField, ...]:
    out = []
    for field, keyword, tag in IDENTITY_TAGS:
        value = str(ds.get(keyword, "") or "").strip()
        if value:
            out.append(HeaderField(field, value, f"{tag} {keyword}"))
    return tuple(out)


def series_header(document: str, ds, kind: str = "series") -> ImageHeader:
    return ImageHeader(document, kind, str(ds.get("Modality", "") or ""), iso_date(str(ds.get("StudyDate", "") or "")),
                       str(ds.get("SeriesDescription", "") or ""), identity_fields(ds))


def is_record(ds) -> bool:
    """SR or encapsulated document: a record to read as text, not an image."""
    return str(ds.get("Modality", "")) in ("SR", "DOC") or str(ds.get("SOPClassUID", "")) == ENCAPSULATED_PDF


def encapsulated_pdf(ds) -> bytes | None:
    data = ds.get("EncapsulatedDocument")
    if data is None:
        return None
    raw = bytes(data)
    end = raw.rfind(b"%%EOF")
    return raw[:end + 5] if end >= 0 else raw


def sr_text(ds) -> str:
    """The SR content tree as "Concept: value" lines (TEXT, CODE, NUM, DATE items)."""
    lines: list[str] = []

    def name(item) -> str:
        seq = item.get("ConceptNameCodeSequence")
        return str(seq[0].get("CodeMeaning", "")) if seq else ""

    def walk(items, depth: int):
        for item in items or []:
            vt = str(item.get("ValueType", ""))
            label = name(item)
            value = ""
            if vt == "TEXT":
                value = str(item.get("TextValue", ""))
            elif vt == "CODE" and item.get("ConceptCodeSequence"):
                value = str(item.ConceptCodeSequence[0].get("CodeMeaning", ""))
            elif vt == "NUM" and item.get("MeasuredValueSequence"):
                mv = item.MeasuredValueSequence[0]
                unit = mv.MeasurementUnitsCodeSequence[0].get("CodeValue", "") if mv.get("MeasurementUnitsCodeSequence") else ""
                value = f"{mv.get('NumericValue', '')} {unit}".strip()
            elif vt == "DATE":
                value = iso_date(str(item.get("Date", "")))
            if vt == "CONTAINER" and label:
                lines.append(label.upper())
            elif value:
                lines.append(f"{label}: {value}" if label else value)
            walk(item.get("ContentSequence"), depth + 1)

    title = name(ds) if ds.get("ConceptNameCodeSequence") else ""
    if title:
        lines.append(title)
    walk(ds.get("ContentSequence"), 0)
    return "\n".join(lines) + ("\n" if lines else "")


def dataset_from_bytes(data: bytes, *, pixels: bool = True):
    return read_dataset(io.BytesIO(data), pixels=pixels)
