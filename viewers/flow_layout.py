"""A layout that lays its widgets out left to right and wraps them onto the next row when the width runs
out (Qt's flow layout example).

Why: a row of tool buttons has a minimum width of all its buttons together; beside the case list and the
opinion editor that pushed the window wider than a 1440-pixel screen. Wrapping needs only the widest
button, so the viewer shrinks and the row grows a line instead.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy


class FlowLayout(QLayout):
    def __init__(self, parent=None, spacing: int = -1):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ------------------------------------------------------------------------------------
    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientations:
        return Qt.Orientations(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one row, as wide as they like."""
        w = h = 0
        for item in self._visible():
            hint = item.sizeHint()
            w += hint.width() + (self._gap(item, Qt.Horizontal) if w else 0)
            h = max(h, hint.height())
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item: everything else can wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- layout -------------------------------------------------------------------------------------
    def _visible(self):
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _gap(self, item, orientation) -> int:
        if self._spacing >= 0:
            return self._spacing
        w = item.widget()
        if w is None:
            return 6
        return max(0, w.style().layoutSpacing(QSizePolicy.ToolButton, QSizePolicy.ToolButton, orientation)) or 6

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_h = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            gap_x, gap_y = self._gap(item, Qt.Horizontal), self._gap(item, Qt.Vertical)
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_h = area.x(), y + row_h + gap_y, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap_x
            row_h = max(row_h, hint.height())
        return y + row_h - rect.y() + m.bottom()


__all__ = ["FlowLayout"]
