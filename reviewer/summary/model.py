"""The summary's data: ingested text, facts with provenance, flags and the timeline.

Plain frozen dataclasses (no Qt, no I/O) so the summary panel, the CLI and the tests share one
shape. A fact always says where it came from: a character span of an ingested text (document,
page, start, end, exact text), a DICOM tag of one instance, or a FHIR element path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One page of extracted text. ``ocr`` pages were read by Tesseract; ``confidence`` is 0..1
    (1.0 for a text layer). For PDFs, offsets into ``text`` are pdfium character indices."""
    number: int
    text: str
    ocr: bool = False
    confidence: float = 1.0


@dataclass(frozen=True)
class TextDocument:
    """Text of one record (or of one FHIR narrative element), split into pages.

    ``document`` is the package-relative path (e.g. ``documents/pathology.pdf``), the same in a
    package folder and in the workspace, so a fact id does not depend on where it was read.
    ``fhir_path`` is set when the text is a FHIR element inside ``manifest.json``.
    """
    document: str
    title: str
    kind: str
    date: str
    pages: tuple[Page, ...]
    fhir_path: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class SourceRef:
    """Where a fact came from. For text: ``text == page_text[start:end]`` always holds."""
    document: str
    page: int | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    dicom_tag: str = ""          # e.g. "(0010,0010) PatientName"
    fhir_path: str = ""          # e.g. "Observation/abc.valueQuantity"
    ocr: bool = False

    def as_dict(self) -> dict:
        d: dict[str, Any] = {"document": self.document, "page": self.page, "start": self.start,
                             "end": self.end, "text": self.text}
        if self.dicom_tag:
            d["dicom_tag"] = self.dicom_tag
        if self.fhir_path:
            d["fhir_path"] = self.fhir_path
        if self.ocr:
            d["ocr"] = True
        return d


@dataclass(frozen=True)
class Context:
    """NegEx-style context of a mention within its sentence."""
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    family: bool = False

    @property
    def asserted(self) -> bool:
        """A present, certain statement about the patient."""
        return not (self.negated or self.uncertain or self.historical or self.family)

    def as_dict(self) -> dict:
        return {"negated": self.negated, "uncertain": self.uncertain, "historical": self.historical,
                "family": self.family}


@dataclass(frozen=True)
class Fact:
    """One machine-extracted statement. ``value`` is what the record says (display form),
    ``normalized`` the comparable form (canonical term, unit-converted number, ISO date);
    ``attributes`` holds the parts (dose, unit, reference range, T/N/M...)."""
    id: str
    kind: str
    value: str
    normalized: str
    source: SourceRef
    extractor: str
    confidence: float
    context: Context = Context()
    attributes: dict = field(default_factory=dict, hash=False, compare=False)
    section: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "value": self.value, "normalized": self.normalized,
                "source": self.source.as_dict(), "confidence": round(self.confidence, 3),
                "extractor": self.extractor, "context": self.context.as_dict(),
                "attributes": self.attributes, "section": self.section}


SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Flag:
    """An inconsistency found by a rule (``rule`` names it in resources/summary_rules)."""
    id: str
    kind: str
    severity: str
    message: str
    evidence: tuple[str, ...]
    rule: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "severity": self.severity, "message": self.message,
                "evidence": list(self.evidence), "rule": self.rule}


@dataclass(frozen=True)
class TimelineEvent:
    date: str                    # ISO date (YYYY-MM-DD, or YYYY-MM when the day is unknown)
    label: str
    document: str
    fact_id: str

    def as_dict(self) -> dict:
        return {"date": self.date, "label": self.label, "document": self.document, "fact_id": self.fact_id}


@dataclass(frozen=True)
class Summary:
    facts: tuple[Fact, ...]
    flags: tuple[Flag, ...]
    timeline: tuple[TimelineEvent, ...]
    documents: tuple[TextDocument, ...] = ()

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def by_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def document(self, name: str, fhir_path: str = "") -> TextDocument:
        for d in self.documents:
            if d.document == name and d.fhir_path == fhir_path:
                return d
        raise KeyError(name)

    def as_dict(self) -> dict:
        """The `reviewer summary --json` shape (README: summary JSON schema)."""
        order = {s: i for i, s in enumerate(SEVERITIES)}
        return {"facts": [f.as_dict() for f in self.facts],
                "flags": [f.as_dict() for f in sorted(self.flags, key=lambda f: (order.get(f.severity, 9), f.kind, f.id))],
                "timeline": [t.as_dict() for t in self.timeline]}
