"""PDF pages in memory: rendering, text in pdfium order, and the boxes of a span where it is drawn."""
import io

import numpy as np
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reviewer.documents import PdfPages, PdfUnreadable


def two_page_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, 800, "Surgical pathology report")
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Receptors: ER positive, HER2: negative (IHC 1+)")
    c.drawString(72, 680, "Ki-67: 18%")
    c.save()
    return buf.getvalue()


def test_span_boxes_cover_the_words_where_they_are_drawn():
    with PdfPages(two_page_pdf(), "pathology.pdf") as pdf:
        assert pdf.count == 2
        text = pdf.page_text(1)
        start = text.index("HER2: negative")
        [box] = pdf.span_boxes(1, start, start + len("HER2: negative"))
        height = pdf.sizes[1][1]
        assert 150 < box.x < 260 and box.width > 60
        assert abs((height - 700) - (box.y + box.height)) < 4          # baseline at y=700 from the bottom
        two = pdf.span_boxes(1, start, text.index("18%") + 3)              # across two lines: two boxes
        assert len(two) == 2


def test_render_gives_ink_where_the_text_is():
    with PdfPages(two_page_pdf(), "pathology.pdf") as pdf:
        rgb = pdf.render(0, 1.0)
        assert rgb.shape[2] == 3 and rgb.dtype == np.uint8
        h = rgb.shape[0]
        line = rgb[int(h - 800) - 8:int(h - 800) + 2, 72:250]
        assert (line < 128).any()                       # dark text on white
        assert (rgb[h // 2:, :] > 250).all()            # the lower half of page 1 is empty


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 garbage", b"not a pdf at all" * 10])
def test_broken_pdf_is_a_clear_error_naming_the_record(data):
    with pytest.raises(PdfUnreadable, match="pathology.pdf is not a readable PDF"):
        PdfPages(data, "pathology.pdf")
