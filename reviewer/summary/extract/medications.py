"""Medicines with dose, frequency, dates and whether they are planned (Plan section or words
such as "start"), with their drug class for the treatment-biomarker rule."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.extract.dates import DATE, parse_date
from reviewer.summary.model import Fact

DOSE = re.compile(r"(?P<d>\d+(?:\.\d+)?(?:\s*x\s*\d+(?:\.\d+)?)?)\s*(?P<u>mg/m2|mg/m²|mg/kg|mg|mcg|µg|g|units|IU|mL)\b", re.I)
FREQ = re.compile(r"\b(?:once|twice|three times|four times)\s+(?:daily|a day|weekly)|\bdaily\b|\bevery\s+\d+\s+(?:days|weeks|months)\b"
                  r"|\b(?:BID|TID|QID|QD|OD|PRN)\b|\bweekly\b|\bmonthly\b|1日\d回", re.I)
PLANNED = re.compile(r"\b(?:plan(?:ned)?|start|starting|will|recommend(?:ed)?|to begin|commence|propose[ds]?|then)\b|予定", re.I)


def extract_medications(v: PageView) -> list[Fact]:
    drugs = v.rules["medications"]["drugs"]
    out = []
    for m, drug in v.rules.drugs.finditer(v.text):
        sent = v.sentence_of(m.start())
        window_end = min(sent.end, m.end() + 40)
        attrs = {"drug": drug, "class": drugs[drug]["class"]}
        d = DOSE.search(v.text, m.end(), window_end)
        if d and not any(True for _ in v.rules.drugs.finditer(v.text, m.end(), d.start())):
            attrs["dose"] = f"{d.group('d')} {d.group('u')}"
        f = FREQ.search(v.text, m.end(), sent.end)
        if f:
            attrs["frequency"] = f.group(0)
        dates = [parse_date(x) for x in DATE.finditer(v.text, sent.start, sent.end)]
        if dates:
            attrs["dates"] = [x for x in dates if x]
        s_text = v.text[sent.start:sent.end]
        attrs["status"] = "planned" if (v.section(m.start()) == "plan" or PLANNED.search(s_text)) else "recorded"
        out.append(v.fact("medication", m.start(), m.end(), drug, "medications.dictionary",
                          context=v.context(m.start(), m.end()), attributes=attrs))
    return out
