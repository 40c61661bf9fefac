"""The demo cases' planted inconsistencies are all found, with evidence at the planted places."""
import json

import pytest

from reviewer.summary import summarise
from spans import unresolved


def _occurrences(summary, document, text):
    for d in summary.documents:
        if d.document == document and not d.fhir_path:
            for p in d.pages:
                start = p.text.find(text)
                while start >= 0:
                    yield p.number, start, start + len(text)
                    start = p.text.find(text, start + 1)


def _matches(summary, flag, evidence) -> bool:
    spots = list(_occurrences(summary, evidence["document"], evidence["text"]))
    assert spots, f"planted evidence text not found in {evidence['document']}"
    for fid in flag.evidence:
        s = summary.fact(fid).source
        if s.document == evidence["document"] and s.start is not None:
            if any(page == s.page and s.start < b and a < s.end for page, a, b in spots):
                return True
    return False


@pytest.mark.parametrize("name", ["breast-oncology", "spine-surgery", "neurology"])
def test_planted_inconsistencies_are_found_with_their_evidence(demo_packages, name):
    pkg = demo_packages[name]
    summary = summarise(pkg)
    planted = json.loads((pkg / "planted_inconsistencies.json").read_text())["inconsistencies"]
    for p in planted:
        candidates = [f for f in summary.flags if f.kind == p["kind"]]
        assert candidates, f"{name}: no {p['kind']} flag"
        assert any(all(_matches(summary, f, e) for e in p["evidence"]) for f in candidates), \
            f"{name}: {p['kind']} flag without the planted evidence"
    assert unresolved(summary, pkg) == []
    kinds = {f.kind for f in summary.flags}
    assert kinds <= {p["kind"] for p in planted}, f"{name}: unexpected flags {kinds}"


def test_identity_facts_come_from_every_series_and_the_manifest(demo_packages):
    summary = summarise(demo_packages["neurology"])
    dicom = [f for f in summary.facts if f.source.dicom_tag]
    assert {f.kind for f in dicom} == {"patient_name", "patient_birth_date", "patient_sex", "patient_mrn"}
    assert len({f.source.document.split("/")[1] for f in dicom}) == 2      # current and prior series
    assert any(f.source.fhir_path.endswith("birthDate") for f in summary.facts)


def test_ids_are_deterministic(demo_packages):
    a, b = summarise(demo_packages["spine-surgery"]), summarise(demo_packages["spine-surgery"])
    assert [f.id for f in a.facts] == [f.id for f in b.facts]
    assert sorted(f.id for f in a.flags) == sorted(f.id for f in b.flags)
