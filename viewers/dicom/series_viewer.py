"""A series in one viewport: the slice view with its toolbar, slice slider and load progress.

Loading is progressive: the first decoded slice is shown at once (``show_preview``), the full
stack replaces it when complete (``show_volume``).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMenu, QSlider, QSpinBox, QSplitter, QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from reviewer.imaging.display import CT_PRESETS, Window, auto_window
from reviewer.imaging.viewstate import SliceViewState
from viewers.i18n import shown
from viewers.dicom.mpr_view import MprView
from viewers.dicom.slice_view import SliceView, StackInfo
from viewers.dicom.volume_view import VolumeView
from viewers.dicom.tag_browser import TagBrowser
from viewers.png import png_bytes


def display_window(volume) -> Window:
    """The header's first window, else a CT soft-tissue window, else a robust automatic one."""
    if volume.windows:
        c, w = volume.windows[0]
        return Window(float(c), float(w))
    if volume.stack.modality == "CT":
        return Window(40, 400)
    arr = volume.array
    return auto_window(arr[arr.shape[0] // 2])


def display_pixels(volume) -> np.ndarray:
    """Colour volumes scaled to 8 bits; grey volumes as they are (modality values)."""
    arr = volume.array
    if arr.ndim == 4 and arr.dtype != np.uint8:
        shift = max(0, int(volume.bits) - 8)
        arr = (arr >> shift).astype(np.uint8) if np.issubdtype(arr.dtype, np.integer) else \
            np.clip(arr, 0, 255).astype(np.uint8)
    return arr


def display_state(volume) -> tuple[np.ndarray, SliceViewState]:
    """The pixels to show and a fresh view state (spacing, window, MONOCHROME1 inverted) for a volume."""
    arr = display_pixels(volume)
    g = volume.geometry
    state = SliceViewState(arr.shape[0], arr.shape[1], arr.shape[2], (g.spacing[1], g.spacing[0]),
                           display_window(volume), volume.stack.modality)
    state.invert = bool(volume.monochrome1)
    return arr, state


class SeriesViewer(QWidget):
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("SeriesViewer", "Imaging: tools")
    KEY_HELP = (
        ("L", QT_TRANSLATE_NOOP("SeriesViewer", "Length")),
        ("G", QT_TRANSLATE_NOOP("SeriesViewer", "Angle")),
        ("E", QT_TRANSLATE_NOOP("SeriesViewer", "Ellipse ROI")),
        ("R", QT_TRANSLATE_NOOP("SeriesViewer", "Rectangle ROI")),
        ("W", QT_TRANSLATE_NOOP("SeriesViewer", "Arrow with text")),
        ("K", QT_TRANSLATE_NOOP("SeriesViewer", "Key image: capture this view with its measurements for the report")),
        ("T", QT_TRANSLATE_NOOP("SeriesViewer", "DICOM tags of this image")),
    )

    # PNG bytes of the view with its measurements, and what the report shows beside it
    # (slice index, window, zoom, millimetres per pixel); the case view stores it as a key image.
    key_image_captured = Signal(bytes, dict)
    compare_requested = Signal(object)     # the payload of the chosen "Compare with" entry

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = SliceView(self)
        self.state: SliceViewState | None = None
        self.presets = QComboBox(objectName="windowPresets")
        self.presets.addItem(self.tr("Window: header"))
        self.presets.addItems(list(CT_PRESETS))
        self.presets.setToolTip(self.tr("Window presets (keys 1–8; 0 returns to the header's window)"))
        self.invert = QToolButton(text=self.tr("Invert"), checkable=True, toolTip=self.tr("Invert grey levels (I)"))
        self.fit = QToolButton(text=self.tr("Fit"), toolTip=self.tr("Fit to window (F)"))
        self.one = QToolButton(text="1:1", toolTip=self.tr("One image pixel per screen pixel (O)"))
        self.cine = QToolButton(text=self.tr("▶ Cine"), checkable=True, toolTip=self.tr("Play through the slices (Space)"))
        self.fps = QSpinBox(minimum=1, maximum=60, value=10, suffix=" fps", toolTip=self.tr("Cine speed (+/-)"))
        self.tools: dict[str, QToolButton] = {}
        tools = (("navigate", QT_TRANSLATE_NOOP("SeriesViewer", "Navigate"), "Esc"),
                 ("length", QT_TRANSLATE_NOOP("SeriesViewer", "Length"), "L"),
                 ("angle", QT_TRANSLATE_NOOP("SeriesViewer", "Angle"), "G"),
                 ("ellipse", QT_TRANSLATE_NOOP("SeriesViewer", "Ellipse"), "E"),
                 ("rectangle", QT_TRANSLATE_NOOP("SeriesViewer", "Rectangle"), "R"),
                 ("arrow", QT_TRANSLATE_NOOP("SeriesViewer", "Arrow"), "W"))
        for name, label, key in tools:
            label = self.tr(label)
            b = QToolButton(text=label, checkable=True, toolTip=f"{label} ({key})", objectName=f"tool_{name}")
            b.clicked.connect(lambda _=False, n=name: self.set_tool(n))
            self.tools[name] = b
            if key != "Esc":
                QShortcut(QKeySequence(key), self, activated=lambda n=name: self.set_tool(n))
        self.tools["navigate"].setChecked(True)
        self.key_button = QToolButton(text=self.tr("★ Key image"), objectName="keyImage",
                                      toolTip=self.tr("Capture this view with its measurements into the case, for the report (K)"))
        self.key_button.clicked.connect(self.capture_key_image)
        QShortcut(QKeySequence(Qt.Key_K), self, activated=self.capture_key_image)
        self.compare_button = QToolButton(text=self.tr("Compare ▾"), objectName="compareButton", popupMode=QToolButton.InstantPopup,
                                          toolTip=self.tr("Show another series of the case beside this one, scrolled together"))
        self.compare_menu = QMenu(self.compare_button)
        self.compare_button.setMenu(self.compare_menu)
        self.tags_button = QToolButton(text=self.tr("Tags"), checkable=True, toolTip=self.tr("DICOM tags of this image (T)"))
        self.tags = TagBrowser()
        self.tags.hide()
        self.tag_source = None          # callable(index) -> (title, rows), set by whoever loaded the series
        self.slider = QSlider(Qt.Vertical, objectName="sliceSlider")
        self.slider.setInvertedAppearance(True)
        self.status = QLabel(objectName="seriesStatus")
        # Two rows, so the viewer fits a laptop screen: display controls and status, then the tools.
        display_row, tool_row = QHBoxLayout(), QHBoxLayout()
        for w in (self.presets, self.invert, self.fit, self.one, self.cine, self.fps):
            display_row.addWidget(w)
        display_row.addStretch(1)
        display_row.addWidget(self.status)
        for w in (*self.tools.values(), self.key_button, self.compare_button, self.tags_button):
            tool_row.addWidget(w)
        tool_row.addStretch(1)
        # Toolbar buttons stay out of the Tab chain (as in a QToolBar): each has a key (F1 lists them), so
        # Tab goes from the case's item list straight to the image.
        for b in (self.invert, self.fit, self.one, self.cine, *self.tools.values(), self.key_button,
                  self.compare_button, self.tags_button):
            b.setFocusPolicy(Qt.NoFocus)
        bar = QVBoxLayout()
        bar.setSpacing(2)
        bar.addLayout(display_row)
        bar.addLayout(tool_row)
        image = QWidget()
        body = QHBoxLayout(image)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.view, 1)
        body.addWidget(self.slider)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(image)
        split.addWidget(self.tags)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page2d = QWidget()
        v2d = QVBoxLayout(page2d)
        v2d.setContentsMargins(0, 0, 0, 0)
        v2d.addLayout(bar)
        v2d.addWidget(split, 1)
        # MPR and 3D are built from the loaded volume only when their tab is first shown.
        self.volume = None
        self.mpr = MprView()
        self.vr = VolumeView()
        self._shown: set[str] = set()
        self.tabs = QTabWidget(objectName="imagingTabs")
        self.tabs.addTab(page2d, self.tr("2D"))
        self.tabs.addTab(self.mpr, self.tr("MPR"))
        self.tabs.addTab(self.vr, self.tr("3D"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(Qt.Key_T), self, activated=self.tags_button.toggle)
        self.tags_button.toggled.connect(self._show_tags)
        self.presets.activated.connect(self._preset)
        self.invert.toggled.connect(lambda on: self.state and on != self.state.invert and self.state.toggle_invert())
        self.fit.clicked.connect(lambda: self.state and self.state.fit_to_window())
        self.one.clicked.connect(lambda: self.state and self.state.one_to_one())
        self.cine.toggled.connect(lambda on: self.state and self.state.set_cine(on, self.fps.value()))
        self.fps.valueChanged.connect(lambda v: self.state and self.state.set_cine(self.state.cine_running, v))
        self.slider.valueChanged.connect(lambda v: self.state and self.state.set_index(v))
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for w in (self.presets, self.invert, self.fit, self.one, self.cine, self.fps, self.slider, self.tags_button,
                  self.key_button, *self.tools.values()):
            w.setEnabled(on)
        self.compare_button.setEnabled(on and not self.compare_menu.isEmpty())

    def set_compare_choices(self, choices: list[tuple[str, object]]) -> None:
        """The series this one can be compared with: (menu text, payload for compare_requested)."""
        self.compare_menu.clear()
        for text, payload in choices:
            self.compare_menu.addAction(text, lambda p=payload: self.compare_requested.emit(p))
        self.compare_button.setEnabled(self.state is not None and self.volume is not None and bool(choices))

    def capture_key_image(self) -> None:
        """Emits the 2D view as shown (without the patient lines) for the case to keep."""
        s = self.state
        if s is None or self.volume is None or self.tabs.currentIndex() != 0:
            return
        if self.view.layer is not None:
            self.view.layer.cancel()
        details = {"slice": s.index, "slices": s.slices, "window": [s.window.centre, s.window.width],
                   "invert": s.invert, "zoom": s.zoom, "mm_per_pixel": s.mm_per_screen_pixel()}
        self.key_image_captured.emit(png_bytes(self.view.key_image()), details)

    def set_tool(self, name: str) -> None:
        for n, b in self.tools.items():
            b.setChecked(n == name)
        if self.view.layer is not None:
            self.view.layer.cancel()
            self.view.layer.tool = name
        self.view.setFocus()

    def _tab_changed(self, index: int) -> None:
        name = ("2D", "MPR", "3D")[index]          # the tab order set in __init__; tab texts are translated
        if name == "2D" or name in self._shown or self.volume is None:
            return
        self._shown.add(name)
        vol = self.volume
        if not vol.is_volume or vol.array.ndim != 3:
            why = self.tr("colour images") if vol.array.ndim != 3 else self.tr("a 2D stack ({reason})").format(
                reason=shown(vol.warnings[0].message) if vol.warnings else self.tr("not a volume"))
            (self.mpr if name == "MPR" else self.vr).show_message(
                self.tr("{view} needs a volume; this series is {why}.").format(view=name, why=why))
            return
        if name == "MPR":
            self.mpr.set_from_volume(vol, display_window(vol))
        else:
            self.vr.set_volume(vol.array, vol.geometry.affine_array)

    def _show_tags(self, on: bool) -> None:
        self.tags.setVisible(on)
        if on:
            self._refresh_tags()

    def _refresh_tags(self) -> None:
        if not (self.tags.isVisible() and self.state and self.tag_source):
            return
        try:
            title, rows = self.tag_source(self.state.index)
        except Exception as exc:     # shown in the panel; the image stays usable
            self.tags.show_error(str(exc) if hasattr(exc, "item") else
                                 self.tr("Tags unavailable ({kind})").format(kind=type(exc).__name__))
            return
        self.tags.show_rows(title, rows)

    def _preset(self, i: int) -> None:
        if self.state:
            self.state.preset("Default" if i == 0 else self.presets.itemText(i))
            self.view.setFocus()

    def _state_changed(self, what: str) -> None:
        s = self.state
        if what == "slice":
            if self.slider.value() != s.index:
                self.slider.blockSignals(True)
                self.slider.setValue(s.index)
                self.slider.blockSignals(False)
            self._refresh_tags()
        if what == "window" and self.invert.isChecked() != s.invert:
            self.invert.blockSignals(True)
            self.invert.setChecked(s.invert)
            self.invert.blockSignals(False)
        if what == "cine":
            self.cine.blockSignals(True)
            self.cine.setChecked(s.cine_running)
            self.cine.blockSignals(False)
            self.fps.blockSignals(True)
            self.fps.setValue(int(s.cine_fps))
            self.fps.blockSignals(False)

    # -- what the case view calls -----------------------------------------------------------
    def show_loading(self, title: str) -> None:
        self.clear()
        self.view.show_message(self.tr("Loading {title}…").format(title=title))
        self.status.setText(self.tr("Loading…"))

    def show_preview(self, image: np.ndarray, done: int, total: int, info: StackInfo, window: Window) -> None:
        """The first slice while the rest loads."""
        if self.state is None or self.state.slices != 1:
            rows, cols = image.shape[:2]
            self.state = SliceViewState(1, rows, cols, window=window)
            self.view.set_stack(image[None], self.state, info)
        self.status.setText(self.tr("Loading {done} / {total} images…").format(done=done, total=total))

    def show_volume(self, volume, info: StackInfo, layer=None) -> None:
        arr, self.state = display_state(volume)
        self.state.on_change(self._state_changed)
        self.view.set_stack(arr, self.state, info)
        self.view.set_layer(layer)
        self.set_tool("navigate")
        self.slider.setRange(0, arr.shape[0] - 1)
        self.slider.setValue(self.state.index)
        self.invert.setChecked(self.state.invert)
        self.presets.setCurrentIndex(0)
        self._enable(True)
        self.presets.setEnabled(not volume.array.ndim == 4)
        self.volume = volume
        self._shown.clear()
        if self.tabs.currentIndex() != 0:
            self._tab_changed(self.tabs.currentIndex())
        self._refresh_tags()
        kind = self.tr("volume") if volume.is_volume else self.tr("2D stack")
        self.status.setText(self.tr("{n} images · {cols}×{rows} · {kind}").format(
            n=arr.shape[0], cols=arr.shape[2], rows=arr.shape[1], kind=kind))
        self.view.setFocus()

    def show_error(self, message: str) -> None:
        self.clear()
        self.view.show_message(message)
        self.status.setText(self.tr("Not shown"))

    def clear(self) -> None:
        if self.state:
            self.state.set_cine(False)
        self.state = None
        self.volume = None
        self._shown.clear()
        self.mpr.close_volume()
        self.vr.show_message("")
        self.tag_source = None
        self.tags.show_rows("", [])
        self._enable(False)
        self.view.show_message("")
        self.status.clear()
