"""Document-level facts: one "document" fact per record (its title line, the anchor for
document-level flags such as duplicates) and one "section" fact per heading."""
from __future__ import annotations

from reviewer.summary.extract.base import PageView
from reviewer.summary.model import Fact


def extract_document(v: PageView) -> list[Fact]:
    if v.page.number != 1 or v.doc.fhir_path:
        return []
    for s in v.sentences:
        line_end = v.text.find("\n", s.start)
        end = min(s.end, line_end if line_end >= 0 else s.end)
        while end > s.start and v.text[end - 1].isspace():
            end -= 1
        if end > s.start:
            return [v.fact("document", s.start, end, v.doc.document, "structure.document", confidence=1.0,
                           attributes={"title": v.doc.title, "kind": v.doc.kind, "date": v.doc.date[:10]})]
    return []


def extract_sections(v: PageView) -> list[Fact]:
    return [v.fact("section", s.heading.start, s.heading.end, s.name, "structure.section", confidence=0.9)
            for s in v.sections if s.heading is not None]
