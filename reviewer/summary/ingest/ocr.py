"""OCR of a scanned PDF page with the Debian `tesseract` binary, in memory only.

The page is rendered by pdfium, encoded as PNG in memory and piped to tesseract's stdin; the TSV
answer comes back on stdout, so no image or text of the record touches the disk outside the
workspace. The page text is rebuilt from the words (one line per TSV line) and the page's
confidence is the mean word confidence.
"""
from __future__ import annotations

import io
import shutil
import subprocess

from reviewer.summary.model import Page
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

RENDER_SCALE = 300 / 72          # 300 dpi
LANGS = "eng+jpn"
TIMEOUT_S = 120


class OcrUnavailable(RuntimeError):
    pass


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_png(png: bytes, langs: str = LANGS) -> Page:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(Text(QT_TRANSLATE_NOOP("SummaryErrors", "tesseract is not installed; scanned "
                                                                     "pages cannot be read")))
    try:
        r = subprocess.run([exe, "stdin", "stdout", "-l", langs, "--psm", "3", "tsv"], input=png,
                           capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise OcrUnavailable(Text(QT_TRANSLATE_NOOP("SummaryErrors", "tesseract took too long on a page"))) from None
    if r.returncode != 0:
        raise OcrUnavailable(Text(QT_TRANSLATE_NOOP("SummaryErrors", "tesseract failed (exit {returncode})"),
                                  returncode=r.returncode))
    return page_from_tsv(r.stdout.decode("utf-8", "replace"))


def page_from_tsv(tsv: str, number: int = 1) -> Page:
    """Rebuilds text from tesseract TSV rows: words joined by spaces, a newline per line."""
    lines: dict[tuple, list[str]] = {}
    confs = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if not word or conf < 0:
            continue
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(word)
        confs.append(conf)
    text = "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))
    conf = (sum(confs) / len(confs) / 100.0) if confs else 0.0
    return Page(number, text, True, round(conf, 3))


def ocr_pdf_page(page) -> Page:
    """OCR of one pypdfium2 page object."""
    bitmap = page.render(scale=RENDER_SCALE, grayscale=True)
    image = bitmap.to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return ocr_png(buf.getvalue())
