"""The FHIR R4 REST + DICOMweb platform.

Assignments are Tasks owned by the specialist in an open status; a case is its Task, with the
Patient and ServiceRequest by ``_include`` and the rest (DocumentReference, ImagingStudy, Condition,
Observation…) read by reference from ``Task.input``. Records come by attachment URL or ``Binary``
(Range-resumable), images by WADO-RS from the DICOMweb base the ImagingStudy's Endpoint names.
A submission is a DiagnosticReport created conditionally (``If-None-Exist`` on its identifier), then
the Task moved to ``completed`` with the report as output; both steps are safe to repeat.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterator
from urllib.parse import urljoin

from reviewer.sync.errors import Rejected, ServerError, SyncError
from reviewer.sync.fetch import Download, open_http, open_inline, open_wado
from reviewer.sync.httpclient import HttpClient, origin
from reviewer.sync.model import OPEN_STATUSES, STATUS_ORDER, Ack, Assignment, CasePlan, Submission, TransferItem
from reviewer.sync.settings import SyncConfig
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

SUBMISSION_SYSTEM = "urn:ietf:rfc:3986"        # identifier values are urn:uuid: submission ids
EXT_BASE = "https://reviewer-workstation.org/fhir/StructureDefinition/"
OUTCOME_EXT = EXT_BASE + "second-opinion-outcome"
AUDIT_EXT = EXT_BASE + "audit-chain-head"
CONCORDANCE_SYSTEM = EXT_BASE + "CodeSystem/concordance"
SLIDE_TYPES = ("image/tiff", "image/svs", "application/dicom+wsi", "image/x-ndpi")
EXTENSIONS = {"application/pdf": ".pdf", "text/plain": ".txt", "application/fhir+json": ".json",
              "application/json": ".json", "application/dicom": ".dcm", "image/tiff": ".tif",
              "image/svs": ".svs", "image/x-ndpi": ".ndpi", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_PAGES = 50


def _uid(value: str) -> str:
    return value[len("urn:oid:"):] if value.startswith("urn:oid:") else value


def _tag(ds: dict, tag: str) -> str:
    v = (ds.get(tag) or {}).get("Value") or [""]
    return str(v[0])


class FhirPlatform:
    name = "fhir"

    def __init__(self, config: SyncConfig, http: HttpClient):
        self.config = config
        self.base = config.platform_url.rstrip("/")
        self.http = http
        http.trusted |= {origin(self.base)} | ({origin(config.dicomweb_url)} if config.dicomweb_url else set())

    def close(self) -> None:
        self.http.close()

    def url(self, ref: str) -> str:
        return ref if "://" in ref else f"{self.base}/{ref.lstrip('/')}"

    # -- assignments -------------------------------------------------------------------------
    def check(self) -> None:
        self.http.json("GET", f"{self.base}/metadata")

    def _search(self, kind: str, params: dict) -> Iterator[dict]:
        url, p = f"{self.base}/{kind}", params
        for _ in range(MAX_PAGES):
            _, bundle, _ = self.http.json("GET", url, params=p)
            if bundle.get("resourceType") != "Bundle":
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The platform's {kind} search did not "
                                                                       "answer a Bundle"), kind=kind))
            for e in bundle.get("entry") or []:
                if isinstance(e, dict) and isinstance(e.get("resource"), dict):
                    yield e["resource"]
            nxt = next((ln.get("url") for ln in bundle.get("link") or [] if ln.get("relation") == "next"), None)
            if not nxt or origin(nxt) != origin(self.base):
                return
            url, p = nxt, None

    def assignments(self) -> list[Assignment]:
        out = []
        for t in self._search("Task", {"owner": self.config.owner, "status": ",".join(OPEN_STATUSES),
                                       "_count": "100"}):
            if t.get("resourceType") != "Task" or not t.get("id"):
                continue
            out.append(Assignment(self._case_id(t), f"Task/{t['id']}", str(t.get("status") or "")))
        return out

    @staticmethod
    def _case_id(task: dict) -> str:
        ids = [i.get("value") for i in task.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
        return str(ids[0]) if ids else f"Task/{task['id']}"

    # -- one case ----------------------------------------------------------------------------
    def _read(self, ref: str) -> dict:
        _, res, _ = self.http.json("GET", self.url(ref))
        return res

    def plan(self, a: Assignment) -> CasePlan:
        task_id = a.task_ref.split("/", 1)[1]
        found = {f"{r['resourceType']}/{r.get('id')}": r for r in self._search(
            "Task", {"_id": task_id, "_include": ["Task:patient", "Task:focus"]})}
        task = found.get(a.task_ref)
        if task is None:
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Case {platform_case_id}: its Task is no "
                                                                 "longer on the platform"),
                                 platform_case_id=a.platform_case_id))
        wanted = [(task.get("for") or {}).get("reference"), (task.get("focus") or {}).get("reference")]
        wanted += [(i.get("valueReference") or {}).get("reference") for i in task.get("input") or []
                   if isinstance(i, dict)]
        for ref in filter(None, wanted):
            if ref not in found and not ref.startswith("#"):
                res = self._read(ref)
                found[f"{res.get('resourceType')}/{res.get('id')}"] = res
        task = dict(task)
        if not task.get("identifier"):
            task["identifier"] = [{"system": self.base, "value": a.platform_case_id}]
        found[a.task_ref] = task
        items: list[TransferItem] = []
        n = 0
        for key, res in list(found.items()):
            if res.get("resourceType") == "DocumentReference":
                res = found[key] = self._documents(res, items, n)
                n += len(res.get("content") or [])
            elif res.get("resourceType") == "ImagingStudy":
                self._imaging(res, items)
        bundle = {"resourceType": "Bundle", "type": "collection",
                  "entry": [{"fullUrl": f"{self.base}/{k}", "resource": r} for k, r in found.items()
                            if r.get("resourceType") != "Endpoint"]}
        refs = {"task": a.task_ref, "patient": (task.get("for") or {}).get("reference", ""),
                "focus": (task.get("focus") or {}).get("reference", ""), "owner": self.config.owner}
        return CasePlan(bundle=bundle, items=items, refs=refs)

    def _documents(self, doc: dict, items: list[TransferItem], start: int) -> dict:
        doc = dict(doc)
        contents = []
        for i, content in enumerate(doc.get("content") or []):
            content = dict(content or {})
            att = dict(content.get("attachment") or {})
            ctype = str(att.get("contentType") or "")
            ext = EXTENSIONS.get(ctype.split(";")[0].strip(), "")
            folder = "slides" if ctype in SLIDE_TYPES else "documents"
            # Named by position, not title: a title may name the patient, and paths reach messages.
            rel = f"{folder}/{start + i + 1:03d}{ext}"
            if att.get("data"):
                raw = base64.b64decode(att["data"])
                spec = {"source": "inline", "data": att.pop("data")}
                att.setdefault("size", len(raw))
                att.setdefault("hash", base64.b64encode(hashlib.sha1(raw).digest()).decode())
            elif att.get("url"):
                url = str(att["url"])
                spec = {"source": "http", "url": url if "://" in url else urljoin(self.base + "/", url)}
            else:
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "A record of this case (DocumentReference "
                                                                     "{id}) has neither url nor data"),
                                     id=doc.get('id')))
            size = att.get("size") if isinstance(att.get("size"), int) else None
            items.append(TransferItem(f"doc:{doc.get('id')}:{i}", rel, "slide" if folder == "slides" else "document",
                                      spec, size, att.get("hash")))
            att["url"] = rel
            content["attachment"] = att
            contents.append(content)
        doc["content"] = contents
        return doc

    def _dicomweb_base(self, study: dict) -> str:
        for ep in study.get("endpoint") or []:
            ref = (ep or {}).get("reference")
            if ref:
                endpoint = self._read(ref)
                if endpoint.get("address"):
                    return str(endpoint["address"]).rstrip("/")
        if self.config.dicomweb_url:
            return self.config.dicomweb_url.rstrip("/")
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "ImagingStudy {id} names no DICOMweb endpoint and "
                                                             "none is configured (--dicomweb-url)"),
                             id=study.get('id')))

    def _imaging(self, study: dict, items: list[TransferItem]) -> None:
        uid = next((_uid(str(i.get("value"))) for i in study.get("identifier") or []
                    if isinstance(i, dict) and i.get("value")), "")
        if not uid:
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "ImagingStudy {id} has no Study Instance UID"),
                                 id=study.get('id')))
        base = self._dicomweb_base(study)
        self.http.trusted.add(origin(base))
        series = [(str(s.get("uid")), [str(i.get("uid")) for i in s.get("instance") or [] if i.get("uid")])
                  for s in study.get("series") or [] if s.get("uid")]
        if not series:
            found = self.http.get_json(f"{base}/studies/{uid}/series", accept="application/dicom+json")
            series = [(_tag(s, "0020000E"), []) for s in found or [] if _tag(s, "0020000E")]
        for se, instances in series:
            if not instances:
                found = self.http.get_json(f"{base}/studies/{uid}/series/{se}/instances",
                                           accept="application/dicom+json")
                instances = [_tag(i, "00080018") for i in found or [] if _tag(i, "00080018")]
            for sop in instances:
                items.append(TransferItem(f"dicom:{sop}", f"dicom/{se}/{sop}.dcm", "dicom",
                                          {"source": "wado", "sop": sop,
                                           "url": f"{base}/studies/{uid}/series/{se}/instances/{sop}"}))

    def open(self, item: TransferItem, offset: int, validator: str | None = None):
        src = item.spec.get("source")
        if src == "http":
            return open_http(self.http, item.spec["url"], offset, validator)
        if src == "wado":
            return open_wado(self.http, item.spec["url"], offset)
        if src == "inline":
            return open_inline(item.spec["data"], offset)
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Unknown transfer source {src!r}"), src=src))

    # -- status and submission ---------------------------------------------------------------
    def _update_task(self, task_ref: str, change) -> dict:
        task = self._read(task_ref)
        new = change(dict(task))
        if new is None:
            return task
        headers = {}
        version = (task.get("meta") or {}).get("versionId")
        if version:
            headers["If-Match"] = f'W/"{version}"'
        _, res, _ = self.http.json("PUT", self.url(task_ref), body=new, headers=headers)
        return res

    def set_status(self, task_ref: str, status: str) -> None:
        def change(task):
            if STATUS_ORDER.get(task.get("status"), 9) >= STATUS_ORDER[status]:
                return None                 # never moves a Task backwards (or off cancelled/failed)
            task["status"] = status
            return task
        self._update_task(task_ref, change)

    def submit(self, s: Submission) -> Ack:
        identifier = f"urn:uuid:{s.submission_id}"
        report = diagnostic_report(s, identifier)
        status, res, headers = self.http.json(
            "POST", f"{self.base}/DiagnosticReport", body=report,
            headers={"If-None-Exist": f"identifier={SUBMISSION_SYSTEM}|{identifier}"})
        report_id = res.get("id") or _id_from_location(headers.get("Location", ""))
        if not report_id:
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The platform accepted the report but did "
                                                                   "not say where it is (no id)")))
        ref = f"DiagnosticReport/{report_id}"

        def change(task):
            outputs = list(task.get("output") or [])
            if any((o.get("valueReference") or {}).get("reference") == ref for o in outputs) \
                    and task.get("status") == "completed":
                return None
            outputs = [o for o in outputs if (o.get("valueReference") or {}).get("reference") != ref]
            outputs.append({"type": {"text": "Second opinion report"}, "valueReference": {"reference": ref}})
            outputs = [o for o in outputs if (o.get("type") or {}).get("text") != "Audit chain head"]
            outputs.append({"type": {"text": "Audit chain head"}, "valueString": s.audit_head})
            task["output"] = outputs
            task["status"] = "completed"
            return task
        task_ref = s.task_ref or self._find_task(s.platform_case_id)
        self._update_task(task_ref, change)
        return Ack(ref)

    def _find_task(self, platform_case_id: str) -> str:
        for t in self._search("Task", {"identifier": platform_case_id}):
            if t.get("resourceType") == "Task" and t.get("id"):
                return f"Task/{t['id']}"
        raise Rejected(Text(QT_TRANSLATE_NOOP("SyncErrors", "Case {platform_case_id}: the platform holds no "
                                                            "Task for it"), platform_case_id=platform_case_id))


def _id_from_location(loc: str) -> str:
    m = re.search(r"DiagnosticReport/([A-Za-z0-9\-.]{1,64})", loc)
    return m.group(1) if m else ""


def diagnostic_report(s: Submission, identifier: str) -> dict:
    o = s.outcome
    flags = [("diagnosisChanged", o.diagnosis_changed), ("treatmentChanged", o.treatment_changed),
             ("surgeryAvoided", o.surgery_avoided)]
    report = {
        "resourceType": "DiagnosticReport",
        "identifier": [{"system": SUBMISSION_SYSTEM, "value": identifier}],
        "status": "appended" if s.addendum else "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "11488-4", "display": "Consult note"}],
                 "text": s.title},
        "issued": s.signed_at,
        "conclusionCode": [{"coding": [{"system": CONCORDANCE_SYSTEM, "code": o.concordance}]}],
        "presentedForm": [{"contentType": "application/pdf", "data": base64.b64encode(s.pdf).decode(),
                           "size": len(s.pdf), "hash": base64.b64encode(hashlib.sha1(s.pdf).digest()).decode(),
                           "title": s.title + (" (addendum)" if s.addendum else ""), "creation": s.signed_at}],
        "extension": [
            {"url": OUTCOME_EXT, "extension": [
                {"url": name, "valueBoolean": value} for name, value in flags if value is not None]
             + [{"url": "concordance", "valueCode": o.concordance}]},
            {"url": AUDIT_EXT, "valueString": s.audit_head}],
    }
    if o.conclusion:
        report["conclusion"] = o.conclusion
    refs = s.refs or {}
    if refs.get("patient"):
        report["subject"] = {"reference": refs["patient"]}
    if str(refs.get("focus", "")).startswith("ServiceRequest/"):
        report["basedOn"] = [{"reference": refs["focus"]}]
    if refs.get("owner"):
        report["performer"] = [{"reference": refs["owner"]}]
    return report


__all__ = ["FhirPlatform", "Download", "diagnostic_report"]
