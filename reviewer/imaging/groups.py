"""Per-frame values of enhanced (multi-frame) instances from their functional groups.

Why: an enhanced MR or CT is one file holding many frames, each with its own position,
orientation, pixel spacing, rescale and window in the Shared and Per-Frame Functional Groups; the
series assembler treats those frames exactly like classic single-frame instances.
"""
from __future__ import annotations

from pydicom.dataset import Dataset

from reviewer.imaging.errors import DicomError
from reviewer.imaging.nested import as_list, integer, number, parse_elements, vector
from reviewer.imaging.records import FrameInfo, Plane, windows_from
from reviewer.imaging.scan import Scan
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

T_SHARED, T_PER_FRAME = 0x52009229, 0x52009230


def frame_groups(s: Scan, base: FrameInfo, count: int) -> tuple[FrameInfo, ...]:
    """Per-frame values from the shared and per-frame functional groups of an enhanced instance."""
    try:
        return _read_frame_groups(s, base, count)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
        raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "its per-frame functional groups are "
                                                                          "malformed"))) from None


def _read_frame_groups(s: Scan, base: FrameInfo, count: int) -> tuple[FrameInfo, ...]:
    ds = parse_elements(s, (T_SHARED, T_PER_FRAME))
    shared = ds.get("SharedFunctionalGroupsSequence")
    shared = shared[0] if shared else Dataset()
    per = ds.get("PerFrameFunctionalGroupsSequence") or []
    if per and len(per) != count:
        raise DicomError(s.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "has {per_count} per-frame functional "
                                                                          "groups for {count} frames"),
                                       per_count=len(per), count=count))
    default = _apply_groups(shared, base)
    if not per:
        return (default,) * count
    return tuple(_apply_groups(item, default) for item in per)


def _first(item, keyword):
    seq = item.get(keyword)
    return seq[0] if seq else None


def _apply_groups(group, base: FrameInfo) -> FrameInfo:
    plane = base.plane
    pos, ori, spacing, thick = plane.position, plane.orientation, plane.spacing, plane.thickness
    if (g := _first(group, "PlanePositionSequence")) is not None:
        pos = vector(g.get("ImagePositionPatient", ()), 3) or pos
    if (g := _first(group, "PlaneOrientationSequence")) is not None:
        ori = vector(g.get("ImageOrientationPatient", ()), 6) or ori
    if (g := _first(group, "PixelMeasuresSequence")) is not None:
        spacing = vector(g.get("PixelSpacing", ()), 2) or spacing
        thick = number(g.get("SliceThickness")) or thick
    slope, intercept, windows = base.slope, base.intercept, base.windows
    if (g := _first(group, "PixelValueTransformationSequence")) is not None:
        slope = number(g.get("RescaleSlope")) or slope
        got = number(g.get("RescaleIntercept"))
        intercept = intercept if got is None else got
    if (g := _first(group, "FrameVOILUTSequence")) is not None:
        c, w = g.get("WindowCenter"), g.get("WindowWidth")
        windows = windows_from(as_list(c), as_list(w)) or windows
    stack_id, stack_pos, temporal, dim = base.stack_id, base.stack_position, base.temporal, base.dimension
    frame_type = base.frame_type
    if (g := _first(group, "FrameContentSequence")) is not None:
        stack_id = str(g.get("StackID", stack_id) or stack_id)
        stack_pos = integer(g.get("InStackPositionNumber")) if "InStackPositionNumber" in g else stack_pos
        temporal = integer(g.get("TemporalPositionIndex")) if "TemporalPositionIndex" in g else temporal
        dv = g.get("DimensionIndexValues")
        if dv is not None:
            dim = tuple(int(v) for v in as_list(dv))
    for kw in ("MRImageFrameTypeSequence", "CTImageFrameTypeSequence", "ParametricMapFrameTypeSequence"):
        if (g := _first(group, kw)) is not None and "FrameType" in g:
            frame_type = tuple(str(v) for v in as_list(g.FrameType))
    return FrameInfo(Plane(pos, ori, spacing, thick), slope, intercept, windows, stack_id, stack_pos, temporal,
                     dim, frame_type)
