"""Focused checks of the rule tables and extractors."""
from reviewer.summary.flags import FLAG_KINDS
from reviewer.summary.flags.staging import expected_stage
from reviewer.summary.ingest.inputs import CaseInputs, RawDocument
from reviewer.summary.engine import summarise_inputs
from reviewer.summary.rules import load_rules


def _summary(*lines, kind="Consultation note"):
    text = "\n".join(lines).encode()
    inputs = CaseInputs("t", [RawDocument("documents/n.txt", "Note", kind, "2026-01-01", "text/plain", lambda: text)])
    return summarise_inputs(inputs, use_ocr=False).summary


def test_every_flag_kind_has_its_rule_data():
    rules = load_rules()
    assert set(FLAG_KINDS) <= set(rules["flags"])


def test_stage_tables():
    t = load_rules()["staging"]["sites"]
    assert expected_stage(t["breast"], "T2", "N1a", "") == "IIB"
    assert expected_stage(t["breast"], "T1c", "N0", "M0") == "IA"
    assert expected_stage(t["breast"], "T3", "N3", "M0") == "IIIC"
    assert expected_stage(t["lung"], "T2b", "N0", "M0") == "IIA"
    assert expected_stage(t["colon"], "T4b", "N0", "M0") == "IIC"
    assert expected_stage(t["breast"], "T1", "N0", "M1") == "IV"


def test_negation_uncertainty_history_family():
    s = _summary("No evidence of pulmonary embolism.", "Possible pneumonia.", "History of hypertension.",
                 "Mother had breast cancer.", "Diabetes mellitus, but no anaemia.")
    ctx = {f.normalized: f.context for f in s.facts if f.kind == "diagnosis"}
    assert ctx["pulmonary embolism"].negated
    assert ctx["pneumonia"].uncertain and not ctx["pneumonia"].negated
    assert ctx["hypertension"].historical
    assert ctx["breast cancer"].family
    assert ctx["diabetes mellitus"].asserted and ctx["anaemia"].negated


def test_biomarker_details_and_lab_units():
    s = _summary("HER2: equivocal (IHC 2+), FISH amplified", "ER: positive (95%)", "Creatinine 88 umol/L 45-90",
                 "HbA1c 53 mmol/mol", kind="Pathology report")
    her2 = next(f for f in s.facts if f.kind == "her2")
    assert (her2.normalized, her2.attributes["ihc"], her2.attributes["ish"]) == ("positive", "2+", "positive")
    assert next(f for f in s.facts if f.kind == "er").attributes["percent"] == 95
    labs = {f.attributes["test"]: f for f in s.facts if f.kind == "lab"}
    assert labs["creatinine"].attributes["canonical_value"] == 0.9944 and labs["creatinine"].attributes["high"] == 90
    assert labs["hba1c"].attributes["canonical_unit"] == "%" and 6.9 < labs["hba1c"].attributes["canonical_value"] < 7.1


def test_patient_questions_give_no_clinical_facts():
    s = _summary("Patient: Doe, Jane", "I was told my tumour is HER2-positive; do I need trastuzumab?",
                 kind="Patient questions")
    assert {f.kind for f in s.facts} <= {"document", "patient_name", "section", "date"}
