"""Splits a page's text into sentences and sections, keeping character offsets.

Records are line-oriented (results tables, "Field: value" lines) but PDF text layers wrap
paragraphs; a line break ends a sentence unless the next line starts in lower case (a wrapped
paragraph). Periods end a sentence unless they are part of a number or a short abbreviation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.summary.rules import RuleBook

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_STOP = re.compile(r"(?<!\b[A-Z])(?<!\bDr)(?<!\bvs)(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)[.!?。](?=\s|$)|[。]")
_UNDERLINE = re.compile(r"^\s*[-=_~]{3,}\s*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    start: int
    end: int            # excludes the line break
    text: str


@dataclass(frozen=True)
class Section:
    name: str           # canonical name ("findings"), or "" before the first heading
    heading: Span | None
    start: int
    end: int


def lines(text: str) -> list[Line]:
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        raw = m.group(0)
        body = raw.rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), body))
    return out


def sentences(text: str) -> list[Span]:
    """Sentence spans (stripped of surrounding blanks) over the whole text."""
    out: list[Span] = []
    ls = lines(text)
    i = 0
    while i < len(ls):
        start, end = ls[i].start, ls[i].end
        while i + 1 < len(ls) and ls[i + 1].text[:1].islower() and ls[i].text.strip():
            i += 1
            end = ls[i].end
        i += 1
        pos = start
        for m in _STOP.finditer(text, start, end):
            out.append(Span(pos, m.end()))
            pos = m.end()
        out.append(Span(pos, end))
    stripped = []
    for s in out:
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            stripped.append(Span(a, b))
    return stripped


def _heading(line: Line, rules: RuleBook, next_line: Line | None) -> tuple[str, Span] | None:
    t = line.text.strip()
    if not t or len(t) > 60:
        return None
    if t.startswith("## "):
        t = t[3:]
    core = re.sub(r"\s*(\(.*\))?\s*[:：]?\s*$", "", t)
    canon = rules.sections.lookup(core)
    underlined = next_line is not None and bool(_UNDERLINE.match(next_line.text))
    if canon is None and not underlined:
        return None
    a = line.start + line.text.index(t[:1])
    return (canon or core.lower(), Span(a, a + len(t)))


def sections(text: str, rules: RuleBook) -> list[Section]:
    """Sections in order; a heading is a short line naming a known section (or underlined)."""
    ls = lines(text)
    heads = []
    for i, ln in enumerate(ls):
        h = _heading(ln, rules, ls[i + 1] if i + 1 < len(ls) else None)
        if h:
            heads.append((h[0], h[1], ln.start))
    out = []
    prev_end = 0
    prev = ("", None)
    for name, span, line_start in heads:
        if line_start > prev_end or prev[1] is not None:
            out.append(Section(prev[0], prev[1], prev_end, line_start))
        prev, prev_end = (name, span), line_start
    out.append(Section(prev[0], prev[1], prev_end, len(text)))
    return [s for s in out if s.end > s.start or s.heading is not None]


def section_at(secs: list[Section], offset: int) -> str:
    for s in secs:
        if s.start <= offset < s.end:
            return s.name
    return ""
