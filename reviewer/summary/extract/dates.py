"""Dates in records (ISO, "14 March 2026", "March 14, 2026", DD/MM/YYYY, 2026年3月14日), each
with the label written before it on its line ("Specimen date", "CT myelogram"), for the
timeline and the chronology rules."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.model import Fact

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DATE = re.compile(
    r"(?P<iso>\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b)"
    r"|(?P<dmy>\b(?P<d2>[0-3]?\d)\s+(?P<mon2>" + _MON + r")\.?\s+(?P<y2>(?:19|20)\d\d)\b)"
    r"|(?P<mdy>\b(?P<mon3>" + _MON + r")\.?\s+(?P<d3>[0-3]?\d),\s*(?P<y3>(?:19|20)\d\d)\b)"
    r"|(?P<slash>\b(?P<d4>[0-3]?\d)/(?P<m4>[01]?\d)/(?P<y4>(?:19|20)\d\d)\b)"
    r"|(?P<jp>(?P<y5>(?:19|20)\d\d)年(?P<m5>[01]?\d)月(?P<d5>[0-3]?\d)日)"
    r"|(?P<my>\b(?P<mon6>" + _MON + r")\s+(?P<y6>(?:19|20)\d\d)\b)", re.IGNORECASE)
_BIRTH = re.compile(r"birth|\bDOB\b|生年月日|born", re.IGNORECASE)


def parse_date(m: re.Match) -> str | None:
    g = m.groupdict()
    try:
        if g["iso"]:
            y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        elif g["dmy"]:
            y, mo, d = int(g["y2"]), MONTHS[g["mon2"].lower()[:3]], int(g["d2"])
        elif g["mdy"]:
            y, mo, d = int(g["y3"]), MONTHS[g["mon3"].lower()[:3]], int(g["d3"])
        elif g["slash"]:
            y, mo, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
        elif g["jp"]:
            y, mo, d = int(g["y5"]), int(g["m5"]), int(g["d5"])
        else:
            mo = MONTHS[g["mon6"].lower()[:3]]
            return f"{int(g['y6']):04d}-{mo:02d}"
    except (KeyError, ValueError, TypeError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def label_before(text: str, start: int) -> str:
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    label = text[line_start:start].strip(" \t:-–,(")
    label = re.split(r"[.;]\s", label)[-1]
    return " ".join(label.split())[-60:]


def extract_dates(v: PageView) -> list[Fact]:
    out = []
    for m in DATE.finditer(v.text):
        iso = parse_date(m)
        if not iso:
            continue
        label = label_before(v.text, m.start())
        if _BIRTH.search(label):
            continue
        out.append(v.fact("date", m.start(), m.end(), iso, "dates.regex", confidence=0.95,
                          attributes={"label": label}))
    return out
