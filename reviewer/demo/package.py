"""Assembles one case package folder (DESIGN section 4) from its content and its images.

Writes documents/, manifest.json (the FHIR Bundle), planted_inconsistencies.json and,
last, SHA256SUMS over every other file. Imaging and slides are written by the caller
first, because their UIDs and hashes go into the Bundle.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import records
from .bundle import (AttachmentInfo, BundleBuilder, ConditionInfo, LabInfo, PatientInfo,
                     StudyInfo, TaskInfo)

CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Evidence:
    document: str                # a Record filename (under documents/)
    text: str                    # exact substring of that document's text, on one line


@dataclass(frozen=True)
class Planted:
    kind: str
    message: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class CaseContent:
    key: str                     # folder name, also salts the resource ids
    patient: PatientInfo
    task: TaskInfo
    conditions: tuple[ConditionInfo, ...]
    records: tuple[records.Record, ...]
    labs: tuple[LabInfo, ...]
    planted: tuple[Planted, ...]


def write_package(root: Path, seed: int, content: CaseContent, studies: Sequence[StudyInfo],
                  slides: Sequence[AttachmentInfo]) -> Path:
    """Write the non-imaging parts of the package in root and return root."""
    _check_evidence(content)
    docs = root / "documents"
    attachments = []
    for rec in content.records:
        path = records.write(rec, docs)
        attachments.append(AttachmentInfo.of_file(root, path, rec.kind, rec.title, rec.date,
                                                  rec.content_type))

    b = BundleBuilder(seed, content.key)
    patient = b.url("Patient")
    request = b.url("ServiceRequest")
    b.task(content.task, patient, request)
    b.patient(content.patient)
    b.service_request(content.task, patient)
    for i, cond in enumerate(content.conditions):
        b.condition(i, cond, patient)
    for att in (*attachments, *slides):
        b.document_reference(att, patient)
    for study in studies:
        b.imaging_study(study, patient)
    for i, lab in enumerate(content.labs):
        b.observation(i, lab, patient)
    _write_json(root / "manifest.json", b.bundle())

    _write_json(root / "planted_inconsistencies.json", {"inconsistencies": [
        {"kind": p.kind, "message": p.message,
         "evidence": [{"document": f"documents/{e.document}", "text": e.text}
                      for e in p.evidence]}
        for p in content.planted]})
    write_checksums(root)
    return root


def write_checksums(root: Path) -> None:
    """SHA256SUMS in sha256sum format for every file except itself, sorted by path."""
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel == CHECKSUMS:
            continue
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        lines.append(f"{digest.hexdigest()}  {rel}\n")
    (root / CHECKSUMS).write_text("".join(lines), encoding="utf-8", newline="\n")


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8",
                    newline="\n")


def _check_evidence(content: CaseContent) -> None:
    """Each evidence text must sit inside one line of its record (not across lines)."""
    by_name = {r.filename: r for r in content.records}
    for p in content.planted:
        for e in p.evidence:
            rec = by_name.get(e.document)
            if rec is None or not any(e.text in line for line in (rec.title, *rec.lines)):
                raise ValueError(f"planted evidence {e.text!r} not found in {e.document}")
