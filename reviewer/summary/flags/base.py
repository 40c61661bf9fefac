"""What every rule reads, and the one way a flag is made (deterministic id from its evidence)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reviewer.i18n import Template, Text
from reviewer.summary.flags.terms import term
from reviewer.summary.ids import stable_id
from reviewer.summary.ingest.inputs import ImageHeader
from reviewer.summary.model import Fact, Flag, TextDocument
from reviewer.summary.rules import RuleBook

_DOC_DATE_LABEL = re.compile(r"^(?:date|date of visit|visit date|report date|date reported|date of report|reported|"
                             r"date of service|letter date)$", re.I)

FLAG_CONTEXT = "SummaryFlags"


def flag_text(template: str, **params) -> Text:
    """A flag's message from its template in resources/summary_rules/flags.toml: English wherever a str is
    used, and shown in the user's language when the catalogue has the template (flags/messages.py lists
    them for the catalogue; a template edited there and not in the list is shown in English)."""
    return Text(Template(FLAG_CONTEXT, template), **params)


@dataclass
class FlagInputs:
    facts: list[Fact]
    documents: list[TextDocument]
    images: list[ImageHeader]
    rules: RuleBook

    def of(self, *kinds: str, asserted: bool = False) -> list[Fact]:
        out = [f for f in self.facts if f.kind in kinds]
        return [f for f in out if f.context.asserted] if asserted else out

    def flag(self, kind: str, rule: str, message: str, evidence: list[Fact], severity: str | None = None) -> Flag:
        ids = tuple(dict.fromkeys(f.id for f in evidence))
        sev = severity or self.rules["flags"].get(kind, {}).get("severity", "medium")
        return Flag(stable_id("g", kind, rule, *sorted(ids)), kind, sev, message, ids, rule)

    def params(self, kind: str) -> dict:
        return self.rules["flags"][kind]

    def doc_kind(self, document: str) -> str:
        """pathology | imaging | lab | note | "" from a record's kind and title (vocabulary.toml)."""
        kinds = self.rules["vocabulary"]["document_kinds"]
        for d in self.documents:
            if d.document == document and not d.fhir_path:
                label = f" {d.kind} {d.title} {d.document} ".lower()
                for name in ("pathology", "imaging", "lab", "note"):
                    if any(k in label for k in kinds[name]):
                        return name
        return ""

    def page_text(self, document: str, fhir_path: str, page: int | None) -> str:
        for d in self.documents:
            if d.document == document and d.fhir_path == fhir_path:
                for pg in d.pages:
                    if pg.number == page:
                        return pg.text
        return ""

    def doc_date(self, document: str) -> str:
        """The record's own date: its DocumentReference date, else a "Date:" line in it."""
        for d in self.documents:
            if d.document == document and not d.fhir_path and d.date:
                return d.date[:10]
        for f in self.facts:
            if f.kind == "date" and f.source.document == document and _DOC_DATE_LABEL.match(f.attributes.get("label", "")):
                return f.normalized
        return ""


def name_of(document: str) -> str:
    return document.rsplit("/", 1)[-1]


def values_text(groups: dict[str, list[Fact]]) -> Text:
    """'positive (a.pdf); negative (b.pdf)': each value with where it is written. A Text whose values are
    shown in the user's language when they are vocabulary words (flags/terms.py)."""
    params, parts = {}, []
    for i, (value, facts) in enumerate(groups.items()):
        docs = ", ".join(dict.fromkeys(name_of(f.source.document) + (f" [{f.source.dicom_tag.split(' ')[-1]}]" if f.source.dicom_tag else "") for f in facts))
        params[f"v{i}"], params[f"d{i}"] = term(value), docs
        parts.append(f"{{v{i}}} ({{d{i}}})")
    return Text(Template(FLAG_CONTEXT, "; ".join(parts)), **params)


def minority_evidence(groups: dict[str, list[Fact]]) -> list[Fact]:
    """All facts of the less common values, and the first fact of the most common one in each source."""
    counts = Counter({k: len(v) for k, v in groups.items()})
    top = counts.most_common(1)[0][0]
    out = list({f.source.document: f for f in reversed(groups[top])}.values())[::-1]
    for k, v in groups.items():
        if k != top:
            out.extend(v)
    return out
