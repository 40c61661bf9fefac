"""Series assembly: from instance headers to ordered stacks of frames, each with geometry and warnings.

Why: a DICOM series is a bag of images. A viewer needs stacks it can scroll and, where the images
allow it, volumes it can reformat. A series is split where it mixes image sizes, localizers,
orientations, or several acquisitions at the same positions (echoes, image types, time points),
and every split and every defect is explained in a warning a radiologist can read.
"""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Text

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from reviewer.imaging.geometry import (DUPLICATE_TOL, MIXED_ORIENTATION, NOT_A_VOLUME, SPLIT, Geometry, SeriesWarning,
                                       frame_axes, same_orientation, stack_geometry)
from reviewer.imaging.image import ImageHeader
from reviewer.imaging.records import FrameInfo


@dataclass(frozen=True)
class FrameRef:
    instance: int        # index into the header list given to ``assemble``
    frame: int           # 0-based frame number inside that instance


@dataclass(frozen=True, eq=False)
class Stack:
    """Frames shown together, in display order (ascending along the slice normal)."""
    series_uid: str
    modality: str
    description: str
    rows: int
    columns: int
    color: bool
    frames: tuple[FrameRef, ...]
    geometry: Geometry
    warnings: tuple[SeriesWarning, ...]
    is_volume: bool
    transfer_syntaxes: tuple[str, ...]

    @property
    def slices(self) -> int:
        return len(self.frames)


def _info(headers: Sequence[ImageHeader], ref: FrameRef) -> FrameInfo:
    return headers[ref.instance].frames[ref.frame]


def _group(items, key: Callable) -> list[list]:
    out: dict = {}
    for it in items:
        out.setdefault(key(it), []).append(it)
    return list(out.values())


def _has_geometry(info: FrameInfo, axes: dict) -> bool:
    p = info.plane
    return p.position is not None and p.orientation is not None and _axes(axes, p.orientation) is not None


def _axes(cache: dict, orientation):
    """frame_axes, computed once per distinct orientation."""
    if orientation not in cache:
        cache[orientation] = frame_axes(orientation)
    return cache[orientation]


def _by_orientation(headers, refs: list[FrameRef]) -> list[list[FrameRef]]:
    groups: list[tuple[tuple, list[FrameRef]]] = []
    for ref in refs:
        ori = _info(headers, ref).plane.orientation
        for rep, members in groups:
            if same_orientation(rep, ori):
                members.append(ref)
                break
        else:
            groups.append((ori, [ref]))
    return [m for _, m in groups]


def _distance(headers, ref: FrameRef, normal) -> float:
    p = _info(headers, ref).plane.position
    return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2]


def _has_duplicates(headers, refs: list[FrameRef], normal: np.ndarray) -> bool:
    d = np.sort([_distance(headers, r, normal) for r in refs])
    return bool(len(d) > 1 and np.any(np.diff(d) <= DUPLICATE_TOL))


# Keys that tell apart acquisitions sharing the same slice positions, tried in this order.
_SPLIT_KEYS: list[tuple[str, Callable]] = [
    (QT_TRANSLATE_NOOP("SeriesWarning", "stack"), lambda h, f: f.stack_id),
    (QT_TRANSLATE_NOOP("SeriesWarning", "image type"), lambda h, f: f.frame_type or h.image_type),
    (QT_TRANSLATE_NOOP("SeriesWarning", "echo"), lambda h, f: h.echo_number),
    (QT_TRANSLATE_NOOP("SeriesWarning", "time point"), lambda h, f: (f.temporal, h.temporal_position)),
    (QT_TRANSLATE_NOOP("SeriesWarning", "acquisition"), lambda h, f: h.acquisition_number),
    (QT_TRANSLATE_NOOP("SeriesWarning", "rescale"), lambda h, f: (f.slope, f.intercept)),
]


def _split_duplicates(headers, refs: list[FrameRef], normal: np.ndarray) -> tuple[list[list[FrameRef]], str]:
    """Splits frames that repeat positions into acquisitions by the first key that separates them cleanly."""
    if not _has_duplicates(headers, refs, normal):
        return [refs], ""
    for name, key in _SPLIT_KEYS:
        parts = _group(refs, lambda r: key(headers[r.instance], _info(headers, r)))
        if len(parts) > 1 and all(len(p) > 1 and not _has_duplicates(headers, p, normal) for p in parts):
            return parts, name
    combined = _group(refs, lambda r: tuple(k(headers[r.instance], _info(headers, r)) for _, k in _SPLIT_KEYS))
    if len(combined) > 1 and all(len(p) > 1 and not _has_duplicates(headers, p, normal) for p in combined):
        return combined, QT_TRANSLATE_NOOP("SeriesWarning", "acquisition")
    return [refs], ""


def _sorted(headers, refs: list[FrameRef], normal: np.ndarray | None) -> list[FrameRef]:
    def order(r: FrameRef):
        h = headers[r.instance]
        inst = h.instance_number if h.instance_number is not None else 0
        return (_distance(headers, r, normal) if normal is not None else 0.0, inst, r.instance, r.frame)
    return sorted(refs, key=order)


def _make(headers, refs: list[FrameRef], geometry_frames: bool, extra: list[SeriesWarning], axes: dict) -> Stack:
    h0 = headers[refs[0].instance]
    if geometry_frames:
        normal = tuple(_axes(axes, _info(headers, refs[0]).plane.orientation)[2])
        refs = _sorted(headers, refs, normal)
    else:
        refs = _sorted(headers, refs, None)
    planes = [_info(headers, r).plane for r in refs]
    geom, warns, is_volume = stack_geometry(planes, h0.spacing_between_slices)
    if any(headers[r.instance].localizer for r in refs):
        is_volume = False
        warns.insert(0, SeriesWarning(NOT_A_VOLUME, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "localizer (scout) images, not a volume; shown as a 2D stack"))))
    syntaxes = tuple(sorted({headers[r.instance].syntax.uid for r in refs}))
    return Stack(h0.series_uid, h0.modality, h0.description, h0.fmt.rows, h0.fmt.columns, h0.fmt.color,
                 tuple(refs), geom, tuple(extra + warns), is_volume and not extra_blocks(extra), syntaxes)


def extra_blocks(extra: list[SeriesWarning]) -> bool:
    """Series-level warnings that make a stack unusable as a volume (a split by size/type does not)."""
    return any(w.kind == NOT_A_VOLUME for w in extra)


def _split_series(headers: Sequence[ImageHeader], refs: list[FrameRef]) -> list[Stack]:
    stacks: list[Stack] = []
    axes: dict = {}
    by_format = _group(refs, lambda r: (headers[r.instance].fmt.rows, headers[r.instance].fmt.columns,
                                        headers[r.instance].fmt.color))
    size_note: list[SeriesWarning] = []
    if len(by_format) > 1:
        sizes = ", ".join(f"{headers[g[0].instance].fmt.columns}×{headers[g[0].instance].fmt.rows}" for g in by_format)
        size_note = [SeriesWarning(SPLIT, Text(QT_TRANSLATE_NOOP(
            "SeriesWarning", "the series mixes images of different sizes ({sizes}); shown as {n} separate stacks"),
            sizes=sizes, n=len(by_format)))]
    for fmt_group in by_format:
        localizers = [r for r in fmt_group if headers[r.instance].localizer]
        others = [r for r in fmt_group if not headers[r.instance].localizer]
        groups = [g for g in (others, localizers) if g]
        for group in groups:
            located = [r for r in group if _has_geometry(_info(headers, r), axes)]
            unlocated = [r for r in group if not _has_geometry(_info(headers, r), axes)]
            if unlocated:
                # Without positions, multi-frame instances (cine loops) stay apart; single frames go together.
                for part in _group(unlocated, lambda r: r.instance if headers[r.instance].fmt.frames > 1 else -1):
                    stacks.append(_make(headers, part, False, list(size_note), axes))
            if not located:
                continue
            orientations = _by_orientation(headers, located)
            mixed = [SeriesWarning(MIXED_ORIENTATION, Text(QT_TRANSLATE_NOOP(
                "SeriesWarning", "the series mixes {n} slice orientations; split into {n} stacks, one per orientation"),
                n=len(orientations)))] if len(orientations) > 1 else []
            for ori_group in orientations:
                normal = tuple(_axes(axes, _info(headers, ori_group[0]).plane.orientation)[2])
                parts, by = _split_duplicates(headers, ori_group, normal)
                note = [SeriesWarning(SPLIT, Text(QT_TRANSLATE_NOOP(
                    "SeriesWarning", "the series holds {n} acquisitions at the same positions (different {by}); "
                    "shown as {n} stacks"), n=len(parts), by=by))] if len(parts) > 1 else []
                for part in parts:
                    stacks.append(_make(headers, part, True, size_note + mixed + note, axes))
    return stacks


def assemble(headers: Sequence[ImageHeader]) -> list[Stack]:
    """Groups frames by Series Instance UID, splits and orders them; largest volume-like stacks first."""
    refs_by_series: dict[str, list[FrameRef]] = {}
    for i, h in enumerate(headers):
        refs_by_series.setdefault(h.series_uid, []).extend(FrameRef(i, f) for f in range(h.fmt.frames))
    stacks: list[Stack] = []
    for refs in refs_by_series.values():
        series_stacks = _split_series(headers, refs)
        series_stacks.sort(key=lambda s: (not s.is_volume, -s.slices))
        stacks.extend(series_stacks)
    return stacks
