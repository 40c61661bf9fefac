"""Wires the summary panel to a case: summarises it in the background with progress when the case
opens, cancels that when the case closes or the workspace locks, opens a fact's source (the record
at its page with the span highlighted, or the series or slide it came from), and keeps the
specialist's confirm / reject / correct decisions (audited) through DecisionStore."""
from __future__ import annotations

import itertools
import threading

from PySide6.QtCore import QCoreApplication

from reviewer.model import Document, Series, Slide
from reviewer.summary import Cancelled, DecisionStore, WorkspaceCase
from reviewer.summary.engine import record_run, summarise_inputs
from reviewer.summary.ingest.sources import plan_workspace_case, read_workspace_case
from reviewer.summary.locate import SourceLocator, instance_series
from reviewer.summary.panel import build_panel
from ui.errors import message_for, show_error
from ui.summary_panel import SummaryPanel
from ui.tasks import BackgroundTasks


class SummaryController:
    def __init__(self, session, tasks: BackgroundTasks, case_view, documents):
        self.session, self.tasks, self.case_view, self.documents = session, tasks, case_view, documents
        self.panel = SummaryPanel()
        title = QCoreApplication.translate("SummaryController", "Summary")
        self.tab_index = case_view.add_side_panel(self.panel, title)
        self._ticket = itertools.count(1)
        self.current = 0
        self._cancel: threading.Event | None = None
        self.detail = None
        self.summary = None
        self.locator: SourceLocator | None = None
        self.panel.source_requested.connect(self.open_source)
        self.panel.decision_requested.connect(self.decide)
        self.panel.retry_requested.connect(lambda: self.detail is not None and self.open(self.detail))

    # -- running ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stops the summary in flight and clears the panel (case closed, workspace locked)."""
        self.current = next(self._ticket)
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        self.detail = self.summary = self.locator = None
        self.panel.clear()

    def open(self, detail) -> None:
        """Summarises the case off the GUI thread; the panel shows progress, then the summary."""
        self.cancel()
        ticket = self.current
        cancel = self._cancel = threading.Event()
        self.detail = detail
        ws = self.session.workspace
        source = WorkspaceCase(ws, detail.summary.id)
        self.panel.show_running()
        # The database is read here, on the thread that also locks the workspace (closing the
        # connection under a worker's query would crash); the worker reads only encrypted blobs.
        try:
            plan = plan_workspace_case(ws, detail)
            instances = instance_series(ws.db, detail.summary.id)
            decisions = DecisionStore(ws).current(detail.summary.id)
        except Exception as exc:
            self.panel.show_failed(message_for(exc))
            return

        def work(report):
            result = summarise_inputs(read_workspace_case(ws, detail, plan), progress=report, cancel=cancel)
            return result, build_panel(result.summary)

        def done(value):
            if ticket != self.current:
                return
            result, model = value
            self._cancel = None
            record_run(source, result)      # audited here, on the thread of the other audited writes
            self.summary = result.summary
            self.locator = SourceLocator(detail, instances)
            self.panel.show_summary(model, decisions, question=detail.summary.question, questions=detail.questions,
                                    first_opinion=detail.first_opinion, skipped=result.skipped,
                                    names={d.path: d.title for d in (*detail.documents, *detail.slides) if d.title})

        def failed(exc):
            if ticket != self.current or isinstance(exc, Cancelled):
                return
            self._cancel = None
            self.panel.show_failed(message_for(exc))

        def progress(done_, total, step):
            if ticket == self.current:
                self.panel.show_progress(done_, total, step)

        self.tasks.run(work, done, failed, progress)

    # -- sources ---------------------------------------------------------------------------
    def open_source(self, fact_id: str) -> None:
        """Opens where a fact came from: its record at the page with the span highlighted, or its
        series or slide. A fact from the case manifest has no page: the status bar says so."""
        if self.summary is None or self.locator is None or self.detail is None:
            return
        try:
            fact = self.summary.fact(fact_id)
        except KeyError:
            return
        target = self.locator.locate(fact.source)
        where = self.panel.where(fact)
        self.panel.mark_active(fact_id)
        if target.kind == "document":
            doc = next(d for d in self.detail.documents if d.id == target.item_id)
            self.case_view.select_payload(lambda p: isinstance(p, Document) and p.id == doc.id)
            self.documents.load(self.detail, doc, span=target.span)
            self.case_view.notify(QCoreApplication.translate("SummaryController", "Source: %1").replace("%1", where))
        elif target.kind in ("series", "slide"):
            kind = Series if target.kind == "series" else Slide
            self.case_view.select_payload(lambda p: isinstance(p, kind) and p.id == target.item_id)
            self.case_view.notify(QCoreApplication.translate("SummaryController", "Source: %1").replace("%1", where))
        else:
            text = QCoreApplication.translate("SummaryController",
                                              "This fact comes from the case manifest (%1); it has no page to open.")
            self.case_view.notify(text.replace("%1", fact.source.fhir_path or fact.source.document))

    # -- decisions -------------------------------------------------------------------------
    def decide(self, target_kind: str, ids, decision: str, correction: str) -> None:
        """Keeps the decision on every fact of the row (or on the flag); each one is audited."""
        if self.detail is None:
            return
        ws = self.session.workspace
        store = DecisionStore(ws)
        case_id = self.detail.summary.id
        try:
            for target_id in ids:
                store.decide(case_id, target_kind, target_id, decision, correction=correction or None)
            self.panel.set_decisions(store.current(case_id))
        except Exception as exc:
            show_error(self.panel, QCoreApplication.translate("SummaryController", "The decision was not kept"), exc)
