"""grade_inconsistency: Gleason pattern vs its sum and vs the ISUP grade group; Nottingham score
vs grade (tables in grading.toml); histologic grades that differ between records."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs, flag_text, values_text


def check(inp: FlagInputs):
    p = inp.params("grade_inconsistency")
    g = inp.rules["grading"]
    gleasons = inp.of("gleason")
    for f in gleasons:
        a = f.attributes
        if "stated_sum" in a and a["stated_sum"] != a["sum"]:
            yield inp.flag("grade_inconsistency", "grade.gleason_sum", flag_text(p["sum_message"],
                pattern=f"{a['primary']}+{a['secondary']}", expected=a["sum"], stated=a["stated_sum"]), [f])
    for gg in inp.of("grade_group"):
        same = [f for f in gleasons if f.source.document == gg.source.document] or gleasons
        for f in same:
            key = f"{f.attributes['primary']}+{f.attributes['secondary']}"
            expected = g["gleason_grade_group"].get(key)
            if expected is not None and expected != gg.attributes["group"]:
                yield inp.flag("grade_inconsistency", "grade.gleason_group", flag_text(p["gleason_message"],
                    pattern=key, expected=expected, stated=gg.attributes["group"]), [f, gg])
    grades = [f for f in inp.of("grade") if not f.context.negated]
    for f in grades:
        score = f.attributes.get("score")
        if score is None:
            continue
        for row in g["nottingham"]["scores"]:
            if row["min"] <= score <= row["max"] and row["grade"] != f.attributes["grade"]:
                yield inp.flag("grade_inconsistency", "grade.nottingham", flag_text(p["nottingham_message"],
                    score=score, expected=row["grade"], stated=f.attributes["grade"]), [f])
    groups: dict[str, list] = {}
    for f in grades:
        groups.setdefault(f.normalized, []).append(f)
    if len(groups) > 1:
        yield inp.flag("grade_inconsistency", "grade.differs", flag_text(p["differ_message"], values=values_text(groups)),
                       [f for fs in groups.values() for f in fs])
