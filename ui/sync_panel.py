"""The sync panel under the worklist and the sync badge in the status bar.

It draws what ``SyncController.state()`` returns (reviewer.sync.dashboard computes it): online or
offline and the last sync, a progress bar per case being fetched (bytes, files, ETA), the outbox
with each item's state, and "Sync now" / "Cancel". Not set up: it says how to set it up.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from reviewer.sync.dashboard import OUTBOX_STATE_LABELS, CaseRow, OutboxRow, PanelState
from ui.sync_controller import SyncController
from viewers.i18n import shown

STATE_COLOURS = {"waiting": "#b25e00", "submitted": "#1b7f3b", "refused": "#b3261e",
                 "failed": "#b3261e", "done": "#1b7f3b"}
ONLINE_COLOURS = {True: "#1b7f3b", False: "#b3261e", None: "#6b6b6b"}
PANEL_HEIGHT = 210


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), objectName=name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.NoSelection)
    t.setFocusPolicy(Qt.NoFocus)
    t.setWordWrap(False)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(24)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeToContents)
    h.setSectionResizeMode(len(headers) - 1, QHeaderView.Stretch)
    return t


class SyncPanel(QFrame):
    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent, objectName="syncPanel")
        self.controller = controller
        self.setFrameShape(QFrame.StyledPanel)
        self.setMaximumHeight(PANEL_HEIGHT)
        self.sync_action = QAction(self.tr("&Sync now"), self, shortcut=QKeySequence("F5"),
                                   triggered=controller.sync_now)
        self.sync_action.setShortcutContext(Qt.WindowShortcut)
        self.sync_action.setToolTip(self.tr("Pull new assignments and send the outbox (F5)"))
        self.cancel_action = QAction(self.tr("Cancel"), self, triggered=controller.cancel)
        self.cancel_action.setToolTip(self.tr("Stop the sync; what was fetched is kept for the next one"))
        self.sync_button = QToolButton(objectName="syncNow")
        self.sync_button.setDefaultAction(self.sync_action)
        self.cancel_button = QToolButton(objectName="syncCancel")
        self.cancel_button.setDefaultAction(self.cancel_action)
        self.headline = QLabel(objectName="syncHeadline")
        self.headline.setTextFormat(Qt.RichText)
        self.error = QLabel(objectName="syncError", wordWrap=True)
        self.error.setStyleSheet("color: #b3261e")
        self.hint = QLabel(objectName="syncSetupHint", wordWrap=True)
        self.hint.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.cases = _table([self.tr("Case"), self.tr("Progress"), self.tr("State"), self.tr("Detail")], "syncCases")
        self.cases.horizontalHeader().setSectionResizeMode(1, QHeaderView.Fixed)
        self.cases.setColumnWidth(1, 180)
        self.no_cases = QLabel(self.tr("No case is being fetched."), objectName="syncNoCases")
        self.outbox = _table([self.tr("Case"), self.tr("Item"), self.tr("State"), self.tr("Detail")], "syncOutbox")
        self.no_outbox = QLabel(self.tr("The outbox is empty: signed reports wait here until the platform "
                                        "acknowledges them."), objectName="syncNoOutbox", wordWrap=True)
        self.badge = QLabel(objectName="syncBadge")
        self.badge.setTextFormat(Qt.RichText)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Sync</b>")))
        top.addWidget(self.headline, 1)
        top.addWidget(self.sync_button)
        top.addWidget(self.cancel_button)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Cases being fetched</b>")))
        left.addWidget(self.hint)
        left.addWidget(self.no_cases)
        left.addWidget(self.cases, 100)
        left.addStretch(1)                  # takes the room while the table is hidden
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Outbox</b>")))
        right.addWidget(self.no_outbox)
        right.addWidget(self.outbox, 100)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(body, 1)
        controller.changed.connect(self.refresh)
        controller.failed.connect(self.refresh)
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------------
    def refresh(self, *_) -> None:
        try:
            state = self.controller.state()
        except Exception:          # noqa: BLE001 - a panel never breaks the window; the run reports errors
            state = None
        running = self.controller.running
        self.sync_action.setEnabled(state is not None and state.configured and not running)
        self.cancel_action.setEnabled(running)
        self.cancel_button.setVisible(running)
        if state is None:
            self._clear()
            return
        colour = ONLINE_COLOURS[state.online] if state.configured else ONLINE_COLOURS[None]
        dot = f'<span style="color:{colour}">●</span> '
        self.headline.setText(dot + _escape(state.headline))
        self.badge.setText(dot + _escape(state.badge))
        self.badge.setToolTip(state.headline)
        self.error.setText(self.controller.last_error)
        self.error.setVisible(bool(self.controller.last_error))
        self.hint.setText(state.setup_hint)
        self.hint.setVisible(not state.configured)
        self._fill_cases(state.cases)
        self.no_cases.setVisible(state.configured and not state.cases)
        self.cases.setVisible(bool(state.cases))
        self._fill_outbox(state.outbox)
        self.no_outbox.setVisible(not state.outbox)
        self.outbox.setVisible(bool(state.outbox))

    def _clear(self) -> None:
        """Locked: nothing about any case stays on screen."""
        self.headline.setText(self.tr("Locked"))
        self.badge.setText("")
        self.error.hide()
        self.hint.hide()
        self.cases.setRowCount(0)
        self.outbox.setRowCount(0)

    def _fill_cases(self, rows: list[CaseRow]) -> None:
        t = self.cases
        if t.rowCount() != len(rows):
            t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            _set(t, i, 0, r.platform_case_id)
            bar = t.cellWidget(i, 1)
            if not isinstance(bar, QProgressBar):
                bar = QProgressBar()
                bar.setRange(0, 1000)
                bar.setTextVisible(True)
                t.setCellWidget(i, 1, bar)
            if r.fraction is None:
                bar.setRange(0, 0)                  # busy: the total is not known yet
            else:
                bar.setRange(0, 1000)
                bar.setValue(int(1000 * r.fraction))
                bar.setFormat(f"{100 * r.fraction:.0f} %")
            _set(t, i, 2, r.label, STATE_COLOURS.get(r.state))
            _set(t, i, 3, r.detail)

    def _fill_outbox(self, rows: list[OutboxRow]) -> None:
        t = self.outbox
        t.setRowCount(len(rows))
        for i, r in enumerate(reversed(rows)):      # newest first
            _set(t, i, 0, r.platform_case_id)
            _set(t, i, 1, r.what)
            _set(t, i, 2, shown(OUTBOX_STATE_LABELS.get(r.state, r.state)), STATE_COLOURS.get(r.state))
            _set(t, i, 3, r.detail)


def _set(table: QTableWidget, row: int, col: int, text: str, colour: str | None = None) -> None:
    item = table.item(row, col)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, col, item)
    if item.text() != text:
        item.setText(text)
        item.setToolTip(text)
    item.setForeground(QBrush(QColor(colour)) if colour else QBrush())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
