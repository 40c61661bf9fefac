"""The opinion model: JSON round trip, and what check_ready_to_sign reports (without patient data)."""
import json

import pytest

from report_samples import synthetic_case
from reviewer.paths import report_template
from reviewer.reports.opinion import (Opinion, OpinionError, check_ready_to_sign, new_opinion, outcome_record)
from reviewer.reports.templates import load_template


def example(specialty="radiology", lang="en") -> Opinion:
    return Opinion.from_json(report_template("examples", f"{specialty}.{lang}.json").read_text(encoding="utf-8"))


def test_round_trip_is_canonical():
    o = example("pathology")
    again = Opinion.from_json(o.to_json())
    assert again == o and again.to_json() == o.to_json()


def test_new_opinion_has_an_answer_slot_per_question_and_lists_everything_missing():
    t = load_template("oncology", "en")
    case = synthetic_case(questions=("Q one?", "Q two?"))
    o = new_opinion(t, case)
    assert [a.question for a in o.answers] == ["Q one?", "Q two?"]
    where = {p.where for p in check_ready_to_sign(o, t, case=case)}
    assert {"concordance", "fields.revised_diagnosis", "fields.staging", "fields.management", "fields.intent",
            "fields.limitations", "answers[1]", "answers[2]", "outcome.diagnosis_changed",
            "outcome.treatment_changed", "outcome.surgery"} <= where
    assert "fields.tumour_board" not in where          # optional


def test_messages_say_what_is_missing_in_the_templates_words_and_never_quote_content():
    t = load_template("radiology", "en")
    o = example()
    secret = "Zsófia has a lesion"
    o.fields["findings"] = ""
    o.fields["measurements"].append({"lesion": secret, "size": ""})
    o.answers[0].answer = " "
    o.concordance.comment = ""
    o.fields["further_imaging"] = ["mri", "telepathy"]
    problems = check_ready_to_sign(o, t)
    text = [p.message for p in problems]
    assert "“Findings” is required" in text
    assert "“Key measurements”, row 4: “Size” is required" in text
    assert "“Answers to the patient's questions”: answer question 1" in text
    assert any("explain the discrepancy" in m for m in text)
    assert any("Further imaging" in m and "not among the listed options" in m for m in text)
    assert not any(secret in m or "telepathy" in m for m in text)


def test_case_questions_must_each_be_answered():
    t = load_template("radiology", "en")
    o = example()
    case = synthetic_case(questions=(o.answers[0].question, "A question the opinion forgot?"))
    assert [p.where for p in check_ready_to_sign(o, t, case=case)] == ["answers[2]"]


def test_images_must_exist_and_wrong_types_are_reported():
    t = load_template("radiology", "en")
    o = example()
    o.images.append(__import__("reviewer.reports.opinion", fromlist=["ImageRef"]).ImageRef("gone", "c"))
    o.fields["staging"] = ["not", "text"]
    o.fields["unknown_field"] = "x"
    where = {p.where for p in check_ready_to_sign(o, t, available_images=set())}
    assert {"images[1]", "fields.staging", "fields.unknown_field"} <= where


def test_outcome_record_carries_the_concordance_category():
    o = example("radiology")
    rec = outcome_record(o, load_template("radiology", "en"))
    assert rec == {"concordance": "2b", "concordance_scale": "RADPEER", "concordance_category": "major",
                   "diagnosis_changed": True, "treatment_changed": True, "surgery": "changed", "addendum": False}


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("format"), "format"),
    (lambda d: d.__setitem__("answers", [{"answer": "x"}]), r"answers\[0\]\.question: missing"),
    (lambda d: d["outcome"].__setitem__("surgery", "maybe"), "outcome.surgery must be one of"),
    (lambda d: d["outcome"].__setitem__("diagnosis_changed", "yes"), "diagnosis_changed: must be bool"),
    (lambda d: d.__setitem__("addendum", {"cites_version": 1, "cites_sha256": "abc"}), "64 lowercase hex"),
])
def test_malformed_documents_name_the_key(mutate, message):
    d = example().to_dict()
    mutate(d)
    with pytest.raises(OpinionError, match=message):
        Opinion.from_dict(d)
    with pytest.raises(OpinionError, match="not valid JSON"):
        Opinion.from_json("{")
