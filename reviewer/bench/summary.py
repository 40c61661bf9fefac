"""Case summary rows (issue 5, DESIGN §6): quality against the labelled corpus, and speed.

- summary_fact_precision / _recall, summary_flag_precision / _recall: measured on
  resources/summary_corpus; informational rows (target None) whose baseline is the 0.9 floor the
  issue sets, so ratio >= 1 means the floor is met.
- summary_50_pages: seconds to summarise 50 pages of PDF records (text layer, rendered in memory
  from the corpus texts before timing) against a fixed 5 s baseline, target 1.0.
"""
from __future__ import annotations

import time
from pathlib import Path

from reviewer.bench.common import Row, Sizes

QUALITY_FLOOR = 0.9
BUDGET_S = 5.0
PAGES = 50


def _pdf_inputs(pages: int):
    """CaseInputs holding at least ``pages`` pages of PDF records built from the corpus texts."""
    import pypdfium2 as pdfium

    from reviewer.demo.records import Record, render
    from reviewer.summary.ingest.inputs import CaseInputs, RawDocument
    from reviewer.summary.quality import load_corpus
    inputs = CaseInputs("bench-50-pages")
    total = 0
    corpus = load_corpus()
    i = 0
    while total < pages:
        case = corpus[i % len(corpus)]
        lines = [ln for d in case["documents"] for ln in d["lines"] if ln.isascii()] * 4
        if not lines:
            i += 1
            continue
        data = render(Record(f"record-{i:03d}.pdf", "Record", f"Record {i}", "2026-01-01", tuple(lines)))
        doc = pdfium.PdfDocument(data)
        total += len(doc)
        doc.close()
        inputs.documents.append(RawDocument(f"documents/record-{i:03d}.pdf", f"Record {i}", "Consultation note",
                                            "2026-01-01", "application/pdf", (lambda b=data: b)))
        i += 1
    return inputs, total


def summary_rows(workdir: Path, sizes: Sizes) -> list[Row]:
    from reviewer.summary.engine import summarise_inputs
    from reviewer.summary.quality import evaluate
    from reviewer.summary.rules import load_rules
    report = evaluate()
    rows = [Row.measured(name, value, QUALITY_FLOOR, "ratio", None) for name, value in (
        ("summary_fact_precision", report.fact_precision), ("summary_fact_recall", report.fact_recall),
        ("summary_flag_precision", report.flag_precision), ("summary_flag_recall", report.flag_recall))]
    inputs, _pages = _pdf_inputs(PAGES)
    rules = load_rules()
    t0 = time.perf_counter()
    summarise_inputs(inputs, rules=rules, use_ocr=False)
    rows.append(Row.measured("summary_50_pages", time.perf_counter() - t0, BUDGET_S, "s", 1.0))
    return rows
