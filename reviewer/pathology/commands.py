"""`reviewer slide info` and `reviewer slide region` (DESIGN §5): slides on disk, no workspace.

``info --json`` prints ``{"format", "levels": [{"width", "height", "downsample"}], "mpp": [x, y],
"objective_power", "associated": [...]}`` (``mpp`` and ``objective_power`` are null when the file
does not say). ``region`` writes an RGBA PNG of ``--width`` x ``--height`` pixels of ``--level``,
its top-left at level-0 pixel (``--x``, ``--y``) as OpenSlide's read_region; outside the slide is
transparent. Errors (not a slide, corrupt tile, bad level) exit with code 2 and a plain message.
"""
from __future__ import annotations

import json
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


def register(subparsers) -> None:
    slide = subparsers.add_parser("slide", help="whole-slide images on disk (SVS, NDPI, tiled TIFF, DICOM WSI)")
    sub = slide.add_subparsers(dest="slide_command", required=True)
    info = sub.add_parser("info", help="levels, dimensions, microns per pixel, associated images")
    info.add_argument("path", type=Path, help="slide file, or a folder / one file of a DICOM WSI series")
    info.add_argument("--json", action="store_true")
    info.set_defaults(handler=cmd_info)
    region = sub.add_parser("region", help="write one region of one level as a PNG")
    region.add_argument("path", type=Path)
    region.add_argument("--level", type=int, default=0)
    region.add_argument("--x", type=int, required=True, help="left, in level-0 pixels")
    region.add_argument("--y", type=int, required=True, help="top, in level-0 pixels")
    region.add_argument("--width", type=int, required=True, help="in pixels of the level")
    region.add_argument("--height", type=int, required=True, help="in pixels of the level")
    region.add_argument("--out", type=Path, required=True, metavar="PNG")
    region.set_defaults(handler=cmd_region)


def cmd_info(args) -> int:
    from reviewer.pathology.opening import open_slide
    with open_slide(args.path) as s:
        info = s.info
    if args.json:
        print(json.dumps(info.as_json(), indent=2))
        return 0
    print(f"format: {info.format}")
    w, h = info.dimensions
    print(f"dimensions: {w} x {h} pixels")
    if info.mpp:
        print(f"microns per pixel: {info.mpp[0]:.4f} x {info.mpp[1]:.4f}")
    if info.objective_power:
        print(f"objective power: {info.objective_power:g}x")
    for i, lv in enumerate(info.levels):
        print(f"level {i}: {lv.width} x {lv.height}, downsample {lv.downsample:g}, "
              f"tiles {lv.tile_width} x {lv.tile_height}")
    print("associated images: " + (", ".join(info.associated) or "none"))
    return 0


def cmd_region(args) -> int:
    import imagecodecs

    from reviewer.pathology.opening import open_slide
    with open_slide(args.path) as s:
        if not 0 <= args.level < len(s.levels):
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SlideErrors", "{name}: has no level {level} (levels 0 "
                                                                      "to {value})"),
                                     name=s.name, level=args.level, value=len(s.levels) - 1))
        rgba = s.read_region(args.level, args.x, args.y, args.width, args.height)
    data = imagecodecs.png_encode(rgba, level=6)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("SlideErrors", "Cannot write {name}: {value}"),
                                 name=args.out.name, value=exc.strerror or type(exc).__name__)) from None
    print(f"Wrote {args.width} x {args.height} pixels of level {args.level} to {args.out.name}")
    return 0
