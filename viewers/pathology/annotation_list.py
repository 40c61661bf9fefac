"""The list of a slide's annotations (kind, class, length or area, comment) and the editor of the
selected one (class, name, comment, locked), as QuPath's annotation list and "Set properties".

Clicking a row selects the annotation and jumps to it; double-clicking also puts the cursor in its
comment. Every edit goes through the layer to the case's one AnnotationHierarchy, so it is saved
(encrypted, in the workspace database), undoable and shown here again by the change event.
A comment may hold clinical words: it is shown, never logged.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from reviewer.annotations import AnnotationError
from viewers.pathology.annotation_layer import geometry_texts
from viewers.pathology.labels import annotation_title, class_label

MAX_ROWS = 2000     # beyond this the list says how many more there are (a list is not for 10,000 rows)
DRAG_REFRESH_MS = 150
COLUMNS = (QT_TRANSLATE_NOOP("AnnotationList", "Annotation"), QT_TRANSLATE_NOOP("AnnotationList", "Class"),
           QT_TRANSLATE_NOOP("AnnotationList", "Length / area"), QT_TRANSLATE_NOOP("AnnotationList", "Comment"))


def _icon(cls, cache: dict) -> QIcon:
    icon = cache.get(cls)
    if icon is None:
        pm = QPixmap(12, 12)
        pm.fill(QColor(*cls.color))
        icon = cache[cls] = QIcon(pm)
    return icon


class AnnotationList(QWidget):
    jump = Signal(object)          # Annotation
    failed = Signal(str)           # an edit was refused (e.g. it could not be saved): the message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tree = QTreeWidget(objectName="slideAnnotations")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.more = QLabel()
        # the selected annotation's properties
        self.details = QWidget(objectName="slideAnnotationDetails")
        self.heading = QLabel(wordWrap=True)
        self.class_box = QComboBox(objectName="annotationClass")
        self.name_edit = QLineEdit(objectName="annotationName", placeholderText=self.tr("optional"))
        self.comment_edit = QPlainTextEdit(objectName="annotationComment")
        self.comment_edit.setPlaceholderText(self.tr("Saved when you leave the field or press Ctrl+Enter"))
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(90)
        self.locked_box = QCheckBox(self.tr("Locked"))
        self.locked_box.setToolTip(self.tr("A locked shape cannot be moved or edited"))
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow(self.heading)
        form.addRow(self.tr("Class"), self.class_box)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Comment"), self.comment_edit)
        form.addRow(self.locked_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Annotations</b>")))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.details)
        self.layer = None
        self.editing: str | None = None     # id of the annotation the editor shows
        self._rows: list = []               # the annotations the rows show, in order
        self._measured: dict = {}           # id -> (geometry, (full, compact) texts)
        self._icons: dict = {}              # class -> its colour swatch
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self.refresh)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.class_box.activated.connect(self._class_chosen)
        self.name_edit.editingFinished.connect(self.commit_name)
        self.locked_box.clicked.connect(self._locked_clicked)
        self.comment_edit.installEventFilter(self)
        self.name_edit.installEventFilter(self)
        self.tree.installEventFilter(self)
        self._show_details(None)

    def set_layer(self, layer) -> None:
        self.commit_comment()
        self.layer = layer
        self.class_box.clear()
        self.class_box.addItem(self.tr("No class"), None)
        icons: dict = {}
        for cls in (layer.classes if layer is not None else ()):
            self.class_box.addItem(_icon(cls, icons), class_label(cls.name), cls)
        self.editing = None
        self._rows, self._measured = [], {}
        self.refresh()

    def schedule(self) -> None:
        """Refreshes soon: at the next turn of the event loop, or, during a drag (every mouse move
        is a change), at most every DRAG_REFRESH_MS, so dragging stays smooth with a long list."""
        if self.layer is not None and self.layer.hierarchy.in_batch:
            if not self._timer.isActive():
                self._timer.start(DRAG_REFRESH_MS)
            return
        self._timer.start(0)

    def texts(self, a) -> tuple[str, str]:
        """(full, compact) length or area of ``a``, measured once per shape (a list of 2,000
        polygons would otherwise measure them all again on every click)."""
        hit = self._measured.get(a.id)
        if hit is None or hit[0] is not a.geometry:
            hit = self._measured[a.id] = (a.geometry, geometry_texts(a.geometry, self.layer.px))
        return hit[1]

    def refresh(self) -> None:
        if self.layer is None:
            self.tree.clear()
            self._rows, self._measured = [], {}
            self.more.clear()
            self._show_details(None)
            return
        annotations = self.layer.annotations()
        rows = annotations[:MAX_ROWS]
        if len(rows) != len(self._rows) or any(a.id != b.id for a, b in zip(rows, self._rows)):
            self._rebuild(rows)
        else:                          # the same annotations: only the changed rows are redone
            for i, (a, b) in enumerate(zip(rows, self._rows)):
                if a is not b:
                    self._fill(self.tree.topLevelItem(i), a)
            self._rows = list(rows)
        selected = self.layer.hierarchy.selection
        current = next((i for i, a in enumerate(rows) if a.id in selected), None)
        if current is not None:
            item = self.tree.topLevelItem(current)
            if self.tree.currentItem() is not item:
                self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        else:
            self.tree.clearSelection()
        extra = len(annotations) - MAX_ROWS
        self.more.setText(self.tr("… and {0} more").format(extra) if extra > 0
                          else self.tr("{0} on this slide").format(len(annotations)))
        mine = [a for a in self.layer.hierarchy.selected() if a.target == self.layer.target]
        self._show_details(mine[0] if len(mine) == 1 else None)

    def _rebuild(self, rows) -> None:
        """The rows again (only when an annotation was added, removed or changed: a selection
        alone keeps them)."""
        self.tree.clear()
        live = {a.id for a in rows}
        self._measured = {k: v for k, v in self._measured.items() if k in live}
        items = []
        for a in rows:
            item = QTreeWidgetItem()
            self._fill(item, a)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._rows = list(rows)

    def _fill(self, item: QTreeWidgetItem, a) -> None:
        cls = a.classification
        full, compact = self.texts(a)
        comment = a.comment.strip().splitlines()[0] if a.comment.strip() else ""
        for col, text in enumerate((annotation_title(a), class_label(cls.name) if cls else "—", compact, comment)):
            item.setText(col, text)
        item.setData(0, Qt.UserRole, a.id)
        item.setToolTip(2, full)
        item.setToolTip(3, a.comment)
        item.setIcon(1, _icon(cls, self._icons) if cls is not None else QIcon())

    # -- the editor ---------------------------------------------------------------------------
    def _show_details(self, a) -> None:
        """Shows ``a``'s properties (None: nothing or several selected). Text being typed into the
        comment of the annotation already shown is left alone."""
        if a is None or self.editing != a.id:
            self.commit_comment()
        same = a is not None and self.editing == a.id
        self.editing = a.id if a is not None else None
        self.details.setEnabled(a is not None)
        if a is None:
            self.heading.setText(self.tr("Select an annotation to edit its class and comment."))
            self.class_box.setCurrentIndex(0)
            self.name_edit.clear()
            self.comment_edit.clear()
            self.locked_box.setChecked(False)
            return
        m = self.texts(a)[0]
        self.heading.setText(f"<b>{annotation_title(a)}</b>" + (f" · {m}" if m else ""))
        self.class_box.setCurrentIndex(next((i for i in range(self.class_box.count())
                                             if self.class_box.itemData(i) == a.classification), 0))
        if not (same and self.name_edit.hasFocus()):
            self.name_edit.setText(a.name)
        if not (same and self.comment_edit.hasFocus()):
            self.comment_edit.setPlainText(a.comment)
        self.locked_box.setChecked(a.locked)

    def _current(self):
        if self.layer is None or self.editing is None or self.editing not in self.layer.hierarchy:
            return None
        return self.layer.hierarchy.get(self.editing)

    def _edit(self, **fields) -> None:
        a = self._current()
        if a is None:
            return
        try:
            self.layer.edit(a.id, **fields)
        except AnnotationError as exc:
            self.failed.emit(str(exc))
            self.schedule()

    def commit_comment(self) -> None:
        a = self._current()
        if a is not None and self.comment_edit.toPlainText() != a.comment:
            self._edit(comment=self.comment_edit.toPlainText())

    def commit_name(self) -> None:
        a = self._current()
        if a is not None and self.name_edit.text().strip() != a.name:
            self._edit(name=self.name_edit.text().strip())

    def _class_chosen(self, index: int) -> None:
        self._edit(classification=self.class_box.itemData(index))

    def _locked_clicked(self, checked: bool) -> None:
        self._edit(locked=checked)

    def eventFilter(self, obj, event) -> bool:
        typing = obj is self.comment_edit or obj is self.name_edit
        if typing and event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress) and event.key() == Qt.Key_Escape:
            # Escape while typing puts the saved text back (it does not leave the case)
            a = self._current()
            if event.type() == QEvent.KeyPress and a is not None:
                if obj is self.comment_edit:
                    self.comment_edit.setPlainText(a.comment)
                else:
                    self.name_edit.setText(a.name)
            event.accept()
            return True
        if obj is self.tree and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            if self.layer is not None:
                self.layer.delete_selected()
            return True
        if obj is self.comment_edit:
            if event.type() == QEvent.FocusOut:
                self.commit_comment()
            elif (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                  and event.modifiers() & Qt.ControlModifier):
                self.commit_comment()
                return True
            elif event.type() == QEvent.ShortcutOverride and (
                    event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)):
                # while typing, Ctrl+Z undoes typing, not the last annotation change
                event.accept()
        return super().eventFilter(obj, event)

    # -- rows ---------------------------------------------------------------------------------
    def _clicked(self, item, _column=0) -> None:
        if self.layer is None:
            return
        aid = item.data(0, Qt.UserRole)
        if aid in self.layer.hierarchy:
            self.commit_comment()
            self.layer.hierarchy.select(aid)
            self.jump.emit(self.layer.hierarchy.get(aid))

    def _double_clicked(self, item, _column=0) -> None:
        self._clicked(item)
        self.refresh()
        self.comment_edit.setFocus()
        self.comment_edit.moveCursor(self.comment_edit.textCursor().MoveOperation.End)
