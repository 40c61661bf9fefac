"""The current language for domain text shown by widgets: Qt's translator and the locale's date order."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from reviewer.i18n import Language, render

__all__ = ["language", "render", "shown"]


def language() -> Language:
    if QLocale().language() == QLocale.Japanese:
        return Language(QCoreApplication.translate, "%Y/%m/%d", "%Y/%m/%d %H:%M")
    return Language(QCoreApplication.translate)


def shown(value: str) -> str:
    """A domain string (Template, Text or plain data) as the user reads it now."""
    return render(value, language())
