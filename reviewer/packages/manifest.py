"""Reads a case package's FHIR R4 Bundle (DESIGN §4) into what import needs.

Only the fields the workstation uses are read; anything malformed is a PackageRejected naming the
resource and field. The whole Bundle is kept (encrypted) for later features.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field

from reviewer.errors import PackageRejected
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.packages.sources import safe_relpath

PRIORITIES = ("routine", "urgent", "asap", "stat")


@dataclass(frozen=True)
class AttachmentRef:
    path: str
    sha1: bytes | None
    size: int | None
    title: str
    kind: str
    content_type: str
    date: str


@dataclass
class CaseManifest:
    platform_case_id: str
    status: str
    priority: str
    due: str
    patient_name: str
    birth_date: str
    sex: str
    mrn: str
    specialty: str
    question: str
    questions: list[str] = field(default_factory=list)
    first_opinion: list[str] = field(default_factory=list)
    attachments: list[AttachmentRef] = field(default_factory=list)


def _text(concept) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for c in concept.get("coding") or []:
        if isinstance(c, dict) and (c.get("display") or c.get("code")):
            return str(c.get("display") or c.get("code"))
    return ""


def _human_name(names) -> str:
    for n in names or []:
        if not isinstance(n, dict):
            continue
        if n.get("text"):
            return str(n["text"])
        family = str(n.get("family") or "")
        given = " ".join(str(g) for g in n.get("given") or [])
        return f"{family}, {given}".strip(", ")
    return ""


def parse_manifest(raw: bytes, label: str) -> CaseManifest:
    where = f"{label}/manifest.json"
    try:
        bundle = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: not valid JSON ({name} at "
                                                                     "{position})"),
                                   where=where, name=exc.__class__.__name__, position=getattr(exc, 'pos', '?'))) from None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: not a FHIR Bundle"), where=where))
    if bundle.get("type") != "collection":
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: Bundle.type must be "
                                                                     "'collection', not {type!r}"),
                                   where=where, type=bundle.get('type')))
    by_type: dict[str, list[dict]] = {}
    by_url: dict[str, dict] = {}
    for i, entry in enumerate(bundle.get("entry") or []):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(res, dict) or not isinstance(res.get("resourceType"), str):
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: entry {i} has no resource"),
                                       where=where, i=i))
        by_type.setdefault(res["resourceType"], []).append(res)
        if entry.get("fullUrl"):
            by_url[entry["fullUrl"]] = res
        if res.get("id"):
            by_url[f"{res['resourceType']}/{res['id']}"] = res

    def one(kind: str) -> dict:
        found = by_type.get(kind) or []
        if len(found) != 1:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: needs exactly one {kind}, "
                                                                         "found {found_count}"),
                                       where=where, kind=kind, found_count=len(found)))
        return found[0]

    task, patient = one("Task"), one("Patient")
    ids = [i.get("value") for i in task.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
    if not ids:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: Task.identifier (the platform's case id) is missing"),
                                   where=where))
    priority = task.get("priority", "routine")
    if priority not in PRIORITIES:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: Task.priority {priority!r} is "
                                                                     "not one of {join}"),
                                   where=where, priority=priority, join=', '.join(PRIORITIES)))
    due = ((task.get("restriction") or {}).get("period") or {}).get("end", "")
    request = by_url.get((task.get("focus") or {}).get("reference", "")) or (by_type.get("ServiceRequest") or [{}])[0]
    mrn = next((str(i.get("value")) for i in patient.get("identifier") or []
                if isinstance(i, dict) and i.get("value")), "")
    questions = [str(n.get("text")) for n in request.get("note") or [] if isinstance(n, dict) and n.get("text")]
    question = next((_text(r) for r in request.get("reasonCode") or [] if _text(r)), "") \
        or task.get("description", "") or (questions[0] if questions else "")
    first = [_text(c.get("code")) for c in by_type.get("Condition", []) if _text(c.get("code"))]
    attachments = []
    for doc in by_type.get("DocumentReference", []):
        for content in doc.get("content") or []:
            att = (content or {}).get("attachment") or {}
            url = att.get("url")
            if not url:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: a DocumentReference attachment "
                                                                             "has no url"), where=where))
            if "://" in url:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: attachment {url!r} is not "
                                                                             "inside the package"),
                                           where=where, url=url[:200]))
            sha1 = None
            if att.get("hash"):
                try:
                    sha1 = base64.b64decode(att["hash"], validate=True)
                except (binascii.Error, ValueError):
                    raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: attachment {url} has a hash "
                                                                                 "that is not base64"),
                                               where=where, url=url[:200])) from None
                if len(sha1) != 20:
                    raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: attachment {url} hash is not a "
                                                                                 "SHA-1 digest"),
                                               where=where, url=url[:200]))
            size = att.get("size")
            if size is not None and (not isinstance(size, int) or size < 0):
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: attachment {url} has an "
                                                                             "invalid size {size!r}"),
                                           where=where, url=url[:200], size=size))
            attachments.append(AttachmentRef(
                safe_relpath(url, where), sha1, size, str(att.get("title") or doc.get("description") or url),
                _text(doc.get("type")), str(att.get("contentType") or ""), str(doc.get("date") or "")))
    return CaseManifest(
        platform_case_id=str(ids[0]), status=str(task.get("status") or "ready"), priority=priority, due=str(due),
        patient_name=_human_name(patient.get("name")), birth_date=str(patient.get("birthDate") or ""),
        sex=str(patient.get("gender") or "unknown"), mrn=mrn,
        specialty=_text(request.get("performerType")) or _text(request.get("code")),
        question=str(question), questions=questions, first_opinion=first, attachments=attachments)


def parse_sha256sums(raw: bytes, label: str) -> dict[str, str]:
    sums: dict[str, str] = {}
    for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep:
            digest, sep, name = line.partition(" *")
        digest = digest.strip().lower()
        if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/SHA256SUMS line {n} is not "
                                                                         "'<sha256>  <path>'"), label=label, n=n))
        sums[safe_relpath(name.strip(), f"{label}/SHA256SUMS")] = digest
    return sums
