"""The label a measurement shows on the image: length, angle, or ROI statistics in modality units."""
from __future__ import annotations

import math

import numpy as np

from reviewer.annotations import Annotation, Kind, PixelSize, measure, roi_stats


def _num(x: float, digits: int = 1) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def label_lines(a: Annotation, px: PixelSize, image: np.ndarray | None, unit: str = "") -> list[str]:
    g = a.geometry
    if g.kind == Kind.ARROW:
        return [g.text] if g.text else []
    m = measure(g, px)
    if g.kind == Kind.ANGLE:
        return [f"{_num(m.angle)}°"]
    if m.length is not None:
        return [f"{_num(m.length)} {m.unit}"]
    if m.area is not None:
        area_mm2 = m.area_mm2
        lines = [f"Area {area_mm2 / 100:.2f} cm²" if area_mm2 and area_mm2 >= 100 else f"Area {_num(area_mm2)} mm²"]
        if image is not None and image.ndim == 2:
            s = roi_stats(image, g, px)
            u = f" {unit}" if unit else ""
            lines.append(f"Mean {_num(s.mean)}{u}  SD {_num(s.sd)}")
            lines.append(f"Min {_num(s.min, 0)}  Max {_num(s.max, 0)}  n={s.count}")
        return lines
    return []
