"""The list of a slide's annotations: kind, class, length or area; clicking one selects it and jumps to it."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from viewers.pathology.annotation_layer import measurement_text

MAX_ROWS = 2000     # beyond this the list says how many more there are (a list is not for 10,000 rows)


class AnnotationList(QWidget):
    jump = Signal(object)          # Annotation

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tree = QTreeWidget(objectName="slideAnnotations")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Annotation", "Class", "Length / area"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.more = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Annotations</b>"))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.more)
        self.layer = None
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self.refresh)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)

    def set_layer(self, layer) -> None:
        self.layer = layer
        self.refresh()

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        self.tree.clear()
        if self.layer is None:
            self.more.clear()
            return
        annotations = self.layer.annotations()
        selected = self.layer.hierarchy.selection
        icons: dict = {}
        current = None
        for a in annotations[:MAX_ROWS]:
            cls = a.classification
            item = QTreeWidgetItem(self.tree, [a.name or a.kind.value.capitalize(), cls.name if cls else "—",
                                               measurement_text(a, self.layer.px)])
            item.setData(0, Qt.UserRole, a.id)
            if cls is not None:
                if cls not in icons:
                    pm = QPixmap(12, 12)
                    pm.fill(QColor(*cls.color))
                    icons[cls] = QIcon(pm)
                item.setIcon(1, icons[cls])
            if a.id in selected:
                current = item
        if current is not None:
            self.tree.setCurrentItem(current)
        extra = len(annotations) - MAX_ROWS
        self.more.setText(f"… and {extra} more" if extra > 0 else f"{len(annotations)} on this slide")

    def _clicked(self, item, _column=0) -> None:
        if self.layer is None:
            return
        aid = item.data(0, Qt.UserRole)
        if aid in self.layer.hierarchy:
            self.layer.hierarchy.select(aid)
            self.jump.emit(self.layer.hierarchy.get(aid))
