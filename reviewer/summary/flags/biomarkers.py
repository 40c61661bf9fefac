"""biomarker_conflict (a marker positive in one record and negative in another, or a HER2 status
that contradicts its own IHC score) and treatment_biomarker_conflict (a targeted drug for
disease without its target, from the requirements table in flags.toml)."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs, flag_text, values_text
from reviewer.summary.flags.terms import term

MARKERS = ("er", "pr", "her2", "egfr", "alk", "kras", "braf", "brca", "msi_mmr", "hormone_receptor")
LABELS = {"er": "ER", "pr": "PR", "her2": "HER2", "egfr": "EGFR", "alk": "ALK", "kras": "KRAS", "braf": "BRAF",
          "brca": "BRCA", "msi_mmr": "MSI/MMR", "hormone_receptor": "Hormone receptor"}
# facts of other kinds that also state a marker's status
IMPLIED = {"er": ("hormone_receptor", "triple_negative"), "pr": ("hormone_receptor", "triple_negative"),
           "her2": ("triple_negative",)}


def _status_facts(inp: FlagInputs, marker: str) -> dict[str, list]:
    groups: dict[str, list] = {}
    for f in inp.of(marker, *IMPLIED.get(marker, ())):
        if f.context.negated or f.context.family:
            continue
        if f.kind == "hormone_receptor" and f.normalized == "positive":
            continue      # "hormone receptor-positive" is ER or PR positive: says nothing of each alone
        if f.normalized in ("positive", "negative"):
            groups.setdefault(f.normalized, []).append(f)
    return groups


def check_conflicts(inp: FlagInputs):
    p = inp.params("biomarker_conflict")
    for marker in MARKERS:
        groups = _status_facts(inp, marker)
        if "positive" in groups and "negative" in groups:
            yield inp.flag("biomarker_conflict", f"biomarker.{marker}",
                           flag_text(p["message"], marker=term(LABELS[marker]), values=values_text(groups)),
                           [*groups["negative"], *groups["positive"]])
    ihc_table = inp.rules["biomarkers"]["her2_ihc"]
    for f in inp.of("her2"):
        score = f.attributes.get("ihc")
        expected = ihc_table.get(score or "")
        if expected in ("positive", "negative") and f.normalized in ("positive", "negative") \
                and f.normalized != expected and "ish" not in f.attributes:
            yield inp.flag("biomarker_conflict", "biomarker.her2_ihc",
                           flag_text(p["ihc_message"], status=term(f.normalized), score=score, expected=term(expected)), [f])


def check_treatment(inp: FlagInputs):
    p = inp.params("treatment_biomarker_conflict")
    for req in p["requirements"]:
        meds = [f for f in inp.of("medication") if f.attributes.get("class") == req["class"]
                and not f.context.negated and not f.context.family]
        if not meds:
            continue
        groups = _status_facts(inp, req["marker"])
        wrong = "negative" if req["requires"] == "positive" else "positive"
        against = groups.get(wrong, [])
        if not against:
            continue
        by_drug: dict[str, list] = {}
        for m in meds:
            by_drug.setdefault(m.normalized, []).append(m)
        for drug, mentions in by_drug.items():
            yield inp.flag("treatment_biomarker_conflict", f"treatment.{req['class']}",
                           flag_text(p["message"], drug=drug, drug_class=req["class"], marker=LABELS[req["marker"]],
                                               status=term(wrong)),
                           [*mentions, *against])
