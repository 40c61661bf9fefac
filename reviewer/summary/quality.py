"""Precision and recall of facts and flags against the labelled corpus (resources/summary_corpus).

Facts are compared per case as sets of (kind, key) over EVALUATED_KINDS, where key is the
normalized value, prefixed "no " for a negated diagnosis, histology, procedure or medication
(so negation is scored too). Flags are compared per case as sets of kinds. Micro-averaged over
the corpus. The corpus records are rendered at run time (plain text, or PDF through the demo
record renderer), so the PDF path is measured as well.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.demo.records import Record, render
from reviewer.paths import resource
from reviewer.summary.engine import summarise_inputs
from reviewer.summary.ingest.inputs import CaseInputs, HeaderField, ImageHeader, RawDocument
from reviewer.summary.model import Summary
from reviewer.summary.rules import RuleBook, load_rules

EVALUATED_KINDS = frozenset({
    "histology", "diagnosis", "laterality", "grade", "tumour_size", "margins", "lvi", "tnm", "stage", "lymph_nodes",
    "er", "pr", "her2", "ki67", "pdl1", "msi_mmr", "egfr", "alk", "kras", "braf", "brca", "psa", "gleason",
    "grade_group", "lab", "medication", "procedure", "patient_name", "patient_birth_date", "patient_sex",
    "patient_mrn", "imaging_study"})
NEGATABLE = frozenset({"diagnosis", "histology", "procedure", "medication"})
TAGS = {"name": "(0010,0010) PatientName", "birth_date": "(0010,0030) PatientBirthDate",
        "sex": "(0010,0040) PatientSex", "mrn": "(0010,0020) PatientID"}


def corpus_path() -> Path:
    return resource("summary_corpus", "cases.json")


def load_corpus(path: Path | None = None) -> list[dict]:
    return json.loads((path or corpus_path()).read_text(encoding="utf-8"))


def case_inputs(case: dict) -> CaseInputs:
    """A corpus case as CaseInputs: records rendered in memory, FHIR resources as the manifest."""
    inputs = CaseInputs(case["id"])
    for d in case["documents"]:
        filename = d["path"].rsplit("/", 1)[-1]
        rec = Record(filename, d["kind"], d["title"], d["date"], tuple(d["lines"]))
        ct = "application/pdf" if d["format"] == "pdf" else "text/plain; charset=utf-8"
        inputs.documents.append(RawDocument(d["path"], d["title"], d["kind"], d["date"], ct,
                                            (lambda r=rec: render(r))))
    if case.get("fhir"):
        inputs.bundle = {"resourceType": "Bundle", "type": "collection",
                         "entry": [{"fullUrl": f"urn:uuid:{i}", "resource": r} for i, r in enumerate(case["fhir"])]}
    for img in case.get("images", []):
        inputs.images.append(ImageHeader(img["document"], img["kind"], img.get("modality", ""), img.get("study_date", ""),
                                         "", tuple(HeaderField(k, v, TAGS[k]) for k, v in img["fields"].items())))
    return inputs


def fact_keys(summary: Summary) -> set[tuple[str, str]]:
    out = set()
    for f in summary.facts:
        if f.kind not in EVALUATED_KINDS:
            continue
        key = f.normalized
        if f.kind in NEGATABLE and f.context.negated:
            key = "no " + key
        out.add((f.kind, key))
    return out


@dataclass
class CaseScore:
    id: str
    missed_facts: list = field(default_factory=list)
    extra_facts: list = field(default_factory=list)
    missed_flags: list = field(default_factory=list)
    extra_flags: list = field(default_factory=list)


@dataclass
class QualityReport:
    fact_precision: float
    fact_recall: float
    flag_precision: float
    flag_recall: float
    cases: list[CaseScore]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def evaluate(corpus: list[dict] | None = None, rules: RuleBook | None = None) -> QualityReport:
    corpus = corpus if corpus is not None else load_corpus()
    rules = rules or load_rules()
    tp_f = pred_f = gold_f = tp_g = pred_g = gold_g = 0
    scores = []
    for case in corpus:
        summary = summarise_inputs(case_inputs(case), rules=rules, use_ocr=False).summary
        got = fact_keys(summary)
        want = {tuple(x) for x in case["expected"]["facts"]}
        flags_got = {f.kind for f in summary.flags}
        flags_want = set(case["expected"]["flags"])
        tp_f += len(got & want)
        pred_f += len(got)
        gold_f += len(want)
        tp_g += len(flags_got & flags_want)
        pred_g += len(flags_got)
        gold_g += len(flags_want)
        scores.append(CaseScore(case["id"], sorted(want - got), sorted(got - want),
                                sorted(flags_want - flags_got), sorted(flags_got - flags_want)))
    return QualityReport(_ratio(tp_f, pred_f), _ratio(tp_f, gold_f), _ratio(tp_g, pred_g), _ratio(tp_g, gold_g), scores)
