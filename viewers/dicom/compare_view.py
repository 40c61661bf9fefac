"""Two series side by side (prior | current) with scrolling linked by patient position.

Each pane is a full SliceView (window, zoom, pan, presets, cine). Scrolling either pane moves the
other to the slice at the same position along the normal (``reviewer.imaging.compare.SliceLink``);
"Sync here" declares that the two slices on screen show the same anatomy, which sets the offset
for studies whose frames of reference differ. Window/level can be linked for same-modality pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from reviewer.imaging.compare import SliceLink
from reviewer.imaging.viewstate import SliceViewState
from viewers.dicom.slice_view import SliceView, StackInfo


@dataclass
class PaneContent:
    title: str                      # e.g. "Prior · 2026-04-12 · MR AX T2 FLAIR"
    pixels: np.ndarray
    state: SliceViewState
    info: StackInfo


class ComparePane(QWidget):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.title = QLabel(objectName=f"compareTitle_{name}", alignment=Qt.AlignCenter)
        self.title.setStyleSheet("font-weight: bold; padding: 2px;")
        self.view = SliceView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def show_content(self, content: PaneContent) -> None:
        self.title.setText(content.title)
        self.view.set_stack(content.pixels, content.state, content.info)


class CompareView(QWidget):
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("CompareView", "Imaging: compare")
    KEY_HELP = (
        ("S", QT_TRANSLATE_NOOP("CompareView", "Link scrolling on / off")),
        ("Y", QT_TRANSLATE_NOOP("CompareView", "Sync here: align the two series at these slices")),
    )

    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.left, self.right = ComparePane("left"), ComparePane("right")
        self.link_box = QCheckBox(self.tr("Link scrolling"), objectName="compareLink", checked=True,
                                  toolTip=self.tr("Scroll both series together by patient position (S toggles)"))
        self.window_box = QCheckBox(self.tr("Link window"), objectName="compareWindow", checked=True,
                                    toolTip=self.tr("Apply a window/level change to both series"))
        self.sync_button = QPushButton(self.tr("Sync here"), objectName="compareSync",
                                       toolTip=self.tr("The two slices on screen show the same anatomy: link from here (Y)"))
        self.close_button = QPushButton(self.tr("Close compare"), objectName="compareClose")
        self.status = QLabel(objectName="compareStatus")
        bar = QHBoxLayout()
        for w in (self.link_box, self.sync_button, self.window_box):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.close_button)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.left)
        split.addWidget(self.right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.link: SliceLink | None = None
        self._why_not = ""
        self._syncing = False
        self.sync_button.clicked.connect(self.sync_here)
        self.close_button.clicked.connect(self.closed)
        self.link_box.toggled.connect(lambda on: (self._follow("left") if on else None, self._show_status()))
        QShortcut(QKeySequence(Qt.Key_S), self, activated=self.link_box.toggle)
        QShortcut(QKeySequence(Qt.Key_Y), self, activated=self.sync_here)

    @property
    def states(self) -> tuple[SliceViewState | None, SliceViewState | None]:
        return self.left.view.state, self.right.view.state

    def show_pair(self, left: PaneContent, right: PaneContent, link: SliceLink | None, why_not: str = "") -> None:
        """``link`` maps left (A) to right (B); None with ``why_not`` when the two cannot be linked."""
        self.link = link
        self.left.show_content(left)
        self.right.show_content(right)
        left.state.on_change(lambda what: self._changed("left", what))
        right.state.on_change(lambda what: self._changed("right", what))
        self.link_box.setEnabled(link is not None)
        self.sync_button.setEnabled(link is not None)
        self.link_box.setChecked(link is not None)
        self.link_box.setToolTip(why_not or self.link_box.toolTip())
        self.window_box.setChecked(left.state.modality == right.state.modality)
        self._why_not = why_not
        self._follow("right")      # the prior follows the current study's opening slice
        self._show_status()
        self.right.view.setFocus()

    def clear(self) -> None:
        self.link = None
        self.left.view.show_message("")
        self.right.view.show_message("")
        self.status.clear()

    # -- linking ---------------------------------------------------------------------------
    def _changed(self, side: str, what: str) -> None:
        if self._syncing:
            return
        if what == "slice" and self.link is not None and self.link_box.isChecked():
            self._follow(side)
        elif what == "window" and self.window_box.isChecked():
            src, dst = (self.left, self.right) if side == "left" else (self.right, self.left)
            self._syncing = True
            try:
                dst.view.state.set_window(src.view.state.window)
            finally:
                self._syncing = False
        self._show_status()

    def _follow(self, leader: str) -> None:
        """Moves the other pane to the slice at the leader's position."""
        a, b = self.states
        if self.link is None or a is None or b is None or not self.link_box.isChecked():
            return
        self._syncing = True
        try:
            if leader == "left":
                b.set_index(self.link.b_for_a(a.index).index)
            else:
                a.set_index(self.link.a_for_b(b.index).index)
        finally:
            self._syncing = False

    def sync_here(self) -> None:
        a, b = self.states
        if self.link is None or a is None or b is None:
            return
        self.link.sync_here(a.index, b.index)
        self.link_box.setChecked(True)
        self._show_status()

    def _show_status(self) -> None:
        a, b = self.states
        if a is None or b is None:
            return
        if self.link is None:
            self.status.setText(self.tr("Not linked: {reason}").format(reason=self._why_not))
        elif not self.link_box.isChecked():
            self.status.setText(self.tr("Scrolling separately"))
        else:
            here = self.link.b_for_a(a.index)
            where = self.tr("beyond the other series") if here.outside else f"Δ {here.distance_mm:.1f} mm"
            self.status.setText(self.tr("Linked by position · offset {offset} mm · {where}").format(
                offset=f"{self.link.offset_mm:+.1f}", where=where))
