"""Records as the specialist reads them: PDF pages rendered and text spans located, without Qt.

The summary's facts point at (document, page, start, end) where start/end are pdfium character
indices of that page (reviewer.summary.ingest.pdf); ``PdfPages.span_boxes`` turns such a span into
rectangles on the rendered page, which the record viewer highlights.
"""
from reviewer.documents.pdf import PDFIUM_LOCK, PdfPages, PdfUnreadable, SpanBox

__all__ = ["PDFIUM_LOCK", "PdfPages", "PdfUnreadable", "SpanBox"]
