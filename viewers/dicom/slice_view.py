"""2D slice viewport: paints one slice with window/level and the overlays a radiologist expects.

Input → SliceViewState calls; SliceViewState changes → repaint. Mouse: wheel scrolls (Ctrl+wheel
zooms about the cursor), left drag windows, middle drag pans, right drag zooms. Keys: Up/Down,
PgUp/PgDn, Home/End scroll; 1–8 CT presets, 0 default window; I invert; F fit; O 1:1; Space cine,
+/- cine speed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.imaging.display import CT_PRESETS, DisplayMapper
from reviewer.imaging.viewstate import SliceViewState, orientation_letters, scale_bar

PRESET_KEYS = {getattr(Qt, f"Key_{i + 1}"): name for i, name in enumerate(CT_PRESETS)}


@dataclass
class StackInfo:
    """What the viewport needs to know about the stack beyond its pixels."""
    row_cosine: tuple[float, float, float] | None = None      # None: orientation unknown, no letters
    column_cosine: tuple[float, float, float] | None = None
    top_left: list[str] = field(default_factory=list)       # patient
    top_right: list[str] = field(default_factory=list)      # study / series
    slice_lines: Callable[[int], list[str]] = lambda i: []  # position, thickness for slice i
    warnings: list[str] = field(default_factory=list)


class SliceView(QWidget):
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("SliceView", "Imaging: 2D view")
    KEY_HELP = (
        ("Up, Down / wheel", QT_TRANSLATE_NOOP("SliceView", "Previous / next slice")),
        ("PgUp, PgDown", QT_TRANSLATE_NOOP("SliceView", "10 slices back / forward")),
        ("Home, End", QT_TRANSLATE_NOOP("SliceView", "First / last slice")),
        ("1–8", QT_TRANSLATE_NOOP("SliceView", "CT window presets")),
        ("0", QT_TRANSLATE_NOOP("SliceView", "The header's window")),
        ("Left drag", QT_TRANSLATE_NOOP("SliceView", "Window / level (navigate tool)")),
        ("Right drag, Ctrl+wheel", QT_TRANSLATE_NOOP("SliceView", "Zoom")),
        ("Middle drag", QT_TRANSLATE_NOOP("SliceView", "Pan")),
        ("I", QT_TRANSLATE_NOOP("SliceView", "Invert grey levels")),
        ("F", QT_TRANSLATE_NOOP("SliceView", "Fit to window")),
        ("O", QT_TRANSLATE_NOOP("SliceView", "One image pixel per screen pixel")),
        ("Space", QT_TRANSLATE_NOOP("SliceView", "Cine on / off")),
        ("+, -", QT_TRANSLATE_NOOP("SliceView", "Cine faster / slower")),
        ("Delete", QT_TRANSLATE_NOOP("SliceView", "Delete the selected measurement")),
        ("Ctrl+Z", QT_TRANSLATE_NOOP("SliceView", "Undo")),
        ("Ctrl+Y, Ctrl+Shift+Z", QT_TRANSLATE_NOOP("SliceView", "Redo")),
        ("Esc", QT_TRANSLATE_NOOP("SliceView", "Cancel the measurement being drawn")),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(200, 200)
        self.pixels: np.ndarray | None = None
        self.state: SliceViewState | None = None
        self.info = StackInfo()
        self.mapper = DisplayMapper()
        self._image: QImage | None = None
        self._image_key = None
        self._drag = None
        self.cine = QTimer(self)
        self.cine.timeout.connect(lambda: self.state and self.state.cine_step())
        self.message = ""
        self.layer = None               # MeasureLayer: measurements drawn on and edited in this view
        self._press_pos = None

    # -- data ------------------------------------------------------------------------------
    def set_stack(self, pixels: np.ndarray, state: SliceViewState, info: StackInfo) -> None:
        """pixels: (slices, rows, columns) modality values, or (slices, rows, columns, 3) RGB uint8."""
        self.pixels, self.state, self.info = pixels, state, info
        self.message = ""
        self._image_key = None
        state.on_change(self._state_changed)
        state.resize(self.width(), self.height())
        self.update()

    def show_message(self, text: str) -> None:
        """Shows a plain message instead of an image (bad input, nothing loaded)."""
        self.pixels, self.state, self.message = None, None, text
        self.set_layer(None)
        self.update()

    def set_layer(self, layer) -> None:
        self.layer = layer
        self.setMouseTracking(layer is not None)
        if layer is not None:
            layer.hierarchy.on_change(lambda event: self.update())

    def _state_changed(self, what: str) -> None:
        if what == "cine":
            if self.state.cine_running:
                self.cine.start(int(1000 / self.state.cine_fps))
            else:
                self.cine.stop()
        self.update()

    # -- rendering -------------------------------------------------------------------------
    def _target(self, width: int, height: int, fmt: QImage.Format, channels: int) -> np.ndarray:
        """A QImage we own and a numpy view of its pixels, so rendering writes straight into it."""
        img = self._image
        if img is None or img.width() != width or img.height() != height or img.format() != fmt:
            img = self._image = QImage(width, height, fmt)
        bpl = img.bytesPerLine()
        buf = np.frombuffer(img.bits(), dtype=np.uint8, count=bpl * height).reshape(height, bpl)
        return buf[:, :width * channels].reshape(height, width, channels) if channels > 1 else buf[:, :width]

    def current_image(self) -> QImage:
        s = self.state
        key = (s.index, s.window, s.invert)
        if key != self._image_key:
            frame = self.pixels[s.index]
            rows, cols = frame.shape[:2]
            if frame.ndim == 3:
                out = self._target(cols, rows, QImage.Format_RGB888, 3)
                np.subtract(255, frame, out=out) if s.invert else np.copyto(out, frame)
            else:
                out = self._target(cols, rows, QImage.Format_Grayscale8, 1)
                out[...] = self.mapper.render(frame, s.window, s.invert)
            self._image_key = key
        return self._image

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        self._paint(p)
        p.end()

    def key_image(self) -> QImage:
        """The view as shown — image, measurements, orientation, scale bar, W/L — without the patient
        and study lines (the report's patient block says who it is); for a key image."""
        image = QImage(self.size(), QImage.Format_RGB888)
        p = QPainter(image)
        self._paint(p, demographics=False)
        p.end()
        return image

    def _paint(self, p: QPainter, demographics: bool = True) -> None:
        p.fillRect(self.rect(), Qt.black)
        if self.state is None or self.pixels is None:
            p.setPen(QColor("#e0e0e0"))
            p.drawText(self.rect().adjusted(20, 20, -20, -20), Qt.AlignCenter | Qt.TextWordWrap,
                       self.message or self.tr("No series loaded"))
            return
        s = self.state
        x, y, w, h = s.image_rect()
        p.setRenderHint(QPainter.SmoothPixmapTransform, s.zoom < 1.0)
        p.drawImage(QRectF(x, y, w, h), self.current_image())
        if self.layer is not None:
            self.layer.paint(p, s)
        self._paint_overlays(p, demographics)

    def _text_block(self, p: QPainter, lines: list[str], corner: str) -> None:
        fm = p.fontMetrics()
        lh = fm.height()
        margin = 8
        for i, line in enumerate(lines):
            tw = fm.horizontalAdvance(line)
            tx = margin if "left" in corner else self.width() - margin - tw
            ty = (margin + (i + 1) * lh - fm.descent()) if "top" in corner else \
                self.height() - margin - (len(lines) - 1 - i) * lh - fm.descent()
            p.setPen(QColor(0, 0, 0, 200))
            p.drawText(QPointF(tx + 1, ty + 1), line)
            p.setPen(QColor("#f2f2f2"))
            p.drawText(QPointF(tx, ty), line)

    def _paint_overlays(self, p: QPainter, demographics: bool = True) -> None:
        s, info = self.state, self.info
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, self.font().pointSizeF()))
        p.setFont(font)
        if demographics:
            self._text_block(p, info.top_left, "top-left")
        self._text_block(p, info.top_right, "top-right")
        self._text_block(p, [self.tr("Image {n} / {total}").format(n=s.index + 1, total=s.slices)] + info.slice_lines(s.index),
                         "bottom-left")
        wl = f"W {s.window.width:.0f}  L {s.window.centre:.0f}" + ("  " + self.tr("inverted") if s.invert else "")
        zoom = self.tr("Zoom {percent}%").format(percent=f"{s.zoom * 100:.0f}") + (
            "  " + self.tr("cine {fps} fps").format(fps=f"{s.cine_fps:.0f}") if s.cine_running else "")
        self._text_block(p, [wl, zoom], "bottom-right")
        cx, cy = self.width() / 2, self.height() / 2
        if info.row_cosine is not None and info.column_cosine is not None:
            letters = orientation_letters(info.row_cosine, info.column_cosine)
            fm = p.fontMetrics()
            big = QFont(font)
            big.setBold(True)
            p.setFont(big)
            for edge, (lx, ly) in {"left": (10, cy), "right": (self.width() - 10 - fm.horizontalAdvance("MM"), cy),
                                   "top": (cx, 10 + fm.ascent()), "bottom": (cx, self.height() - 34)}.items():
                p.setPen(QColor("#ffd54f"))
                p.drawText(QPointF(lx, ly), letters[edge])
            p.setFont(font)
        # Scale bar: a nice length in mm, bottom centre.
        mm, px = scale_bar(s.mm_per_screen_pixel(), self.width() * 0.25)
        y = self.height() - 16
        x0 = cx - px / 2
        p.setPen(QPen(QColor("#f2f2f2"), 2))
        p.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
        for tick in (x0, x0 + px):
            p.drawLine(QPointF(tick, y - 5), QPointF(tick, y))
        p.drawText(QPointF(x0 + px + 6, y + 4), f"{mm:g} mm")
        if info.warnings:
            p.setPen(QColor("#ff8a65"))
            p.drawText(QRectF(0, 30, self.width(), 40), Qt.AlignHCenter | Qt.AlignTop,
                       "⚠ " + info.warnings[0] + (" " + self.tr("(+{n} more)").format(n=len(info.warnings) - 1)
                                                  if len(info.warnings) > 1 else ""))

    # -- input -----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        if self.state:
            self.state.resize(self.width(), self.height())
        super().resizeEvent(event)

    def wheelEvent(self, event) -> None:
        if not self.state:
            return
        steps = event.angleDelta().y() / 120
        if event.modifiers() & Qt.ControlModifier:
            pos = event.position()
            self.state.zoom_by(1.15 ** steps, anchor=(pos.x(), pos.y()))
        else:
            self.state.scroll(-int(np.sign(steps)) * max(1, int(abs(steps))))

    def _drawing(self, event) -> bool:
        return self.layer is not None and self.layer.drawing and self.state is not None

    def mousePressEvent(self, event) -> None:
        pos = event.position()
        if event.button() == Qt.LeftButton and self._drawing(event):
            self.layer.press(self.state, pos.x(), pos.y())
            self.update()
            return
        self._press_pos = pos
        self._drag = (event.button(), pos)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        if self._drawing(event) and self.layer.draft:
            self.layer.move(self.state, pos.x(), pos.y())
            self.update()
            return
        if not self.state or not self._drag:
            return
        button, last = self._drag
        pos = event.position()
        dx, dy = pos.x() - last.x(), pos.y() - last.y()
        if button == Qt.LeftButton:
            self.state.drag_window(dx, dy)
        elif button == Qt.MiddleButton:
            self.state.pan_by(dx, dy)
        elif button == Qt.RightButton:
            self.state.zoom_by(1.01 ** (-dy), anchor=(self.width() / 2, self.height() / 2))
        self._drag = (button, pos)

    def mouseReleaseEvent(self, event) -> None:
        pos = event.position()
        if event.button() == Qt.LeftButton and self._drawing(event):
            self.layer.release(self.state, pos.x(), pos.y())
            self.update()
            return
        if (self.layer is not None and self.state and self._press_pos is not None and event.button() == Qt.LeftButton
                and abs(pos.x() - self._press_pos.x()) + abs(pos.y() - self._press_pos.y()) < 3):
            self.layer.select_at(self.state, pos.x(), pos.y())
        self._drag = None
        self._press_pos = None

    def event(self, event) -> bool:
        # While a measurement is being drawn, Esc cancels it instead of leaving the case.
        if (event.type() == event.Type.ShortcutOverride and event.key() == Qt.Key_Escape
                and self.layer is not None and self.layer.draft):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        s, k = self.state, event.key()
        if not s:
            return super().keyPressEvent(event)
        if self.layer is not None and self._layer_key(event):
            self.update()
            return
        actions = {
            Qt.Key_Up: lambda: s.scroll(-1), Qt.Key_Down: lambda: s.scroll(1),
            Qt.Key_PageUp: lambda: s.scroll(-10), Qt.Key_PageDown: lambda: s.scroll(10),
            Qt.Key_Home: lambda: s.set_index(0), Qt.Key_End: lambda: s.set_index(s.slices - 1),
            Qt.Key_I: s.toggle_invert, Qt.Key_F: s.fit_to_window, Qt.Key_O: s.one_to_one,
            Qt.Key_0: lambda: s.preset("Default"),
            Qt.Key_Space: lambda: s.set_cine(not s.cine_running),
            Qt.Key_Plus: lambda: s.set_cine(s.cine_running, s.cine_fps + 2),
            Qt.Key_Minus: lambda: s.set_cine(s.cine_running, s.cine_fps - 2),
        }
        if k in PRESET_KEYS and not event.modifiers() & Qt.ControlModifier:
            s.preset(PRESET_KEYS[k])
        elif k in actions:
            actions[k]()
        else:
            super().keyPressEvent(event)

    def _layer_key(self, event) -> bool:
        k, mods, h = event.key(), event.modifiers(), self.layer.hierarchy
        if k == Qt.Key_Escape and self.layer.draft:
            self.layer.cancel()
        elif k in (Qt.Key_Delete, Qt.Key_Backspace):
            self.layer.delete_selected()
        elif k == Qt.Key_Z and mods & Qt.ControlModifier:
            h.redo() if mods & Qt.ShiftModifier else h.undo()
        elif k == Qt.Key_Y and mods & Qt.ControlModifier:
            h.redo()
        else:
            return False
        return True
