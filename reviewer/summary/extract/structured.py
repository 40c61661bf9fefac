"""Facts from structured data: FHIR Patient and Observation values (source = FHIR path) and
the identifying header fields of DICOM series and slides (source = DICOM tag or TIFF tag)."""
from __future__ import annotations

from reviewer.summary.extract.base import structured_fact
from reviewer.summary.extract.dates import DATE, parse_date
from reviewer.summary.extract.identity import SEXES, normalize_name
from reviewer.summary.extract.labs import convert
from reviewer.summary.ingest import fhir
from reviewer.summary.ingest.dicom import iso_date
from reviewer.summary.ingest.inputs import ImageHeader
from reviewer.summary.model import Fact, SourceRef
from reviewer.summary.rules import RuleBook

FIELD_KIND = {"name": "patient_name", "birth_date": "patient_birth_date", "sex": "patient_sex", "mrn": "patient_mrn"}


def _normalize(field: str, value: str) -> str | None:
    if field == "name":
        return normalize_name(value)
    if field == "birth_date":
        d = iso_date(value) or (parse_date(m) if (m := DATE.search(value)) else None)
        return d or None
    if field == "sex":
        return SEXES.get(value.strip().lower()) or {"o": "other", "other": "other"}.get(value.strip().lower())
    return value.strip().upper()


def image_facts(h: ImageHeader) -> list[Fact]:
    out = []
    for f in h.fields:
        norm = _normalize(f.field, f.value)
        if not norm:
            continue
        src = SourceRef(h.document, text=f.value, dicom_tag=f.tag)
        out.append(structured_fact(FIELD_KIND[f.field], f.value, norm, src, f"identity.{h.kind}",
                                   attributes={"field": f.field, "modality": h.modality, "study_date": h.study_date}))
    return out


def _patient(document: str, path: str, res: dict) -> list[Fact]:
    out = []

    def add(field: str, value, p: str):
        if isinstance(value, str) and value.strip() and (norm := _normalize(field, value)):
            out.append(structured_fact(FIELD_KIND[field], value, norm,
                                       SourceRef(document, text=value, fhir_path=p), "identity.fhir",
                                       attributes={"field": field}))
    for i, n in enumerate(res.get("name") or []):
        if isinstance(n, dict):
            if n.get("text"):
                add("name", n["text"], f"{path}.name[{i}].text")
            elif n.get("family"):
                # both parts as one value: the path names the family element, the given names are attributes
                given = " ".join(str(g) for g in n.get("given") or [])
                f = structured_fact("patient_name", n["family"], normalize_name(f"{n['family']} {given}"),
                                    SourceRef(document, text=n["family"], fhir_path=f"{path}.name[{i}].family"),
                                    "identity.fhir", attributes={"field": "name", "given": given})
                out.append(f)
            break
    add("birth_date", res.get("birthDate"), f"{path}.birthDate")
    add("sex", res.get("gender"), f"{path}.gender")
    for i, ident in enumerate(res.get("identifier") or []):
        if isinstance(ident, dict) and ident.get("value"):
            add("mrn", ident["value"], f"{path}.identifier[{i}].value")
            break
    return out


def _observation(document: str, path: str, res: dict, rules: RuleBook) -> list[Fact]:
    code = res.get("code") or {}
    name = code.get("text") or next((c.get("display") for c in code.get("coding") or [] if c.get("display")), "")
    q = res.get("valueQuantity")
    if not name or not isinstance(q, dict) or not isinstance(q.get("value"), (int, float)):
        return []
    m = next(iter(rules.lab_names.finditer(name)), None)
    if m is None:
        return []
    test = m[1]
    spec = rules["labs"]["tests"][test]
    value, unit = float(q["value"]), str(q.get("unit") or q.get("code") or "")
    cv, cu, known = convert(value, unit, spec)
    attrs = {"test": test, "value": value, "unit": unit, "canonical_value": cv, "canonical_unit": cu,
             "unit_known": known, "date": fhir.resource_date(res), "name": name}
    for rr in res.get("referenceRange") or []:
        if isinstance(rr, dict):
            if isinstance((rr.get("low") or {}).get("value"), (int, float)):
                attrs["low"] = float(rr["low"]["value"])
            if isinstance((rr.get("high") or {}).get("value"), (int, float)):
                attrs["high"] = float(rr["high"]["value"])
            break
    if "high" in attrs and value > attrs["high"]:
        attrs["flag"] = "H"
    elif "low" in attrs and value < attrs["low"]:
        attrs["flag"] = "L"
    src = SourceRef(document, text=str(q["value"]), fhir_path=f"{path}.valueQuantity.value")
    return [structured_fact(spec.get("kind", "lab"), f"{name} {q['value']} {unit}".strip(), f"{test} {cv:g} {cu}", src,
                            "labs.fhir", attributes=attrs)]


def fhir_facts(document: str, doc: dict, rules: RuleBook) -> list[Fact]:
    out: list[Fact] = []
    for path, res in fhir.resources(doc):
        rt = res.get("resourceType")
        if rt == "Patient":
            out += _patient(document, path, res)
        elif rt == "Observation":
            out += _observation(document, path, res, rules)
    return out
