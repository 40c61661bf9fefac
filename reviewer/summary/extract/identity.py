"""Patient identifiers written in a record's header lines: name, birth date, sex, MRN."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.extract.dates import DATE, parse_date
from reviewer.summary.model import Fact

_LINE_START = r"(?:^|(?<=[\n\r|;]))[ \t]*"
NAME = re.compile(_LINE_START + r"(?:Patient(?:'s)?\s+name|Patient|Name|氏名|患者氏名|患者名)\s*[:：]\s*(?P<v>[^\r\n|;]{2,60}?)\s*(?=$|[\r\n|;])", re.I | re.M)
BIRTH = re.compile(r"(?:Date\s+of\s+birth|DOB|Birth\s*date|D\.O\.B\.|生年月日)\s*[:：]?\s*", re.I)
SEX = re.compile(_LINE_START + r"(?:Sex|Gender|性別)\s*[:：]\s*(?P<v>male|female|man|woman|M|F|男性|女性|男|女)\b", re.I | re.M)
MRN = re.compile(r"(?:\bMRN|Medical\s+record\s+(?:number|no\.?)|Patient\s+ID|Hospital\s+number|患者ID)\s*[:：#]?\s*(?P<v>[A-Z0-9][A-Z0-9\-/]{2,24})", re.I)
SEXES = {"m": "male", "male": "male", "man": "male", "男": "male", "男性": "male",
         "f": "female", "female": "female", "woman": "female", "女": "female", "女性": "female"}


def normalize_name(name: str) -> str:
    """Order-free, case-free form: "Testpatient, Alice" == "ALICE TESTPATIENT" == "Testpatient^Alice"."""
    tokens = re.split(r"[\s,^]+", name.lower())
    return " ".join(sorted(t.strip(".") for t in tokens if t.strip(".")))


def extract_identity(v: PageView) -> list[Fact]:
    out = []
    t = v.text
    for m in NAME.finditer(t):
        val = m.group("v")
        if any(c.isdigit() for c in val):
            continue
        out.append(v.fact("patient_name", m.start("v"), m.end("v"), normalize_name(val), "identity.header",
                          confidence=0.95, attributes={"field": "name"}))
    for m in BIRTH.finditer(t):
        d = DATE.match(t, m.end())
        if d and parse_date(d) and len(parse_date(d)) == 10:
            out.append(v.fact("patient_birth_date", d.start(), d.end(), parse_date(d), "identity.header",
                              confidence=0.95, attributes={"field": "birth_date"}))
    for m in SEX.finditer(t):
        out.append(v.fact("patient_sex", m.start("v"), m.end("v"), SEXES[m.group("v").lower()], "identity.header",
                          confidence=0.95, attributes={"field": "sex"}))
    for m in MRN.finditer(t):
        out.append(v.fact("patient_mrn", m.start("v"), m.end("v"), m.group("v").upper(), "identity.header",
                          confidence=0.95, attributes={"field": "mrn"}))
    return out
