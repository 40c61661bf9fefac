"""The tiled slide view: continuous zoom and pan over a pyramid, tiles decoded off the GUI thread.

Why it paints coarse-to-fine: the overview image (the lowest level) is always in memory and drawn
first, then the cached tiles of one or two coarser levels, then those of the level the zoom needs;
so while a tile loads, a blurrier version of the same place shows instead of a blank square.
Tiles are decoded by a small thread pool (imagecodecs releases the GIL) and handed to the GUI
thread by a queued signal; the backend's TileCache bounds the decoded arrays, and this view keeps
a bounded LRU of QImages that wrap those arrays without copying. A tile that cannot be read
(``TileError``, a failed integrity check: any ReviewerError) is drawn as an error tile.
"""
from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QToolTip, QWidget

from reviewer.errors import ReviewerError
from reviewer.pathology.viewport import Viewport, scale_bar
from viewers.i18n import shown

BACKGROUND = QColor("#1e1f22")
ERROR_FILL = QColor(120, 30, 40)
MAX_IMAGES = 768                  # QImages kept (they share memory with the TileCache's arrays)
WORKERS = 4
OVERVIEW_MAX = (220, 170)
OVERVIEW_MARK = 7.0               # px: the smallest viewport mark drawn in the overview
ERROR_TEXT = QT_TRANSLATE_NOOP("SlideView", "Unreadable tile")   # translated where it is painted
# QuPath's keys for its tools (also the DICOM viewer's L, E, R); Ctrl+R rotates
TOOL_KEYS = {Qt.Key_M: "navigate", Qt.Key_Period: "point", Qt.Key_L: "line", Qt.Key_R: "rectangle",
             Qt.Key_E: "ellipse", Qt.Key_P: "polygon", Qt.Key_B: "freehand"}


def qimage_rgb(arr: np.ndarray) -> QImage:
    """A QImage over an RGB uint8 array, no copy: keep ``arr`` alive as long as the image."""
    arr = np.ascontiguousarray(arr)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, arr.strides[0], QImage.Format_RGB888)


class _Relay(QObject):
    ready = Signal(object)        # (generation, key, QImage | str | None, array)


class SlideView(QWidget):
    """Shows one ``SlideHandle``. ``layer`` (optional) draws annotations and takes pointer input first."""
    view_changed = Signal()
    snapshot_requested = Signal()
    tool_requested = Signal(str)      # a tool's key was pressed (see TOOL_KEYS)
    input_failed = Signal(str)        # an annotation change was refused or could not be saved: why
    tile_failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(200, 150)
        self.handle = None
        self.viewport: Viewport | None = None
        self.layer = None
        self.message = ""
        self.show_hud = True
        self._overview: QImage | None = None
        self._overview_arr = None
        self._images: OrderedDict = OrderedDict()
        self._pending: set = set()
        self._wanted: frozenset = frozenset()
        self._generation = 0
        self._pool: ThreadPoolExecutor | None = None
        self._relay = _Relay()
        self._relay.ready.connect(self._tile_ready)
        self._drag: QPointF | None = None
        self.errors: dict = {}

    # -- slide --------------------------------------------------------------------------------
    def set_slide(self, handle, overview: np.ndarray | None = None) -> None:
        """Shows ``handle``; ``overview`` is the lowest level as RGB (read in the background)."""
        self.clear()
        self.handle = handle
        info = handle.info
        w, h = info.dimensions
        self.viewport = Viewport(w, h, [lv.downsample for lv in info.levels], max(1, self.width()),
                                 max(1, self.height()))
        self.viewport.on_change(self._view_moved)
        if overview is not None:
            self._overview_arr = np.ascontiguousarray(overview[:, :, :3])
            self._overview = qimage_rgb(self._overview_arr)
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="slide-tiles")
        self.message = ""
        self.update()

    def clear(self, message: str = "") -> None:
        """Forgets the slide (its tiles go; the handle is closed by whoever opened it)."""
        self._generation += 1
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.handle = None
        self.viewport = None
        self._overview = self._overview_arr = None
        self._images.clear()
        self._pending.clear()
        self.errors.clear()
        self._wanted = frozenset()
        self.message = message
        self.update()

    @property
    def pending(self) -> int:
        return len(self._pending)

    # -- tiles --------------------------------------------------------------------------------
    def _request(self, key) -> None:
        if key in self._pending or self._pool is None:
            return
        self._pending.add(key)
        gen, handle, relay = self._generation, self.handle, self._relay

        def work():
            if gen != self._generation or key not in self._wanted:
                relay.ready.emit((gen, key, None, None))
                return
            try:
                arr = handle.read_tile(*key)
            except ReviewerError as exc:
                relay.ready.emit((gen, key, getattr(exc, "tile_reason", None) or ERROR_TEXT, None))
                return
            except Exception:     # noqa: BLE001 - a tile never takes the viewer down
                relay.ready.emit((gen, key, ERROR_TEXT, None))
                return
            relay.ready.emit((gen, key, qimage_rgb(arr), arr))
        try:
            self._pool.submit(work)
        except RuntimeError:      # pool shut down
            self._pending.discard(key)

    def _tile_ready(self, item) -> None:
        gen, key, image, arr = item
        if gen != self._generation:
            return
        self._pending.discard(key)
        if image is None:
            return
        if isinstance(image, str):
            self.errors[key] = image
            self.tile_failed.emit(image)
        else:
            self.errors.pop(key, None)
            self._images[key] = (image, arr)
            self._images.move_to_end(key)
            while len(self._images) > MAX_IMAGES:
                self._images.popitem(last=False)
        self.update()

    def wanted_tiles(self) -> list[tuple[int, int, int]]:
        """The (level, col, row) the current view needs at its level."""
        vp, levels = self.viewport, self.handle.levels
        lv_i = vp.level()
        lv = levels[lv_i]
        return [(lv_i, c, r) for c, r in vp.visible_tiles(lv_i, lv.tile_width, lv.tile_height, lv.width, lv.height)]

    def loaded(self) -> bool:
        """Every tile of the current view is on screen (or known to be broken)."""
        return self.handle is not None and all(k in self._images or k in self.errors for k in self.wanted_tiles())

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        try:
            self.paint(p)
        finally:
            p.end()

    def paint(self, p: QPainter) -> None:
        p.fillRect(self.rect(), BACKGROUND)
        if self.handle is None or self.viewport is None:
            if self.message:
                p.setPen(QColor("#e0e0e0"))
                p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, self.message)
            return
        vp = self.viewport
        if (vp.view_width, vp.view_height) != (self.width(), self.height()):
            vp.resize(self.width(), self.height())
        vp.pixel_ratio = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        levels = self.handle.levels
        p.setTransform(QTransform(*vp.matrix()))
        p.setRenderHint(QPainter.SmoothPixmapTransform, vp.zoom < 1.5)
        target = vp.level()
        lt = levels[target]
        complete = all((target, c, r) in self._images for c, r in
                       vp.visible_tiles(target, lt.tile_width, lt.tile_height, lt.width, lt.height))
        if self._overview is not None and not complete:     # stand-ins only while tiles load
            p.drawImage(QRectF(0, 0, *self.handle.info.dimensions), self._overview)
        errors = []
        wanted = []
        for li in range(target if complete else min(target + 2, len(levels) - 1), target - 1, -1):
            lv = levels[li]
            ds = lv.downsample
            margin = 1 if li == target else 0
            for c, r in vp.visible_tiles(li, lv.tile_width, lv.tile_height, lv.width, lv.height, margin):
                key = (li, c, r)
                x, y, w, h = lv.tile_rect(c, r)
                entry = self._images.get(key)
                if entry is not None:
                    self._images.move_to_end(key)
                    p.drawImage(QRectF(x * ds, y * ds, w * ds, h * ds), entry[0])
                elif li == target:
                    if key in self.errors:
                        errors.append((QRectF(x * ds, y * ds, w * ds, h * ds), self.errors[key]))
                    else:
                        wanted.append(key)
        self._wanted = frozenset(wanted)
        for key in wanted:
            self._request(key)
        for rect, _msg in errors:
            p.fillRect(rect, ERROR_FILL)
        p.resetTransform()
        pen = QPen(QColor("#ffb4b4"))
        for rect, msg in errors:
            scr = QTransform(*vp.matrix()).mapRect(rect)
            p.setPen(pen)
            p.drawRect(scr.adjusted(1, 1, -1, -1))
            p.drawLine(scr.topLeft(), scr.bottomRight())
            p.drawText(scr, Qt.AlignCenter | Qt.TextWordWrap,
                       f"{self.tr(ERROR_TEXT)}\n{shown(msg)[:60]}" if msg != ERROR_TEXT else self.tr(ERROR_TEXT))
        if self.layer is not None:
            self.layer.paint(p, vp)
        if self.show_hud:
            self._paint_hud(p)

    def _paint_hud(self, p: QPainter) -> None:
        vp, info = self.viewport, self.handle.info
        p.setRenderHint(QPainter.Antialiasing, False)
        # magnification readout
        mag = vp.magnification(info.objective_power)
        mpp = info.mpp[0] if info.mpp else None
        upp = vp.microns_per_screen_pixel(mpp)
        parts = []
        if mag is not None:
            parts.append(f"{mag:.1f}×")
        if upp is not None:
            parts.append(f"{upp:.2f} µm/px")
        if not parts:
            parts.append(self.tr("zoom {0}").format(f"{vp.zoom:.3g}"))
        if vp.rotation:
            parts.append(self.tr("rotated {0}°").format(vp.rotation))
        text = "  ·  ".join(parts)
        fm = p.fontMetrics()
        box = QRectF(8, 8, fm.horizontalAdvance(text) + 16, fm.height() + 8)
        p.fillRect(box, QColor(0, 0, 0, 160))
        p.setPen(QColor("white"))
        p.drawText(box, Qt.AlignCenter, text)
        # scale bar
        if upp is not None:
            _um, px, label = scale_bar(upp)
            x0, y0 = 16, self.height() - 22
            p.fillRect(QRectF(x0 - 6, y0 - fm.height() - 8, px + 12, fm.height() + 20), QColor(0, 0, 0, 150))
            p.fillRect(QRectF(x0, y0, px, 5), QColor("white"))
            p.drawText(QRectF(x0, y0 - fm.height() - 4, px, fm.height()), Qt.AlignCenter, label)
        self._paint_overview(p)

    def overview_rect(self) -> QRectF | None:
        if self._overview is None:
            return None
        w, h = self.handle.info.dimensions
        s = min(OVERVIEW_MAX[0] / w, OVERVIEW_MAX[1] / h)
        ow, oh = w * s, h * s
        return QRectF(self.width() - ow - 10, 10, ow, oh)

    def _paint_overview(self, p: QPainter) -> None:
        rect = self.overview_rect()
        if rect is None:
            return
        p.fillRect(rect.adjusted(-2, -2, 2, 2), QColor(0, 0, 0, 180))
        p.drawImage(rect, self._overview)
        p.setPen(QPen(QColor(160, 160, 160), 1))     # its edge shows on a dark (fluorescence) slide too
        p.setBrush(Qt.NoBrush)
        p.drawRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5))
        vp = self.viewport
        w, h = self.handle.info.dimensions
        sx, sy = rect.width() / w, rect.height() / h
        corners = [vp.screen_to_slide(x, y) for x, y in ((0, 0), (self.width(), 0), (self.width(), self.height()),
                                                        (0, self.height()))]
        poly = QPolygonF([QPointF(rect.left() + x * sx, rect.top() + y * sy) for x, y in corners])
        p.setPen(QPen(QColor("#ffeb3b"), 1.5))
        p.setBrush(Qt.NoBrush)
        p.save()
        p.setClipRect(rect)
        box = poly.boundingRect()
        if max(box.width(), box.height()) < OVERVIEW_MARK:
            # zoomed in so far the field is a dot in the overview: mark where it is
            c = box.center()
            p.drawRect(QRectF(c.x() - OVERVIEW_MARK / 2, c.y() - OVERVIEW_MARK / 2, OVERVIEW_MARK, OVERVIEW_MARK))
        else:
            p.drawPolygon(poly)
        p.restore()

    # -- interaction --------------------------------------------------------------------------
    def _input(self, method, *args) -> bool:
        """Passes input to the annotation layer. A change that fails (refused, or not saved: the
        hierarchy then keeps memory as it was) ends the gesture and is reported, never raised into
        Qt's event loop."""
        try:
            return method(*args)
        except Exception as exc:      # noqa: BLE001 - reported to the user, the view goes on
            self.layer.abort_input()
            self.input_failed.emit(str(exc) if isinstance(exc, ReviewerError) else
                                   self.tr("The annotation change was not saved ({0}).").format(type(exc).__name__))
            self.update()
            return True

    def _view_moved(self) -> None:
        self.view_changed.emit()
        self.update()

    def resizeEvent(self, event) -> None:
        if self.viewport is not None:
            self.viewport.resize(self.width(), self.height())
        super().resizeEvent(event)

    def wheelEvent(self, event) -> None:
        if self.viewport is None:
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            pos = event.position()
            self.viewport.zoom_by(1.25 ** steps, (pos.x(), pos.y()))
        event.accept()

    def mousePressEvent(self, event) -> None:
        self.setFocus()
        if self.viewport is None:
            return
        pos = event.position()
        ov = self.overview_rect() if self.show_hud else None
        if ov is not None and ov.contains(pos) and event.button() == Qt.LeftButton:
            w, h = self.handle.info.dimensions
            self.viewport.centre_on((pos.x() - ov.left()) / ov.width() * w, (pos.y() - ov.top()) / ov.height() * h)
            return
        if self.layer is not None and self._input(self.layer.mouse_press, event, self.viewport):
            self.update()
            return
        if event.button() in (Qt.LeftButton, Qt.MiddleButton):
            self._drag = pos
            self.setCursor(Qt.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self.viewport is None:
            return
        pos = event.position()
        if self._drag is not None:
            d = pos - self._drag
            self._drag = pos
            self.viewport.pan(d.x(), d.y())
            return
        if self.layer is not None and self._input(self.layer.mouse_move, event, self.viewport):
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is not None:
            self._drag = None
            self.unsetCursor()
            return
        if (self.viewport is not None and self.layer is not None
                and self._input(self.layer.mouse_release, event, self.viewport)):
            self.update()

    def mouseDoubleClickEvent(self, event) -> None:
        if (self.viewport is not None and self.layer is not None
                and self._input(self.layer.mouse_double_click, event, self.viewport)):
            self.update()
            return
        super().mouseDoubleClickEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip and self.layer is not None and self.viewport is not None:
            text = self.layer.tooltip_at(event.pos().x(), event.pos().y(), self.viewport)
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        # Escape/Enter finish or cancel a shape being drawn before any window shortcut takes them
        if (event.type() == QEvent.ShortcutOverride and self.layer is not None
                and self.layer.wants_key(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        vp = self.viewport
        if vp is None:
            return super().keyPressEvent(event)
        if self.layer is not None and self._input(self.layer.key_press, event):
            self.update()
            return
        k = event.key()
        step_x, step_y = self.width() / 4, self.height() / 4
        moves = {Qt.Key_Left: (step_x, 0), Qt.Key_Right: (-step_x, 0), Qt.Key_Up: (0, step_y), Qt.Key_Down: (0, -step_y)}
        if k in moves:
            vp.pan(*moves[k])
        elif k in (Qt.Key_Plus, Qt.Key_Equal):
            vp.zoom_by(1.5)
        elif k == Qt.Key_Minus:
            vp.zoom_by(1 / 1.5)
        elif k == Qt.Key_R and event.modifiers() & Qt.ControlModifier:
            vp.rotate(-1 if event.modifiers() & Qt.ShiftModifier else 1)
        elif k == Qt.Key_0 or k == Qt.Key_Home:
            vp.fit()
        elif k == Qt.Key_K:
            self.snapshot_requested.emit()
        elif k in TOOL_KEYS and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.tool_requested.emit(TOOL_KEYS[k])
        else:
            super().keyPressEvent(event)

    # -- capture ------------------------------------------------------------------------------
    def grab_region(self) -> QImage:
        """The current view with its annotations, without the readouts (for a key image)."""
        image = QImage(self.width(), self.height(), QImage.Format_RGB32)
        p = QPainter(image)
        hud, self.show_hud = self.show_hud, False
        try:
            self.paint(p)
        finally:
            self.show_hud = hud
            p.end()
        return image
