"""laterality_conflict: the same paired structure is named left in one place and right in
another, in statements about the disease (a lesion word in the sentence, not negated)."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs, flag_text, values_text
from reviewer.summary.flags.terms import term


def check(inp: FlagInputs):
    p = inp.params("laterality_conflict")
    by_structure: dict[str, dict[str, list]] = {}
    for f in inp.of("laterality"):
        a = f.attributes
        if not a.get("conflict") or not a.get("lesion") or f.context.negated or f.context.family or f.context.historical:
            continue
        by_structure.setdefault(a["structure"], {}).setdefault(a["side"], []).append(f)
    for structure, sides in sorted(by_structure.items()):
        if "bilateral" in sides or not ("left" in sides and "right" in sides):
            continue
        groups = {s: sides[s] for s in ("left", "right")}
        yield inp.flag("laterality_conflict", "laterality.structure",
                       flag_text(p["message"], structure=term(structure), values=values_text(groups)),
                       [*groups["left"], *groups["right"]])
