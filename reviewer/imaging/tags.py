"""The DICOM tag browser's data: a searchable tree of one instance's header (no pixel data)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from reviewer.imaging.errors import DicomError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_VALUE_CHARS = 200
BINARY_VRS = {"OB", "OW", "OF", "OD", "OL", "OV", "UN"}


@dataclass
class TagRow:
    tag: str            # "(0010,0010)"
    keyword: str        # "PatientName" (or "Private tag")
    vr: str
    value: str          # display text, truncated
    children: list["TagRow"] = field(default_factory=list)   # sequence items, then their elements

    def text(self) -> str:
        return f"{self.tag} {self.keyword} {self.vr} {self.value}".casefold()


def _value_text(elem) -> str:
    if elem.VR in BINARY_VRS:
        return f"<{len(elem.value or b'')} bytes>" if isinstance(elem.value, (bytes, bytearray)) else "<binary>"
    try:
        text = str(elem.value)
    except Exception:   # a value pydicom cannot convert: show that, never fail the browser
        return "<unreadable value>"
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


def rows_of(ds: Dataset) -> list[TagRow]:
    rows = []
    for elem in ds:
        tag = f"({elem.tag.group:04X},{elem.tag.element:04X})"
        keyword = elem.keyword or ("Private tag" if elem.tag.is_private else "Unknown tag")
        if elem.VR == "SQ":
            items = [TagRow(f"Item {i + 1}", "", "", f"{len(item)} elements", rows_of(item))
                     for i, item in enumerate(elem.value)]
            rows.append(TagRow(tag, keyword, "SQ", f"{len(items)} items", items))
        else:
            rows.append(TagRow(tag, keyword, elem.VR, _value_text(elem)))
    return rows


def read_tags(f: BinaryIO, label: str) -> list[TagRow]:
    """File meta and dataset of one instance, read from a (decrypting) file object."""
    try:
        ds = pydicom.dcmread(f, stop_before_pixels=True)
    except (InvalidDicomError, EOFError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DicomError(label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "header unreadable ({name})"),
                                     name=type(exc).__name__)) from None
    meta = rows_of(ds.file_meta) if getattr(ds, "file_meta", None) is not None else []
    return meta + rows_of(ds)


def filter_rows(rows: list[TagRow], query: str) -> list[TagRow]:
    """Rows matching every word of the query, keeping the sequences that lead to a match."""
    words = query.casefold().split()
    if not words:
        return rows
    out = []
    for r in rows:
        kids = filter_rows(r.children, query)
        if all(w in r.text() for w in words) or kids:
            out.append(TagRow(r.tag, r.keyword, r.vr, r.value, kids if kids else r.children))
    return out
