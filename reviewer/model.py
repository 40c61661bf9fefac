"""Domain dataclasses shared by every layer. Plain data: no Qt, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PRIORITY_ORDER = {"stat": 0, "asap": 1, "urgent": 2, "routine": 3}


@dataclass(frozen=True)
class Patient:
    name: str                 # display form, "Family, Given"
    birth_date: str = ""      # ISO date
    sex: str = ""             # FHIR gender: male | female | other | unknown
    mrn: str = ""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str                 # e.g. "Pathology report", "Lab results"
    content_type: str
    date: str
    size: int
    blob_id: str
    path: str                 # path inside the package it came from


@dataclass(frozen=True)
class Series:
    id: str
    series_uid: str
    study_uid: str
    modality: str
    description: str
    instance_count: int
    blob_ids: tuple[str, ...] = ()
    study_date: str = ""          # ISO date; "" when the header had none
    series_number: int = 0


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    size: int
    blob_id: str
    path: str


@dataclass(frozen=True)
class CaseSummary:
    """One worklist row."""
    id: str
    platform_case_id: str
    patient: Patient
    specialty: str
    question: str
    priority: str             # FHIR Task.priority: routine | urgent | asap | stat
    due: datetime | None
    status: str               # FHIR Task.status
    imported_at: datetime

    @property
    def priority_rank(self) -> int:
        return PRIORITY_ORDER.get(self.priority, len(PRIORITY_ORDER))


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    questions: tuple[str, ...] = ()
    first_opinion: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    series: tuple[Series, ...] = ()
    slides: tuple[Slide, ...] = ()
    planted_inconsistencies: tuple[dict, ...] = field(default_factory=tuple)
