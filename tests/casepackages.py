"""Builds small, valid case packages for tests (DESIGN §4), so each test can break one thing."""
from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path

SIEMENS = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "dicom" / "dicom2nifti" / "siemens" / "anatomical" / "001"


def build_package(root: Path, *, case_id: str = "SO-TEST-0001", family: str = "Testpatient",
                  given: str = "Alice", documents: dict[str, bytes] | None = None,
                  dicom_from: Path | None = SIEMENS, sums: bool = True) -> Path:
    root.mkdir(parents=True)
    documents = documents if documents is not None else {
        "documents/pathology.txt": f"Pathology report for {family}, {given}. HER2 negative.".encode(),
        "documents/questions.txt": b"Do I need chemotherapy?",
    }
    for rel, data in documents.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    if dicom_from is not None:
        (root / "dicom").mkdir()
        for f in sorted(dicom_from.iterdir()):
            if f.suffix != ".gz":
                shutil.copy(f, root / "dicom" / f.name)
    entries = [
        {"fullUrl": "urn:uuid:task", "resource": {
            "resourceType": "Task", "status": "ready", "intent": "order", "priority": "urgent",
            "identifier": [{"system": "https://platform.example/case-id", "value": case_id}],
            "for": {"reference": "urn:uuid:patient"}, "focus": {"reference": "urn:uuid:request"},
            "restriction": {"period": {"end": "2026-12-01T17:00:00+00:00"}}}},
        {"fullUrl": "urn:uuid:patient", "resource": {
            "resourceType": "Patient", "name": [{"family": family, "given": [given]}],
            "birthDate": "1970-01-01", "gender": "female",
            "identifier": [{"type": {"text": "MRN"}, "value": "TEST-0001"}]}},
        {"fullUrl": "urn:uuid:request", "resource": {
            "resourceType": "ServiceRequest", "status": "active", "intent": "order",
            "performerType": {"text": "Medical oncology"}, "reasonCode": [{"text": "Is chemotherapy needed?"}],
            "note": [{"text": "Do I need chemotherapy?"}], "subject": {"reference": "urn:uuid:patient"}}},
    ]
    for i, (rel, data) in enumerate(documents.items()):
        entries.append({"fullUrl": f"urn:uuid:doc{i}", "resource": {
            "resourceType": "DocumentReference", "status": "current", "type": {"text": "Record"},
            "description": rel.rsplit("/", 1)[-1], "date": "2026-10-01",
            "content": [{"attachment": {"contentType": "text/plain", "url": rel, "size": len(data),
                                        "hash": base64.b64encode(hashlib.sha1(data).digest()).decode()}}]}})
    (root / "manifest.json").write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}))
    if sums:
        write_sums(root)
    return root


def write_sums(root: Path) -> None:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}"
             for p in sorted(root.rglob("*")) if p.is_file() and p.name != "SHA256SUMS"]
    (root / "SHA256SUMS").write_text("\n".join(lines) + "\n")
