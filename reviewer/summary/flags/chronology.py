"""chronology: a report dated before its specimen; a record citing a study dated after the record;
a therapy described as already done in a record older than the therapy's first session."""
from __future__ import annotations

import re

from reviewer.i18n import LocalDate
from reviewer.summary.flags.base import FlagInputs, flag_text

SPECIMEN = re.compile(r"specimen|collected|collection|biopsy date|procedure date|date of (?:surgery|procedure|biopsy)", re.I)
REPORT = re.compile(r"report(?:ed)?(?: date)?$|date reported|signed|sign-out|date of report", re.I)


def check(inp: FlagInputs):
    p = inp.params("chronology")
    dates = inp.of("date")
    by_doc: dict[str, list] = {}
    for d in dates:
        by_doc.setdefault(d.source.document, []).append(d)
    for doc, ds in by_doc.items():
        specimens = [d for d in ds if SPECIMEN.search(d.attributes.get("label", "")) and len(d.normalized) == 10]
        reports = [d for d in ds if REPORT.search(d.attributes.get("label", "")) and len(d.normalized) == 10]
        for s in specimens:
            for r in reports:
                if r.normalized < s.normalized:
                    yield inp.flag("chronology", "chronology.specimen", flag_text(p["specimen_message"],
                        report=LocalDate(r.normalized), specimen=LocalDate(s.normalized)), [r, s])
    for f in inp.of("imaging_study"):
        own = inp.doc_date(f.source.document)
        if own and f.attributes["date"] > own:
            yield inp.flag("chronology", "chronology.cited_later", flag_text(p["cited_message"],
                doc_date=LocalDate(own), study=f.attributes["study"], event_date=LocalDate(f.attributes["date"])), [f])
    procs = [f for f in inp.of("procedure") if not f.context.negated and not f.context.family]
    for therapy in sorted({f.normalized for f in procs}):
        starts = [f for f in procs if f.normalized == therapy and f.attributes.get("status") == "started"]
        done = [f for f in procs if f.normalized == therapy and f.attributes.get("status") == "completed"]
        start_dates = [(inp.doc_date(f.source.document), f) for f in starts]
        start_dates = [(d, f) for d, f in start_dates if d]
        if not start_dates:
            continue
        first = min(d for d, _ in start_dates)
        first_facts = [f for d, f in start_dates if d == first]
        for f in done:
            own = inp.doc_date(f.source.document)
            if own and own < first:
                yield inp.flag("chronology", "chronology.therapy", flag_text(p["therapy_message"],
                    doc_date=LocalDate(own), therapy=therapy, phrase=f"\u201c{f.source.text}\u201d",
                    start=LocalDate(first)), [f, *first_facts])
