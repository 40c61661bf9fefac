"""The dated timeline: every dated statement (date facts with their line label, lab and FHIR
dates) and each record's own date, in date order."""
from __future__ import annotations

from reviewer.summary.model import Fact, TextDocument, TimelineEvent


def build_timeline(facts: list[Fact], documents: list[TextDocument]) -> list[TimelineEvent]:
    events: dict[tuple, TimelineEvent] = {}
    anchors = {f.source.document: f for f in facts if f.kind == "document"}
    for f in facts:
        if f.kind == "date":
            label = f.attributes.get("label") or "Date"
            events.setdefault((f.normalized, label.lower(), f.source.document),
                              TimelineEvent(f.normalized, label, f.source.document, f.id))
        elif f.kind in ("lab", "psa") and f.extractor == "labs.fhir" and f.attributes.get("date"):
            d = f.attributes["date"][:10]
            events.setdefault((d, f.normalized, f.source.document), TimelineEvent(d, f.value, f.source.document, f.id))
    for d in documents:
        a = anchors.get(d.document)
        if a and d.date and not d.fhir_path:
            label = f"{d.kind or 'Record'}: {d.title}"
            events.setdefault((d.date[:10], "record", d.document), TimelineEvent(d.date[:10], label, d.document, a.id))
    return sorted(events.values(), key=lambda e: (e.date, e.document, e.label))
