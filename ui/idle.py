"""Idle auto-lock: user input anywhere resets the clock; a timer locks when the session is idle."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from reviewer.session import Session

ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin}


class IdleLock(QObject):
    def __init__(self, session: Session, check_ms: int = 5000, parent=None):
        super().__init__(parent)
        self.session = session
        self.timer = QTimer(self, interval=check_ms)
        self.timer.timeout.connect(self.session.lock_if_idle)
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        if event.type() in ACTIVITY:
            self.session.touch()
        return False
