"""PDF text with page numbers and pdfium character indices (the record viewer highlights a span
by asking pdfium for the boxes of characters start..end of that page). Pages without a text layer
go to OCR and are marked as such."""
from __future__ import annotations

from typing import Callable

import pypdfium2 as pdfium

from reviewer.documents import PDFIUM_LOCK
from reviewer.summary.model import Page
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MIN_TEXT_CHARS = 8       # fewer characters than this on a page: treat it as scanned


class PdfUnreadable(ValueError):
    """The file is not a readable PDF; the message names no content."""


def pdf_pages(data: bytes, ocr: Callable[[object], Page] | None = None) -> list[Page]:
    """Pages of a PDF; pdfium is not thread-safe, so this holds the process's pdfium lock (the record
    viewer renders pages on another thread)."""
    with PDFIUM_LOCK:
        return _pdf_pages(data, ocr)


def _pdf_pages(data: bytes, ocr: Callable[[object], Page] | None) -> list[Page]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable(Text(QT_TRANSLATE_NOOP("SummaryErrors", "not a readable PDF ({name})"),
                                 name=exc.__class__.__name__)) from None
    pages = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                n = tp.count_chars()
                text = tp.get_text_range(0, n) if n > 0 else ""
            finally:
                tp.close()
            if len(text.strip()) < MIN_TEXT_CHARS and ocr is not None:
                p = ocr(page)
                pages.append(Page(i + 1, p.text, True, p.confidence))
            else:
                pages.append(Page(i + 1, text))
            page.close()
    finally:
        pdf.close()
    return pages
