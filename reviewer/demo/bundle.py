"""FHIR R4 resources of a case package and the collection Bundle (manifest.json).

Plain dicts, built in a fixed order, so that json.dumps gives the same bytes every run.
References between resources are the entries' fullUrl ("urn:uuid:...").
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .ids import full_url

DICOM_MODALITIES = "http://dicom.nema.org/resources/ontology/DCM"
SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CASE_ID_SYSTEM = "https://platform.example/case-id"


@dataclass(frozen=True)
class PatientInfo:
    given: str
    family: str
    gender: str                  # FHIR: female | male
    birth_date: str              # YYYY-MM-DD
    mrn: str

    @property
    def dicom_name(self) -> str:
        return f"{self.family}^{self.given}"


@dataclass(frozen=True)
class TaskInfo:
    case_id: str
    status: str
    priority: str
    description: str
    authored_on: str
    due: str
    specialty: str
    reason: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class ConditionInfo:
    text: str
    code: tuple[str, str, str] | None = None          # system, code, display
    body_site: tuple[str, str, str] | None = None
    recorded: str = ""
    note: str = ""


@dataclass(frozen=True)
class LabInfo:
    text: str
    value: float
    unit: str                    # UCUM
    low: float | None
    high: float | None
    date: str
    loinc: tuple[str, str] | None = None               # code, display


@dataclass(frozen=True)
class SeriesInfo:
    uid: str
    number: int
    modality: str
    description: str
    body_site: tuple[str, str, str]
    sop_class_uid: str
    instances: tuple[tuple[str, int], ...]            # (SOP instance UID, instance number)


@dataclass(frozen=True)
class StudyInfo:
    uid: str
    started: str
    description: str
    series: tuple[SeriesInfo, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AttachmentInfo:
    """A file of the package described by a DocumentReference."""
    url: str                     # relative to the package root
    kind: str
    title: str
    date: str
    content_type: str
    size: int
    sha1: str                    # FHIR R4 Attachment.hash: base64 of the SHA-1 digest

    @classmethod
    def of_file(cls, root: Path, path: Path, kind: str, title: str, date: str,
                content_type: str) -> "AttachmentInfo":
        digest = hashlib.sha1()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return cls(path.relative_to(root).as_posix(), kind, title, date, content_type,
                   path.stat().st_size, base64.b64encode(digest.digest()).decode("ascii"))


def _coding(system: str, code: str, display: str) -> dict:
    return {"system": system, "code": code, "display": display}


class BundleBuilder:
    """Collects the resources of one case, each with a fullUrl derived from the seed."""

    def __init__(self, seed: int, case_key: str):
        self.seed, self.case_key = seed, case_key
        self.entries: list[dict] = []

    def url(self, *parts: object) -> str:
        return full_url(self.seed, self.case_key, *parts)

    def add(self, url: str, resource: dict) -> str:
        self.entries.append({"fullUrl": url, "resource": resource})
        return url

    def bundle(self) -> dict:
        return {
            "resourceType": "Bundle",
            "id": self.url("bundle").removeprefix("urn:uuid:"),
            "meta": {"lastUpdated": self._last_updated()},
            "type": "collection",
            "entry": self.entries,
        }

    def _last_updated(self) -> str:
        for e in self.entries:
            if e["resource"]["resourceType"] == "Task":
                return e["resource"]["authoredOn"]
        return "2026-11-20T00:00:00+01:00"

    # -- resources ---------------------------------------------------------------------

    def patient(self, p: PatientInfo) -> str:
        return self.add(self.url("Patient"), {
            "resourceType": "Patient",
            "identifier": [{"type": {"text": "MRN"}, "system": "urn:demo:mrn", "value": p.mrn}],
            "name": [{"use": "official", "family": p.family, "given": [p.given]}],
            "gender": p.gender,
            "birthDate": p.birth_date,
        })

    def service_request(self, t: TaskInfo, patient: str) -> str:
        return self.add(self.url("ServiceRequest"), {
            "resourceType": "ServiceRequest",
            "status": "active",
            "intent": "order",
            "category": [{"text": "Second opinion"}],
            "code": {"text": f"Second opinion - {t.specialty}"},
            "subject": {"reference": patient},
            "authoredOn": t.authored_on,
            "performerType": {"text": t.specialty},
            "reasonCode": [{"text": t.reason}],
            "note": [{"text": q} for q in t.questions],
        })

    def task(self, t: TaskInfo, patient: str, request: str) -> str:
        return self.add(self.url("Task"), {
            "resourceType": "Task",
            "identifier": [{"system": CASE_ID_SYSTEM, "value": t.case_id}],
            "status": t.status,
            "intent": "order",
            "priority": t.priority,
            "code": {"text": "Second opinion review"},
            "description": t.description,
            "focus": {"reference": request},
            "for": {"reference": patient},
            "authoredOn": t.authored_on,
            "lastModified": t.authored_on,
            "owner": {"display": "Dr. Demo Specialist"},
            "restriction": {"period": {"end": t.due}},
        })

    def condition(self, index: int, c: ConditionInfo, patient: str) -> str:
        res: dict = {
            "resourceType": "Condition",
            "clinicalStatus": {"coding": [_coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")]},
            "verificationStatus": {"coding": [_coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed",
                "Confirmed")]},
            "code": {"text": c.text},
            "subject": {"reference": patient},
        }
        if c.code:
            res["code"]["coding"] = [_coding(*c.code)]
        if c.body_site:
            res["bodySite"] = [{"coding": [_coding(*c.body_site)], "text": c.body_site[2]}]
        if c.recorded:
            res["recordedDate"] = c.recorded
        if c.note:
            res["note"] = [{"text": c.note}]
        return self.add(self.url("Condition", index), res)

    def observation(self, index: int, lab: LabInfo, patient: str) -> str:
        code: dict = {"text": lab.text}
        if lab.loinc:
            code["coding"] = [_coding(LOINC, *lab.loinc)]
        res: dict = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [_coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory",
                "Laboratory")]}],
            "code": code,
            "subject": {"reference": patient},
            "effectiveDateTime": lab.date,
            "valueQuantity": {"value": lab.value, "unit": lab.unit, "system": UCUM,
                              "code": lab.unit},
        }
        if lab.low is not None or lab.high is not None:
            rng: dict = {}
            if lab.low is not None:
                rng["low"] = {"value": lab.low, "unit": lab.unit, "system": UCUM, "code": lab.unit}
            if lab.high is not None:
                rng["high"] = {"value": lab.high, "unit": lab.unit, "system": UCUM,
                               "code": lab.unit}
            res["referenceRange"] = [rng]
            if lab.high is not None and lab.value > lab.high:
                res["interpretation"] = [{"coding": [_coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                    "H", "High")]}]
            elif lab.low is not None and lab.value < lab.low:
                res["interpretation"] = [{"coding": [_coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                    "L", "Low")]}]
        return self.add(self.url("Observation", index), res)

    def document_reference(self, a: AttachmentInfo, patient: str) -> str:
        return self.add(self.url("DocumentReference", a.url), {
            "resourceType": "DocumentReference",
            "status": "current",
            "type": {"text": a.kind},
            "description": a.title,
            "date": a.date,
            "subject": {"reference": patient},
            "content": [{"attachment": {
                "contentType": a.content_type,
                "url": a.url,
                "size": a.size,
                "hash": a.sha1,
                "title": a.title,
            }}],
        })

    def imaging_study(self, s: StudyInfo, patient: str) -> str:
        series = []
        for se in s.series:
            series.append({
                "uid": se.uid,
                "number": se.number,
                "modality": {"system": DICOM_MODALITIES, "code": se.modality},
                "description": se.description,
                "numberOfInstances": len(se.instances),
                "bodySite": {"system": se.body_site[0], "code": se.body_site[1],
                             "display": se.body_site[2]},
                "instance": [{"uid": uid, "sopClass": {"system": "urn:ietf:rfc:3986",
                                                       "code": f"urn:oid:{se.sop_class_uid}"},
                              "number": n} for uid, n in se.instances],
            })
        return self.add(self.url("ImagingStudy", s.uid), {
            "resourceType": "ImagingStudy",
            "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{s.uid}"}],
            "status": "available",
            "subject": {"reference": patient},
            "started": s.started,
            "description": s.description,
            "numberOfSeries": len(series),
            "numberOfInstances": sum(len(se.instances) for se in s.series),
            "series": series,
        })
