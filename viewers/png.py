"""QImage → PNG bytes in memory (QBuffer): a key image is never written to disk in the clear."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("The view could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())
