"""Numeric laboratory results on a results line or in running text: value, unit normalised to
the test's canonical unit (labs.toml), reference range, high/low flag and date."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.model import Fact

VALUE = re.compile(
    r"[ \t]*(?:\([^)\n]{0,30}\)[ \t]*)?[:：=]?[ \t]*(?:of[ \t]+|was[ \t]+|is[ \t]+)?"
    r"(?P<cmp>[<>≤≥]=?)?[ \t]*(?P<v>\d+(?:\.\d+)?)(?![\d\-/]\d)(?!\.\d)(?![\w])"
    r"(?:[ \t]*(?P<u>%|(?:10[*^]\d+|x10\^?\d+)/?[A-Za-zµμ]+|/[A-Za-zµμ]+|[A-Za-zµμ][A-Za-zµμ0-9/.*^]*(?:/1\.73\s?m2)?))?"
    r"(?:[ \t]+(?:\(?(?:ref(?:erence)?[:.]?\s*|normal[:]?\s*)?)(?:(?P<lo>\d+(?:\.\d+)?)[ \t]*[-–][ \t]*(?P<hi>\d+(?:\.\d+)?)|(?P<lt>[<>])[ \t]*(?P<lim>\d+(?:\.\d+)?)))?")
# the collection date of the results ("Date of birth" / "Birth date" is not one)
DATE_LINE = re.compile(r"(?<!birth )(?:Collected|Specimen|Sample|Date)(?![ \t]*of[ \t]+birth)[^\n\d]{0,30}(?P<d>(?:19|20)\d\d-[01]\d-[0-3]\d)", re.I)
UNIT_WORDS = {"and", "or", "on", "in", "at", "the", "with", "of", "to", "from", "was", "is", "today"}


def convert(value: float, unit: str, spec: dict) -> tuple[float, str, bool]:
    canon = spec["unit"]
    if not unit or unit == canon or unit.lower() == canon.lower():
        return value, canon, True
    factor = spec.get("convert", {}).get(unit)
    if factor == "hba1c":
        return round(value / 10.929 + 2.15, 2), canon, True
    if isinstance(factor, (int, float)):
        return round(value * factor, 4), canon, True
    return value, unit, False


def lab_date(v: PageView) -> str:
    m = DATE_LINE.search(v.text)
    return m.group("d") if m else (v.doc.date or "")[:10]


def extract_labs(v: PageView) -> list[Fact]:
    tests = v.rules["labs"]["tests"]
    date = None
    out = []
    for m, test in v.rules.lab_names.finditer(v.text):
        spec = tests[test]
        r = VALUE.match(v.text, m.end())
        if not r:
            continue
        unit = r.group("u") or ""
        if unit.lower() in UNIT_WORDS or (unit and unit[0].isalpha() and unit.lower() not in
                                          {k.lower() for k in (spec["unit"], *spec.get("convert", {}))}
                                          and not re.match(r"^(?:[a-zµμ]{0,3}(?:g|l|mol|u|iu)(?:/[a-z.0-9]+)?)$", unit, re.I)):
            unit = ""
            end = r.end("v")
        else:
            end = r.end("u") if unit else r.end("v")
        value = float(r.group("v"))
        canon_value, canon_unit, known = convert(value, unit, spec)
        attrs = {"test": test, "value": value, "unit": unit, "canonical_value": canon_value,
                 "canonical_unit": canon_unit, "unit_known": known}
        if unit and r.group("lo") is not None and r.end("u") == end:
            attrs["low"], attrs["high"] = float(r.group("lo")), float(r.group("hi"))
            end = r.end("hi")
        elif unit and r.group("lim") is not None:
            attrs["low" if r.group("lt") == ">" else "high"] = float(r.group("lim"))
            end = r.end("lim")
        elif not unit and r.group("lim") is not None:
            attrs["low" if r.group("lt") == ">" else "high"] = float(r.group("lim"))
            end = r.end("lim")
        if r.group("cmp"):
            attrs["comparator"] = r.group("cmp")
        if "high" in attrs and value > attrs["high"]:
            attrs["flag"] = "H"
        elif "low" in attrs and value < attrs["low"]:
            attrs["flag"] = "L"
        if date is None:
            date = lab_date(v)
        attrs["date"] = date
        kind = spec.get("kind", "lab")
        out.append(v.fact(kind, m.start(), end, f"{test} {canon_value:g} {canon_unit}", "labs.numeric",
                          attributes=attrs))
    return out
