"""``reviewer dicom info PATH``: the series found in a file or folder, with geometry and warnings.

Why headers only: answering "what is in this folder and can it be trusted as a volume" must be
quick on thousands of files, so no pixel data is read. The JSON shape is a documented interface:
``{"series": [{series_uid, modality, description, rows, columns, slices, spacing, origin,
direction, affine, transfer_syntaxes, warnings}], "errors": [{file, message}]}``, where spacing is
(x, y, z) mm, origin the LPS position of the first voxel, direction the 3×3 matrix (row-major)
whose columns are the column, row and slice axes in LPS, affine the 4×4 LPS voxel-to-patient
matrix (see geometry.py), transfer_syntaxes UIDs, and warnings ``{"kind", "message"}`` objects.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from reviewer.imaging.errors import DicomError
from reviewer.imaging.image import read_header
from reviewer.imaging.scan import LayoutCache
from reviewer.imaging.series import Stack, assemble
from reviewer.imaging.source import FileSource
from reviewer.imaging.syntax import SYNTAXES
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

SKIP_NAMES = {"DICOMDIR"}


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath) / f for f in sorted(filenames)
                   if not f.startswith(".") and f.upper() not in SKIP_NAMES)
    return out


def _r(v: float) -> float:
    v = round(float(v), 6)
    return 0.0 if v == 0 else v


def _series_dict(s: Stack) -> dict:
    g = s.geometry
    return {
        "series_uid": s.series_uid,
        "modality": s.modality,
        "description": s.description,
        "rows": s.rows,
        "columns": s.columns,
        "slices": s.slices,
        "spacing": [_r(v) for v in g.spacing],
        "origin": [_r(v) for v in g.origin],
        "direction": [[_r(v) for v in row] for row in g.direction],
        "affine": [[_r(v) for v in row] for row in g.affine],
        "transfer_syntaxes": list(s.transfer_syntaxes),
        "warnings": [w.as_dict() for w in s.warnings],
    }


def dicom_info(path: Path | str) -> dict:
    """Series (stacks) and unreadable files under ``path``; never raises for bad files, only lists them."""
    root = Path(path)
    if not root.exists():
        raise DicomError(str(path), Text(QT_TRANSLATE_NOOP("ImagingErrors", "no such file or folder")))
    base = root if root.is_dir() else root.parent
    headers, errors, layouts = [], [], LayoutCache()
    for p in _files(root):
        label = p.relative_to(base).as_posix()
        src = None
        try:
            src = FileSource(p, label)
            headers.append(read_header(src, layouts))
        except DicomError as exc:
            errors.append({"file": label, "message": exc.reason})
        finally:
            if src is not None:
                src.close()
    return {"series": [_series_dict(s) for s in assemble(headers)], "errors": errors}


_AXES = {0: ("sagittal", "R", "L"), 1: ("coronal", "A", "P"), 2: ("axial", "I", "S")}


def _plane_name(direction: list[list[float]]) -> str:
    normal = np.array(direction, dtype=float)[:, 2]
    axis = int(np.argmax(np.abs(normal)))
    name = _AXES[axis][0]
    return name if abs(normal[axis]) > 0.99 else f"oblique ({name}-like)"


def format_info_text(d: dict) -> str:
    """The human-readable form of ``dicom_info``'s result."""
    lines: list[str] = []
    for n, s in enumerate(d.get("series", []), 1):
        sx, sy, sz = s["spacing"]
        desc = f" “{s['description']}”" if s["description"] else ""
        lines.append(f"Series {n}: {s['modality'] or '?'}{desc}")
        lines.append(f"  uid          {s['series_uid']}")
        lines.append(f"  size         {s['columns']} × {s['rows']} pixels × {s['slices']} "
                     f"slice{'s' if s['slices'] != 1 else ''}")
        lines.append(f"  spacing      {sx:g} × {sy:g} × {sz:g} mm")
        lines.append(f"  origin       ({', '.join(f'{v:.2f}' for v in s['origin'])}) mm LPS")
        lines.append(f"  orientation  {_plane_name(s['direction'])}")
        names = [SYNTAXES[u].name if u in SYNTAXES else u for u in s["transfer_syntaxes"]]
        lines.append(f"  encoding     {', '.join(names)}")
        for w in s["warnings"]:
            lines.append(f"  warning      {w['message']}")
        lines.append("")
    if not d.get("series"):
        lines.append("No DICOM images found.")
        lines.append("")
    errors = d.get("errors", [])
    if errors:
        lines.append(f"{len(errors)} file{'s' if len(errors) != 1 else ''} could not be read:")
        lines.extend(f"  {e['file']}: {e['message']}" for e in errors)
    return "\n".join(lines).rstrip() + "\n"
