"""Slide annotations: draws the case hierarchy's annotations of one slide and turns input into changes.

Every change goes through the case's AnnotationHierarchy (saved at once, undo/redo); this layer
only draws and translates pointer input. Coordinates are level-0 pixels. Why it stays fast with
10,000 polygons: only annotations whose boxes meet the screen are asked for (the hierarchy's
spatial index), shapes are simplified to the zoom (``hierarchy.simplified_many``), each simplified
ring is turned into a QPolygonF once and kept until its geometry changes, the painter's transform
does the mapping to screen, and a shape smaller than a few screen pixels is drawn as a dot. With
thousands on screen the outlines are one path per class, drawn once per zoom into an overlay image
that panning only moves (until an annotation changes).
"""
from __future__ import annotations

import html
import math
from typing import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from reviewer.annotations import Annotation, AnnotationError, AnnotationHierarchy, Classification, Geometry, Kind
from reviewer.annotations import PixelSize, Target, measure
from reviewer.annotations.simplify import bucket
from viewers.pathology.labels import annotation_title, class_label

TOOLS = {"navigate": None, "point": Kind.POINT, "line": Kind.LINE, "rectangle": Kind.RECTANGLE,
         "ellipse": Kind.ELLIPSE, "polygon": Kind.POLYGON, "freehand": Kind.FREEHAND}
DEFAULT_COLOUR = QColor("#4fc3f7")
SELECTED = QColor("#ffeb3b")
HANDLE = 5.0          # screen px: half size of a vertex handle, and the pick tolerance
DOT = 3.0             # screen px: shapes smaller than this are drawn as a dot
LABEL_MIN = 24.0      # screen px: a ruler shorter than this on screen is labelled only when selected
THICK_MAX = 100       # with fewer shapes than this on screen outlines are 2 px wide, else 1 px (Qt strokes
                      # 1 px cosmetic lines on a fast path; wider ones cost a path fill each)
BULK = 400            # with more visible than this, outlines are stroked as one path per class
OVERLAY_MAX_PIXELS = 8_000_000   # at a zoom where all outlines fit an image this size, they are drawn into it
OVERLAY_ZOOMS = 3                # once and panning only moves it (kept for the last few zooms; ≤ 96 MB)
OUTLINES = (Kind.POLYGON, Kind.FREEHAND)
MAX_HANDLES = 400     # a selected shape with more vertices (a long brush stroke) shows no handles:
                      # hundreds of squares hide the outline; zoom in and they are spread out enough
HANDLE_SPACING = 4.0  # screen px: handles are drawn when vertices are, on average, at least this far apart


def measurement_text(a: Annotation, px: PixelSize | None, compact: bool = False) -> str:
    """"123.4 µm" for lines; for areas "0.1234 mm² (123,400 µm²)" from 0.01 mm² up, "4,560 µm²" below;
    pixels when uncalibrated. ``compact`` (the list): one unit only."""
    return geometry_texts(a.geometry, px)[1 if compact else 0]


def geometry_text(g: Geometry, px: PixelSize | None, compact: bool = False) -> str:
    """``measurement_text`` of a bare geometry (also a shape being drawn)."""
    return geometry_texts(g, px)[1 if compact else 0]


def geometry_texts(g: Geometry, px: PixelSize | None) -> tuple[str, str]:
    """(full, compact) measurement texts from one measurement."""
    if g.kind == Kind.POINT:
        return "", ""
    m = measure(g, px) if px is not None else measure(g)
    unit = m.unit
    if m.length is not None:
        text = f"{m.length:,.1f} {unit}"
        return text, text
    if m.area is not None:
        mm2 = m.area_mm2
        if mm2 is None or mm2 < 0.01:
            text = f"{m.area:,.0f} {unit}²"
            return text, text
        return f"{mm2:.4g} mm² ({m.area:,.0f} {unit}²)", f"{mm2:.3g} mm²"
    return "", ""


class AnnotationLayer:
    def __init__(self, hierarchy: AnnotationHierarchy, target: Target, pixel_size: PixelSize | None,
                 author: str, classes: tuple[Classification, ...] = (),
                 on_changed: Callable[[], None] = lambda: None):
        self.hierarchy, self.target, self.px, self.author = hierarchy, target, pixel_size, author
        self.classes = classes
        self.current_class: Classification | None = classes[0] if classes else None
        self.tool = "navigate"
        self.draft: list[tuple[float, float]] | None = None
        self._press: tuple[float, float] | None = None
        self._moving: tuple[str, float, float] | None = None      # (id, last x, last y)
        self._vertex: tuple[str, int] | None = None
        self._polys: dict[str, tuple[object, int, list[QPolygonF]]] = {}
        self._bulk: dict[int, dict] = {}      # LOD bucket -> {classification: QPainterPath} of all outlines
        self._overlays: dict[tuple, tuple[QImage, float, float]] = {}   # (scale, dpr) -> (image, x0, y0)
        self._other: list[Annotation] | None = None   # the slide's shapes that are not outlines
        self._on_changed = on_changed
        self._unsubscribe = hierarchy.on_change(self._changed)
        self.drawn = 0            # annotations painted in the last frame (for tests and the bench)

    def close(self) -> None:
        self._unsubscribe()
        if self.hierarchy.in_batch:
            self.hierarchy.cancel_batch()

    def _changed(self, event) -> None:
        for a in event.annotations:
            self._polys.pop(a.id, None)
        if event.annotations:
            self._bulk.clear()
            self._overlays.clear()
            self._other = None
        self._on_changed()

    def annotations(self) -> list[Annotation]:
        return self.hierarchy.by_target(self.target)

    # -- drawing ------------------------------------------------------------------------------
    def colour(self, a: Annotation) -> QColor:
        return QColor(*a.classification.color) if a.classification else DEFAULT_COLOUR

    def _polygons(self, a: Annotation, rings, level: int) -> list[QPolygonF]:
        hit = self._polys.get(a.id)
        if hit is not None and hit[0] is a.geometry and hit[1] == level:
            return hit[2]
        polys = [QPolygonF([QPointF(x, y) for x, y in ring.tolist()]) for ring in rings]
        self._polys[a.id] = (a.geometry, level, polys)
        return polys

    @staticmethod
    def _stroke(p, paths: dict) -> None:
        for cls, path in paths.items():
            pen = QPen(QColor(*cls.color) if cls else DEFAULT_COLOUR, 1)
            pen.setCosmetic(True)
            p.strokePath(path, pen)

    def _overlay(self, paths: dict, vp, device) -> tuple[QImage, float, float] | None:
        """All outlines drawn once into an image at this zoom, for views that only pan: stroking 10,000
        outlines costs tens of ms a frame, moving an image about one. Used while the view is not rotated
        and the image stays under OVERLAY_MAX_PIXELS (the zooms where thousands of shapes are on screen);
        dropped when any annotation changes."""
        m11, m12, m21, m22, _, _ = vp.matrix()
        if m12 or m21 or m11 <= 0 or not paths:
            return None
        dpr = device.devicePixelRatioF() if hasattr(device, "devicePixelRatioF") else 1.0
        key = (round(m11, 12), round(m22, 12), dpr)
        hit = self._overlays.get(key)
        if hit is not None:
            return hit
        box = QRectF()
        for path in paths.values():
            box = box.united(path.controlPointRect())
        x0, y0 = math.floor(box.left() * m11) - 2, math.floor(box.top() * m22) - 2
        w, h = math.ceil(box.width() * m11) + 5, math.ceil(box.height() * m22) + 5
        if w * h * dpr * dpr > OVERLAY_MAX_PIXELS:
            return None
        image = QImage(max(1, round(w * dpr)), max(1, round(h * dpr)), QImage.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setTransform(QTransform(m11, 0, 0, m22, -x0, -y0))
        self._stroke(painter, paths)
        painter.end()
        if len(self._overlays) >= OVERLAY_ZOOMS:
            self._overlays.pop(next(iter(self._overlays)))
        hit = self._overlays[key] = (image, float(x0), float(y0))
        return hit

    def _others(self) -> list[Annotation]:
        """Points, lines, rectangles and ellipses of the slide (kept until an annotation changes)."""
        if self._other is None:
            self._other = [a for a in self.annotations() if a.kind not in OUTLINES]
        return self._other

    def _bulk_paths(self, level: int, tolerance: float) -> dict:
        """One path per class holding every outline of the slide, simplified to ``level`` (kept
        until an annotation changes): stroking it is one call, however many shapes it holds."""
        hit = self._bulk.get(level)
        if hit is None:
            outlined = [a for a in self.annotations() if a.kind in OUTLINES]
            paths: dict = {}
            for a, rings in zip(outlined, self.hierarchy.simplified_many(outlined, tolerance)):
                path = paths.get(a.classification)
                if path is None:
                    path = paths[a.classification] = QPainterPath()
                for poly in self._polygons(a, rings, level):
                    path.addPolygon(poly)
                    path.closeSubpath()
            hit = self._bulk[level] = paths
        return hit

    def paint(self, p, vp) -> None:
        x0, y0, x1, y1 = vp.visible_rect()
        visible = self.hierarchy.query_rect(self.target, x0, y0, x1, y1)
        tolerance = vp.downsample
        level = bucket(tolerance)
        small = DOT * tolerance
        selected = self.hierarchy.selection
        transform = QTransform(*vp.matrix())
        self.drawn = len(visible)
        if len(visible) > BULK:
            # at most two screen pixels off: with this many shapes on screen, detail is not visible
            paths = self._bulk_paths(bucket(2 * tolerance), 2 * tolerance)
            overlay = self._overlay(paths, vp, p.device())
            p.save()
            if overlay is not None:
                image, ox, oy = overlay
                m11, _, _, m22, dx, dy = vp.matrix()
                p.setTransform(QTransform())
                p.drawImage(QPointF(round(dx + ox), round(dy + oy)), image)
            else:
                p.setTransform(transform)
                self._stroke(p, paths)
            p.restore()
            # the few other shapes, and the selection, are drawn one by one (without a pass over
            # the thousands just stroked)
            visible = [a for a in self._others() if _meets(a.geometry.bbox, x0, y0, x1, y1)]
            visible += [a for a in self.hierarchy.selected() if a.target == self.target and a.kind in OUTLINES]
        big, dots = [], {}
        for a in visible:
            bx0, by0, bx1, by1 = a.geometry.bbox
            if a.kind != Kind.POINT and max(bx1 - bx0, by1 - by0) < small and a.id not in selected:
                dots.setdefault(a.classification, []).append(QPointF((bx0 + bx1) / 2, (by0 + by1) / 2))
            else:
                big.append(a)
        p.save()
        p.setRenderHint(p.RenderHint.Antialiasing, len(big) < 500)
        p.setTransform(transform)
        p.setBrush(Qt.NoBrush)
        for cls, pts in dots.items():
            pen = QPen(QColor(*cls.color) if cls else DEFAULT_COLOUR, 3)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPoints(QPolygonF(pts))
        outlined = [a for a in big if a.kind in (Kind.POLYGON, Kind.FREEHAND)]
        rings = dict(zip((a.id for a in outlined), self.hierarchy.simplified_many(outlined, tolerance)))
        pens: dict = {}
        labels = []
        for a in big:
            sel = a.id in selected
            key = (a.classification, sel)
            pen = pens.get(key)
            if pen is None:
                pen = pens[key] = QPen(SELECTED if sel else self.colour(a), 2.5 if sel else (2 if len(big) < THICK_MAX else 1))
                pen.setCosmetic(True)
            p.setPen(pen)
            g = a.geometry
            if a.kind in (Kind.POLYGON, Kind.FREEHAND):
                for poly in self._polygons(a, rings[a.id], level):
                    p.drawPolygon(poly)
            elif a.kind in (Kind.RECTANGLE, Kind.ELLIPSE):
                (gx0, gy0), (gx1, gy1) = g.points
                r = QRectF(gx0, gy0, gx1 - gx0, gy1 - gy0)
                p.drawEllipse(r) if a.kind == Kind.ELLIPSE else p.drawRect(r)
            elif a.kind == Kind.POINT:
                continue
            else:
                p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in g.points.tolist()]))
            lx0, ly0, lx1, ly1 = g.bbox
            if sel or (a.kind == Kind.LINE and max(lx1 - lx0, ly1 - ly0) >= LABEL_MIN * tolerance):
                labels.append(a)
        p.resetTransform()
        for a in big:
            if a.kind == Kind.POINT:
                sx, sy = vp.slide_to_screen(*a.geometry.points[0])
                p.setPen(QPen(QColor("black"), 1))
                p.setBrush(SELECTED if a.id in selected else self.colour(a))
                p.drawEllipse(QPointF(sx, sy), 4.5, 4.5)
        p.setBrush(Qt.NoBrush)
        for a in big:
            if a.id in selected and len(selected) == 1 and self.shows_handles(a, vp):
                self._handles(p, vp, a)
        for a in labels:                  # last, so no handle or shape hides a measurement
            self._label(p, vp, a)
        if self.draft:
            self._paint_draft(p, vp)
        p.restore()

    def _label(self, p, vp, a: Annotation) -> None:
        """The measurement beside the shape's rightmost point on screen, kept inside the view; an
        unselected shape with no point on screen has none (it would label nothing visible)."""
        text = measurement_text(a, self.px)
        if not text:
            return
        pts = [vp.slide_to_screen(x, y) for x, y in a.geometry.points]
        inside = [q for q in pts if 0 <= q[0] <= vp.view_width and 0 <= q[1] <= vp.view_height]
        if not inside and a.id not in self.hierarchy.selection:
            return                     # a ruler running past the view: no label floating over the slide
        sx, sy = max(inside or pts, key=lambda q: q[0])
        fm = p.fontMetrics()
        w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
        x = min(max(sx + 8, 4), vp.view_width - w - 4)
        y = min(max(sy - h / 2, 4), vp.view_height - h - 4)
        box = QRectF(x, y, w, h)
        p.fillRect(box, QColor(0, 0, 0, 190))
        p.setPen(QColor("white"))
        p.drawText(box, Qt.AlignCenter, text)

    def handle_points(self, a: Annotation) -> np.ndarray:
        return a.geometry.points

    def shows_handles(self, a: Annotation, vp) -> bool:
        """Whether the vertices of ``a`` can be dragged at this zoom: not locked, not too many, and
        spread out enough on screen to be told apart."""
        pts = a.geometry.points
        if a.locked or len(pts) > MAX_HANDLES:
            return False
        if len(pts) <= 4:
            return True
        perimeter = float(np.hypot(*np.diff(pts, axis=0).T).sum()) / vp.downsample
        return perimeter / len(pts) >= HANDLE_SPACING

    def _handles(self, p, vp, a: Annotation) -> None:
        p.setPen(QPen(QColor("black"), 1))
        p.setBrush(QColor("white"))
        for x, y in self.handle_points(a):
            sx, sy = vp.slide_to_screen(x, y)
            p.drawRect(QRectF(sx - HANDLE / 1.5, sy - HANDLE / 1.5, HANDLE * 4 / 3, HANDLE * 4 / 3))
        p.setBrush(Qt.NoBrush)

    def draft_text(self) -> str:
        """The length or area of the shape being drawn, shown as it grows (as QuPath's ruler)."""
        kind, draft = TOOLS[self.tool], self.draft
        try:
            if kind in (Kind.LINE, Kind.RECTANGLE, Kind.ELLIPSE) and draft and draft[0] != draft[-1]:
                return geometry_text(Geometry(kind, [draft[0], draft[-1]]), self.px)
            if kind == Kind.POLYGON and draft and len(_dedupe(draft)) >= 3:
                return geometry_text(Geometry(kind, _dedupe(draft)), self.px)
        except AnnotationError:
            pass
        return ""

    def _paint_draft(self, p, vp) -> None:
        pen = QPen(SELECTED, 1.5, Qt.DashLine)
        p.setPen(pen)
        pts = [QPointF(*vp.slide_to_screen(x, y)) for x, y in self.draft]
        kind = TOOLS[self.tool]
        if kind in (Kind.RECTANGLE, Kind.ELLIPSE) and len(pts) >= 2:
            r = QRectF(pts[0], pts[-1]).normalized()
            p.drawEllipse(r) if kind == Kind.ELLIPSE else p.drawRect(r)
        elif len(pts) >= 2:
            p.drawPolyline(QPolygonF(pts))
        text = self.draft_text()
        if text:
            fm = p.fontMetrics()
            w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
            end = pts[-1]
            box = QRectF(min(max(end.x() + 12, 4), vp.view_width - w - 4),
                         min(max(end.y() + 10, 4), vp.view_height - h - 4), w, h)
            p.fillRect(box, QColor(0, 0, 0, 190))
            p.setPen(QColor("white"))
            p.drawText(box, Qt.AlignCenter, text)

    def tooltip_at(self, sx: float, sy: float, vp) -> str:
        """What hovering over an annotation shows: name or kind, class, length or area, comment."""
        a = self.pick(*vp.screen_to_slide(sx, sy), vp)
        if a is None:
            return ""
        head = html.escape(annotation_title(a))
        if a.classification is not None:
            head += " · " + html.escape(class_label(a.classification.name))
        parts = [f"<b>{head}</b>"]
        m = measurement_text(a, self.px)
        if m:
            parts.append(html.escape(m))
        if a.comment.strip():
            parts.append("<i>" + html.escape(a.comment.strip()).replace("\n", "<br>") + "</i>")
        return "<br>".join(parts)

    # -- picking ------------------------------------------------------------------------------
    def pick(self, x: float, y: float, vp) -> Annotation | None:
        """The topmost annotation under slide point (x, y)."""
        tol = HANDLE * vp.downsample
        hits = self.hierarchy.query_rect(self.target, x - tol, y - tol, x + tol, y + tol)
        for a in reversed(hits):
            g = a.geometry
            if g.closed:
                if _inside(g.outline(), x, y) or _near_path(g.outline(), x, y, tol, True):
                    return a
            elif a.kind == Kind.POINT:
                if math.hypot(g.points[0][0] - x, g.points[0][1] - y) <= 2 * tol:
                    return a
            elif _near_path(g.points, x, y, tol, False):
                return a
        return None

    def _pick_handle(self, x: float, y: float, vp) -> tuple[str, int] | None:
        sel = self.hierarchy.selected()
        if len(sel) != 1 or sel[0].target != self.target or not self.shows_handles(sel[0], vp):
            return None
        tol = (HANDLE + 2) * vp.downsample
        for i, (hx, hy) in enumerate(self.handle_points(sel[0])):
            if abs(hx - x) <= tol and abs(hy - y) <= tol:
                return sel[0].id, i
        return None

    # -- input --------------------------------------------------------------------------------
    def _slide_pos(self, event, vp) -> tuple[float, float]:
        pos = event.position()
        return vp.screen_to_slide(pos.x(), pos.y())

    def mouse_press(self, event, vp) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        x, y = self._slide_pos(event, vp)
        kind = TOOLS[self.tool]
        if kind is None:
            handle = self._pick_handle(x, y, vp)
            if handle is not None and event.modifiers() & Qt.AltModifier:
                return self._delete_vertex(*handle)
            if handle is not None:
                self._vertex = handle
                self.hierarchy.begin_batch("Move vertex")
                return True
            a = self.pick(x, y, vp)
            if a is None:
                self.hierarchy.clear_selection()
                return False           # the view pans
            self.hierarchy.select(a.id, extend=bool(event.modifiers() & Qt.ShiftModifier))
            if not a.locked:
                self._moving = (a.id, x, y)
                self.hierarchy.begin_batch("Move")
            return True
        if kind == Kind.POINT:
            self._create(Geometry(Kind.POINT, [(x, y)]))
            return True
        if kind == Kind.POLYGON:
            if self.draft is None:
                self.draft = [(x, y), (x, y)]
            else:
                self.draft[-1] = (x, y)
                self.draft.append((x, y))
            return True
        self.draft = [(x, y), (x, y)]
        return True

    def mouse_move(self, event, vp) -> bool:
        x, y = self._slide_pos(event, vp)
        if self._vertex is not None:
            aid, index = self._vertex
            try:
                self.hierarchy.move_vertex(aid, index, x, y)
            except AnnotationError:
                pass
            return True
        if self._moving is not None:
            aid, lx, ly = self._moving
            self.hierarchy.translate(aid, x - lx, y - ly)
            self._moving = (aid, x, y)
            return True
        if self.draft is None:
            return False
        kind = TOOLS[self.tool]
        if kind == Kind.FREEHAND:
            lx, ly = self.draft[-1]
            if math.hypot(x - lx, y - ly) >= 2 * vp.downsample:
                self.draft.append((x, y))
        else:
            self.draft[-1] = self._constrained(kind, event, x, y)
        return True

    def _constrained(self, kind, event, x: float, y: float) -> tuple[float, float]:
        """With Shift, a rectangle is a square and an ellipse a circle (as in QuPath)."""
        if kind not in (Kind.RECTANGLE, Kind.ELLIPSE) or not event.modifiers() & Qt.ShiftModifier or not self.draft:
            return x, y
        x0, y0 = self.draft[0]
        side = max(abs(x - x0), abs(y - y0))
        return x0 + math.copysign(side, x - x0), y0 + math.copysign(side, y - y0)

    def mouse_release(self, event, vp) -> bool:
        if self._vertex is not None or self._moving is not None:
            self._vertex = self._moving = None
            self.hierarchy.end_batch()
            self._on_changed()        # the drag is one undo step now: the list and Undo show it
            return True
        kind = TOOLS[self.tool]
        if self.draft is None or kind in (None, Kind.POLYGON):
            return self.draft is not None
        x, y = self._slide_pos(event, vp)
        end = self._constrained(kind, event, x, y)
        pts, self.draft = self.draft, None
        if kind == Kind.FREEHAND:
            pts.append((x, y))
            if len(pts) >= 3:
                self._create(Geometry(Kind.FREEHAND, pts))
            return True
        a, b = pts[0], end
        dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
        if math.hypot(dx, dy) < 2 * vp.downsample or (kind != Kind.LINE and min(dx, dy) < 2 * vp.downsample):
            return True                # a click (or a flat box), not a shape
        self._create(Geometry(kind, [a, b]))
        return True

    def mouse_double_click(self, event, vp) -> bool:
        if TOOLS[self.tool] is None:
            return self._insert_vertex(*self._slide_pos(event, vp), vp)
        if TOOLS[self.tool] != Kind.POLYGON or self.draft is None:
            return False
        pts = _dedupe(self.draft)
        self.draft = None
        if len(pts) >= 3:
            self._create(Geometry(Kind.POLYGON, pts))
        return True

    def _insert_vertex(self, x: float, y: float, vp) -> bool:
        """Double-click on an edge of the selected polygon or freehand shape adds a vertex there."""
        sel = self.hierarchy.selected()
        if len(sel) != 1 or sel[0].kind not in OUTLINES or sel[0].locked or sel[0].target != self.target:
            return False
        if self._pick_handle(x, y, vp) is not None:
            return True                # on a vertex already
        a = sel[0]
        pts = np.asarray(a.geometry.points, dtype=np.float64)
        nxt = np.roll(pts, -1, axis=0)
        d = nxt - pts
        len2 = (d ** 2).sum(axis=1)
        t = np.clip(np.divide((x - pts[:, 0]) * d[:, 0] + (y - pts[:, 1]) * d[:, 1], len2,
                              out=np.zeros_like(len2), where=len2 > 0), 0, 1)
        dist = np.hypot(pts[:, 0] + t * d[:, 0] - x, pts[:, 1] + t * d[:, 1] - y)
        i = int(np.argmin(dist))
        if dist[i] > HANDLE * vp.downsample:
            return False
        self._vertex = None
        self.hierarchy.insert_vertex(a.id, i + 1, x, y)
        return True

    def _delete_vertex(self, annotation_id: str, index: int) -> bool:
        """Alt+click on a handle removes that vertex (a polygon keeps at least three)."""
        a = self.hierarchy.get(annotation_id)
        if a.kind not in OUTLINES or len(a.geometry.points) <= 3:
            return True
        self.hierarchy.delete_vertex(annotation_id, index)
        return True

    def abort_input(self) -> None:
        """Drops the gesture in progress (after a failed change): no draft, no drag, no open batch."""
        self.draft = None
        self._moving = self._vertex = None
        if self.hierarchy.in_batch:
            self.hierarchy.cancel_batch()

    def wants_key(self, event) -> bool:
        """Keys this layer needs before the window's shortcuts see them: Escape and Enter while a
        shape is being drawn or dragged (Escape would otherwise leave the case)."""
        busy = self.draft is not None or self._moving is not None or self._vertex is not None
        return busy and event.key() in (Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter)

    def key_press(self, event) -> bool:
        k, mods = event.key(), event.modifiers()
        if k == Qt.Key_Escape and (self._moving is not None or self._vertex is not None):
            self._moving = self._vertex = None
            self.hierarchy.cancel_batch()          # the shape goes back to where the drag began
            return True
        if k == Qt.Key_Escape and self.draft is not None:
            self.draft = None
            return True
        if k in (Qt.Key_Return, Qt.Key_Enter) and self.draft is not None and TOOLS[self.tool] == Kind.POLYGON:
            pts = _dedupe(self.draft[:-1] if len(self.draft) > 3 else self.draft)
            self.draft = None
            if len(pts) >= 3:
                self._create(Geometry(Kind.POLYGON, pts))
            return True
        if k in (Qt.Key_Delete, Qt.Key_Backspace):
            return self.delete_selected()
        if mods & Qt.ControlModifier and k == Qt.Key_Z:
            if mods & Qt.ShiftModifier:
                return self.redo()
            return self.undo()
        if mods & Qt.ControlModifier and k == Qt.Key_Y:
            return self.redo()
        return False

    # -- changes ------------------------------------------------------------------------------
    def _create(self, geometry: Geometry) -> Annotation:
        a = Annotation.create(self.hierarchy.case_id, self.target, geometry, author=self.author,
                              classification=self.current_class)
        self.hierarchy.add(a)
        self.hierarchy.select(a.id)
        return a

    def delete_selected(self) -> bool:
        ids = [a.id for a in self.hierarchy.selected() if a.target == self.target]
        if not ids:
            return False
        self.hierarchy.remove(ids)
        return True

    def set_class(self, cls: Classification | None) -> None:
        """The class new shapes get. It does not reclassify the selection (picking the class for
        the next shape must not change the one just drawn): that is ``edit(id, classification=…)``."""
        self.current_class = cls

    def edit(self, annotation_id: str, **fields) -> Annotation:
        """Sets the class, name, comment or locked flag of one annotation (one undo step)."""
        labels = {"comment": "Edit comment", "name": "Rename", "classification": "Set class",
                  "locked": "Lock" if fields.get("locked") else "Unlock"}
        label = labels[next(iter(fields))] if len(fields) == 1 else "Edit"
        return self.hierarchy.update(annotation_id, label=label, **fields)

    def undo(self) -> bool:
        return not self.hierarchy.in_batch and self.hierarchy.undo()

    def redo(self) -> bool:
        return not self.hierarchy.in_batch and self.hierarchy.redo()


def _meets(bbox, x0: float, y0: float, x1: float, y1: float) -> bool:
    return bbox[0] <= x1 and bbox[2] >= x0 and bbox[1] <= y1 and bbox[3] >= y0


def _dedupe(pts):
    out = []
    for p in pts:
        if not out or p != out[-1]:
            out.append(p)
    return out


def _inside(ring: np.ndarray, x: float, y: float) -> bool:
    xs, ys = ring[:, 0], ring[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        crosses = ((ys > y) != (yj > y)) & (x < (xj - xs) * (y - ys) / (yj - ys) + xs)
    return bool(np.count_nonzero(crosses) % 2)


def _near_path(pts: np.ndarray, x: float, y: float, tol: float, closed: bool) -> bool:
    p = np.asarray(pts, dtype=np.float64)
    if closed:
        p = np.vstack([p, p[:1]])
    a, b = p[:-1], p[1:]
    d = b - a
    len2 = (d ** 2).sum(axis=1)
    t = np.clip(np.divide(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]), len2,
                          out=np.zeros_like(len2), where=len2 > 0), 0, 1)
    px, py = a[:, 0] + t * d[:, 0], a[:, 1] + t * d[:, 1]
    return bool((np.hypot(px - x, py - y) <= tol).any())
