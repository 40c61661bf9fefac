"""FHIR R4 resources: the clinical ones are read both as structured data (extract/fhir.py) and,
for their free-text elements (a Condition's code text and notes, a DiagnosticReport's conclusion,
a MedicationStatement's dosage text...), as small text documents so the same text extractors and
provenance apply. A path like ``entry[3].resource.note[0].text`` locates the element."""
from __future__ import annotations

import base64
import binascii

from reviewer.summary.model import Page, TextDocument

CLINICAL = ("Condition", "Observation", "MedicationStatement", "MedicationRequest", "Procedure",
            "DiagnosticReport", "Patient")

# resourceType -> element paths (relative to the resource) whose strings are read as text
TEXT_ELEMENTS = {
    "Condition": ("code.text", "note[*].text", "bodySite[*].text"),
    "Procedure": ("code.text", "note[*].text", "bodySite[*].text"),
    "DiagnosticReport": ("conclusion", "code.text"),
    "MedicationStatement": ("medicationCodeableConcept.text", "dosage[*].text", "note[*].text"),
    "MedicationRequest": ("medicationCodeableConcept.text", "dosageInstruction[*].text", "note[*].text"),
    "Observation": ("valueString", "note[*].text"),
}


def resources(doc: dict, prefix: str = "") -> list[tuple[str, dict]]:
    """(path, resource) for a Bundle's entries or a single resource."""
    if not isinstance(doc, dict):
        return []
    if doc.get("resourceType") == "Bundle":
        out = []
        for i, e in enumerate(doc.get("entry") or []):
            res = e.get("resource") if isinstance(e, dict) else None
            if isinstance(res, dict) and isinstance(res.get("resourceType"), str):
                out.append((f"{prefix}entry[{i}].resource", res))
        return out
    return [(prefix.rstrip("."), doc)] if isinstance(doc.get("resourceType"), str) else []


def _walk(node, parts: list[str], path: str):
    if not parts:
        if isinstance(node, str) and node.strip():
            yield path, node
        return
    head, rest = parts[0], parts[1:]
    if head.endswith("[*]"):
        key = head[:-3]
        items = node.get(key) if isinstance(node, dict) else None
        for i, item in enumerate(items or []):
            yield from _walk(item, rest, f"{path}.{key}[{i}]")
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, f"{path}.{head}")


def element_texts(path: str, res: dict) -> list[tuple[str, str]]:
    out = []
    for spec in TEXT_ELEMENTS.get(res.get("resourceType"), ()):
        out.extend(_walk(res, spec.split("."), path))
    return out


def resolve(doc: dict, path: str):
    """The value at a path made by this module (``entry[3].resource.note[0].text``)."""
    node = doc
    for part in path.split("."):
        if not part:
            continue
        if "[" in part:
            key, idx = part[:-1].split("[")
            node = node[key] if key else node
            node = node[int(idx)]
        else:
            node = node[part]
    return node


def resource_date(res: dict) -> str:
    for key in ("effectiveDateTime", "recordedDate", "onsetDateTime", "performedDateTime", "issued",
                "authoredOn", "dateAsserted", "date"):
        if isinstance(res.get(key), str):
            return res[key][:10]
    period = res.get("effectivePeriod") or res.get("performedPeriod") or {}
    return str(period.get("start", ""))[:10]


def text_documents(document: str, doc: dict) -> list[TextDocument]:
    """Free-text elements of the clinical resources in ``doc`` (a Bundle or one resource)."""
    out = []
    for path, res in resources(doc):
        if res.get("resourceType") not in CLINICAL:
            continue
        for epath, text in element_texts(path, res):
            out.append(TextDocument(document, f"{res['resourceType']} {epath}", f"FHIR {res['resourceType']}",
                                    resource_date(res), (Page(1, text),), fhir_path=epath))
    return out


def presented_forms(doc: dict) -> list[tuple[str, str, bytes]]:
    """(path, contentType, bytes) of DiagnosticReport.presentedForm attachments carried inline."""
    out = []
    for path, res in resources(doc):
        if res.get("resourceType") != "DiagnosticReport":
            continue
        for i, att in enumerate(res.get("presentedForm") or []):
            if isinstance(att, dict) and att.get("data"):
                try:
                    out.append((f"{path}.presentedForm[{i}]", str(att.get("contentType", "")),
                                base64.b64decode(att["data"], validate=True)))
                except (binascii.Error, ValueError):
                    continue
    return out
