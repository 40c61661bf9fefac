"""MPR: axial, coronal and sagittal viewports with a linked crosshair, oblique by rotation.

The geometry lives in ``reviewer.imaging.mpr`` (``Reslicer`` cuts the planes, ``MprState`` holds the
shared cursor and rotation); this module paints and turns input into ``MprState`` calls.

Mouse, in any viewport: left click/drag moves the crosshair (the other views follow); wheel moves
through the view along its normal (Ctrl+wheel zooms); Ctrl+left drag (or dragging the round handle
at the end of a crosshair line) rotates the other two planes about the crosshair — oblique MPR;
right drag windows (shared by the three views); middle drag pans. Keys: Up/Down or PgUp/PgDn move
along the normal, R resets rotation and crosshair, F fits, I inverts, 1–8 CT window presets.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout,
                               QWidget)

from reviewer.imaging.display import CT_PRESETS, DisplayMapper, Window
from reviewer.imaging.mpr import AXIAL, CORONAL, SAGITTAL, STANDARD_AXES, VIEWS, MprState, Plane, Reslicer, Slice2D
from reviewer.imaging.viewstate import orientation_letters, scale_bar

VIEW_COLOURS = {AXIAL: QColor("#e53935"), CORONAL: QColor("#43a047"), SAGITTAL: QColor("#fdd835")}
VIEW_TITLES = {AXIAL: "Axial", CORONAL: "Coronal", SAGITTAL: "Sagittal"}
PRESET_KEYS = {getattr(Qt, f"Key_{i + 1}"): name for i, name in enumerate(CT_PRESETS)}
HANDLE_RADIUS = 6.0
HANDLE_FRACTION = 0.42            # rotation handles sit this far along each line (fraction of the short side)


class MprViewport(QWidget):
    """One MPR view (``AXIAL``, ``CORONAL`` or ``SAGITTAL``) of the volume held by its ``MprView``."""
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("MprViewport", "Imaging: MPR")
    KEY_HELP = (
        ("Up, Down / wheel", QT_TRANSLATE_NOOP("MprViewport", "Move along the plane's normal")),
        ("PgUp, PgDown", QT_TRANSLATE_NOOP("MprViewport", "10 steps")),
        ("R", QT_TRANSLATE_NOOP("MprViewport", "Reset the planes")),
        ("F", QT_TRANSLATE_NOOP("MprViewport", "Fit")),
        ("I", QT_TRANSLATE_NOOP("MprViewport", "Invert")),
        ("1–8", QT_TRANSLATE_NOOP("MprViewport", "CT window presets")),
    )


    def __init__(self, view: str, owner: "MprView", parent=None):
        super().__init__(parent)
        self.view = view
        self.owner = owner
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(160, 160)
        self.setFocusPolicy(Qt.StrongFocus)
        self.mapper = DisplayMapper()
        self.zoom = 1.0                  # relative to fit
        self.pan = (0.0, 0.0)
        self._slice: Slice2D | None = None
        self._slice_key = None
        self._qimage: QImage | None = None
        self._image_key = None
        self._drag = None

    # -- data ------------------------------------------------------------------------------
    def invalidate(self) -> None:
        self.update()

    def current_slice(self) -> Slice2D | None:
        rs, state = self.owner.reslicer, self.owner.state
        if rs is None or state is None:
            return None
        plane = state.plane(self.view)
        n = plane.normal
        # The image depends on the plane only: its orientation and its offset along the normal.
        fast = self.owner.interacting        # nearest-neighbour previews while a drag is in progress
        key = (tuple(np.round(plane.right, 9)), tuple(np.round(plane.down, 9)),
               round(float(np.asarray(plane.centre) @ n), 6), self.owner.generation, fast)
        if key != self._slice_key:
            self._slice = rs.view(plane, nearest=fast)
            self._slice_key = key
            self._image_key = None
        return self._slice

    def _image(self, sl: Slice2D) -> QImage:
        key = (id(sl), self.owner.window, self.owner.invert)
        if key != self._image_key:
            grey = self.mapper.render(sl.pixels, self.owner.window, self.owner.invert)
            grey = np.ascontiguousarray(grey)
            h, w = grey.shape
            self._qimage = QImage(grey.data, w, h, w, QImage.Format_Grayscale8).copy()
            self._image_key = key
        return self._qimage

    # -- screen mapping ----------------------------------------------------------------------
    def _scale(self, sl: Slice2D) -> float:
        """Screen pixels per mm: fits the view's standard (unrotated) extent, so the scale stays put
        while the planes rotate."""
        w_mm, h_mm = self.owner.extent_mm(self.view)
        return min(self.width() / w_mm, self.height() / h_mm) * self.zoom

    def image_rect(self, sl: Slice2D) -> QRectF:
        s = self._scale(sl)
        rows, cols = sl.pixels.shape
        w, h = cols * sl.pixel_spacing[1] * s, rows * sl.pixel_spacing[0] * s
        return QRectF(self.width() / 2 + self.pan[0] - w / 2, self.height() / 2 + self.pan[1] - h / 2, w, h)

    def patient_to_screen(self, point) -> QPointF | None:
        sl = self.current_slice()
        if sl is None:
            return None
        col, row = sl.from_patient(point)
        r = self.image_rect(sl)
        s = self._scale(sl)
        return QPointF(r.x() + (col + 0.5) * sl.pixel_spacing[1] * s, r.y() + (row + 0.5) * sl.pixel_spacing[0] * s)

    def screen_to_patient(self, x: float, y: float) -> np.ndarray | None:
        sl = self.current_slice()
        if sl is None:
            return None
        r = self.image_rect(sl)
        s = self._scale(sl)
        col = (x - r.x()) / (s * sl.pixel_spacing[1]) - 0.5
        row = (y - r.y()) / (s * sl.pixel_spacing[0]) - 0.5
        return sl.to_patient(col, row)

    def crosshair_lines(self) -> dict[str, tuple[QPointF, QPointF]]:
        """Screen direction of each other view's plane through the crosshair: other view → (centre, unit dir)."""
        state, sl = self.owner.state, self.current_slice()
        centre = self.patient_to_screen(state.cursor)
        out = {}
        for other, d in state.crosshair_directions(self.view).items():
            sx, sy = float(d @ np.asarray(sl.right)), float(d @ np.asarray(sl.down))
            # mm → screen: same scale on both axes (pixel spacing is accounted for by the image rect)
            n = math.hypot(sx, sy) or 1.0
            out[other] = (centre, QPointF(sx / n, sy / n))
        return out

    def handles(self) -> list[QPointF]:
        """Rotation handles: one on each crosshair line, both ends."""
        out = []
        reach = HANDLE_FRACTION * min(self.width(), self.height())
        for centre, d in self.crosshair_lines().values():
            out.append(centre + d * reach)
            out.append(centre - d * reach)
        return out

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.black)
        sl = self.current_slice()
        colour = VIEW_COLOURS[self.view]
        if sl is None:
            p.setPen(QColor("#e0e0e0"))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, self.owner.message or self.tr("No volume"))
            p.end()
            return
        p.setRenderHint(QPainter.SmoothPixmapTransform, True)
        p.drawImage(self.image_rect(sl), self._image(sl))
        p.setRenderHint(QPainter.Antialiasing, True)
        # crosshair: each other view's plane, in that view's colour, with a gap around the cursor
        gap, far = 12.0, 4.0 * max(self.width(), self.height())
        for other, (c, d) in self.crosshair_lines().items():
            p.setPen(QPen(VIEW_COLOURS[other], 1.2))
            p.drawLine(c + d * gap, c + d * far)
            p.drawLine(c - d * gap, c - d * far)
        p.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
        p.setBrush(Qt.NoBrush)
        for h in self.handles():
            p.drawEllipse(h, HANDLE_RADIUS, HANDLE_RADIUS)
        # labels
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        p.setFont(font)
        fm = p.fontMetrics()
        title = VIEW_TITLES[self.view] + (" (oblique)" if self.owner.state.oblique and not self._is_standard() else "")
        p.setPen(colour)
        p.drawText(QPointF(8, 8 + fm.ascent()), title)
        cur = self.owner.state.cursor
        p.setPen(QColor("#f2f2f2"))
        w = self.owner.window
        lines = [f"W {w.width:.0f}  L {w.centre:.0f}", f"({cur[0]:.1f}, {cur[1]:.1f}, {cur[2]:.1f}) mm LPS"]
        for i, line in enumerate(lines):
            p.drawText(QPointF(self.width() - 8 - fm.horizontalAdvance(line), 8 + fm.ascent() + i * fm.height()), line)
        letters = orientation_letters(sl.right, sl.down)
        p.setPen(QColor("#ffd54f"))
        cx, cy = self.width() / 2, self.height() / 2
        p.drawText(QPointF(6, cy), letters["left"])
        p.drawText(QPointF(self.width() - 6 - fm.horizontalAdvance(letters["right"]), cy), letters["right"])
        p.drawText(QPointF(cx, 12 + 2 * fm.height()), letters["top"])
        p.drawText(QPointF(cx, self.height() - 26), letters["bottom"])
        mm_per_px = 1.0 / self._scale(sl)
        mm, px = scale_bar(mm_per_px, self.width() * 0.25)
        y = self.height() - 10
        x0 = 10
        p.setPen(QPen(QColor("#f2f2f2"), 2))
        p.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
        p.drawText(QPointF(x0 + px + 6, y + 4), f"{mm:g} mm")
        p.setPen(QPen(colour, 2))
        p.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))
        p.end()

    def _is_standard(self) -> bool:
        n = self.owner.state.normal(self.view)
        return bool(np.isclose(np.abs(n).max(), 1.0, atol=1e-6))

    # -- input -------------------------------------------------------------------------------
    def _near_handle(self, pos: QPointF) -> bool:
        return any(math.hypot(h.x() - pos.x(), h.y() - pos.y()) <= HANDLE_RADIUS + 3 for h in self.handles())

    def _angle(self, pos: QPointF) -> float:
        c = self.patient_to_screen(self.owner.state.cursor)
        return math.atan2(pos.y() - c.y(), pos.x() - c.x())

    def mousePressEvent(self, event) -> None:
        if self.owner.reslicer is None:
            return
        pos = event.position()
        button = event.button()
        if button == Qt.LeftButton and (event.modifiers() & Qt.ControlModifier or self._near_handle(pos)):
            self._drag = ("rotate", self._angle(pos))
            self.owner.interacting = True
        elif button == Qt.LeftButton:
            self._drag = ("cursor", pos)
            self.owner.interacting = True
            self._set_cursor(pos)
        elif button == Qt.RightButton:
            self._drag = ("window", pos)
        elif button == Qt.MiddleButton:
            self._drag = ("pan", pos)

    def _set_cursor(self, pos: QPointF) -> None:
        p = self.screen_to_patient(pos.x(), pos.y())
        if p is not None:
            self.owner.state.set_cursor(p)

    def mouseMoveEvent(self, event) -> None:
        if not self._drag:
            return
        kind, last = self._drag
        pos = event.position()
        if kind == "rotate":
            a = self._angle(pos)
            delta = (a - last + math.pi) % (2 * math.pi) - math.pi
            self.owner.state.rotate(self.view, delta)
            self._drag = (kind, a)
            return
        if kind == "cursor":
            self._set_cursor(pos)
        elif kind == "window":
            self.owner.drag_window(pos.x() - last.x(), pos.y() - last.y())
        elif kind == "pan":
            self.pan = (self.pan[0] + pos.x() - last.x(), self.pan[1] + pos.y() - last.y())
            self.update()
        self._drag = (kind, pos)

    def mouseReleaseEvent(self, event) -> None:
        self._drag = None
        if self.owner.interacting:
            self.owner.interacting = False
            self.owner._repaint()              # full-quality (trilinear) images again

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if event.modifiers() & Qt.ControlModifier:
            self.zoom = float(min(max(self.zoom * 1.15 ** steps, 0.2), 20.0))
            self.update()
        elif self.owner.state is not None:
            self.owner.state.move_along_normal(self.view, -int(np.sign(steps)) * max(1, int(abs(steps))))

    def keyPressEvent(self, event) -> None:
        k, state = event.key(), self.owner.state
        if state is None:
            return super().keyPressEvent(event)
        moves = {Qt.Key_Up: -1, Qt.Key_Down: 1, Qt.Key_PageUp: -10, Qt.Key_PageDown: 10}
        if k in moves:
            state.move_along_normal(self.view, moves[k])
        elif k == Qt.Key_R:
            state.reset()
        elif k == Qt.Key_F:
            self.owner.fit()
        elif k == Qt.Key_I:
            self.owner.set_invert(not self.owner.invert)
        elif k in PRESET_KEYS:
            self.owner.set_window(CT_PRESETS[PRESET_KEYS[k]])
        else:
            super().keyPressEvent(event)


class MprView(QWidget):
    """Three linked MPR viewports (axial large on the left, coronal and sagittal on the right) and a toolbar.

    ``set_volume(array, affine, window)`` shows a volume; ``state`` is the shared ``MprState``.
    """

    def __init__(self, parent=None, threads: int | None = None):
        super().__init__(parent)
        self.reslicer: Reslicer | None = None
        self.state: MprState | None = None
        self.window = Window(40, 400)
        self.default_window = self.window
        self.invert = False
        self.message = "No volume"
        self.generation = 0                 # bumps when the volume changes (slice caches key on it)
        self.interacting = False            # a drag is in progress: oblique views use nearest neighbour
        self._threads = threads
        self._extent: dict[str, tuple[float, float]] = {}
        self.viewports = {v: MprViewport(v, self, self) for v in VIEWS}
        self.presets = QComboBox(objectName="mprPresets")
        self.presets.addItem(self.tr("Window: header"))
        self.presets.addItems(list(CT_PRESETS))
        self.presets.currentTextChanged.connect(self._preset_chosen)
        self.reset = QToolButton(text=self.tr("Reset"), toolTip=self.tr("Crosshair to the centre, planes orthogonal (R)"))
        self.reset.clicked.connect(lambda: self.state and self.state.reset())
        self.status = QLabel(objectName="mprStatus")
        bar = QHBoxLayout()
        bar.addWidget(self.presets)
        bar.addWidget(self.reset)
        bar.addStretch(1)
        bar.addWidget(self.status)
        grid = QGridLayout()
        grid.setSpacing(2)
        grid.addWidget(self.viewports[AXIAL], 0, 0, 2, 1)
        grid.addWidget(self.viewports[CORONAL], 0, 1)
        grid.addWidget(self.viewports[SAGITTAL], 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)

    # -- data --------------------------------------------------------------------------------
    def set_volume(self, array: np.ndarray, affine, window: Window | None = None) -> None:
        """Shows a grey volume (slices, rows, cols) in modality values, voxel (i, j, k) → LPS mm by ``affine``."""
        if array.ndim != 3:
            self.show_message(self.tr("MPR needs a grey-scale volume"))
            return
        if self.reslicer is not None:
            self.reslicer.close()
        self.reslicer = Reslicer(array, affine, self._threads)
        self.state = MprState.for_reslicer(self.reslicer)
        self.state.on_change(self._state_changed)
        self.generation += 1
        self._extent = {}
        if window is not None:
            self.default_window = self.window = window.clamp()
        self.message = ""
        self.fit()
        self._state_changed("reset")

    def extent_mm(self, view: str) -> tuple[float, float]:
        """Width and height (mm) of the volume seen in ``view`` with the planes unrotated."""
        if view not in self._extent and self.reslicer is not None:
            right, down = STANDARD_AXES[view]
            sl = self.reslicer.view(Plane.make(self.reslicer.centre(), right, down))
            rows, cols = sl.pixels.shape
            self._extent[view] = (cols * sl.pixel_spacing[1], rows * sl.pixel_spacing[0])
        return self._extent.get(view, (1.0, 1.0))

    def set_from_volume(self, volume, window: Window | None = None) -> None:
        """A ``reviewer.imaging.volume.Volume``; refuses (with a message) stacks that are not volumes."""
        if not volume.is_volume or volume.array.shape[0] < 2:
            self.show_message(self.tr("MPR needs a volume: this series is a 2D stack"))
            return
        self.set_volume(volume.array, volume.geometry.affine_array, window)

    def show_message(self, text: str) -> None:
        if self.reslicer is not None:
            self.reslicer.close()
        self.reslicer, self.state, self.message = None, None, text
        self.generation += 1
        for vp in self.viewports.values():
            vp.update()

    def close_volume(self) -> None:
        self.show_message(self.tr("No volume"))

    # -- shared display ----------------------------------------------------------------------
    def set_window(self, window: Window) -> None:
        self.window = window.clamp()
        self._repaint()

    def drag_window(self, dx: float, dy: float) -> None:
        w = self.window
        step = max(w.width, 10.0) / 256.0
        self.set_window(Window(w.centre - dy * step, w.width + dx * step))

    def set_invert(self, invert: bool) -> None:
        self.invert = invert
        self._repaint()

    def _preset_chosen(self, name: str) -> None:
        self.set_window(CT_PRESETS.get(name, self.default_window))

    def fit(self) -> None:
        for vp in self.viewports.values():
            vp.zoom, vp.pan = 1.0, (0.0, 0.0)
        self._repaint()

    def _state_changed(self, what: str) -> None:
        s = self.state
        if s is not None:
            c = s.cursor
            text = self.tr("Crosshair ({x}, {y}, {z}) mm").format(x=f"{c[0]:.1f}", y=f"{c[1]:.1f}", z=f"{c[2]:.1f}")
            self.status.setText(text + ("  " + self.tr("oblique") if s.oblique else ""))
        self._repaint()

    def _repaint(self) -> None:
        for vp in self.viewports.values():
            vp.update()

    def closeEvent(self, event) -> None:
        if self.reslicer is not None:
            self.reslicer.close()
        super().closeEvent(event)
