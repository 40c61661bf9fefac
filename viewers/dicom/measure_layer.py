"""Measurements on the 2D slice view: draws the slice's annotations and turns drags into changes.

Every change goes through the case's AnnotationHierarchy (which saves it and keeps undo/redo);
this layer only draws and translates input. Coordinates are image pixels, centre of pixel (c, r)
at (c + 0.5, r + 0.5), as the annotation model defines.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF

from reviewer.annotations import Annotation, AnnotationHierarchy, Geometry, Kind, PixelSize, Target
from reviewer.imaging.measure_text import label_lines

TOOLS = {"navigate": None, "length": Kind.LINE, "angle": Kind.ANGLE, "ellipse": Kind.ELLIPSE,
         "rectangle": Kind.RECTANGLE, "arrow": Kind.ARROW}
COLOUR = QColor("#4fc3f7")
SELECTED = QColor("#ffeb3b")


class MeasureLayer:
    def __init__(self, hierarchy: AnnotationHierarchy, target_for: Callable[[int], Target],
                 pixel_size: PixelSize, pixels: np.ndarray, unit: str, author: str,
                 ask_text: Callable[[], str | None] = lambda: None):
        self.hierarchy, self.target_for, self.px = hierarchy, target_for, pixel_size
        self.pixels, self.unit, self.author, self.ask_text = pixels, unit, author, ask_text
        self.tool = "navigate"
        self.draft: list[tuple[float, float]] | None = None
        self._labels: dict[tuple[str, object], list[str]] = {}

    # -- drawing ---------------------------------------------------------------------------
    def annotations(self, index: int) -> list[Annotation]:
        return list(self.hierarchy.by_target(self.target_for(index)))

    def _label(self, a: Annotation, index: int) -> list[str]:
        key = (a.id, a.modified)
        if key not in self._labels:
            image = self.pixels[index] if self.pixels.ndim == 3 else None
            self._labels[key] = label_lines(a, self.px, image, self.unit)
        return self._labels[key]

    def paint(self, p, state) -> None:
        selected = self.hierarchy.selection
        for a in self.annotations(state.index):
            self._paint_shape(p, state, a.geometry.kind, a.geometry.points,
                              SELECTED if a.id in selected else COLOUR, self._label(a, state.index))
        if self.draft and len(self.draft) >= 2:
            self._paint_shape(p, state, TOOLS[self.tool], np.array(self.draft), COLOUR, [])

    def _paint_shape(self, p, state, kind, pts, colour, lines) -> None:
        scr = [QPointF(*state.image_to_screen(x, y)) for x, y in pts]
        p.setPen(QPen(colour, 1.6))
        p.setBrush(Qt.NoBrush)
        if kind in (Kind.LINE, Kind.ARROW):
            p.drawLine(scr[0], scr[1])
            if kind == Kind.ARROW:
                self._arrow_head(p, scr[0], scr[1])
            else:
                for q in scr:
                    p.drawLine(q + QPointF(-4, 0), q + QPointF(4, 0))
        elif kind == Kind.ANGLE:
            p.drawPolyline(QPolygonF(scr[:3]))
        elif kind in (Kind.RECTANGLE, Kind.ELLIPSE):
            rect = QRectF(scr[0], scr[1]).normalized()
            p.drawEllipse(rect) if kind == Kind.ELLIPSE else p.drawRect(rect)
        else:
            path = QPainterPath(scr[0])
            for q in scr[1:]:
                path.lineTo(q)
            path.closeSubpath()
            p.drawPath(path)
        if lines:
            anchor = max(scr, key=lambda q: q.x()) + QPointF(8, 0)
            fm = p.fontMetrics()
            for i, line in enumerate(lines):
                pos = anchor + QPointF(0, i * fm.height())
                p.setPen(QColor(0, 0, 0, 220))
                p.drawText(pos + QPointF(1, 1), line)
                p.setPen(colour)
                p.drawText(pos, line)

    @staticmethod
    def _arrow_head(p, tail: QPointF, head: QPointF) -> None:
        d = head - tail
        n = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-6)
        ux, uy = d.x() / n, d.y() / n
        for sx in (-1, 1):
            p.drawLine(head, head - QPointF(12 * ux - 5 * sx * uy, 12 * uy + 5 * sx * ux))

    # -- input -----------------------------------------------------------------------------
    @property
    def drawing(self) -> bool:
        return self.tool != "navigate"

    def press(self, state, x: float, y: float) -> None:
        pt = state.screen_to_image(x, y)
        if self.tool == "angle" and self.draft:
            return                                 # third point comes on release
        self.draft = [pt, pt]

    def move(self, state, x: float, y: float) -> None:
        if self.draft:
            self.draft[-1] = state.screen_to_image(x, y)

    def release(self, state, x: float, y: float) -> Annotation | None:
        if not self.draft:
            return None
        self.draft[-1] = state.screen_to_image(x, y)
        kind = TOOLS[self.tool]
        if kind == Kind.ANGLE and len(self.draft) == 2:
            self.draft.append(self.draft[-1])       # vertex fixed; the next click places the other arm
            return None
        pts, self.draft = np.array(self.draft), None
        if np.hypot(*(pts[-1] - pts[0])) < 1.0 and kind != Kind.ANGLE:
            return None                             # a click, not a drag
        text = ""
        if kind == Kind.ARROW:
            text = self.ask_text() or ""
        if kind in (Kind.RECTANGLE, Kind.ELLIPSE):
            pts = np.array([pts.min(axis=0), pts.max(axis=0)])
        a = Annotation.create(self.hierarchy.case_id, self.target_for(state.index),
                              Geometry(kind, pts, text=text), author=self.author)
        return self.hierarchy.add(a, label=f"Add {kind.value}")

    def cancel(self) -> None:
        self.draft = None

    def select_at(self, state, x: float, y: float, radius_px: float = 6.0) -> None:
        cx, cy = state.screen_to_image(x, y)
        r = radius_px / state.zoom
        hits = [a for a in self.annotations(state.index)
                if a.geometry.bbox[0] - r <= cx <= a.geometry.bbox[2] + r
                and a.geometry.bbox[1] - r <= cy <= a.geometry.bbox[3] + r]
        self.hierarchy.select([hits[-1].id] if hits else [])

    def delete_selected(self) -> None:
        if self.hierarchy.selection:
            self.hierarchy.remove(list(self.hierarchy.selection))
