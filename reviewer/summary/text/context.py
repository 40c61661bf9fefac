"""NegEx-style context (negated, uncertain, historical, family) of a mention in its sentence.

Triggers are data (resources/summary_rules/context.toml). A "pre" trigger covers the words after
it, a "post" trigger the words before it, each up to ``window_tokens`` words and never past a
termination term ("but", "however"). Pseudo-triggers ("no increase") are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.summary.model import Context
from reviewer.summary.rules import Lexicon, RuleBook

_WORD = re.compile(r"\S+")
CATEGORIES = ("negation", "uncertainty", "historical", "family")


@dataclass(frozen=True)
class Trigger:
    category: str
    direction: str      # "pre" | "post"
    start: int
    end: int


@dataclass(frozen=True)
class ContextRules:
    pre: dict[str, Lexicon]
    post: dict[str, Lexicon]
    pseudo: Lexicon
    termination: Lexicon
    window: int
    history_sections: frozenset[str]
    family_sections: frozenset[str]

    @classmethod
    def from_rules(cls, rules: RuleBook) -> "ContextRules":
        c = rules["context"]
        return cls(
            pre={cat: Lexicon.build({t: [t] for t in c[cat]["pre"]}, case_sensitive_short=False) for cat in CATEGORIES},
            post={cat: Lexicon.build({t: [t] for t in c[cat]["post"]}, case_sensitive_short=False) for cat in CATEGORIES},
            pseudo=Lexicon.build({t: [t] for t in c["negation"]["pseudo"]}, case_sensitive_short=False),
            termination=Lexicon.build({t: [t] for t in c["termination"]["terms"]}, case_sensitive_short=False),
            window=int(c.get("window_tokens", 8)),
            history_sections=frozenset(c["sections"]["historical"]),
            family_sections=frozenset(c["sections"]["family"]))


class SentenceContext:
    """Triggers of one sentence, found once and applied to every mention in it."""

    def __init__(self, text: str, start: int, end: int, rules: ContextRules):
        self.text, self.start, self.end, self.rules = text, start, end, rules
        pseudo = [(m.start(), m.end()) for m, _ in rules.pseudo.finditer(text, start, end)]
        self.terms = [m.start() for m, _ in rules.termination.finditer(text, start, end)]
        self.triggers: list[Trigger] = []
        for direction, table in (("pre", rules.pre), ("post", rules.post)):
            for cat, lex in table.items():
                for m, _ in lex.finditer(text, start, end):
                    if any(a <= m.start() < b for a, b in pseudo):
                        continue
                    self.triggers.append(Trigger(cat, direction, m.start(), m.end()))

    def _words_between(self, a: int, b: int) -> int:
        return len(_WORD.findall(self.text[a:b]))

    def _terminated(self, a: int, b: int) -> bool:
        return any(a <= t < b for t in self.terms)

    def of(self, m_start: int, m_end: int, section: str = "") -> Context:
        hit = {cat: False for cat in CATEGORIES}
        for t in self.triggers:
            if t.start < m_end and m_start < t.end:
                continue            # the trigger is inside the mention itself
            if t.direction == "pre" and t.end <= m_start:
                if self._words_between(t.end, m_start) <= self.rules.window and not self._terminated(t.end, m_start):
                    hit[t.category] = True
            elif t.direction == "post" and t.start >= m_end:
                if self._words_between(m_end, t.start) <= self.rules.window and not self._terminated(m_end, t.start):
                    hit[t.category] = True
        return Context(negated=hit["negation"], uncertain=hit["uncertainty"],
                       historical=hit["historical"] or section in self.rules.history_sections,
                       family=hit["family"] or section in self.rules.family_sections)
