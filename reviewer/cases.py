"""Reads cases from the workspace database into domain objects."""
from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils

from reviewer.model import CaseDetail, CaseSummary, Document, Patient, Series, Slide


def _dt(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _summary(row: dict) -> CaseSummary:
    return CaseSummary(
        id=row["id"], platform_case_id=row["platform_case_id"],
        patient=Patient(row["patient_name"], row["patient_birth_date"] or "", row["patient_sex"] or "",
                        row["patient_mrn"] or ""),
        specialty=row["specialty"] or "", question=row["question"] or "", priority=row["priority"] or "routine",
        due=_dt(row["due"]), status=row["status"], imported_at=_dt(row["imported_at"]))


class CaseRepository:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def list(self) -> list[CaseSummary]:
        return [_summary(r) for r in self.db.query("SELECT * FROM cases ORDER BY imported_at")]

    def get(self, case_id: str) -> CaseDetail:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows:
            raise KeyError(case_id)
        row = rows[0]
        details = json.loads(row["details"] or "{}")
        docs = tuple(Document(r["id"], r["title"] or "", r["kind"] or "", r["content_type"] or "",
                              r["date"] or "", r["size"] or 0, r["blob_id"], r["path"] or "")
                     for r in self.db.query("SELECT * FROM documents WHERE case_id = ? ORDER BY date, title", [case_id]))
        series = []
        # Newest study first (the current one above its priors), then by series number.
        for r in self.db.query("SELECT * FROM series WHERE case_id = ? ORDER BY study_date IS NULL, study_date DESC, "
                               "modality, series_number, description", [case_id]):
            blobs = tuple(b[0] for b in self.db.execute(
                "SELECT blob_id FROM instances WHERE series_id = ? ORDER BY instance_number, path", [r["id"]]))
            series.append(Series(r["id"], r["series_uid"] or "", r["study_uid"] or "", r["modality"] or "",
                                 r["description"] or "", r["instance_count"] or 0, blobs,
                                 r["study_date"] or "", r["series_number"] or 0))
        slides = tuple(Slide(r["id"], r["title"] or "", r["size"] or 0, r["blob_id"], r["path"] or "")
                       for r in self.db.query("SELECT * FROM slides WHERE case_id = ? ORDER BY path", [case_id]))
        return CaseDetail(_summary(row), tuple(details.get("questions", ())), tuple(details.get("first_opinion", ())),
                          docs, tuple(series), slides, tuple(details.get("planted_inconsistencies", ())))
