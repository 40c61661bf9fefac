"""One key image of the case: the picture, its caption (edited in place, saved on Enter or when
focus leaves) and a remove button. The case view shows it when a key image is selected."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import language


class KeyImagePanel(QWidget):
    caption_edited = Signal(str, str)     # key image id, caption
    remove_requested = Signal(str)        # key image id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.key_image_id: str | None = None
        self.picture = QLabel(alignment=Qt.AlignCenter, objectName="keyImagePicture")
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.picture)
        self.caption = QLineEdit(objectName="keyImageCaption", placeholderText=self.tr("Caption for the report"))
        self.info = QLabel(objectName="keyImageInfo")
        self.remove = QPushButton(self.tr("Remove from the case"), objectName="keyImageRemove")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Caption:")))
        row.addWidget(self.caption, 1)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.addWidget(self.info)
        self.caption.editingFinished.connect(self._caption_done)
        self.remove.clicked.connect(lambda: self.key_image_id and self.remove_requested.emit(self.key_image_id))
        self._saved_caption = ""

    def show_key_image(self, key_image, pixmap: QPixmap) -> None:
        self.key_image_id = key_image.id
        self.picture.setPixmap(pixmap)
        self._saved_caption = key_image.caption
        self.caption.setText(key_image.caption)
        scale = (" · " + self.tr("{mm} mm per pixel").format(mm=f"{key_image.pixel_spacing_mm:.3g}")
                 if key_image.pixel_spacing_mm else "")
        self.info.setText(f"{key_image.width}×{key_image.height} px{scale} · " + self.tr(
            "captured {when} · kept encrypted in the case").format(when=language().datetime(key_image.created.astimezone())))

    def _caption_done(self) -> None:
        text = self.caption.text().strip()
        if self.key_image_id and text != self._saved_caption:
            self._saved_caption = text
            self.caption_edited.emit(self.key_image_id, text)
