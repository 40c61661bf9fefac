"""Tumour biomarkers (ER, PR, HER2 with IHC score and ISH, EGFR, ALK, KRAS, BRAF, BRCA, MSI/MMR),
Ki-67 and PD-L1, and qualitative laboratory tests (oligoclonal bands, AQP4-IgG...).

A marker's result is read in the clause after its name (up to the next marker name, a semicolon
or the end of the line); a negative phrase there wins over a mutation word ("exon 19 deletion
not detected")."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.model import Fact
from reviewer.summary.rules import Lexicon, RuleBook

IHC = re.compile(r"\b(?:IHC|score|immunohistochemistry)\s*[:：]?\s*(?P<s>0|1\+|2\+|3\+)|(?<![\w+])(?P<s2>[0-3]\+)(?!\w)", re.I)
ISH = re.compile(r"\b(?:F|S|C|D)?ISH\s*[:：]?\s*(?:\w+\s+){0,2}?(?P<r>not amplified|non-amplified|amplified|negative|positive)", re.I)
PERCENT = re.compile(r"(?P<p>\d{1,3}(?:\.\d+)?)\s*%")
KI67 = re.compile(r"\bKi-?67(?:\s+(?:proliferation\s+)?index)?\s*[:：]?\s*(?:of\s+|was\s+|is\s+|approximately\s+|about\s+)?(?P<v>\d{1,3}(?:\.\d+)?)\s*%", re.I)
PDL1 = re.compile(r"\bPD-?L1\b(?:\s*\([\w\s-]+\))?(?:\s+expression)?\s*[:：]?\s*(?:(?P<kind>TPS|CPS|TC|IC)\s*[:：]?\s*)?(?:of\s+)?(?P<v>[<>]?\s*\d{1,3}(?:\.\d+)?)\s*(?P<pct>%)?", re.I)
STOP = re.compile(r"[;\n\r]|\.\s|\.$")
QUAL_WORDS = re.compile(r"\b(?P<w>not detected|non-reactive|negative|positive|detected|reactive|absent|present)\b|(?P<jp>陽性|陰性)", re.I)
QUAL_BEFORE = re.compile(r"\b(?P<w>positive|negative)\s+for\s+$", re.I)
WINDOW = 60


def _status_lexicon(rules: RuleBook) -> Lexicon:
    return Lexicon.build(rules["biomarkers"]["status_words"], case_sensitive_short=False)


def _clause_end(v: PageView, start: int, names: Lexicon, limit: int = WINDOW) -> int:
    end = min(len(v.text), start + limit)
    stop = STOP.search(v.text, start, end)
    if stop:
        end = stop.start()
    for m, _ in names.finditer(v.text, start, end):
        if m.start() > start:
            end = m.start()
            break
    return end


def extract_biomarkers(v: PageView) -> list[Fact]:
    rules = v.rules
    table = rules["biomarkers"]
    markers = table["markers"]
    names = Lexicon.build({k: d["names"] for k, d in markers.items()})
    status_lex = _status_lexicon(rules)
    phrases = Lexicon.build({k: [k] for k in table["phrases"]}, case_sensitive_short=True)
    out: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m, key in phrases.finditer(v.text):
        kind, status = table["phrases"][key]
        out.append(v.fact(kind, m.start(), m.end(), status, "biomarkers.phrase", attributes={"marker": kind}))
        taken.append((m.start(), m.end()))
    for m, marker in names.finditer(v.text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        kind = markers[marker]["kind"]
        end = _clause_end(v, m.end(), names)
        status, s_end, attrs = None, m.end(), {"marker": kind}
        found = list(status_lex.finditer(v.text, m.end(), end))
        negs = [(x, c) for x, c in found if c == "negative"]
        pick = negs[0] if negs else (found[0] if found else None)
        if pick:
            status, s_end = pick[1], pick[0].end()
        before = v.text[max(0, m.start() - 12):m.start()]
        if re.search(r"\bno\s+$", before, re.I):
            status = "negative"
        if kind == "her2":
            ihc = IHC.search(v.text, m.end(), end)
            if ihc:
                attrs["ihc"] = ihc.group("s") or ihc.group("s2")
                s_end = max(s_end, ihc.end())
                status = status or table["her2_ihc"].get(attrs["ihc"])
            line_end = v.text.find("\n", m.end())
            ish = ISH.search(v.text, m.end(), line_end if line_end >= 0 else len(v.text))
            if ish:
                r = ish.group("r").lower()
                attrs["ish"] = "negative" if r in ("not amplified", "non-amplified", "negative") else "positive"
                if status in (None, "equivocal"):
                    status = attrs["ish"]
                    s_end = max(s_end, ish.end())
        pct = PERCENT.search(v.text, m.end(), end)
        if pct and kind in ("er", "pr"):
            attrs["percent"] = float(pct.group("p"))
            if status is None:
                status = "positive" if attrs["percent"] >= 1 else "negative"
                s_end = pct.end()
        if status is None:
            continue
        status = {"low": "positive"}.get(status, status)
        span = v.text[m.start():s_end]
        if span.count("(") > span.count(")") and v.text[s_end:s_end + 1] == ")":
            s_end += 1          # "HER2: negative (IHC 1+)": the highlight closes what it opens
        out.append(v.fact(kind, m.start(), s_end, status, "biomarkers.marker", attributes=attrs))
    for m in KI67.finditer(v.text):
        out.append(v.fact("ki67", m.start(), m.end(), f"{float(m.group('v')):g}%", "biomarkers.ki67",
                          attributes={"value": float(m.group("v"))}))
    for m in PDL1.finditer(v.text):
        val = m.group("v").replace(" ", "")
        kind = (m.group("kind") or ("TPS" if m.group("pct") else "")).upper()
        norm = f"{kind} {val}{'%' if m.group('pct') else ''}".strip()
        out.append(v.fact("pdl1", m.start(), m.end(), norm, "biomarkers.pdl1",
                          attributes={"score": kind, "value": float(val.strip("<>"))}))
    return out


def extract_qualitative(v: PageView) -> list[Fact]:
    """Qualitative tests: "positive for oligoclonal bands", "AQP4-IgG: negative"."""
    out = []
    for m, test in v.rules.qualitative.finditer(v.text):
        before = QUAL_BEFORE.search(v.text[max(0, m.start() - 20):m.start()])
        status, end = None, m.end()
        if before:
            status = before.group("w").lower()
        else:
            stop = STOP.search(v.text, m.end(), min(len(v.text), m.end() + 80))
            limit = stop.start() if stop else min(len(v.text), m.end() + 80)
            w = QUAL_WORDS.search(v.text, m.end(), limit)
            if w:
                word = (w.group("w") or w.group("jp")).lower()
                status = "positive" if word in ("positive", "detected", "reactive", "present", "陽性") else "negative"
                end = w.end()
        if status is None:
            continue
        start = m.start() - (len(before.group(0)) if before else 0)
        out.append(v.fact("lab", start, end, f"{test} {status}", "labs.qualitative",
                          attributes={"test": test, "qualitative": True, "result": status}))
    return out
