"""Where a fact's source is in the case as the workstation lists it, so one click opens it.

A fact names its source by package-relative path (``documents/pathology.pdf``, a DICOM instance
``dicom/ct/IM0001.dcm``, a slide file) and, for text, page and character span. The case view lists
Documents, Series and Slides by their own ids; this maps one to the other. DICOM header facts come
from one instance of a series, found through the workspace's instance paths.
"""
from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import CaseDetail
from reviewer.summary.model import SourceRef


@dataclass(frozen=True)
class SourceTarget:
    """``kind``: "document", "series", "slide", or "none" (the case manifest, or a file no longer in
    the case). ``page`` (from 1), ``start``, ``end`` are set when a span can be highlighted."""
    kind: str
    item_id: str = ""
    page: int | None = None
    start: int | None = None
    end: int | None = None

    @property
    def span(self) -> tuple[int, int, int] | None:
        if self.page is None or self.start is None or self.end is None:
            return None
        return self.page, self.start, self.end


def instance_series(db, case_id: str) -> dict[str, str]:
    """Package-relative path of every DICOM instance of the case -> its series id."""
    rows = db.execute("SELECT i.path, i.series_id FROM instances i JOIN series s ON s.id = i.series_id "
                      "WHERE s.case_id = ? AND i.path IS NOT NULL", [case_id]).fetchall()
    return {path: series_id for path, series_id in rows}


class SourceLocator:
    def __init__(self, detail: CaseDetail, instances: dict[str, str] | None = None):
        self._documents = {}
        for d in detail.documents:
            self._documents.setdefault(d.path or d.title, d.id)
        self._slides = {}
        for s in detail.slides:
            self._slides.setdefault(s.path or s.title, s.id)
        self._series = dict(instances or {})
        for s in detail.series:
            self._series.setdefault(f"series/{s.series_uid}", s.id)

    def locate(self, source: SourceRef) -> SourceTarget:
        doc = source.document
        if doc in self._documents:
            # offsets of a FHIR narrative are into that element's text, not the file as shown
            if source.fhir_path or source.dicom_tag:
                return SourceTarget("document", self._documents[doc])
            return SourceTarget("document", self._documents[doc], source.page, source.start, source.end)
        if doc in self._slides:
            return SourceTarget("slide", self._slides[doc])
        if doc in self._series:
            return SourceTarget("series", self._series[doc])
        return SourceTarget("none")
