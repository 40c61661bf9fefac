"""A record as the specialist reads it: PDF pages (rendered off the GUI thread, page by page as
they scroll into view) or plain text, with a fact's source span highlighted and scrolled to.

The view knows nothing of the workspace: it is given a ``PdfPages`` (reviewer.documents) or a
string, and spans as page + boxes (PDF) or character offsets (text).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QLabel, QPlainTextEdit, QScrollArea, QStackedWidget, QTextEdit, QVBoxLayout,
                               QWidget)

from reviewer.documents import SpanBox

HIGHLIGHT = QColor(255, 213, 79, 110)
HIGHLIGHT_EDGE = QColor(230, 81, 0)
PAGE_GAP = 12


class _Relay(QObject):
    rendered = Signal(int, int, object)     # generation, page index, RGB array (or an exception)


class PageWidget(QWidget):
    def __init__(self, index: int, size_pt: tuple[float, float], scale: float, parent=None):
        super().__init__(parent)
        self.index = index
        self.scale = scale
        self.setFixedSize(int(size_pt[0] * scale), int(size_pt[1] * scale))
        self.image: QImage | None = None
        self.error = ""
        self.boxes: list[SpanBox] = []
        self.requested = False

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.white)
        if self.image is not None:
            p.drawImage(self.rect(), self.image)
        else:
            p.setPen(QColor("#9e9e9e"))
            p.drawText(self.rect(), Qt.AlignCenter, self.error or self.tr("Page {n}…").format(n=self.index + 1))
        p.setPen(HIGHLIGHT_EDGE)
        for b in self.boxes:
            r = QRectF(b.x * self.scale - 2, b.y * self.scale - 2, b.width * self.scale + 4, b.height * self.scale + 4)
            p.fillRect(r, HIGHLIGHT)
            p.drawRect(r)
        p.setPen(QColor("#bdbdbd"))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()


class DocumentView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(objectName="documentTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold; padding: 4px;")
        self.scroll = QScrollArea(widgetResizable=False, objectName="documentPages")
        self.scroll.setAlignment(Qt.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #6d6d6d; }")
        self.text = QPlainTextEdit(readOnly=True, objectName="documentText")
        self.message = QLabel(alignment=Qt.AlignCenter, wordWrap=True, objectName="documentMessage")
        self.stack = QStackedWidget()
        for w in (self.message, self.scroll, self.text):
            self.stack.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.pages: list[PageWidget] = []
        self.pdf = None
        self._generation = 0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="pdf-render")
        self._relay = _Relay()
        self._relay.rendered.connect(self._rendered)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _: self._render_visible())
        self.destroyed.connect(lambda *_: self._pool.shutdown(wait=False, cancel_futures=True))

    # -- content ---------------------------------------------------------------------------
    def show_message(self, text: str, title: str = "") -> None:
        self.clear()
        self.title.setText(title)
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_pdf(self, pdf, title: str, scale: float = 1.4) -> None:
        """``pdf``: an open reviewer.documents.PdfPages; the view closes it when it shows something else."""
        self.clear()
        self.pdf = pdf
        self.title.setText(title)
        column = QWidget()
        v = QVBoxLayout(column)
        v.setSpacing(PAGE_GAP)
        v.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        for i, size in enumerate(pdf.sizes):
            page = PageWidget(i, size, scale)
            self.pages.append(page)
            v.addWidget(page, 0, Qt.AlignHCenter)
        column.adjustSize()
        self.scroll.setWidget(column)
        self.stack.setCurrentWidget(self.scroll)
        self._render_visible()

    def show_text(self, text: str, title: str) -> None:
        self.clear()
        self.title.setText(title)
        self.text.setPlainText(text)
        self.stack.setCurrentWidget(self.text)

    def clear(self) -> None:
        self._generation += 1
        self.pages = []
        if self.pdf is not None:
            pdf, self.pdf = self.pdf, None
            self._pool.submit(pdf.close)          # after any render in flight
        self.scroll.takeWidget()
        self.text.clear()
        self.text.setExtraSelections([])
        self.message.clear()
        self.title.clear()

    # -- highlighting ----------------------------------------------------------------------
    def highlight_pdf(self, page_index: int, boxes: list[SpanBox]) -> None:
        for p in self.pages:
            p.boxes = boxes if p.index == page_index else []
            p.update()
        if 0 <= page_index < len(self.pages):
            page = self.pages[page_index]
            y = page.y() + (int(boxes[0].y * page.scale) if boxes else 0)
            self.scroll.verticalScrollBar().setValue(max(0, y - self.scroll.viewport().height() // 3))
            self._render_visible()

    def highlight_text(self, start: int, end: int) -> None:
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 213, 79))
        selection.format = fmt
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(max(0, start))
        cursor.setPosition(max(start, end), QTextCursor.KeepAnchor)
        selection.cursor = cursor
        self.text.setExtraSelections([selection])
        view = QTextCursor(self.text.document())
        view.setPosition(max(0, start))
        self.text.setTextCursor(view)
        self.text.centerCursor()

    # -- rendering -------------------------------------------------------------------------
    def _render_visible(self) -> None:
        if self.pdf is None:
            return
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        generation, pdf = self._generation, self.pdf
        for page in self.pages:
            if page.requested or page.y() + page.height() < top - 400 or page.y() > bottom + 400:
                continue
            page.requested = True

            def work(i=page.index, scale=page.scale):
                try:
                    result = pdf.render(i, scale)
                except Exception as exc:     # noqa: BLE001 - shown on the page, the rest stays readable
                    result = exc
                self._relay.rendered.emit(generation, i, result)
            self._pool.submit(work)

    def _rendered(self, generation: int, index: int, result) -> None:
        if generation != self._generation or index >= len(self.pages):
            return
        page = self.pages[index]
        if isinstance(result, np.ndarray):
            h, w = result.shape[:2]
            page.image = QImage(result.data, w, h, result.strides[0], QImage.Format_RGB888).copy()
        else:
            page.error = self.tr("Page {n} could not be drawn").format(n=index + 1)
        page.update()

    def wait_rendered(self) -> None:
        """Waits for pending renders (tests, screenshots)."""
        self._pool.submit(lambda: None).result()
