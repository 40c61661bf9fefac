"""Imports a case package (folder or .zip) or a plain DICOM folder into the workspace.

Every file is streamed once: hashed, encrypted and written as a blob (never a plaintext copy).
Verification failures reject the package whole: the blobs written so far are deleted and no row is
committed. Rows are committed in one transaction at the end, so an import killed at any point
leaves either nothing or the complete case; blobs left by a kill are collected on the next write.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from reviewer import store
from reviewer.errors import PackageRejected
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.imaging.headers import InstanceHeader, looks_like_dicom, read_header
from reviewer.packages.manifest import AttachmentRef, CaseManifest, parse_manifest, parse_sha256sums
from reviewer.packages.sources import Limits, iter_chunks, open_source

Progress = Callable[[int, int], None]
HEADER_KEEP = 256 << 20     # DICOM files up to this size are kept in memory for header parsing
PLANTED = "planted_inconsistencies.json"
SLIDE_TYPES = ("image/tiff", "image/svs", "application/dicom+wsi", "image/x-ndpi")


@dataclass
class ImportResult:
    case_id: str
    platform_case_id: str
    files: int
    bytes: int
    seconds: float
    skipped: list[str] = field(default_factory=list)


@dataclass
class StoredFile:
    """A file already streamed into a blob: what ``commit_case`` records for it."""
    rel: str
    blob_id: str
    size: int
    sha256: str
    header: InstanceHeader | None = None
    data: bytes | None = None


class _Ingest:
    """One import's writes; ``rollback`` deletes every blob it wrote."""

    def __init__(self, ws, src, total: int, progress: Progress | None):
        self.ws, self.src, self.total, self.progress = ws, src, total, progress
        self.written: list[str] = []
        self.done = 0

    def file(self, rel: str, *, sha1: bytes | None = None, sha256: str | None = None,
             size: int | None = None, keep: int = 0) -> StoredFile:
        where = f"{self.src.label}/{rel}"
        h1, h256 = hashlib.sha1(), hashlib.sha256()
        kept = bytearray()
        n = 0
        with self.ws.blobs.writer() as w:
            with self.src.open(rel) as f:
                for chunk in iter_chunks(f):
                    if sha1 is not None:
                        h1.update(chunk)
                    h256.update(chunk)
                    if len(kept) < keep:
                        kept += chunk[:keep - len(kept)]
                    w.write(chunk)
                    n += len(chunk)
                    self.done += len(chunk)
                    if self.progress:
                        self.progress(self.done, self.total)
            if size is not None and n != size:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: {n} bytes, but the manifest says {size}"),
                                           where=where, n=n, size=size))
            if sha1 is not None and h1.digest() != sha1:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", 
                    "{where}: its SHA-1 does not match the manifest's attachment.hash"), where=where))
            if sha256 is not None and h256.hexdigest() != sha256:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: its SHA-256 does not match SHA256SUMS"),
                                           where=where))
        self.written.append(w.blob_id)
        return StoredFile(rel, w.blob_id, n, h256.hexdigest(), data=bytes(kept) if keep else None)

    def rollback(self) -> None:
        for blob_id in self.written:
            self.ws.blobs.delete(blob_id)


def import_path(ws, path: Path, *, limits: Limits = Limits(), progress: Progress | None = None) -> ImportResult:
    """Imports PATH (package folder, package .zip, or DICOM folder); raises PackageRejected."""
    t0 = time.perf_counter()
    src = open_source(Path(path), limits)
    try:
        with ws.write_lock():
            ws.collect_orphans()
            ingest = _Ingest(ws, src, sum(src.files.values()), progress)
            try:
                if "manifest.json" in src.files:
                    result = _import_package(ws, src, ingest, limits)
                else:
                    result = _import_dicom_folder(ws, src, ingest)
            except BaseException:
                ingest.rollback()
                raise
    finally:
        src.close()
    result.seconds = time.perf_counter() - t0
    return result


def _read_small(src, rel: str, limit: int) -> bytes:
    if src.files[rel] > limit:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: {size} bytes is too large"),
                                   label=src.label, rel=rel, size=src.files[rel]))
    with src.open(rel) as f:
        return f.read()


def _check_new(ws, platform_case_id: str, label: str) -> None:
    if ws.db.execute("SELECT 1 FROM cases WHERE platform_case_id = ?", [platform_case_id]).fetchone():
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: case {case} is already in the workspace"),
                                   label=label, case=platform_case_id))


def _import_package(ws, src, ingest: _Ingest, limits: Limits) -> ImportResult:
    label = src.label
    manifest_raw = _read_small(src, "manifest.json", limits.max_manifest_bytes)
    m = parse_manifest(manifest_raw, label)
    _check_new(ws, m.platform_case_id, label)
    sums = parse_sha256sums(_read_small(src, "SHA256SUMS", 64 << 20), label) if "SHA256SUMS" in src.files else {}
    for rel in sums:
        if rel not in src.files:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: listed in SHA256SUMS but missing from the package"),
                                       where=f"{label}/{rel}"))
    attachments: dict[str, AttachmentRef] = {}
    for att in m.attachments:
        if att.path not in src.files:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", 
                "{where}: named by a DocumentReference but missing from the package"), where=f"{label}/{att.path}"))
        attachments[att.path] = att
    for rel in src.files:
        if rel in ("SHA256SUMS", "manifest.json") or rel in sums or rel in attachments:
            continue
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", 
            "{where}: not covered by any hash (SHA256SUMS or attachment.hash); refused"), where=f"{label}/{rel}"))
    if "manifest.json" in sums and hashlib.sha256(manifest_raw).hexdigest() != sums["manifest.json"]:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: its SHA-256 does not match SHA256SUMS"),
                                   where=f"{label}/manifest.json"))

    manifest_blob = ws.blobs.put(manifest_raw)
    ingest.written.append(manifest_blob)
    planted: list[dict] = []
    docs, slides, dicoms = [], [], []
    for rel in sorted(src.files):
        if rel in ("SHA256SUMS", "manifest.json"):
            continue
        att = attachments.get(rel)
        if rel.startswith("dicom/") and att is None:
            s = ingest.file(rel, sha256=sums.get(rel), keep=HEADER_KEEP)
            try:
                s.header = read_header(s.data)
            except ValueError as exc:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: {exc}"),
                                           label=label, rel=rel, exc=exc)) from None
            s.data = None
            dicoms.append(s)
        elif rel == PLANTED and att is None:
            raw = _read_small(src, rel, 16 << 20)
            if hashlib.sha256(raw).hexdigest() != sums.get(rel):
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: its SHA-256 does not match SHA256SUMS"),
                                           where=f"{label}/{rel}"))
            try:
                planted = list(json.loads(raw).get("inconsistencies", []))
            except (ValueError, AttributeError):
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: not valid JSON"),
                                           label=label, rel=rel)) from None
        elif att is not None:
            s = ingest.file(rel, sha1=att.sha1, size=att.size, sha256=sums.get(rel))
            is_slide = rel.startswith("slides/") or att.content_type in SLIDE_TYPES or att.kind.lower() == "whole-slide image"
            (slides if is_slide else docs).append((s, att))
        else:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: unexpected file; a "
                                                                         "package holds manifest.json, "
                                                                         "SHA256SUMS, documents/, dicom/ and "
                                                                         "slides/"), label=label, rel=rel))
    return commit_case(ws, m, "package", manifest_blob, docs, slides, dicoms, planted, ingest.done)


def _import_dicom_folder(ws, src, ingest: _Ingest) -> ImportResult:
    dicoms, skipped = [], []
    for rel in sorted(src.files):
        with src.open(rel) as f:
            head = f.read(132)
        if not looks_like_dicom(head) or rel.rsplit("/", 1)[-1].upper() == "DICOMDIR":
            skipped.append(rel)
            continue
        s = ingest.file(rel, keep=HEADER_KEEP)
        try:
            s.header = read_header(s.data)
        except ValueError as exc:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: {exc}"),
                                       label=src.label, rel=rel, exc=exc)) from None
        s.data = None
        dicoms.append(s)
    if not dicoms:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: no manifest.json and no DICOM files; nothing to import"),
                                   label=src.label))
    patients = {}
    for s in dicoms:
        patients.setdefault((s.header.patient_id, s.header.patient_name), s.rel)
    if len(patients) > 1:
        a, b = list(patients.values())[:2]
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", 
            "{label}: holds more than one patient ({a} and {b} differ); import each patient's folder separately"),
            label=src.label, a=a, b=b))
    h = dicoms[0].header
    studies = sorted({s.header.study_uid for s in dicoms})
    m = CaseManifest(
        platform_case_id="dicom-" + hashlib.sha256("|".join(studies).encode()).hexdigest()[:16],
        status="ready", priority="routine", due="", patient_name=h.patient_name, birth_date=h.birth_date,
        sex=h.sex, mrn=h.patient_id, specialty="Radiology",
        question=h.study_description or "Imported DICOM folder (no question attached)")
    _check_new(ws, m.platform_case_id, src.label)
    result = commit_case(ws, m, "dicom-folder", None, [], [], dicoms, [], ingest.done)
    result.skipped = skipped
    return result


def commit_case(ws, m: CaseManifest, kind: str, manifest_blob: str | None, docs, slides, dicoms,
                planted: list[dict], total_bytes: int,
                also: Callable[[str], None] | None = None) -> ImportResult:
    """Records a case whose files are already blobs, in one transaction. ``docs``/``slides`` are
    (StoredFile, AttachmentRef) pairs, ``dicoms`` StoredFiles with headers. ``also(case_id)`` runs inside
    the same transaction (sync marks its job done there, so a crash never leaves one without the other)."""
    case_id = uuid.uuid4().hex
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    details = {"questions": m.questions, "first_opinion": m.first_opinion, "planted_inconsistencies": planted}
    series: dict[str, dict] = {}
    for s in dicoms:
        h = s.header
        row = series.setdefault(h.series_uid, {
            "id": uuid.uuid4().hex, "case_id": case_id, "series_uid": h.series_uid, "study_uid": h.study_uid,
            "modality": h.modality, "description": h.series_description, "instance_count": 0,
            "study_date": h.study_date or None, "series_number": h.series_number})
        row["instance_count"] += 1
    with store.transaction(ws.db):
        ws.db["cases"].insert({
            "id": case_id, "platform_case_id": m.platform_case_id, "patient_name": m.patient_name,
            "patient_birth_date": m.birth_date, "patient_sex": m.sex, "patient_mrn": m.mrn,
            "specialty": m.specialty, "question": m.question, "priority": m.priority, "due": m.due,
            "status": m.status, "imported_at": now, "source_kind": kind, "manifest_blob": manifest_blob,
            "details": json.dumps(details)})
        ws.db["documents"].insert_all([{
            "id": uuid.uuid4().hex, "case_id": case_id, "title": a.title, "kind": a.kind,
            "content_type": a.content_type, "date": a.date, "size": s.size, "sha256": s.sha256,
            "blob_id": s.blob_id, "path": s.rel} for s, a in docs])
        ws.db["slides"].insert_all([{
            "id": uuid.uuid4().hex, "case_id": case_id, "title": a.title, "size": s.size, "sha256": s.sha256,
            "blob_id": s.blob_id, "path": s.rel} for s, a in slides])
        ws.db["series"].insert_all(series.values())
        ws.db["instances"].insert_all([{
            "id": uuid.uuid4().hex, "series_id": series[s.header.series_uid]["id"], "sop_uid": s.header.sop_uid,
            "instance_number": s.header.instance_number, "size": s.size, "sha256": s.sha256,
            "blob_id": s.blob_id, "path": s.rel} for s in dicoms], batch_size=500)
        ws.audit.append("case.import", case_id, platform_case_id=m.platform_case_id, source=kind,
                        files=len(docs) + len(slides) + len(dicoms), bytes=total_bytes)
        if also is not None:
            also(case_id)
    return ImportResult(case_id, m.platform_case_id, len(docs) + len(slides) + len(dicoms), total_bytes, 0.0)
