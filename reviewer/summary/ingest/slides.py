"""Identifying fields of a whole-slide image: the TIFF ImageDescription of the first page (Aperio
and generic TIFF), or the DICOM header of a DICOM WSI instance. Reads headers only, through a
seekable file object (a workspace blob reader decrypts only the chunks it touches)."""
from __future__ import annotations

import re

import tifffile

from reviewer.summary.ingest.dicom import DicomUnreadable, read_dataset, series_header
from reviewer.summary.ingest.inputs import HeaderField, ImageHeader

_FIELDS = (
    ("name", re.compile(r"(?:Patient(?:\s*Name)?|Name)\s*[=:]\s*([^|;\n]+)", re.I)),
    ("birth_date", re.compile(r"(?:DOB|Date of birth|Birth\s*date)\s*[=:]\s*([^|;\n]+)", re.I)),
    ("sex", re.compile(r"(?:Sex|Gender)\s*[=:]\s*([^|;\n]+)", re.I)),
    ("mrn", re.compile(r"(?:MRN|Patient\s*ID)\s*[=:]\s*([^|;\n]+)", re.I)),
)


def description_fields(description: str) -> tuple[HeaderField, ...]:
    out = []
    for field, rx in _FIELDS:
        m = rx.search(description)
        if m:
            out.append(HeaderField(field, m.group(1).strip(), "TIFF ImageDescription"))
    return tuple(out)


def slide_header(document: str, fp) -> ImageHeader | None:
    """None when the file is neither a TIFF nor DICOM."""
    head = fp.read(132)
    fp.seek(0)
    if head[128:132] == b"DICM":
        try:
            return series_header(document, read_dataset(fp), kind="slide")
        except DicomUnreadable:
            return None
    try:
        with tifffile.TiffFile(fp) as tif:
            desc = tif.pages[0].description or "" if tif.pages else ""
    except (tifffile.TiffFileError, ValueError, OSError, IndexError):
        return None
    return ImageHeader(document, "slide", "SM", "", "", description_fields(desc))
