"""Inconsistency rules: one module per flag kind, parameters and messages in
resources/summary_rules/flags.toml (and the stage/grade tables beside it)."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs
from reviewer.summary.flags import (biomarkers, chronology, duplicates, grading, identity, labs, laterality,
                                    missing, staging)
from reviewer.summary.model import Flag

CHECKS = (identity.check, laterality.check, biomarkers.check_conflicts, biomarkers.check_treatment,
          staging.check, grading.check, chronology.check, labs.check_diagnosis, labs.check_implausible,
          missing.check, duplicates.check)

FLAG_KINDS = ("identity_mismatch", "laterality_conflict", "biomarker_conflict", "treatment_biomarker_conflict",
              "stage_inconsistency", "grade_inconsistency", "chronology", "lab_diagnosis_conflict",
              "implausible_value", "missing_record", "duplicate_document")


def run_checks(inputs: FlagInputs) -> list[Flag]:
    seen: dict[str, Flag] = {}
    for check in CHECKS:
        for f in check(inputs):
            seen.setdefault(f.id, f)
    return list(seen.values())


__all__ = ["FLAG_KINDS", "FlagInputs", "run_checks"]
