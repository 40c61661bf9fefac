"""Which pages of a TIFF are pyramid levels and which are label, macro or thumbnail images.

Why its own module: each vendor lays its pyramid out differently and this is where those rules
live, following OpenSlide's readings so both agree on level numbers:

- Aperio SVS: tiled pages are levels; the first stripped page after level 0 is the thumbnail;
  stripped pages whose description says "label" / "macro" are those.
- Hamamatsu NDPI: pages with a positive source-lens tag (65421) are levels; -1 is the macro.
- Generic tiled TIFF (libvips, tifffile, the demo slide): level 0 is the first page; the other
  levels are its SubIFDs when it has them, else the following tiled pages, each smaller than
  the last; a page described as "label"/"macro"/"thumbnail" is that associated image.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.errors import SlideError, UnsupportedSlide
from reviewer.pathology.limits import Limits

NDPI_SOURCE_LENS = 65421
ASSOCIATED = ("label", "macro", "thumbnail")


@dataclass
class TiffLayout:
    format: str                                   # "aperio" | "hamamatsu" | "generic-tiff"
    levels: list = field(default_factory=list)    # tifffile TiffPage, largest first
    associated: dict = field(default_factory=dict)
    mpp: tuple[float, float] | None = None
    objective_power: float | None = None


def _desc(page) -> str:
    return page.description or ""


def _dims(page) -> tuple[int, int]:
    return int(page.imagewidth), int(page.imagelength)


def _is_image(page) -> bool:
    return (getattr(page, "imagedepth", 1) == 1 and page.imagewidth > 0 and page.imagelength > 0
            and page.samplesperpixel in (1, 3, 4))


def _resolution_mpp(page) -> tuple[float, float] | None:
    """Micrometres per pixel from XResolution/YResolution (pixels per unit), cm or inch only."""
    try:
        xres, yres = page.resolution
        unit = int(page.resolutionunit)
    except Exception:
        return None
    per_unit = {3: 1e4, 2: 25400.0}.get(unit)
    if not per_unit or not xres or not yres:
        return None
    mpp = (per_unit / xres, per_unit / yres)
    # A 72 or 300 dpi default is not a microscope scan: no slide has 10 um/px or coarser at level 0.
    return mpp if all(0 < v < 10 for v in mpp) else None


def _number(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    if not m:
        return None
    try:
        v = float(m.group(1))
    except ValueError:
        return None
    return v if v > 0 else None


def analyse(tif, name: str, limits: Limits) -> TiffLayout:
    """Classifies the pages of an open ``tifffile.TiffFile``; raises SlideError when there is no
    image pyramid at all."""
    pages = list(tif.pages)
    if not pages:
        raise UnsupportedSlide(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "the TIFF file has no images")))
    first = pages[0]
    if tif.is_ndpi:
        layout = _ndpi(pages)
    elif _desc(first).startswith("Aperio"):
        layout = _svs(pages)
    else:
        layout = _generic(pages)
    if not layout.levels:
        raise UnsupportedSlide(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "the TIFF file holds no tiled image pyramid")))
    if len(layout.levels) > limits.max_levels:
        raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "{levels_count} pyramid levels is more "
                                                                     "than the {max_levels} allowed"),
                                    levels_count=len(layout.levels), max_levels=limits.max_levels))
    return layout


def _svs(pages) -> TiffLayout:
    out = TiffLayout("aperio")
    for i, p in enumerate(pages):
        if not _is_image(p):
            continue
        if p.is_tiled:
            out.levels.append(p)
            continue
        lines = _desc(p).lower().splitlines()
        kind = lines[1].split()[0] if len(lines) > 1 and lines[1].split() else ""
        if kind in ("label", "macro"):
            out.associated.setdefault(kind, p)
        elif i == 1:
            out.associated.setdefault("thumbnail", p)
        elif p.subfiletype == 9:
            out.associated.setdefault("macro", p)
        elif p.subfiletype == 1:
            out.associated.setdefault("label", p)
    text = _desc(pages[0])
    mpp = _number(r"\|\s*MPP\s*=\s*([0-9.eE+-]+)", text)
    out.mpp = (mpp, mpp) if mpp else None
    out.objective_power = _number(r"\|\s*AppMag\s*=\s*([0-9.eE+-]+)", text)
    return out


def _ndpi(pages) -> TiffLayout:
    out = TiffLayout("hamamatsu")
    levels = []
    for p in pages:
        lens = p.tags.valueof(NDPI_SOURCE_LENS)
        if lens is None or not _is_image(p):
            continue
        if lens > 0:
            levels.append((float(lens), p))
        elif lens == -1:
            out.associated.setdefault("macro", p)
    levels.sort(key=lambda lp: -lp[1].imagewidth)
    # Several focal planes repeat each size (z-stacks): keep the first page of each size.
    seen: set[tuple[int, int]] = set()
    for lens, p in levels:
        if _dims(p) not in seen:
            seen.add(_dims(p))
            out.levels.append(p)
    if out.levels:
        out.objective_power = max(lens for lens, _ in levels)
        out.mpp = _resolution_mpp(out.levels[0])
    return out


def _generic(pages) -> TiffLayout:
    out = TiffLayout("generic-tiff")
    first = pages[0]
    if not _is_image(first) or not first.is_tiled:
        return out
    subifds = first.pages if getattr(first, "subifds", None) else None
    chain = list(subifds) if subifds else pages[1:]
    out.levels.append(first)
    for p in chain:
        if not _is_image(p):
            continue
        d = _desc(p).strip().lower()
        named = next((a for a in ASSOCIATED if d.startswith(a)), None)
        last = out.levels[-1]
        if named and not p.is_tiled:
            out.associated.setdefault(named, p)
        elif (p.is_tiled and named is None and p.samplesperpixel == first.samplesperpixel
              and p.imagewidth < last.imagewidth and p.imagelength < last.imagelength):
            out.levels.append(p)
        elif named:
            out.associated.setdefault(named, p)
    if subifds:   # associated images after a SubIFD pyramid are top-level pages
        for p in pages[1:]:
            d = _desc(p).strip().lower()
            named = next((a for a in ASSOCIATED if d.startswith(a)), None)
            if named and _is_image(p):
                out.associated.setdefault(named, p)
    out.mpp = _resolution_mpp(first)
    out.objective_power = _number(r"AppMag\s*=\s*([0-9.eE+-]+)", _desc(first))
    return out
