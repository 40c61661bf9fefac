"""PDF pages from memory (the decrypted record never touches the disk): size, rendering to RGB
arrays, and the boxes of a character span.

pdfium is not safe to call from two threads at once, and both the record viewer's worker and the
summary's ingestion use it, so every call goes through ``PDFIUM_LOCK``.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

PDFIUM_LOCK = threading.RLock()      # a constant: the one gate to the pdfium library in this process
MAX_PAGES = 2000
MAX_RENDER_PIXELS = 40_000_000


class PdfUnreadable(ReviewerError):
    """A record that is not a readable PDF; the message names the record, never its content."""


@dataclass(frozen=True)
class SpanBox:
    """A rectangle on a page in PDF points, origin at the top-left (y down), as drawn."""
    x: float
    y: float
    width: float
    height: float


class PdfPages:
    """An open PDF held in memory. ``close()`` when done (or use as a context manager)."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        with PDFIUM_LOCK:
            try:
                self._pdf = pdfium.PdfDocument(data)
            except pdfium.PdfiumError as exc:
                raise PdfUnreadable(Text(QT_TRANSLATE_NOOP("Errors", "{name} is not a readable PDF ({name2})"),
                                         name=name, name2=type(exc).__name__)) from None
            self.count = len(self._pdf)
            if self.count > MAX_PAGES:
                self._pdf.close()
                raise PdfUnreadable(Text(QT_TRANSLATE_NOOP("Errors", "{name} has {count} pages; more than "
                                                                     "{max_pages} are not shown"),
                                         name=name, count=self.count, max_pages=MAX_PAGES))
            self.sizes = [tuple(self._pdf[i].get_size()) for i in range(self.count)]   # points (w, h)

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._pdf is not None:
                self._pdf.close()
                self._pdf = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def render(self, index: int, scale: float) -> np.ndarray:
        """Page ``index`` (0-based) as an RGB uint8 array at ``scale`` pixels per point."""
        w, h = self.sizes[index]
        if w * h * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
        with PDFIUM_LOCK:
            page = self._pdf[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True)
                array = bitmap.to_numpy()
                rgb = np.ascontiguousarray(array[..., :3])
            finally:
                page.close()
        return rgb

    def page_text(self, index: int) -> str:
        """The page's text in pdfium character order: the indices facts refer to."""
        with PDFIUM_LOCK:
            page = self._pdf[index]
            tp = page.get_textpage()
            try:
                n = tp.count_chars()
                return tp.get_text_range(0, n) if n > 0 else ""
            finally:
                tp.close()
                page.close()

    def span_boxes(self, index: int, start: int, end: int) -> list[SpanBox]:
        """Boxes covering characters ``start``..``end`` (exclusive) of page ``index``, merged per line."""
        with PDFIUM_LOCK:
            page = self._pdf[index]
            tp = page.get_textpage()
            try:
                n = tp.count_chars()
                boxes = [tp.get_charbox(i) for i in range(max(0, start), min(end, n))]
            finally:
                tp.close()
                page.close()
        height = self.sizes[index][1]
        lines: list[list[float]] = []
        for left, bottom, right, top in boxes:
            if right <= left or top <= bottom:           # spaces and line breaks have no extent
                continue
            line = next((b for b in lines
                         if min(b[3], top) - max(b[1], bottom) > 0.3 * min(b[3] - b[1], top - bottom)), None)
            if line is None:
                lines.append([left, bottom, right, top])
            else:
                line[0], line[1], line[2], line[3] = min(line[0], left), min(line[1], bottom), \
                    max(line[2], right), max(line[3], top)
        return [SpanBox(l, height - t, r - l, t - b) for l, b, r, t in lines]
