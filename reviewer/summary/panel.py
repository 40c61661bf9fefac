"""What the summary panel shows, worked out without Qt so it is tested headless.

The panel reads a case top-down the way a specialist does: flags first (most severe first), then
the key diagnostic points, diagnoses, biomarkers, staging, labs (one row per test with its values
over time), medications, procedures, the identifiers seen, and the timeline. The same statement
found in several records is one row with several sources, so agreement is visible at a glance and
a disagreement (HER2 positive in one record, negative in another) shows as two rows.

Titles and notes are left to the widget (they are translated there); this module returns data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.summary.decisions import Decision
from reviewer.summary.model import SEVERITIES, Context, Fact, Flag, Summary

# (section key, fact kinds in display order). Kinds not listed and not hidden go to "other".
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("key_points", ("histology", "site", "laterality", "grade", "tumour_size", "margins", "lvi", "gleason",
                    "grade_group", "imaging_study", "imaging_finding")),
    ("diagnoses", ("diagnosis",)),
    ("biomarkers", ("er", "pr", "hormone_receptor", "her2", "ki67", "pdl1", "msi_mmr", "egfr", "alk", "kras",
                    "braf", "brca")),
    ("staging", ("tnm", "stage", "lymph_nodes")),
    ("labs", ("lab", "psa")),
    ("medications", ("medication",)),
    ("procedures", ("procedure",)),
    ("identifiers", ("patient_name", "patient_birth_date", "patient_sex", "patient_mrn")),
)
# structure, not statements: dates are shown in the timeline, sections and titles are how records are read
HIDDEN_KINDS = frozenset({"section", "document", "date"})
LAB_KINDS = ("lab", "psa")


def source_order(f: Fact) -> tuple:
    """A record with a highlighted span first (one click shows it), then FHIR elements, then headers."""
    s = f.source
    return (s.start is None, bool(s.fhir_path), bool(s.dicom_tag), s.document, s.page or 0, s.start or 0, f.id)


@dataclass(frozen=True)
class LabPoint:
    date: str                    # ISO date, or "" when the record gave none
    value: float                 # in the test's canonical unit
    unit: str
    flag: str                    # "H", "L" or ""
    fact_id: str


@dataclass(frozen=True)
class LabTrend:
    """A test's distinct values in date order (the same value on the same date from two records is one point)."""
    test: str
    points: tuple[LabPoint, ...]
    low: float | None = None
    high: float | None = None

    @property
    def latest(self) -> LabPoint:
        return self.points[-1]

    @property
    def previous(self) -> LabPoint | None:
        """The last value on an earlier date than the latest, if any."""
        for p in reversed(self.points[:-1]):
            if p.date != self.latest.date:
                return p
        return None

    @property
    def direction(self) -> str:
        """"up", "down", "same", or "" when there is no earlier value to compare with."""
        prev = self.previous
        if prev is None:
            return ""
        if self.latest.value > prev.value:
            return "up"
        return "down" if self.latest.value < prev.value else "same"


def lab_trend(facts: list[Fact]) -> LabTrend:
    facts = sorted(facts, key=source_order)
    seen: dict[tuple, LabPoint] = {}
    low = high = None
    for f in facts:
        a = f.attributes
        try:
            value = float(a.get("canonical_value", a.get("value")))
        except (TypeError, ValueError):
            continue
        date = str(a.get("date") or "")[:10]
        key = (date, round(value, 6))
        if key not in seen:
            seen[key] = LabPoint(date, value, str(a.get("canonical_unit") or a.get("unit") or ""),
                                 str(a.get("flag") or ""), f.id)
        if low is None and isinstance(a.get("low"), (int, float)):
            low = float(a["low"])
        if high is None and isinstance(a.get("high"), (int, float)):
            high = float(a["high"])
    points = tuple(sorted(seen.values(), key=lambda p: (p.date, p.fact_id)))
    test = str(facts[0].attributes.get("test") or facts[0].normalized) if facts else ""
    return LabTrend(test, points, low, high)


@dataclass(frozen=True)
class Row:
    """One statement as shown: its facts (one per source, best source first) and the flags citing them."""
    key: str
    kind: str
    value: str                   # the comparable form: "positive", "21 mm", "pT2 pN1a"; a lab's test name
    facts: tuple[Fact, ...]
    context: Context = Context()
    flags: tuple[str, ...] = ()
    trend: LabTrend | None = None

    @property
    def primary(self) -> Fact:
        return self.facts[0]

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.facts)

    @property
    def attributes(self) -> dict:
        return self.primary.attributes


@dataclass(frozen=True)
class FlagView:
    """One flag as shown. Flags of one kind saying the same thing (the same conflict found from two
    records) are one card: ``ids`` are all their ids, decided together; ``evidence`` is the union."""
    flag: Flag
    evidence: tuple[Fact, ...]   # in the flags' order; ids that name no fact are left out
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """A timeline line. Lab results of one date and record are one line (``lab_tests`` names them):
    eleven results on the day of the blood test are one event, and each is in the Labs section."""
    date: str
    label: str
    document: str
    fact_id: str
    lab_tests: tuple[str, ...] = ()


def compact_timeline(events, facts: dict[str, Fact], names: dict[str, str]) -> tuple[TimelineEntry, ...]:
    out: list[TimelineEntry] = []
    labs: dict[tuple, int] = {}
    for e in events:
        f = facts.get(e.fact_id)
        if f is not None and f.kind in LAB_KINDS:
            test = str(f.attributes.get("test") or f.normalized)
            key = (e.date, e.document)
            if key in labs:
                prev = out[labs[key]]
                out[labs[key]] = TimelineEntry(prev.date, prev.label, prev.document, prev.fact_id,
                                               prev.lab_tests + (names.get(test, test),))
                continue
            labs[key] = len(out)
            out.append(TimelineEntry(e.date, e.label, e.document, e.fact_id, (names.get(test, test),)))
        else:
            out.append(TimelineEntry(e.date, e.label, e.document, e.fact_id))
    return tuple(out)


@dataclass(frozen=True)
class PanelModel:
    flags: tuple[FlagView, ...]
    sections: tuple[Section, ...]        # only sections with rows, in SECTIONS order ("other" last)
    timeline: tuple[TimelineEntry, ...]
    facts: dict = field(default_factory=dict, compare=False)    # id -> Fact

    def row_of(self, fact_id: str) -> Row | None:
        for s in self.sections:
            for r in s.rows:
                if fact_id in r.fact_ids:
                    return r
        return None


def order_flags(flags) -> list[Flag]:
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(flags, key=lambda f: (rank.get(f.severity, len(SEVERITIES)), f.kind, f.message, f.id))


def _row_key(f: Fact) -> tuple:
    c = f.context
    return (f.kind, f.normalized.lower(), c.negated, c.uncertain, c.historical, c.family)


def lab_names(rules=None) -> dict[str, str]:
    """Display name of each lab test: the first name the rule table gives it ("CA 15-3", "Hemoglobin")."""
    if rules is None:
        from reviewer.summary.rules import load_rules
        rules = load_rules()
    out = {}
    for test, spec in rules["labs"]["tests"].items():
        name = (spec.get("names") or [test])[0]
        out[test] = name[:1].upper() + name[1:]
    return out


def build_panel(summary: Summary, names: dict[str, str] | None = None) -> PanelModel:
    """``names``: lab test display names (lab_names()); a test without one shows its code."""
    names = lab_names() if names is None else names
    facts = {f.id: f for f in summary.facts}
    cited: dict[str, list[str]] = {}
    merged: dict[tuple, list[Flag]] = {}
    for flag in order_flags(summary.flags):
        merged.setdefault((flag.kind, flag.severity, flag.message), []).append(flag)
        for i in flag.evidence:
            cited.setdefault(i, []).append(flag.id)
    flags = []
    for same in merged.values():
        evidence = tuple(dict.fromkeys(i for f in same for i in f.evidence if i in facts))
        flags.append(FlagView(same[0], tuple(facts[i] for i in evidence), tuple(f.id for f in same)))
    kind_section = {k: key for key, kinds in SECTIONS for k in kinds}
    groups: dict[tuple, list[Fact]] = {}
    for f in summary.facts:
        if f.kind in HIDDEN_KINDS:
            continue
        key = ("lab", str(f.attributes.get("test") or f.normalized)) if f.kind in LAB_KINDS else _row_key(f)
        groups.setdefault(key, []).append(f)
    by_section: dict[str, list[Row]] = {}
    for key, members in groups.items():
        members.sort(key=source_order)
        first = members[0]
        flag_ids = tuple(dict.fromkeys(g for m in members for g in cited.get(m.id, ())))
        trend = lab_trend(members) if first.kind in LAB_KINDS else None
        value = names.get(key[1], key[1]) if trend else first.normalized
        row = Row("\x1f".join(map(str, key)), first.kind, value, tuple(members),
                  first.context, flag_ids, trend)
        by_section.setdefault(kind_section.get(first.kind, "other"), []).append(row)
    order = {k: i for _, kinds in SECTIONS for i, k in enumerate(kinds)}
    sections = []
    for key in [k for k, _ in SECTIONS] + ["other"]:
        rows = by_section.get(key)
        if rows:
            # asserted statements before negated/uncertain ones; flagged rows first within a kind
            rows.sort(key=lambda r: (order.get(r.kind, 99), r.kind, not r.context.asserted, not r.flags,
                                     source_order(r.primary)))
            sections.append(Section(key, tuple(rows)))
    return PanelModel(tuple(flags), tuple(sections), compact_timeline(summary.timeline, facts, names), facts)


def current_decision(ids, decisions: dict[str, Decision]) -> Decision | None:
    """The latest decision taken on any of ``ids`` (a row's facts are decided together)."""
    found = [decisions[i] for i in ids if i in decisions]
    return max(found, key=lambda d: d.decided_at) if found else None
