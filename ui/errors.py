"""The one place errors reach the user: a clear message, never a traceback or patient data."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.errors import ReviewerError

log = logging.getLogger("reviewer.ui")


def message_for(exc: BaseException) -> str:
    if isinstance(exc, ReviewerError):
        return str(exc)
    # Unexpected: log the type only (the text may quote data), tell the user plainly.
    log.error("unexpected error: %s", type(exc).__name__)
    return QCoreApplication.translate("Errors", "Something went wrong ({kind}). Your work is saved; please try again.").format(
        kind=type(exc).__name__)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    QMessageBox.warning(parent, title, message_for(exc))
