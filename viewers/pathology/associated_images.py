"""The slide's associated images (label, macro, thumbnail) in a window of the app.

Why a window and nothing else: a slide label can carry the patient's name and number, so these
images only ever exist as in-memory QImages here. There is no save, copy or drag, nothing is
logged, and the window closes with the slide (``SlideViewer.clear``: case closed, workspace
locked). The arrays are read by the caller, off the GUI thread; this only shows them.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

ORDER = ("label", "macro", "thumbnail")


def _image(arr: np.ndarray) -> QImage:
    """A QImage that owns a copy of ``arr`` (RGB uint8), so the array can go."""
    arr = np.ascontiguousarray(arr[:, :, :3])
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, arr.strides[0], QImage.Format_RGB888).copy()


class ImagePane(QWidget):
    """One image scaled to fit, aspect kept, centred on a dark ground."""

    def __init__(self, image: QImage, parent=None):
        super().__init__(parent)
        self.image = image
        self.setMinimumSize(160, 120)

    def sizeHint(self) -> QSize:
        s = self.image.size()
        scale = min(1.0, 360 / max(1, s.width()), 300 / max(1, s.height()))
        return QSize(max(160, int(s.width() * scale)), max(120, int(s.height() * scale)))

    def drawn_rect(self) -> QRectF:
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / max(1, iw), self.height() / max(1, ih))
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#1e1f22"))
        p.setRenderHint(QPainter.SmoothPixmapTransform, True)
        p.drawImage(self.drawn_rect(), self.image)
        p.end()


class AssociatedImagesDialog(QDialog):
    """Shows ``{name: RGB array}`` side by side, each with its name and size in pixels;
    ``failed`` maps a name to why it could not be read."""

    def __init__(self, title: str, images: dict[str, np.ndarray], failed: dict[str, str] | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("slideAssociatedImages")
        self.setWindowTitle(self.tr("Label, macro and thumbnail — {0}").format(title))
        self.panes: dict[str, ImagePane] = {}
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = {"label": self.tr("Label"), "macro": self.tr("Macro (whole glass)"),
                 "thumbnail": self.tr("Thumbnail")}
        failed = failed or {}
        column = 0
        for name in sorted(set(images) | set(failed), key=lambda n: (ORDER.index(n) if n in ORDER else 9, n)):
            if name in images:
                arr = images[name]
                pane = self.panes[name] = ImagePane(_image(arr))
                h, w = arr.shape[:2]
                caption = self.tr("{0} · {1} × {2} px").format(names.get(name, name), w, h)
            else:
                pane = QLabel(self.tr("Not readable: {0}").format(failed[name]), wordWrap=True,
                              alignment=Qt.AlignCenter)
                caption = names.get(name, name)
            label = self.captions[name] = QLabel(caption, alignment=Qt.AlignCenter)
            grid.addWidget(pane, 0, column)
            grid.addWidget(label, 1, column)
            grid.setColumnStretch(column, 1)
            column += 1
        layout = QVBoxLayout(self)
        if column == 0:
            layout.addWidget(QLabel(self.tr("This slide file holds no label, macro or thumbnail image.")))
        layout.addLayout(grid, 1)
        note = QLabel(self.tr("A label can show patient details: these images stay inside the app "
                              "(they are not saved or exported)."), wordWrap=True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        self.resize(min(1200, 40 + 380 * max(1, column)), 420)
