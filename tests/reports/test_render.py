"""Rendering: every template and language renders with embedded fonts, page X of Y, the patient block,
images with scale bars, and the PDF/A-2b parts (XMP, sRGB output intent)."""
import io
import re
import subprocess

import pytest

from report_samples import make_png, synthetic_case
from reviewer.paths import report_template
from reviewer.reports.opinion import Addendum, Opinion
from reviewer.reports.render import RenderError, ReportImage, _nice_length, render_report
from reviewer.reports.templates import load_template


def pdftext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def render(renderer, specialty, lang, images=(), version=1, **kw):
    o = Opinion.from_json(report_template("examples", f"{specialty}.{lang}.json").read_text(encoding="utf-8"))
    for k, v in kw.items():
        setattr(o, k, v)
    buf = io.BytesIO()
    res = renderer.render(synthetic_case(), o, load_template(specialty, lang), list(images), buf, version=version)
    return res, buf.getvalue()


@pytest.mark.parametrize("specialty", ("radiology", "pathology", "oncology"))
@pytest.mark.parametrize("lang", ("en", "ja"))
def test_each_template_renders_with_embedded_fonts_and_page_numbers(renderer, specialty, lang):
    res, pdf = render(renderer, specialty, lang, [ReportImage(make_png(), "Caption", 0.5)])
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", r) for r in rows), fonts   # embedded, subset, unicode
    assert "Helvetica" not in fonts
    text = pdftext(pdf)
    t = load_template(specialty, lang)
    for page in range(1, res.pages + 1):
        assert t.labels["page"].format(page=page, pages=res.pages) in text
    assert "SO-2026-00042" in text and "R-EXAMPLE" in text
    assert "Zsófia" in text and "山田 花子" in text          # Latin accents and Japanese in one name
    assert t.title in text.replace("\n", "")
    assert t.labels["version_n"].format(n=1) in text


def test_pdfa_parts(renderer):
    _, pdf = render(renderer, "radiology", "en")
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"<pdfaid:conformance>B</pdfaid:conformance>" in pdf
    assert b"/OutputIntents" in pdf and b"/GTS_PDFA1" in pdf and b"/DestOutputProfile" in pdf
    assert b"/Encrypt" not in pdf and b"/JavaScript" not in pdf
    info = subprocess.run(["pdfinfo", "-meta", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "R-EXAMPLE-RAD-EN" in info
    # Info and XMP carry the same dates
    m = re.search(rb"/CreationDate \(D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", pdf)
    assert m and b"<xmp:CreateDate>%s-%s-%sT%s:%s:%s+00:00" % m.groups() in pdf


def test_images_scale_bars_and_png_kinds(renderer):
    images = [ReportImage(make_png(colour_type=2), "RGB slice", 0.7),
              ReportImage(make_png(colour_type=0, seed=2), "Grey slice", None),
              ReportImage(make_png(colour_type=6, seed=3), "RGBA capture", 0.00025)]
    _, pdf = render(renderer, "pathology", "en", images)
    text = pdftext(pdf)
    assert "Image 1. RGB slice" in text and "Image 3. RGBA capture" in text
    assert "1 cm" in text            # 64 px × 0.7 mm = 44.8 mm wide → 25 % ≈ 11 mm → 1 cm
    assert "2 µm" in text            # 64 px × 0.25 µm = 16 µm → 4 µm → 2 µm
    assert pdf.count(b"/Subtype /Image") == 3
    # every image is drawn: pdfimages lists all three
    listed = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True).stdout.decode()
    assert len(listed.splitlines()) - 2 == 3


def test_nice_scale_lengths():
    assert [_nice_length(x) for x in (0.7, 3.3, 11.2, 99, 0.004)] == [0.5, 2, 10, 50, 0.002]


def test_draft_and_addendum_are_marked(renderer):
    _, pdf = render(renderer, "oncology", "en", version=None,
                    addendum=Addendum(1, "ab" * 32, "Reason for the change"))
    text = pdftext(pdf)
    assert "DRAFT - not signed" in text
    assert "Amends the signed report version 1, SHA-256 " + "ab" * 32 in text.replace("\n", " ").replace("  ", " ") \
        or ("ab" * 32)[:40] in text
    assert "Reason for the change" in text


def test_signature_box_is_recorded_and_not_an_image_is_refused(renderer):
    res, pdf = render(renderer, "radiology", "ja")
    page, x1, y1, x2, y2 = res.signature_box
    assert page == res.pages - 1 and x2 - x1 > 200 and y2 - y1 > 60
    assert b"/RvSignatureBox" in pdf
    with pytest.raises(RenderError, match="not a PNG"):
        render(renderer, "radiology", "en", [ReportImage(b"GIF89a....", "x", None)])


def test_render_report_to_a_path(tmp_path):
    o = Opinion.from_json(report_template("examples", "oncology.ja.json").read_text(encoding="utf-8"))
    res = render_report(synthetic_case(), o, load_template("oncology", "ja"), [], tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-") and res.pages >= 2
