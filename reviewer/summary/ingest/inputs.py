"""What ingestion produces, independent of where the case came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from reviewer.summary.model import TextDocument


@dataclass(frozen=True)
class RawDocument:
    """One record file: package-relative ``path``, and a loader so bytes are read only when needed."""
    path: str
    title: str
    kind: str
    date: str
    content_type: str
    load: Callable[[], bytes]


@dataclass(frozen=True)
class HeaderField:
    """One identifying header value of a series or slide."""
    field: str          # name | birth_date | sex | mrn
    value: str          # as written in the header
    tag: str            # "(0010,0010) PatientName" or "TIFF ImageDescription"


@dataclass(frozen=True)
class ImageHeader:
    """Identifying fields of one DICOM series (read from one instance) or one slide."""
    document: str       # path of the instance or slide file read
    kind: str           # "series" | "slide"
    modality: str
    study_date: str     # ISO date or ""
    description: str
    fields: tuple[HeaderField, ...]


@dataclass
class CaseInputs:
    """Everything the extractors read. ``bundle`` is the package's manifest (FHIR Bundle) or None."""
    label: str
    documents: list[RawDocument] = field(default_factory=list)
    bundle: dict | None = None
    images: list[ImageHeader] = field(default_factory=list)
    texts: list[TextDocument] = field(default_factory=list)
