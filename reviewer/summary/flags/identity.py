"""identity_mismatch: name, birth date, sex or MRN differ across records, FHIR Patient and the
DICOM/slide headers."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs, flag_text, minority_evidence, values_text
from reviewer.summary.flags.terms import term

FIELDS = {"name": ("patient_name", "name"), "birth_date": ("patient_birth_date", "birth date"),
          "sex": ("patient_sex", "sex"), "mrn": ("patient_mrn", "record number (MRN)")}


def _same_name(a: str, b: str) -> bool:
    ta, tb = set(a.split()), set(b.split())
    return ta <= tb or tb <= ta


def check(inp: FlagInputs):
    p = inp.params("identity_mismatch")
    for field in p["fields"]:
        kind, label = FIELDS[field]
        groups: dict[str, list] = {}
        for f in inp.of(kind):
            key = f.normalized
            if field == "name":
                key = next((k for k in groups if _same_name(k, key)), key)
            groups.setdefault(key, []).append(f)
        if field == "sex":
            groups.pop("other", None)
        if len(groups) > 1:
            shown = {(g[0].value if field == "name" else g[0].normalized): g for g in groups.values()}
            yield inp.flag("identity_mismatch", f"identity.{field}",
                           flag_text(p["message"], field=term(label), values=values_text(shown)), minority_evidence(groups))
