"""Corpus cases written as package folders (a module of its own: test modules of several folders
cannot share a `conftest` import)."""
import json
from pathlib import Path

from reviewer.demo.records import Record, render


def write_package_from_case(root: Path, case: dict) -> Path:
    """A corpus case as a package folder on disk (documents/ and manifest.json)."""
    root.mkdir(parents=True)
    entries = [{"fullUrl": f"urn:uuid:r{i}", "resource": r} for i, r in enumerate(case.get("fhir", []))]
    for i, d in enumerate(case["documents"]):
        p = root / d["path"]
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(render(Record(p.name, d["kind"], d["title"], d["date"], tuple(d["lines"]))))
        entries.append({"fullUrl": f"urn:uuid:d{i}", "resource": {
            "resourceType": "DocumentReference", "status": "current", "type": {"text": d["kind"]}, "date": d["date"],
            "description": d["title"], "content": [{"attachment": {"url": d["path"], "title": d["title"],
                "contentType": "application/pdf" if d["format"] == "pdf" else "text/plain"}}]}})
    (root / "manifest.json").write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}))
    return root
