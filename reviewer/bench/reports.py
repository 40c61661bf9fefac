"""Report rows of `reviewer bench` (DESIGN §6): render a 10-page report with six key images, and a
PAdES B-B signature with the key kept for the session.

Both budgets are absolute (300 ms, 50 ms): there is no same-run operation that does the same work to
compare with (a bare reportlab page would measure reportlab, not our report), so each row's baseline is
its budget and the target ratio is 1.0. Fonts are loaded and the key parsed before timing, as in a
session (the first render/signature pays ~0.3 s once). Synthetic data only.
"""
from __future__ import annotations

import io
import zlib
from datetime import datetime, timezone
from pathlib import Path

from reviewer.bench.common import Row, Sizes, median, timed

RENDER_BUDGET_S = 0.300
SIGN_BUDGET_S = 0.050
REPEATS = 7


def _png(width: int, height: int, seed: int) -> bytes:
    import struct

    import numpy as np
    y, x = np.mgrid[0:height, 0:width]
    a = ((np.sin(x / (11 + seed)) + np.cos(y / 17.0)) * 60 + 128).astype(np.uint8)
    rgb = np.stack([a, a // 2 + 60, 255 - a], -1)
    raw = b"".join(b"\x00" + rgb[r].tobytes() for r in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def synthetic_report(paragraphs: int = 40):
    """(case, opinion, template, images) of a 10-page radiology report with six 512×512 key images."""
    from reviewer.model import CaseDetail, CaseSummary, Patient
    from reviewer.reports.opinion import Answer, Opinion
    from reviewer.reports.render import ReportImage
    from reviewer.reports.templates import load_template
    t = load_template("radiology", "en")
    case = CaseDetail(CaseSummary("0123456789abcdef", "BENCH-0001", Patient("Benchmark, Synthetic", "1970-01-01",
                                                                             "other", "BENCH"),
                                  "radiology", "", "routine", None, "ready", datetime.now(timezone.utc)),
                      first_opinion=("Synthetic first opinion.",))
    para = ("Synthetic finding text for the benchmark, with measurements 12 × 9 mm and accents é ü ő. " * 6).strip()
    o = Opinion("radiology", "en", report_id="R-BENCH")
    o.concordance.choice, o.concordance.comment = "2a", "Synthetic comment."
    o.fields = {"studies_reviewed": [f"Study {i}" for i in range(8)], "findings": "\n".join([para] * paragraphs),
                "revised_diagnosis": para, "staging": "cT1 cN0", "management": "\n".join([para] * 4),
                "limitations": para,
                "measurements": [{"lesion": f"L{i}", "location": "site", "size": f"{i + 5} mm"} for i in range(12)]}
    o.answers = [Answer(f"Question {i}?", para) for i in range(3)]
    o.outcome.diagnosis_changed, o.outcome.treatment_changed, o.outcome.surgery = False, False, "not_applicable"
    images = [ReportImage(_png(512, 512, i), f"Synthetic key image {i}", 0.7) for i in range(6)]
    return case, o, t, images


def report_rows(workdir: Path, sizes: Sizes) -> list[Row]:
    from reviewer.reports.render import ReportRenderer
    from reviewer.reports.signing import ReviewSigner, make_test_certificate, session_key_signer, sign_pdf
    renderer = ReportRenderer()
    paragraphs = 40
    while True:        # grow the findings until the report has exactly 10 pages (layout changes move it)
        case, opinion, template, images = synthetic_report(paragraphs)
        out = io.BytesIO()
        pages = renderer.render(case, opinion, template, images, out, version=1).pages   # also the warm-up
        if pages >= 10 or paragraphs > 200:
            break
        paragraphs += 2
    if pages != 10:
        raise RuntimeError(f"the benchmark report has {pages} pages, not 10")
    render_s = median([timed(lambda: renderer.render(case, opinion, template, images, io.BytesIO(), version=1))
                       for _ in range(REPEATS)])
    pdf = out.getvalue()
    key, cert = make_test_certificate()
    signer = ReviewSigner("TEST IDENTITY - NOT FOR CLINICAL USE", "benchmark", session_key_signer(key, cert))
    sign_pdf(pdf, signer)                                                                  # warm-up
    sign_s = median([timed(lambda: sign_pdf(pdf, signer)) for _ in range(REPEATS)])
    return [Row.measured("report_render_10_pages_6_images", render_s, RENDER_BUDGET_S, "s", 1.0),
            Row.measured("pades_sign", sign_s, SIGN_BUDGET_S, "s", 1.0)]
