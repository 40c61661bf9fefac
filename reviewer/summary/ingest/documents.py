"""Turns record files into TextDocuments: PDF (text layer, OCR fallback), plain text, FHIR JSON,
DICOM SR and encapsulated PDF. A file that cannot be read is reported by name (never content)
and skipped, so one broken record does not stop the summary."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from reviewer.summary.ingest import fhir
from reviewer.summary.ingest.dicom import DicomUnreadable, dataset_from_bytes, encapsulated_pdf, sr_text
from reviewer.summary.ingest.inputs import RawDocument
from reviewer.summary.ingest.ocr import OcrUnavailable, ocr_pdf_page, tesseract_available
from reviewer.summary.ingest.pdf import PdfUnreadable, pdf_pages
from reviewer.summary.model import Page, TextDocument
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


@dataclass(frozen=True)
class Skipped:
    document: str
    reason: str


def _kind_of(raw: RawDocument, data: bytes) -> str:
    ct = raw.content_type.lower()
    name = raw.path.lower()
    if data[:5] == b"%PDF-" or "pdf" in ct or name.endswith(".pdf"):
        return "pdf"
    if data[128:132] == b"DICM" or "dicom" in ct or name.endswith(".dcm"):
        return "dicom"
    if "json" in ct or name.endswith(".json"):
        return "json"
    return "binary" if _looks_binary(data) else "text"


def _looks_binary(data: bytes) -> bool:
    """A record that is not text (an image, an archive, random bytes): NUL bytes or many control
    characters in its first 64 KiB. Reading it as Latin-1 text would only feed garbage to the rules."""
    head = data[:65536]
    if not head:
        return False
    if b"\0" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _text(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp932", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _pdf(data: bytes, use_ocr: bool) -> list[Page]:
    ocr = None
    if use_ocr and tesseract_available():
        ocr = ocr_pdf_page
    return pdf_pages(data, ocr)


def read_document(raw: RawDocument, *, use_ocr: bool = True) -> tuple[list[TextDocument], list[Skipped]]:
    try:
        data = raw.load()
    except Exception as exc:    # a blob that fails authentication, a vanished file
        return [], [Skipped(raw.path, Text(QT_TRANSLATE_NOOP("SummaryErrors", "cannot be read ({name})"),
                                           name=type(exc).__name__))]
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind_of(raw, data)

    def doc(pages, fhir_path: str = "") -> TextDocument:
        return TextDocument(raw.path, raw.title, raw.kind, raw.date, tuple(pages), fhir_path, digest)

    try:
        if kind == "pdf":
            return [doc(_pdf(data, use_ocr))], []
        if kind == "dicom":
            ds = dataset_from_bytes(data)
            pdf = encapsulated_pdf(ds)
            if pdf:
                return [doc(_pdf(pdf, use_ocr))], []
            return [doc([Page(1, sr_text(ds))])], []
        if kind == "json":
            try:
                parsed = json.loads(data)
            except (ValueError, UnicodeDecodeError):
                return [doc([Page(1, _text(data))])], []
            out = [TextDocument(raw.path, t.title, t.kind, t.date, t.pages, t.fhir_path, digest)
                   for t in fhir.text_documents(raw.path, parsed)]
            for path, ct, blob in fhir.presented_forms(parsed):
                pages = _pdf(blob, use_ocr) if (blob[:5] == b"%PDF-" or "pdf" in ct) else [Page(1, _text(blob))]
                out.append(TextDocument(raw.path, raw.title, raw.kind, raw.date, tuple(pages), path, digest))
            return out, []
        if kind == "binary":
            return [], [Skipped(raw.path, Text(QT_TRANSLATE_NOOP("SummaryErrors", "not a text record (binary content)")))]
        return [doc([Page(1, _text(data))])], []
    except (PdfUnreadable, DicomUnreadable, OcrUnavailable) as exc:
        return [], [Skipped(raw.path, exc.args[0] if len(exc.args) == 1 else str(exc))]   # a Text stays translatable
