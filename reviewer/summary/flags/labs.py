"""lab_diagnosis_conflict (a qualitative result reported both ways; a diagnosis a lab value argues
against, from the rules table) and implausible_value (values outside physiological limits)."""
from __future__ import annotations

from reviewer.summary.flags.base import FlagInputs, flag_text, name_of

_OPS = {"<": lambda a, b: a < b, ">": lambda a, b: a > b}


def check_diagnosis(inp: FlagInputs):
    p = inp.params("lab_diagnosis_conflict")
    qual: dict[str, dict[str, list]] = {}
    for f in inp.of("lab"):
        if f.attributes.get("qualitative"):
            qual.setdefault(f.attributes["test"], {}).setdefault(f.attributes["result"], []).append(f)
    for test, groups in sorted(qual.items()):
        if "positive" in groups and "negative" in groups:
            a, b = groups["positive"], groups["negative"]
            where = lambda fs: ", ".join(dict.fromkeys(name_of(f.source.document) for f in fs))  # noqa: E731
            yield inp.flag("lab_diagnosis_conflict", "lab.qualitative", flag_text(p["qualitative_message"],
                test=test, status_a=f"positive ({where(a)})", status_b=f"negative ({where(b)})"), [*a, *b])
    diagnoses = inp.of("diagnosis", asserted=True)
    labs = [f for f in inp.of("lab", "psa") if not f.attributes.get("qualitative") and f.attributes.get("unit_known")]
    for rule in p["rules"]:
        dx = [d for d in diagnoses if d.normalized == rule["diagnosis"]]
        vals = [f for f in labs if f.attributes["test"] == rule["test"]
                and _OPS[rule["op"]](f.attributes["canonical_value"], rule["value"])]
        if dx and vals:
            v = vals[0]
            yield inp.flag("lab_diagnosis_conflict", f"lab.{rule['diagnosis']}", flag_text(p["message"],
                diagnosis=rule["diagnosis"].capitalize(), test=rule["test"], value=f"{v.attributes['canonical_value']:g}",
                unit=v.attributes["canonical_unit"], why=rule["why"]), [dx[0], *vals])


def check_implausible(inp: FlagInputs):
    p = inp.params("implausible_value")
    tests = inp.rules["labs"]["tests"]
    for f in inp.of("lab", "psa"):
        a = f.attributes
        if a.get("qualitative") or not a.get("unit_known") or a.get("test") not in tests:
            continue
        lo, hi = tests[a["test"]]["plausible"]
        if not lo <= a["canonical_value"] <= hi:
            yield inp.flag("implausible_value", "implausible.lab", flag_text(p["message"],
                what=a["test"], value=f"{a['canonical_value']:g} {a['canonical_unit']}", low=f"{lo:g}", high=f"{hi:g}",
                unit=a["canonical_unit"]), [f])
    key = {"ki67": "value", "tumour_size": "mm", "pdl1": "value", "er": "percent", "pr": "percent"}
    for kind, attr in key.items():
        rng = p["ranges"].get(f"{kind}_percent" if kind in ("er", "pr") else kind)
        if not rng:
            continue
        for f in inp.of(kind):
            val = f.attributes.get(attr)
            if val is not None and not rng[0] <= val <= rng[1]:
                yield inp.flag("implausible_value", f"implausible.{kind}", flag_text(p["message"],
                    what=kind.replace("_", " "), value=f"{val:g}", low=f"{rng[0]:g}", high=f"{rng[1]:g}",
                    unit="mm" if kind == "tumour_size" else "%"), [f])
