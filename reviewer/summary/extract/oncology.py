"""Cancer specifics: histology, primary site, grade, tumour size, margins, lymphovascular
invasion, TNM, stage group, positive lymph node counts, Gleason pattern and ISUP grade group."""
from __future__ import annotations

import re

from reviewer.summary.extract.base import PageView
from reviewer.summary.model import Fact

ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
GRADE = re.compile(
    r"(?:(?:Nottingham|histologic(?:al)?|tumou?r|overall)\s+grade|(?<=[,;]\s)grade|^grade|(?<=:\s)grade|\bgrade)\s*[:：]?\s*"
    r"(?P<g>[1-3]|III|II|I)\b(?!\s*(?:\+|degenerative|spondylolisthesis|group))", re.I | re.M)
GRADE_WORDS = re.compile(r"\b(?P<w>well|moderately|poorly)\s+differentiated\b", re.I)
NOTT_SCORE = re.compile(r"\bscore\s*(?P<s>[3-9])\s*(?:/\s*9)?", re.I)
SIZE = re.compile(
    r"(?:(?:tumou?r|mass|lesion|nodule|carcinoma)(?:\s+size)?(?:\s+(?:of|measuring|measures))?\s*[:：]?\s*"
    r"(?:\(?greatest dimension\)?\s*)?)"
    r"(?P<a>\d+(?:\.\d+)?)(?:\s*[x×]\s*(?P<b>\d+(?:\.\d+)?))?(?:\s*[x×]\s*(?P<c>\d+(?:\.\d+)?))?\s*(?P<u>mm|cm)\b", re.I)
SIZE_AFTER = re.compile(
    r"\b(?P<a>\d+(?:\.\d+)?)(?:\s*[x×]\s*(?P<b>\d+(?:\.\d+)?))?\s*(?P<u>mm|cm)\s+(?:\w+\s+){0,3}?"
    r"(?:tumou?r|mass|lesion|nodule|carcinoma)\b", re.I)
MARGINS = re.compile(
    r"\b(?:(?:surgical\s+|resection\s+)?margins?\s*(?:are|were|is)?\s*[:：]?\s*(?P<a>negative|positive|clear|involved|close|free(?: of tumou?r)?|uninvolved)"
    r"|(?P<b>negative|positive|clear|involved|close)\s+(?:surgical\s+|resection\s+)?margins?)\b", re.I)
MARGIN_NORM = {"negative": "negative", "clear": "negative", "free": "negative", "uninvolved": "negative",
               "positive": "positive", "involved": "positive", "close": "close"}
LVI = re.compile(
    r"\b(?:lymphovascular|lympho-vascular|vascular|angiolymphatic)\s+(?:space\s+)?invasion\s*(?:\(LVI\))?\s*[:：]?\s*"
    r"(?P<v>not identified|not seen|absent|present|identified|negative|positive|none|no)\b"
    r"|\bLVI\s*[:：]?\s*(?P<v2>not identified|absent|present|negative|positive|none|no)\b"
    r"|\b(?P<neg>no)\s+(?:lymphovascular|lympho-vascular|angiolymphatic)\s+invasion\b", re.I)
TNM = re.compile(
    r"(?<![A-Za-z])(?P<pre>(?:y|r|a)?[pc])?T(?P<t>is|[0-4](?:mi|[a-d])?|X)\s*(?:\(m\))?\s*,?\s*"
    r"(?P<npre>(?:y|r|a)?[pc])?N(?P<n>[0-3](?:mi|[a-c])?|X)(?:\((?:sn|i[+-])\))?"
    r"(?:\s*,?\s*(?P<mpre>[pc])?M(?P<m>[01][a-c]?|X))?(?![A-Za-z0-9])")
STAGE = re.compile(r"\b[Ss]tage\s*[:：]?\s*(?P<s>IV|III|II|I|0|[1-4])(?P<sub>[ABC][1-3]?)?(?![A-Za-z])")
NODES = re.compile(
    r"(?P<k>\d+)\s*(?:of|/)\s*(?P<n>\d+)\s+(?:\w+\s+){0,2}?(?:(?:lymph\s+)?nodes?\s+)?(?:(?P<pos>positive|involved)|(?P<neg>negative))"
    r"|(?:lymph\s+)?nodes?\s*[:：]?\s*(?P<k2>\d+)\s*(?:of|/)\s*(?P<n2>\d+)\s+(?:(?P<pos2>positive|involved)|(?P<neg2>negative))"
    r"|\((?P<k3>\d+)\s+of\s+(?P<n3>\d+)\s+(?:\w+\s+){0,2}nodes?\)", re.I)
GLEASON = re.compile(r"\bGleason\s*(?:score|pattern|grade)?\s*[:：]?\s*(?P<p>[1-5])\s*\+\s*(?P<s>[1-5])(?:\s*=\s*(?P<sum>\d{1,2}))?", re.I)
GRADE_GROUP = re.compile(r"\b(?:ISUP\s+)?grade\s+group\s*[:：]?\s*(?P<g>[1-5])\b|\bISUP\s+(?:grade\s*)?(?P<g2>[1-5])\b|\bGG\s*(?P<g3>[1-5])\b", re.I)


def _roman(s: str) -> str:
    return ROMAN.get(s, s.upper())


def extract_histology_site(v: PageView) -> list[Fact]:
    out = []
    for m, canon in v.rules.histology.finditer(v.text):
        out.append(v.fact("histology", m.start(), m.end(), canon, "oncology.histology",
                          context=v.context(m.start(), m.end())))
    for m, canon in v.rules.sites.finditer(v.text):
        sent = v.sentence_of(m.start())
        if not any(True for _ in v.rules.tumour_terms.finditer(v.text, sent.start, sent.end)):
            continue
        ctx = v.context(m.start(), m.end())
        out.append(v.fact("site", m.start(), m.end(), canon, "oncology.site", confidence=0.8, context=ctx))
    return out


def _is_cancer_sentence(v: PageView, offset: int) -> bool:
    s = v.sentence_of(offset)
    if any(True for _ in v.rules.tumour_terms.finditer(v.text, s.start, s.end)):
        return True
    return v.section(offset) in ("diagnosis", "pathology") or "grade" in v.text[max(0, offset - 30):offset].lower() \
        and "histolog" in v.text[max(0, offset - 30):offset].lower()


def extract_grade(v: PageView) -> list[Fact]:
    out = []
    gleason_spans = [(m.start(), m.end()) for m in GRADE_GROUP.finditer(v.text)]
    for m in GRADE.finditer(v.text):
        if any(a <= m.start() < b for a, b in gleason_spans):
            continue
        if not _is_cancer_sentence(v, m.start()) and not re.match(r"(?i)(nottingham|histolog)", m.group(0)):
            continue
        g = {"I": "1", "II": "2", "III": "3"}.get(m.group("g").upper(), m.group("g"))
        attrs = {"grade": int(g)}
        line_end = v.text.find("\n", m.end())
        sc = NOTT_SCORE.search(v.text, m.end(), line_end if line_end >= 0 else len(v.text))
        if sc and "nottingham" in m.group(0).lower():
            attrs["score"] = int(sc.group("s"))
        out.append(v.fact("grade", m.start(), m.end(), f"grade {g}", "oncology.grade", attributes=attrs))
    for m in GRADE_WORDS.finditer(v.text):
        g = {"well": "1", "moderately": "2", "poorly": "3"}[m.group("w").lower()]
        out.append(v.fact("grade", m.start(), m.end(), f"grade {g}", "oncology.grade", confidence=0.8,
                          attributes={"grade": int(g)}))
    return out


def _mm(a: str, u: str) -> float:
    return float(a) * (10.0 if u.lower() == "cm" else 1.0)


def extract_size(v: PageView) -> list[Fact]:
    out = []
    seen = set()
    for rx in (SIZE, SIZE_AFTER):
        for m in rx.finditer(v.text):
            dims = [float(x) for x in (m.group("a"), m.groupdict().get("b"), m.groupdict().get("c")) if x]
            mm = max(dims) * (10.0 if m.group("u").lower() == "cm" else 1.0)
            a = m.start("a")
            if a in seen:
                continue
            seen.add(a)
            out.append(v.fact("tumour_size", a, m.end("u"), f"{mm:g} mm", "oncology.size",
                              attributes={"mm": mm}))
    return out


def extract_margins_lvi(v: PageView) -> list[Fact]:
    out = []
    for m in MARGINS.finditer(v.text):
        word = (m.group("a") or m.group("b")).lower().split()[0]
        out.append(v.fact("margins", m.start(), m.end(), MARGIN_NORM.get(word, word), "oncology.margins"))
    for m in LVI.finditer(v.text):
        word = (m.group("v") or m.group("v2") or m.group("neg") or "").lower()
        norm = "present" if word in ("present", "identified", "positive") else "absent"
        out.append(v.fact("lvi", m.start(), m.end(), norm, "oncology.lvi"))
    return out


def extract_tnm_stage(v: PageView) -> list[Fact]:
    out = []
    for m in TNM.finditer(v.text):
        pre = (m.group("pre") or m.group("npre") or "").lower()
        t, n, mm = "T" + m.group("t"), "N" + m.group("n"), ("M" + m.group("m")) if m.group("m") else ""
        norm = " ".join(x for x in (f"{pre}{t}", f"{(m.group('npre') or pre).lower()}{n}",
                                    f"{(m.group('mpre') or '').lower()}{mm}" if mm else "") if x)
        out.append(v.fact("tnm", m.start(), m.end(), norm, "oncology.tnm", confidence=0.95,
                          attributes={"prefix": pre, "t": t, "n": n, "m": mm}))
    for m in STAGE.finditer(v.text):
        s = _roman(m.group("s")) + (m.group("sub") or "").upper()
        out.append(v.fact("stage", m.start(), m.end(), s, "oncology.stage", context=v.context(m.start(), m.end())))
    for m in NODES.finditer(v.text):
        k = m.group("k") or m.group("k2") or m.group("k3")
        n = m.group("n") or m.group("n2") or m.group("n3")
        negative = bool(m.group("neg") or m.group("neg2"))
        positive = int(k) if not negative else int(n) - int(k)
        if m.group("k3") is not None:
            # "(0 of 3 sentinel nodes)": a count in brackets after a staging statement: k positive
            positive = int(k)
        if int(k) > int(n) or int(n) == 0:
            continue
        out.append(v.fact("lymph_nodes", m.start(), m.end(), f"{positive}/{n} positive", "oncology.nodes",
                          attributes={"positive": positive, "examined": int(n)}))
    return out


def extract_prostate(v: PageView) -> list[Fact]:
    out = []
    for m in GLEASON.finditer(v.text):
        p, s = int(m.group("p")), int(m.group("s"))
        attrs = {"primary": p, "secondary": s, "sum": p + s}
        if m.group("sum"):
            attrs["stated_sum"] = int(m.group("sum"))
        out.append(v.fact("gleason", m.start(), m.end(), f"{p}+{s}={p + s}", "oncology.gleason", attributes=attrs))
    for m in GRADE_GROUP.finditer(v.text):
        g = m.group("g") or m.group("g2") or m.group("g3")
        out.append(v.fact("grade_group", m.start(), m.end(), f"GG{g}", "oncology.grade_group",
                          attributes={"group": int(g)}))
    return out
