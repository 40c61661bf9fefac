"""The worklist: every assigned case with its patient, question, priority and time left."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from reviewer import worklist
from reviewer.model import CaseSummary
from ui.i18n import language

URGENCY_COLOURS = {"overdue": "#b3261e", "soon": "#b25e00"}
PRIORITY_COLOURS = {"stat": "#b3261e", "asap": "#b3261e", "urgent": "#b25e00"}
SORT_ROLE = Qt.UserRole + 1
NEW_BACKGROUND = "#fff1b8"         # rows of assignments that arrived with the last sync


class WorklistModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.cases: list[CaseSummary] = []
        self.now = datetime.now(timezone.utc)
        self.lang = language()
        self.highlighted: set[str] = set()

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self.cases = list(cases)
        self.now = datetime.now(timezone.utc)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(worklist.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return QCoreApplication.translate("Worklist", worklist.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        case = self.cases[index.row()]
        col = index.column()
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return worklist.cell_text(case, col, self.now, self.lang)
        if role == SORT_ROLE:
            return worklist.sort_key(case, col)
        if role == Qt.BackgroundRole and case.id in self.highlighted:
            return QBrush(QColor(NEW_BACKGROUND))
        if role == Qt.ForegroundRole:
            if col == 5:
                colour = URGENCY_COLOURS.get(worklist.time_left(case.due, self.now)[1])
                return QBrush(QColor(colour)) if colour else None
            if col == 4 and case.priority in PRIORITY_COLOURS:
                return QBrush(QColor(PRIORITY_COLOURS[case.priority]))
        if role == Qt.FontRole and col in (1, 4) and case.priority in ("stat", "asap"):
            f = QFont()
            f.setBold(True)
            return f
        return None


class WorklistFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.status = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent) -> bool:
        model: WorklistModel = self.sourceModel()
        case = model.cases[row]
        if self.status and case.status != self.status:
            return False
        return worklist.matches(case, self.text, model.now, model.lang)

    def lessThan(self, left, right) -> bool:
        return self.sourceModel().data(left, SORT_ROLE) < self.sourceModel().data(right, SORT_ROLE)


class WorklistView(QWidget):
    open_case = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = WorklistModel(self)
        self.proxy = WorklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText=self.tr("Filter cases: patient, case id, question, specialty…  (Ctrl+F)"),
                                clearButtonEnabled=True, objectName="worklistFilter")
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(self.tr("All statuses"), "")
        for s in worklist.STATUSES:
            self.status.addItem(worklist.status_text(s, self.model.lang), s)
        self.count = QLabel(objectName="worklistCount")
        self.table = QTableView(objectName="worklistTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>" + self.tr("Worklist") + "</b>"))
        top.addWidget(self.filter, 1)
        top.addWidget(self.status)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.filter.textChanged.connect(self._filter_changed)
        self.status.currentIndexChanged.connect(lambda _: self._status_changed())
        self.table.activated.connect(self._activated)

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.model.set_cases(cases)
        self._update_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def clear(self) -> None:
        self.filter.clear()
        self.highlight(set())
        self.set_cases([])

    def highlight(self, case_ids: set[str]) -> None:
        """Marks rows (new assignments) until the next call, and scrolls the first of them into view
        (the selection stays: a selected row would hide the mark)."""
        self.model.highlighted = set(case_ids)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.cases[self.proxy.mapToSource(index).row()].id in self.model.highlighted:
                self.table.scrollTo(index)
                break

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _status_changed(self) -> None:
        self.proxy.set_status(self.status.currentData())
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("{shown} of {total} cases").format(shown=self.proxy.rowCount(),
                                                                      total=self.model.rowCount()))

    def _activated(self, index) -> None:
        self.open_case.emit(self.model.cases[self.proxy.mapToSource(index).row()].id)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._activated(rows[0])
