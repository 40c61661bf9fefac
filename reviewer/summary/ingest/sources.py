"""Where a case's records come from: a case package folder on disk (DESIGN §4) or a case already
in the encrypted workspace. Both give the same CaseInputs, with package-relative paths, so a fact
id is the same whichever way the case was read. Workspace blobs are decrypted in memory only."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.summary.ingest.dicom import DicomUnreadable, is_record, read_dataset, series_header
from reviewer.summary.ingest.inputs import CaseInputs, ImageHeader, RawDocument
from reviewer.summary.ingest.slides import slide_header
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

SLIDE_SUFFIXES = (".svs", ".ndpi", ".tif", ".tiff", ".dcm")


def _doc_refs(bundle: dict | None) -> dict[str, dict]:
    """attachment url -> {title, kind, date, content_type} from the Bundle's DocumentReferences."""
    out: dict[str, dict] = {}
    for e in (bundle or {}).get("entry") or []:
        res = e.get("resource") if isinstance(e, dict) else None
        if not isinstance(res, dict) or res.get("resourceType") != "DocumentReference":
            continue
        kind = (res.get("type") or {}).get("text") or ""
        for c in res.get("content") or []:
            att = (c or {}).get("attachment") or {}
            if att.get("url"):
                out[att["url"]] = {"title": str(att.get("title") or res.get("description") or att["url"]),
                                   "kind": str(kind), "date": str(res.get("date") or att.get("creation") or ""),
                                   "content_type": str(att.get("contentType") or "")}
    return out


def _is_slide(rel: str, meta: dict) -> bool:
    return rel.startswith("slides/") or meta.get("kind", "").lower() == "whole-slide image" \
        or meta.get("content_type", "") in ("image/tiff", "image/svs", "image/x-ndpi", "application/dicom+wsi")


def read_package(folder: Path) -> CaseInputs:
    """A case package folder: documents/, dicom/, slides/ and manifest.json (optional)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "{folder}: not a case package folder"),
                                 folder=folder))
    inputs = CaseInputs(folder.name)
    manifest = folder / "manifest.json"
    if manifest.is_file():
        try:
            inputs.bundle = json.loads(manifest.read_bytes())
        except (ValueError, UnicodeDecodeError):
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "{name}/manifest.json: not valid JSON"),
                                     name=folder.name)) from None
    refs = _doc_refs(inputs.bundle)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    series_seen: set[str] = set()
    for p in files:
        rel = p.relative_to(folder).as_posix()
        if rel in ("manifest.json", "SHA256SUMS", "planted_inconsistencies.json"):
            continue
        meta = refs.get(rel, {})
        if rel.startswith("dicom/"):
            _dicom_file(inputs, rel, p, series_seen)
        elif _is_slide(rel, meta):
            with open(p, "rb") as fp:
                h = slide_header(rel, fp)
            if h:
                inputs.images.append(h)
        else:
            inputs.documents.append(RawDocument(rel, meta.get("title", p.name), meta.get("kind", ""),
                                                meta.get("date", ""), meta.get("content_type", ""),
                                                p.read_bytes))
    return inputs


def _dicom_file(inputs: CaseInputs, rel: str, path: Path, series_seen: set[str]) -> None:
    try:
        with open(path, "rb") as fp:
            if fp.read(132)[128:132] != b"DICM":
                return
            fp.seek(0)
            ds = read_dataset(fp)
    except (DicomUnreadable, OSError):
        return
    if is_record(ds):
        inputs.documents.append(RawDocument(rel, str(ds.get("DocumentTitle", "") or ds.get("SeriesDescription", "") or rel),
                                            "DICOM " + str(ds.get("Modality", "")), "", "application/dicom",
                                            path.read_bytes))
        return
    uid = str(ds.get("SeriesInstanceUID", "") or rel)
    if uid in series_seen:
        return
    series_seen.add(uid)
    inputs.images.append(series_header(rel, ds))


def find_case(ws, ref: str):
    """A workspace case by platform case id (SO-2026-0147) or internal id."""
    for c in ws.cases.list():
        if ref in (c.platform_case_id, c.id):
            return ws.cases.get(c.id)
    raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "No case {ref} in this workspace"), ref=ref))


@dataclass(frozen=True)
class WorkspacePlan:
    """What reading a workspace case needs from the database: the manifest's blob and the path of
    each series' first instance. Made on the thread that owns the database (the workstation's GUI
    thread, where the workspace is also locked), so a worker then reads only encrypted blobs."""
    case: object
    manifest_blob: str | None
    first_instance_paths: dict = field(default_factory=dict)     # series id -> package-relative path


def plan_workspace_case(ws, case) -> WorkspacePlan:
    row = ws.db.execute("SELECT manifest_blob FROM cases WHERE id = ?", [case.summary.id]).fetchone()
    paths = {}
    for s in case.series:
        if s.blob_ids:
            path = ws.db.execute("SELECT path FROM instances WHERE blob_id = ?", [s.blob_ids[0]]).fetchone()
            paths[s.id] = (path[0] if path else "") or f"series/{s.series_uid}"
    return WorkspacePlan(case, row[0] if row and row[0] else None, paths)


def read_workspace_case(ws, case, plan: WorkspacePlan | None = None) -> CaseInputs:
    """A case in the workspace: documents and manifest from their encrypted blobs, one instance's
    header per series, the header of each slide. With a ``plan`` the database is not touched."""
    plan = plan or plan_workspace_case(ws, case)
    inputs = CaseInputs(case.summary.platform_case_id)
    if plan.manifest_blob:
        try:
            inputs.bundle = json.loads(ws.blobs.get(plan.manifest_blob))
        except (ValueError, UnicodeDecodeError):
            inputs.bundle = None
    for d in case.documents:
        inputs.documents.append(RawDocument(d.path or d.title, d.title, d.kind, d.date, d.content_type,
                                            (lambda b=d.blob_id: ws.blobs.get(b))))
    for s in case.series:
        if not s.blob_ids:
            continue
        rel = plan.first_instance_paths.get(s.id) or f"series/{s.series_uid}"
        with ws.blobs.open(s.blob_ids[0]) as fp:
            try:
                ds = read_dataset(fp)
            except DicomUnreadable:
                continue
        if is_record(ds):
            inputs.documents.append(RawDocument(rel, s.description or rel, "DICOM " + s.modality, "",
                                                "application/dicom", (lambda b=s.blob_ids[0]: ws.blobs.get(b))))
        else:
            inputs.images.append(series_header(rel, ds))
    for sl in case.slides:
        with ws.blobs.open(sl.blob_id) as fp:
            h: ImageHeader | None = slide_header(sl.path or sl.title, fp)
        if h:
            inputs.images.append(h)
    return inputs
