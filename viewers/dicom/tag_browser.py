"""DICOM tag browser: one instance's header as an expandable tree with search."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reviewer.imaging.tags import TagRow, filter_rows


class TagBrowser(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[TagRow] = []
        self.title = QLabel(objectName="tagTitle")
        self.search = QLineEdit(placeholderText=self.tr("Search tags: keyword, (gggg,eeee), value…"), clearButtonEnabled=True)
        self.tree = QTreeWidget(objectName="tagTree")
        self.tree.setHeaderLabels([self.tr("Tag"), self.tr("Keyword"), self.tr("VR"), self.tr("Value")])
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.search, self.tree):
            layout.addWidget(w)
        self.search.textChanged.connect(lambda _: self._fill())

    def show_rows(self, title: str, rows: list[TagRow]) -> None:
        self.title.setText(title)
        self.rows = rows
        self._fill()

    def show_error(self, message: str) -> None:
        self.rows = []
        self.tree.clear()
        self.title.setText(message)

    def _fill(self) -> None:
        self.tree.clear()
        query = self.search.text()
        rows = filter_rows(self.rows, query)

        def add(parent, row: TagRow) -> None:
            item = QTreeWidgetItem(parent, [row.tag, row.keyword, row.vr, row.value])
            for child in row.children:
                add(item, child)
            if query and row.children:
                item.setExpanded(True)
        for r in rows:
            add(self.tree, r)
        for c in range(3):
            self.tree.resizeColumnToContents(c)
