"""The one place errors reach the user: a clear message, never a traceback or patient data."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.errors import ReviewerError
from viewers.i18n import shown

log = logging.getLogger("reviewer.ui")


def message_for(exc: BaseException) -> str:
    if isinstance(exc, ReviewerError):
        # A domain message phrased as Text is shown in the user's language; others as written.
        return shown(exc.args[0]) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
    # Unexpected: log the type only (the text may quote data), tell the user plainly.
    log.error("unexpected error: %s", type(exc).__name__)
    return QCoreApplication.translate("Errors", "Something went wrong ({kind}). Your work is saved; please try again.").format(
        kind=type(exc).__name__)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    QMessageBox.warning(parent, title, message_for(exc))
