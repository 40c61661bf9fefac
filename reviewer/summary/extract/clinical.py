"""Diagnoses and problems, procedures and therapies, imaging studies cited with a date, imaging
findings, and left/right mentions of paired structures. Context (negated, uncertain,
historical, family) comes from the NegEx triggers of the sentence."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.extract.dates import DATE, parse_date
from reviewer.summary.model import Fact

_WORD = re.compile(r"\S+")


def extract_diagnoses(v: PageView) -> list[Fact]:
    out = []
    for m, canon in v.rules.diagnoses.finditer(v.text):
        out.append(v.fact("diagnosis", m.start(), m.end(), canon, "clinical.diagnosis",
                          context=v.context(m.start(), m.end()),
                          attributes={"cancer": canon in v.rules.cancer_diagnoses}))
    return out


def extract_procedures(v: PageView) -> list[Fact]:
    chron = v.rules["flags"]["chronology"]
    out = []
    for m, canon in v.rules.procedures.finditer(v.text):
        s = v.sentence_of(m.start())
        sent = v.text[s.start:s.end].lower()
        attrs = {}
        if any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", sent) for t in chron["completed_terms"]):
            attrs["status"] = "completed"
        elif any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", sent) for t in chron["start_terms"]):
            attrs["status"] = "started"
        out.append(v.fact("procedure", m.start(), m.end(), canon, "clinical.procedure",
                          context=v.context(m.start(), m.end()), attributes=attrs))
    return out


def extract_imaging_studies(v: PageView) -> list[Fact]:
    """"CT myelogram 2026-08-12", "Staging CT chest on 2026-09-28": a study cited with its date."""
    table = v.rules["vocabulary"]["imaging_studies"]
    out = []
    for m, study in v.rules.imaging.finditer(v.text):
        d = DATE.search(v.text, m.end(), min(len(v.text), m.end() + 18))
        if not d or "\n" in v.text[m.end():d.start()]:
            continue
        iso = parse_date(d)
        if not iso:
            continue
        out.append(v.fact("imaging_study", m.start(), d.end(), f"{study} {iso}", "clinical.imaging_study",
                          attributes={"study": study, "date": iso, "modality": table[study]["modality"]}))
    return out


def is_imaging_report(v: PageView) -> bool:
    kinds = v.rules["vocabulary"]["document_kinds"]["imaging"]
    label = f" {v.doc.kind} {v.doc.title} ".lower()
    return any(k in label for k in kinds)


def extract_imaging_findings(v: PageView) -> list[Fact]:
    if not is_imaging_report(v):
        return []
    out = []
    for s in v.sentences:
        if v.section(s.start) not in ("findings", "impression"):
            continue
        for m, term in v.rules.tumour_terms.finditer(v.text, s.start, s.end):
            ctx = v.context(m.start(), m.end())
            if ctx.negated:
                continue
            out.append(v.fact("imaging_finding", s.start, s.end, term, "clinical.imaging_finding",
                              confidence=0.75, context=ctx, attributes={"finding": term}))
            break
    return out


def extract_laterality(v: PageView) -> list[Fact]:
    lat = v.rules["vocabulary"]["laterality"]
    gap = int(lat.get("max_gap_words", 4))
    out = []
    for m, side in v.rules.sides.finditer(v.text):
        s = v.sentence_of(m.start())
        found = None
        for sm, structure in v.rules.structures.finditer(v.text, m.end(), s.end):
            between = v.text[m.end():sm.start()]
            if len(_WORD.findall(between)) <= gap and not re.search(r"[,;:()]", between):
                found = (sm, structure)
            break
        if found is None:
            continue
        sm, structure = found
        lesion = False
        for lm, _ in v.rules.lesion_terms.finditer(v.text, s.start, s.end):
            if not v.context(lm.start(), lm.end()).negated:
                lesion = True
                break
        conflict = bool(lat["structures"][structure].get("conflict"))
        out.append(v.fact("laterality", m.start(), sm.end(), f"{side} {structure}", "clinical.laterality",
                          context=v.context(m.start(), sm.end()),
                          attributes={"side": side, "structure": structure, "lesion": lesion, "conflict": conflict}))
    return out
