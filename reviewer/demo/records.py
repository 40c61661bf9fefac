"""Clinical record files: plain text and simple PDFs, byte-identical for the same content.

A record is a title plus a list of lines; a line that starts with "## " is a heading.
Every other line becomes its own paragraph, so each fact stays on one line in the
extracted text (the summary's provenance spans, and the planted-inconsistency evidence,
are exact substrings of what pdftotext reads back).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer


@dataclass(frozen=True)
class Record:
    filename: str                # under documents/
    kind: str                    # DocumentReference.type.text
    title: str                   # DocumentReference.description and attachment.title
    date: str                    # ISO 8601 date-time with offset
    lines: tuple[str, ...]       # body; "## " starts a heading

    @property
    def content_type(self) -> str:
        return "application/pdf" if self.filename.endswith(".pdf") else "text/plain; charset=utf-8"


def render(record: Record) -> bytes:
    """The file's bytes."""
    if record.filename.endswith(".pdf"):
        return _pdf(record)
    return _text(record)


def write(record: Record, documents_dir: Path) -> Path:
    path = documents_dir / record.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(record))
    return path


def _text(record: Record) -> bytes:
    out = [record.title, "=" * len(record.title), ""]
    for line in record.lines:
        if line.startswith("## "):
            out += ["", line[3:].upper(), "-" * len(line[3:])]
        else:
            out.append(line)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _pdf(record: Record) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
        bottomMargin=18 * mm, title=record.title, author="Synthetic demo data",
        subject=record.kind, creator="reviewer demo generator",
        producer="reviewer demo generator", invariant=1,
    )
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=14, leading=18,
                           spaceAfter=4)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=10.5, leading=14,
                             spaceBefore=8, spaceAfter=2)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5)
    story = [Paragraph(escape(record.title), title),
             HRFlowable(width="100%", thickness=0.6, spaceAfter=6)]
    for line in record.lines:
        if line.startswith("## "):
            story.append(Paragraph(escape(line[3:]), heading))
        elif not line.strip():
            story.append(Spacer(1, 5))
        else:
            story.append(Paragraph(escape(line), body))
    story += [Spacer(1, 10), HRFlowable(width="100%", thickness=0.4),
              Paragraph("SYNTHETIC DEMONSTRATION RECORD - NOT A REAL PATIENT", body)]
    doc.build(story)
    return buf.getvalue()
