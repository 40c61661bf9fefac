"""Precision and recall on the labelled corpus, spans over the whole corpus, consistent cases."""
from reviewer.summary.engine import summarise_inputs
from reviewer.summary.quality import case_inputs, evaluate, load_corpus
from reviewer.summary.rules import load_rules
from spans import unresolved


def test_corpus_is_large_enough_and_has_consistent_cases():
    corpus = load_corpus()
    assert len(corpus) >= 30
    assert sum(1 for c in corpus if not c["expected"]["flags"]) >= 8
    assert any(d["format"] == "pdf" for c in corpus for d in c["documents"])
    assert any(not ln.isascii() for c in corpus for d in c["documents"] for ln in d["lines"])


def test_precision_and_recall_of_facts_and_flags():
    r = evaluate()
    assert r.fact_precision >= 0.9 and r.fact_recall >= 0.9, (r.fact_precision, r.fact_recall)
    assert r.flag_precision >= 0.9 and r.flag_recall >= 0.9, (r.flag_precision, r.flag_recall)


def test_every_span_resolves_to_its_text_and_consistent_cases_raise_nothing():
    rules = load_rules()
    total = 0
    for case in load_corpus():
        inputs = case_inputs(case)
        s = summarise_inputs(inputs, rules=rules, use_ocr=False).summary
        assert unresolved(s, bundle=inputs.bundle) == [], case["id"]
        total += len(s.facts)
        if not case["expected"]["flags"]:
            assert [f.kind for f in s.flags] == [], case["id"]
        for flag in s.flags:
            assert flag.message and flag.evidence and flag.severity in ("high", "medium", "low")
            assert all(s.fact(e) for e in flag.evidence)
    assert total > 500
