"""The opinion as a PDF report (reportlab), aiming at PDF/A-2b.

What the reader needs is on every page: header with the platform's and the workstation's case ids,
footer with report id, version and "page X of Y". Fonts are embedded TrueType: DejaVu Sans for Latin
with accents, IPAexGothic for Japanese; each run of text falls back to the other font for characters
the first lacks (a Japanese patient name in an English report, "ő" in a Japanese one).

PDF/A-2b parts: every font embedded, XMP metadata matching the Info dictionary, an sRGB output
intent (resources/color/sRGB-lcms2.icc), no encryption, no transparency groups, no JavaScript.
(Not validated with veraPDF here: it is not available on this machine.)

Key images are PNGs. 8-bit grey or RGB non-interlaced PNGs (what the viewers capture) go into the
PDF without being decoded: their IDAT stream *is* a Flate stream with PNG predictors, which PDF
reads directly. Others are decoded with Pillow. This keeps six images well inside the render budget.

A box is reserved for the visible signature at the end of the report; its position is written into
the Info dictionary (``/RvSignatureBox``) so signing places the signature there.
"""
from __future__ import annotations

import hashlib
import io
import math
import struct
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import BinaryIO, Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from reviewer.errors import ReviewerError
from reviewer.model import CaseDetail
from reviewer.paths import resource
from reviewer.reports.opinion import Opinion, concordance_category
from reviewer.reports.templates import Field, Template
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

SIGNATURE_BOX_KEY = "RvSignatureBox"
PRODUCER = "Specialist review workstation (reportlab)"
_PNG_SIG = b"\x89PNG\r\n\x1a\n"

_FONT_FILES = {"RvSans": "DejaVuSans.ttf", "RvSans-Bold": "DejaVuSans-Bold.ttf", "RvJa": "ipaexg.ttf"}


class RenderError(ReviewerError):
    pass


@dataclass(frozen=True)
class ReportImage:
    """A picture for the report: PNG bytes, caption, and millimetres per PNG pixel (None: no scale bar)."""
    png: bytes
    caption: str
    mm_per_pixel: float | None = None


@dataclass(frozen=True)
class RenderResult:
    pages: int
    signature_box: tuple[int, float, float, float, float]   # page index (0-based), x1, y1, x2, y2 in points
    sha256: str


def images_for(opinion: Opinion, key_images) -> list[ReportImage]:
    """The report images an opinion names, read from a KeyImageStore (``ws.key_images``)."""
    out = []
    for ref in opinion.images:
        ki = key_images.get(ref.key_image_id)
        out.append(ReportImage(key_images.png(ki.id), ref.caption or ki.caption, ki.pixel_spacing_mm))
    return out


# -- fonts -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    fallback: str
    fallback_bold: str
    cover: dict           # font name -> set of code points it has glyphs for
    cjk: bool


def _register_fonts(font_dir: Path) -> dict[str, set[int]]:
    """Registers the report fonts with reportlab (its registry is process-wide; re-registration is
    skipped) and returns each font's character coverage."""
    cover = {}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in _FONT_FILES.items():
        path = font_dir / file
        if name in registered:
            font = pdfmetrics.getFont(name)
        else:
            if not path.is_file():
                raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The report font {file} is missing from "
                                                                         "{font_dir}"), file=file, font_dir=font_dir))
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
        cover[name] = set(font.face.charToGlyph)
    return cover


# -- PNG without decoding ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Png:
    width: int
    height: int
    colors: int                  # 1 grey, 3 RGB
    idat: bytes | None           # the Flate stream, when it can be passed through
    png: bytes


def _parse_png(png: bytes) -> _Png:
    if not png.startswith(_PNG_SIG) or png[12:16] != b"IHDR":
        raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "A report image is not a PNG picture")))
    width, height, depth, ctype, _comp, _filt, interlace = struct.unpack(">IIBBBBB", png[16:29])
    if not (0 < width <= 32768 and 0 < height <= 32768):
        raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "A report image of {width}×{height} pixels is "
                                                                 "out of range"), width=width, height=height))
    if depth != 8 or ctype not in (0, 2) or interlace:
        return _Png(width, height, 3, None, png)
    parts, pos = [], 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            parts.append(png[pos + 8:pos + 8 + length])
        elif kind == b"IEND":
            break
        pos += 12 + length
    if not parts:
        raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "A report image has no pixel data")))
    return _Png(width, height, 1 if ctype == 0 else 3, b"".join(parts), png)


class _PngXObject(pdfdoc.PDFImageXObject):
    """An image XObject whose content is a PNG's IDAT stream, decoded by the PDF reader through
    FlateDecode with the PNG predictor; or, for other PNGs, Pillow-decoded RGB."""

    def __init__(self, name: str, p: _Png):
        self.name = name
        self.width, self.height = p.width, p.height
        self.bitsPerComponent = 8
        self.mask = None
        if p.idat is not None:
            self.colorSpace = "DeviceGray" if p.colors == 1 else "DeviceRGB"
            self.streamContent = p.idat
            self._parms = pdfdoc.PDFDictionary({"Predictor": 15, "Colors": p.colors, "BitsPerComponent": 8,
                                                "Columns": p.width})
        else:
            from PIL import Image
            with Image.open(io.BytesIO(p.png)) as im:
                rgb = im.convert("RGB")
            self.width, self.height = rgb.size
            self.colorSpace = "DeviceRGB"
            self.streamContent = zlib.compress(rgb.tobytes(), 6)
            self._parms = None
        self._filters = ("FlateDecode",)

    def format(self, document):
        s = pdfdoc.PDFStream(content=self.streamContent, filters=[])
        d = s.dictionary
        d["Type"] = pdfdoc.PDFName("XObject")
        d["Subtype"] = pdfdoc.PDFName("Image")
        d["Width"], d["Height"] = self.width, self.height
        d["BitsPerComponent"] = 8
        d["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
        d["Filter"] = pdfdoc.PDFName("FlateDecode")
        if self._parms is not None:
            d["DecodeParms"] = self._parms
        return s.format(document)


def _draw_png(canv: Canvas, p: _Png, x: float, y: float, w: float, h: float) -> None:
    name = "rvimg" + hashlib.sha1(p.png).hexdigest()[:20]
    reg = canv._doc.getXObjectName(name)
    if reg not in canv._doc.idToObject:
        obj = _PngXObject(name, p)
        canv._setXObjects(obj)
        canv._doc.Reference(obj, reg)
        canv._doc.addForm(name, obj)
    canv._currentPageHasImages = 1
    canv._formsinuse.append(name)      # lists the image in the page's resources
    canv.saveState()
    canv.translate(x, y)
    canv.scale(w, h)
    canv._code.append(f"/{reg} Do")
    canv.restoreState()


def _nice_length(target_mm: float) -> float:
    """1, 2 or 5 × 10^n millimetres, the largest not above ``target_mm``."""
    exp = math.floor(math.log10(target_mm))
    for m in (5, 2, 1):
        if m * 10 ** exp <= target_mm:
            return m * 10 ** exp
    return 10 ** exp


def _length_label(length_mm: float) -> str:
    if length_mm < 1:
        return f"{length_mm * 1000:g} µm"
    if length_mm >= 10 and length_mm % 10 == 0:
        return f"{length_mm / 10:g} cm"
    return f"{length_mm:g} mm"


class _ImageFlowable(Flowable):
    """A key image scaled into a box, with a scale bar when the pixel size is known."""

    def __init__(self, p: _Png, mm_per_pixel: float | None, max_w: float, max_h: float, fonts: "_Fonts"):
        super().__init__()
        self.p = p
        self.mpp = mm_per_pixel
        s = min(max_w / p.width, max_h / p.height)
        self.width, self.height = p.width * s, p.height * s
        self.fonts = fonts

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        _draw_png(c, self.p, 0, 0, self.width, self.height)
        c.setStrokeColor(colors.HexColor("#888888"))
        c.setLineWidth(0.4)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        if not self.mpp:
            return
        image_mm = self.p.width * self.mpp
        length = _nice_length(image_mm * 0.25)
        bar = self.width * length / image_mm
        x0, y0 = 6, 6
        c.setFillColor(colors.white)
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.5)
        c.rect(x0 - 3, y0 - 3, bar + 6, 15, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.rect(x0, y0, bar, 3, stroke=0, fill=1)
        ReportRenderer._text(c, self.fonts, False, 7, x0, y0 + 5, _length_label(length))


class _SignatureBox(Flowable):
    """Reserves the visible signature's place and remembers where it landed."""

    def __init__(self, width: float, height: float, where: dict):
        super().__init__()
        self.width, self.height = width, height
        self.where = where

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.where["box"] = (self.canv.getPageNumber() - 1, x, y, x + self.width, y + self.height)
        self.canv.setStrokeColor(colors.HexColor("#bbbbbb"))
        self.canv.setDash(2, 2)
        self.canv.setLineWidth(0.4)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self.canv.setDash()


# -- PDF/A ----------------------------------------------------------------------------------------
class _UtcStamp:
    """reportlab's TimeStamp shape, fixed to one UTC instant shared by Info, XMP and the report body."""

    def __init__(self, when: datetime):
        when = when.astimezone(timezone.utc)
        self.t = when.timestamp()
        self.lt = when.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


class _Info(pdfdoc.PDFInfo):
    """The Info dictionary plus our signature-box key (a private key; PDF/A allows them)."""

    def __init__(self):
        super().__init__()
        self.extra: dict[str, str] = {}

    def format(self, document):
        text = super().format(document)
        if not self.extra:
            return text
        add = b"".join(b"/" + k.encode() + b" " + pdfdoc.format(pdfdoc.PDFString(v), document) + b"\n"
                       for k, v in self.extra.items())
        return text.rstrip()[:-2] + add + b">>"


def _xmp(info: pdfdoc.PDFInfo, stamp: _UtcStamp) -> bytes:
    iso = datetime.fromtimestamp(stamp.t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    e = escape
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Producer>{e(info.producer)}</pdf:Producer>
   <pdf:Keywords>{e(info.keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{e(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmp:MetadataDate>{iso}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def _make_pdfa(canv: Canvas, icc: bytes, stamp: _UtcStamp) -> None:
    doc = canv._doc
    doc._timeStamp = stamp
    info = _Info()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info
    xmp = pdfdoc.XMP(creator=lambda d: _xmp(d.info, stamp))
    xmp.filters = []            # PDF/A readers must be able to read the metadata without decoding
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), icc)
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString("sRGB IEC61966-2.1"),
        "Info": pdfdoc.PDFString("sRGB IEC61966-2.1"),
        "DestOutputProfile": doc.Reference(profile)})
    cat = doc.Catalog
    cat.Metadata = xmp
    cat.OutputIntents = pdfdoc.PDFArray([intent])
    cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]


class _ReportCanvas(Canvas):
    """Two-pass page furniture: pages are kept until the end so each can say "page X of Y"."""

    def __init__(self, *args, furniture=None, icc: bytes = b"", stamp: _UtcStamp | None = None,
                 sig: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._furniture = furniture
        self._sig = sig if sig is not None else {}
        _make_pdfa(self, icc, stamp)

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = self._sig["pages"] = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(self, self._pageNumber, total)
            Canvas.showPage(self)
        if "box" in self._sig:
            page, x1, y1, x2, y2 = self._sig["box"]
            self._doc.info.extra = {SIGNATURE_BOX_KEY: f"{page} {x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f}"}
        Canvas.save(self)


# -- the renderer -----------------------------------------------------------------------------------
def _rich(text: str, fonts: _Fonts, bold: bool = False) -> str:
    """Escaped paragraph markup; runs the main font cannot draw are set in the fallback font."""
    main = fonts.bold if bold else fonts.regular
    alt = fonts.fallback_bold if bold else fonts.fallback
    have_main, have_alt = fonts.cover[main], fonts.cover[alt]
    out: list[str] = []
    run: list[str] = []
    in_alt = False
    for ch in text:
        cp = ord(ch)
        use_alt = cp > 127 and cp not in have_main and cp in have_alt
        if use_alt != in_alt and run:
            s = escape("".join(run))
            out.append(f'<font face="{alt}">{s}</font>' if in_alt else s)
            run = []
        in_alt = use_alt
        run.append(ch)
    if run:
        s = escape("".join(run))
        out.append(f'<font face="{alt}">{s}</font>' if in_alt else s)
    return "".join(out).replace("\n", "<br/>")


@dataclass
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    right: ParagraphStyle


def _table(rows, widths, fonts: _Fonts, *styles, **kw) -> Table:
    """A Table whose cell font is ours: reportlab's default (Helvetica) is not embedded, which PDF/A forbids."""
    t = Table(rows, colWidths=widths, **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.regular)]))
    for style in styles:
        t.setStyle(style)
    return t


def _styles(fonts: _Fonts) -> _Styles:
    wrap = "CJK" if fonts.cjk else None
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13.5, spaceAfter=4,
                          wordWrap=wrap)
    return _Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=7.5, leading=10, textColor=colors.HexColor("#444444")),
        label=ParagraphStyle("label", parent=base, fontName=fonts.bold, spaceAfter=1, spaceBefore=3,
                             textColor=colors.HexColor("#1f3a5f"), keepWithNext=1),
        h1=ParagraphStyle("h1", parent=base, fontName=fonts.bold, fontSize=16, leading=21, spaceAfter=6),
        h2=ParagraphStyle("h2", parent=base, fontName=fonts.bold, fontSize=12, leading=16, spaceBefore=10,
                          spaceAfter=4, textColor=colors.HexColor("#1f3a5f"), keepWithNext=1),
        cell=ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        cell_head=ParagraphStyle("cellh", parent=base, fontName=fonts.bold, fontSize=8.5, leading=11, spaceAfter=0),
        right=ParagraphStyle("right", parent=base, alignment=TA_RIGHT, fontSize=8, leading=10, spaceAfter=0),
    )


_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
])
_KV = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
])


@dataclass
class ReportRenderer:
    """Renders reports; holds the loaded fonts and the colour profile, so create one per session
    (loading the fonts costs more than rendering a page)."""
    font_dir: Path = field(default_factory=lambda: resource("fonts"))
    icc_path: Path = field(default_factory=lambda: resource("color", "sRGB-lcms2.icc"))
    author: str = "Specialist review workstation"

    def __post_init__(self):
        self._cover = _register_fonts(Path(self.font_dir))
        try:
            self._icc = Path(self.icc_path).read_bytes()
        except OSError:
            raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The colour profile {name} is missing"),
                                   name=Path(self.icc_path).name)) from None

    def fonts_for(self, language: str) -> _Fonts:
        if language == "ja":
            return _Fonts("RvJa", "RvJa", "RvSans", "RvSans-Bold", self._cover, True)
        return _Fonts("RvSans", "RvSans-Bold", "RvJa", "RvJa", self._cover, False)

    def render(self, case: CaseDetail, opinion: Opinion, template: Template, images: Iterable[ReportImage],
               out: str | Path | BinaryIO, *, version: int | None = None,
               generated: datetime | None = None) -> RenderResult:
        """Writes the report to ``out`` (a path or a binary file). ``version`` None marks a draft."""
        if opinion.specialty != template.specialty:
            raise RenderError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The opinion is for {specialty!r}, the "
                                                                     "template for {specialty2!r}"),
                                   specialty=opinion.specialty, specialty2=template.specialty))
        generated = generated or datetime.now(timezone.utc)
        fonts = self._fonts = self.fonts_for(template.language)
        st = _styles(fonts)
        L = template.labels
        R = partial(_rich, fonts=fonts)
        width, height = A4
        margin = 18 * mm
        frame_w = width - 2 * margin - 12     # the frame's default 6 pt padding on each side
        sig: dict = {}
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=24 * mm,
                                bottomMargin=20 * mm, title=f"{template.title} {opinion.report_id}",
                                author=self.author, subject=template.title, creator=PRODUCER,
                                keywords=f"second opinion; {template.specialty}; {opinion.report_id}",
                                initialFontName=fonts.regular, lang=template.language)
        version_text = L["version_n"].format(n=version) if version else L["draft"]
        s = case.summary

        def furniture(c: Canvas, page: int, total: int) -> None:
            c.saveState()
            c.setStrokeColor(colors.HexColor("#1f3a5f"))
            c.setLineWidth(0.6)
            c.line(margin, height - 15 * mm, width - margin, height - 15 * mm)
            c.line(margin, 14 * mm, width - margin, 14 * mm)
            c.setFillColor(colors.HexColor("#1f3a5f"))
            self._text(c, fonts, True, 9, margin, height - 13 * mm, template.title)
            self._text(c, fonts, False, 8, width - margin,
                       height - 13 * mm, f"{L['platform_case']} {s.platform_case_id} · {L['case']} {s.id[:8]}",
                       right=True)
            c.setFillColor(colors.HexColor("#444444"))
            self._text(c, fonts, False, 7.5, margin, 10 * mm,
                       f"{L['report_id']} {opinion.report_id} · {version_text}")
            self._text(c, fonts, False, 7.5, width - margin, 10 * mm,
                       L["page"].format(page=page, pages=total), right=True)
            c.restoreState()

        story: list[Flowable] = [Paragraph(R(template.title, bold=True), st.h1)]
        story += self._patient_block(case, opinion, L, st, R, frame_w, version, generated)
        if opinion.addendum is not None:
            a = opinion.addendum
            story.append(Paragraph(R(L["addendum"], bold=True), st.h2))
            story.append(Paragraph(R(L["addendum_cites"].format(version=a.cites_version, sha256=a.cites_sha256)),
                                   st.small))
            story.append(Paragraph(R(L["addendum_reason"], bold=True), st.label))
            story.append(Paragraph(R(a.reason), st.body))
        story.append(Spacer(1, 4))
        story.append(Paragraph(R(template.intro), st.body))
        if case.first_opinion:
            story.append(Paragraph(R(L["first_opinion"], bold=True), st.label))
            for line in case.first_opinion:
                story.append(Paragraph("• " + R(line), st.body))
        story += self._concordance(opinion, template, st, R, frame_w)
        for section in template.sections:
            parts = [p for f in section.fields for p in self._field(f, opinion.fields.get(f.id), L, st, R, frame_w)]
            if not parts:
                continue
            body = [Paragraph(R(section.heading, bold=True), st.h2)]
            if section.boilerplate:
                body.append(Paragraph(R(section.boilerplate), st.small))
            story += body + parts
        if opinion.answers:
            story.append(Paragraph(R(template.answers.heading, bold=True), st.h2))
            for i, a in enumerate(opinion.answers, 1):
                story.append(Paragraph(R(f"{L['question']} {i}. {a.question}", bold=True), st.label))
                story.append(Paragraph(R(a.answer or L["not_stated"]), st.body))
        images = list(images)
        if images:
            story += self._images(images, template, fonts, st, R, frame_w)
        story += self._outcome(opinion, template, st, R, frame_w)
        story.append(Spacer(1, 6))
        story.append(Paragraph(R(template.disclaimer), st.small))
        story.append(KeepTogether([
            Paragraph(R(L["signature"], bold=True), st.h2),
            Paragraph(R(L["signature_note"]), st.small),
            Spacer(1, 3),
            _SignatureBox(95 * mm, 30 * mm, sig)]))

        maker = partial(_ReportCanvas, furniture=furniture, icc=self._icc, stamp=_UtcStamp(generated), sig=sig)
        doc.build(story, canvasmaker=maker)
        data = buf.getvalue()
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(data)
        else:
            out.write(data)
        return RenderResult(pages=sig["pages"], signature_box=sig["box"], sha256=hashlib.sha256(data).hexdigest())

    # -- pieces ---------------------------------------------------------------------------------
    @staticmethod
    def _text(c: Canvas, fonts: _Fonts, bold: bool, size: float, x: float, y: float, text: str,
              right: bool = False) -> None:
        """A line of page furniture with the same per-character font fallback as paragraphs."""
        main = fonts.bold if bold else fonts.regular
        alt = fonts.fallback_bold if bold else fonts.fallback
        runs: list[tuple[str, str]] = []
        for ch in text:
            f = alt if ord(ch) > 127 and ord(ch) not in fonts.cover[main] and ord(ch) in fonts.cover[alt] else main
            if runs and runs[-1][0] == f:
                runs[-1] = (f, runs[-1][1] + ch)
            else:
                runs.append((f, ch))
        total = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
        if right:
            x -= total
        for f, t in runs:
            c.setFont(f, size)
            c.drawString(x, y, t)
            x += pdfmetrics.stringWidth(t, f, size)

    def _patient_block(self, case, opinion, L, st, R, frame_w, version, generated) -> list[Flowable]:
        p = case.summary.patient
        sex = L.get(f"sex_{p.sex}", p.sex) if p.sex else ""
        left = [(L["name"], p.name), (L["birth_date"], p.birth_date), (L["sex"], sex), (L["mrn"], p.mrn)]
        right = [(L["platform_case"], case.summary.platform_case_id), (L["case"], case.summary.id[:8]),
                 (L["report_id"], opinion.report_id),
                 (L["version"], str(version) if version else L["draft"]),
                 (L["generated"], generated.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))]
        rows = []
        for i in range(max(len(left), len(right))):
            lk, lv = left[i] if i < len(left) else ("", "")
            rk, rv = right[i] if i < len(right) else ("", "")
            rows.append([Paragraph(R(lk, bold=True), st.cell), Paragraph(R(lv), st.cell),
                         Paragraph(R(rk, bold=True), st.cell), Paragraph(R(rv), st.cell)])
        t = _table(rows, [0.15 * frame_w, 0.31 * frame_w, 0.22 * frame_w, 0.32 * frame_w], self._fonts, TableStyle([*_KV.getCommands(), ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#1f3a5f")),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f7fb"))]))
        return [Paragraph(R(L["patient"], bold=True), st.label), t]

    def _concordance(self, opinion, template, st, R, frame_w) -> list[Flowable]:
        spec = template.concordance
        L = template.labels
        ch = spec.choice(opinion.concordance.choice)
        cat = concordance_category(opinion, template)
        rows = [[Paragraph(R(spec.scale, bold=True), st.cell),
                 Paragraph(R(ch.label if ch else (opinion.concordance.choice or L["not_stated"])), st.cell)],
                [Paragraph(R(L["concordance_category"], bold=True), st.cell),
                 Paragraph(R(L[f"category_{cat}"] if cat else L["not_stated"]), st.cell)]]
        if opinion.concordance.comment:
            rows.append([Paragraph(R(L["comment"], bold=True), st.cell),
                         Paragraph(R(opinion.concordance.comment), st.cell)])
        style = [*_KV.getCommands(), ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#9aa5b1"))]
        if cat == "major":
            style.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecea")))
        elif cat == "minor":
            style.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff6e0")))
        t = _table(rows, [0.25 * frame_w, 0.75 * frame_w], self._fonts, TableStyle(style))
        return [Paragraph(R(spec.heading, bold=True), st.h2), t]

    def _field(self, f: Field, value, L, st, R, frame_w) -> list[Flowable]:
        if value is None or value == "" or value == []:
            return []
        label = Paragraph(R(f.label, bold=True), st.label)
        if f.type in ("text", "longtext", "date"):
            paras = [Paragraph(R(chunk), st.body) for chunk in str(value).split("\n") if chunk.strip()]
            return [label, *paras]
        if f.type == "choice":
            return [label, Paragraph(R(f.choice_label(str(value))), st.body)]
        if f.type == "multichoice":
            return [label, Paragraph(R(", ".join(f.choice_label(str(v)) for v in value)), st.body)]
        if f.type == "bool":
            return [label, Paragraph(R(L["yes"] if value else L["no"]), st.body)]
        if f.type == "list":
            items = [Paragraph("• " + R(str(v)), st.body) for v in value if str(v).strip()]
            return [label, *items]
        if f.type == "table":
            head = [Paragraph(R(c.label, bold=True), st.cell_head) for c in f.columns]
            rows = [[Paragraph(R(str(r.get(c.id, ""))), st.cell) for c in f.columns] for r in value]
            t = _table([head, *rows], [frame_w / len(f.columns)] * len(f.columns), self._fonts, _GRID, repeatRows=1)
            return [label, t]
        return []

    def _images(self, images, template, fonts, st, R, frame_w) -> list[Flowable]:
        L = template.labels
        cell_w = (frame_w - 6 * mm) / 2
        cells = []
        for i, im in enumerate(images, 1):
            p = _parse_png(im.png)
            flow = _ImageFlowable(p, im.mm_per_pixel, cell_w, 70 * mm, fonts)
            cap = f"{L['image']} {i}. {im.caption}".strip()
            cells.append([flow, Spacer(1, 2), Paragraph(R(cap), st.small)])
        rows = [cells[i:i + 2] + ([[]] if len(cells[i:i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
        style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
        # one table per row of two: the heading keeps with the first row only, the rest flow onto pages
        return [Paragraph(R(template.images.heading, bold=True), st.h2),
                *(_table([row], [cell_w + 3 * mm] * 2, self._fonts, style) for row in rows)]

    def _outcome(self, opinion, template, st, R, frame_w) -> list[Flowable]:
        oc = template.outcome
        L = template.labels

        def yn(v):
            return L["not_stated"] if v is None else (L["yes"] if v else L["no"])
        rows = [(oc.diagnosis_changed, yn(opinion.outcome.diagnosis_changed)),
                (oc.treatment_changed, yn(opinion.outcome.treatment_changed)),
                (oc.surgery, oc.surgery_label(opinion.outcome.surgery) if opinion.outcome.surgery else L["not_stated"])]
        t = _table([[Paragraph(R(k, bold=True), st.cell), Paragraph(R(v), st.cell)] for k, v in rows],
                   [0.4 * frame_w, 0.6 * frame_w], self._fonts, TableStyle([*_KV.getCommands(), ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#9aa5b1")),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor("#d0d6dd"))]))
        return [Paragraph(R(oc.heading, bold=True), st.h2), t]


def render_report(case_detail: CaseDetail, opinion: Opinion, template: Template, images: Iterable[ReportImage],
                  out: str | Path | BinaryIO, *, version: int | None = None, renderer: ReportRenderer | None = None,
                  generated: datetime | None = None) -> RenderResult:
    """Renders one report. Pass a long-lived ``renderer`` when rendering repeatedly (live preview)."""
    return (renderer or ReportRenderer()).render(case_detail, opinion, template, images, out, version=version,
                                                 generated=generated)
