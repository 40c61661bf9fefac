"""Opens the record the user picks: decrypts it into memory in the background and shows it —
PDF pages, plain text, or FHIR JSON as indented text. ``load(case, doc, span)`` takes the user from a
summary fact to its source with the span highlighted (once the record is shown, if it is still being read)."""
from __future__ import annotations

import itertools
import json

from PySide6.QtCore import QCoreApplication

from reviewer import store
from reviewer.documents import PdfPages
from reviewer.model import CaseDetail, Document
from ui.errors import message_for
from reviewer.worklist import short_datetime
from ui.tasks import BackgroundTasks
from viewers.documents.document_view import DocumentView
from viewers.i18n import language

TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")
MAX_TEXT_BYTES = 20 << 20


def _kind(doc: Document) -> str:
    ct = (doc.content_type or "").split(";")[0].strip().lower()
    name = (doc.path or "").lower()
    if ct == "application/pdf" or name.endswith(".pdf"):
        return "pdf"
    if ct in ("application/fhir+json", "application/json") or name.endswith(".json"):
        return "json"
    if ct in TEXT_TYPES or name.endswith((".txt", ".md", ".csv")):
        return "text"
    return "other"


def load_document(blobs, doc: Document):
    """(kind, content) of a record read from its encrypted blob: an open PdfPages or a string."""
    kind = _kind(doc)
    if kind == "other":
        return kind, QCoreApplication.translate(
            "DocumentLoader", "{title}: this kind of record ({type}) has no viewer yet.").format(
            title=doc.title, type=doc.content_type or QCoreApplication.translate("DocumentLoader", "unknown type"))
    if kind != "pdf" and doc.size > MAX_TEXT_BYTES:
        return "other", QCoreApplication.translate(
            "DocumentLoader", "{title} is {mb} MB of text; too large to show.").format(
            title=doc.title, mb=f"{doc.size / 1e6:.0f}")
    data = blobs.get(doc.blob_id)
    if kind == "pdf":
        return kind, PdfPages(data, doc.title or QCoreApplication.translate("DocumentLoader", "the record"))
    text = data.decode("utf-8", errors="replace")
    if kind == "json":
        try:
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except ValueError:
            pass
    return "text", text


class DocumentLoader:
    def __init__(self, session, tasks: BackgroundTasks, view: DocumentView):
        self.session, self.tasks, self.view = session, tasks, view
        self._ticket = itertools.count(1)
        self.current = 0
        self.shown: Document | None = None
        self._loading: Document | None = None     # the record being read, and the span to show then
        self._pending_span = None

    def cancel(self) -> None:
        self.current = next(self._ticket)
        self.shown = self._loading = None
        self.view.clear()

    def load(self, case: CaseDetail, doc: Document, span=None) -> None:
        """Shows ``doc``; ``span`` = (page number from 1, start, end) to highlight once it is shown."""
        if self.shown is not None and self.shown.id == doc.id:
            self._highlight(span)
            return
        if self._loading is not None and self._loading.id == doc.id:
            # already on its way (selecting the item started it): highlight once it is shown
            self._pending_span = span or self._pending_span
            return
        ticket = self.current = next(self._ticket)
        self._loading, self._pending_span = doc, span
        self.shown = None                     # the view is cleared for the new record
        ws = self.session.workspace
        self.view.show_message(QCoreApplication.translate("DocumentLoader", "Opening {title}…").format(title=doc.title),
                               doc.title)

        def done(result):
            kind, content = result
            if ticket != self.current:
                if kind == "pdf":
                    content.close()
                return
            title = f"{doc.title} · {doc.kind} · " + (short_datetime(doc.date[:10], language()) if doc.date
                                                       else QCoreApplication.translate("DocumentLoader", "no date"))
            if kind == "pdf":
                self.view.show_pdf(content, title)
            elif kind == "text":
                self.view.show_text(content, title)
            else:
                self.view.show_message(content, title)
            self.shown = doc if kind != "other" else None
            self._loading = None
            self._highlight(self._pending_span)
            with store.transaction(ws.db):
                ws.audit.append("document.view", case.summary.id, document=doc.id)

        def failed(exc):
            if ticket == self.current:
                self._loading = None
                self.view.show_message(message_for(exc), doc.title)

        self.tasks.run(lambda: load_document(ws.blobs, doc), done, failed)

    def _highlight(self, span) -> None:
        if span is None or self.shown is None:
            return
        page, start, end = span
        if self.view.pdf is not None:
            self.view.highlight_pdf(page - 1, self.view.pdf.span_boxes(page - 1, start, end))
        else:
            self.view.highlight_text(start, end)
