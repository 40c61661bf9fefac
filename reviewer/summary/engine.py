"""summarise(source) -> Summary: ingest, extract, check, build the timeline.

``source`` is a case package folder (Path) or a WorkspaceCase (an open workspace and a case id);
both are read the same way (package-relative paths, so ids match). Reading a workspace case is
audited as ``summary.run`` (counts only, never record text). ``progress(done, total, step)`` is
called as documents are read; ``SummaryJob`` runs the whole thing on a worker thread so the GUI
thread never waits.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reviewer.errors import ReviewerError
from reviewer.summary.extract import (biomarkers, clinical, dates, identity, labs, medications, oncology,
                                      structure, structured)
from reviewer.summary.extract.base import PageView
from reviewer.summary.flags import FlagInputs, run_checks
from reviewer.summary.ingest import fhir
from reviewer.summary.ingest.documents import Skipped, read_document
from reviewer.summary.ingest.inputs import CaseInputs
from reviewer.summary.ingest.sources import find_case, read_package, read_workspace_case
from reviewer.summary.model import Fact, Summary, TextDocument
from reviewer.summary.rules import RuleBook, load_rules
from reviewer.summary.text.context import ContextRules
from reviewer.summary.timeline import build_timeline
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

Progress = Callable[[int, int, str], None]

# every page: identity and structure; clinical extractors only on clinical records
ALWAYS = (structure.extract_document, structure.extract_sections, identity.extract_identity, dates.extract_dates)
CLINICAL = (oncology.extract_histology_site, oncology.extract_grade, oncology.extract_size,
            oncology.extract_margins_lvi, oncology.extract_tnm_stage, oncology.extract_prostate,
            biomarkers.extract_biomarkers, biomarkers.extract_qualitative, labs.extract_labs,
            medications.extract_medications, clinical.extract_diagnoses, clinical.extract_procedures,
            clinical.extract_imaging_studies, clinical.extract_imaging_findings, clinical.extract_laterality)


class Cancelled(ReviewerError):
    pass


@dataclass(frozen=True)
class WorkspaceCase:
    """A case already in the workspace: ``case`` is its platform case id or internal id."""
    workspace: object
    case: str


@dataclass(frozen=True)
class SummaryResult:
    summary: Summary
    skipped: tuple[Skipped, ...]


def _is_clinical(doc: TextDocument, rules: RuleBook) -> bool:
    v = rules["vocabulary"]
    kind = doc.kind.lower()
    if any(k == kind for k in v["skip_document_kinds"]):
        return False
    return not any(n in doc.document.rsplit("/", 1)[-1].lower() for n in v["skip_document_names"])


def extract_document(doc: TextDocument, rules: RuleBook, ctx_rules: ContextRules) -> list[Fact]:
    extractors = ALWAYS + (CLINICAL if _is_clinical(doc, rules) else ())
    out: list[Fact] = []
    for page in doc.pages:
        if not page.text.strip():
            continue
        view = PageView(doc, page, rules, ctx_rules)
        for ex in extractors:
            out.extend(ex(view))
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(f.id, f)
    return list(seen.values())


def summarise_inputs(inputs: CaseInputs, *, rules: RuleBook | None = None, progress: Progress | None = None,
                     cancel: threading.Event | None = None, use_ocr: bool = True) -> SummaryResult:
    rules = rules or load_rules()
    ctx_rules = ContextRules.from_rules(rules)
    documents: list[TextDocument] = list(inputs.texts)
    skipped: list[Skipped] = []
    facts: list[Fact] = []
    total = len(inputs.documents) + 2
    for i, raw in enumerate(inputs.documents):
        if cancel is not None and cancel.is_set():
            raise Cancelled(Text(QT_TRANSLATE_NOOP("SummaryErrors", "Summary cancelled")))
        if progress:
            progress(i, total, "reading records")
        docs, skip = read_document(raw, use_ocr=use_ocr)
        documents.extend(docs)
        skipped.extend(skip)
        if raw.path.lower().endswith(".json") and docs:
            try:
                facts.extend(structured.fhir_facts(raw.path, json.loads(raw.load()), rules))
            except (ValueError, UnicodeDecodeError):
                pass
    if inputs.bundle:
        documents.extend(fhir.text_documents("manifest.json", inputs.bundle))
        facts.extend(structured.fhir_facts("manifest.json", inputs.bundle, rules))
    if progress:
        progress(len(inputs.documents), total, "extracting facts")
    for doc in documents:
        facts.extend(extract_document(doc, rules, ctx_rules))
    for img in inputs.images:
        facts.extend(structured.image_facts(img))
    facts = _dedupe(facts)
    facts.sort(key=lambda f: (f.source.document, f.source.fhir_path, f.source.page or 0, f.source.start or 0,
                              f.kind, f.id))
    if progress:
        progress(len(inputs.documents) + 1, total, "checking consistency")
    flags = run_checks(FlagInputs(facts, documents, inputs.images, rules))
    timeline = build_timeline(facts, documents)
    if progress:
        progress(total, total, "done")
    return SummaryResult(Summary(tuple(facts), tuple(flags), tuple(timeline), tuple(documents)), tuple(skipped))


def load_inputs(source) -> CaseInputs:
    if isinstance(source, CaseInputs):
        return source
    if isinstance(source, WorkspaceCase):
        return read_workspace_case(source.workspace, find_case(source.workspace, source.case))
    return read_package(Path(source))


def summarise(source, *, progress: Progress | None = None, rules: RuleBook | None = None,
              cancel: threading.Event | None = None, use_ocr: bool = True) -> Summary:
    """The structured summary of a case package folder, a WorkspaceCase, or CaseInputs."""
    return summarise_detailed(source, progress=progress, rules=rules, cancel=cancel, use_ocr=use_ocr).summary


def summarise_detailed(source, *, progress: Progress | None = None, rules: RuleBook | None = None,
                       cancel: threading.Event | None = None, use_ocr: bool = True) -> SummaryResult:
    """Like summarise, and also says which records could not be read (by name, with the reason)."""
    inputs = load_inputs(source)
    result = summarise_inputs(inputs, rules=rules, progress=progress, cancel=cancel, use_ocr=use_ocr)
    if isinstance(source, WorkspaceCase):
        record_run(source, result)
    return result


def record_run(source: WorkspaceCase, result: SummaryResult) -> None:
    """Audits a summary of a workspace case (counts only, never record text). The workstation calls
    this on its GUI thread, where the other audited writes happen, after summarising on a worker."""
    from reviewer import store
    ws = source.workspace
    case = find_case(ws, source.case)
    with store.transaction(ws.db):
        ws.audit.append("summary.run", case.summary.id, facts=len(result.summary.facts),
                        flags=len(result.summary.flags), skipped=len(result.skipped))


class SummaryJob:
    """Runs summarise on a worker thread. ``progress`` and ``done(result | None, error | None)``
    are called on the worker thread: a GUI marshals them to its own thread (a queued signal)."""

    def __init__(self, source, *, progress: Progress | None = None,
                 done: Callable[[SummaryResult | None, BaseException | None], None] | None = None,
                 use_ocr: bool = True):
        self.cancel_event = threading.Event()
        self.result: SummaryResult | None = None
        self.error: BaseException | None = None
        self._source, self._progress, self._done, self._ocr = source, progress, done, use_ocr
        self._thread = threading.Thread(target=self._run, name="summary", daemon=True)

    def start(self) -> "SummaryJob":
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, timeout: float | None = None) -> SummaryResult | None:
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error
        return self.result

    def _run(self) -> None:
        try:
            self.result = summarise_detailed(self._source, progress=self._progress, cancel=self.cancel_event,
                                             use_ocr=self._ocr)
        except BaseException as exc:     # handed to done(); never logged with content
            self.error = exc
        if self._done:
            self._done(self.result, self.error)
