"""A page prepared for extraction (sentences, sections, context triggers), and the one way a
fact is made from a span, so every fact's text is exactly ``page.text[start:end]``."""
from __future__ import annotations

import bisect

from reviewer.summary.ids import stable_id
from reviewer.summary.model import Context, Fact, Page, SourceRef, TextDocument
from reviewer.summary.rules import RuleBook
from reviewer.summary.text.context import ContextRules, SentenceContext
from reviewer.summary.text.segment import Span, section_at, sections, sentences


class PageView:
    def __init__(self, doc: TextDocument, page: Page, rules: RuleBook, ctx_rules: ContextRules):
        self.doc, self.page, self.rules, self.ctx_rules = doc, page, rules, ctx_rules
        self.text = page.text
        self.sentences = sentences(self.text)
        self._starts = [s.start for s in self.sentences]
        self.sections = sections(self.text, rules)
        self._ctx: dict[int, SentenceContext] = {}

    def sentence_of(self, offset: int) -> Span:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            return self.sentences[i]
        return Span(offset, offset)

    def sentence_text(self, offset: int) -> str:
        s = self.sentence_of(offset)
        return self.text[s.start:s.end]

    def section(self, offset: int) -> str:
        return section_at(self.sections, offset)

    def context(self, start: int, end: int) -> Context:
        s = self.sentence_of(start)
        if s.end <= s.start:
            return Context()
        sc = self._ctx.get(s.start)
        if sc is None:
            sc = self._ctx[s.start] = SentenceContext(self.text, s.start, s.end, self.ctx_rules)
        return sc.of(start, end, self.section(start))

    def fact(self, kind: str, start: int, end: int, normalized: str, extractor: str, *,
             confidence: float = 0.9, context: Context | None = None, attributes: dict | None = None) -> Fact:
        text = self.text[start:end]
        ctx = context if context is not None else Context()
        conf = confidence * self.page.confidence * (0.7 if ctx.uncertain else 1.0)
        src = SourceRef(self.doc.document, self.page.number, start, end, text,
                        fhir_path=self.doc.fhir_path, ocr=self.page.ocr)
        fid = stable_id("f", kind, self.doc.document, self.doc.fhir_path, self.page.number, start, end, normalized)
        return Fact(fid, kind, " ".join(text.split()), normalized, src, extractor, round(conf, 3), ctx,
                    dict(attributes or {}), self.section(start))


def structured_fact(kind: str, value: str, normalized: str, source: SourceRef, extractor: str,
                    confidence: float = 0.95, attributes: dict | None = None) -> Fact:
    """A fact from a DICOM tag or a structured FHIR element (no character span)."""
    fid = stable_id("f", kind, source.document, source.fhir_path, source.dicom_tag, normalized)
    return Fact(fid, kind, value, normalized, source, extractor, confidence, Context(), dict(attributes or {}))
