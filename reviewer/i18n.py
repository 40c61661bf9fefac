"""Words the domain shows the user, translatable without Qt.

Presentation code below the UI takes a ``Language`` and writes ``lang.translate("Context", "text")``;
data tables mark their words with ``QT_TRANSLATE_NOOP("Context", "text")`` and the UI translates them
when it shows them. `pyside6-lupdate` finds both spellings in reviewer/ as it does in ui/, so one
catalogue (resources/translations) holds every string. The UI builds the Language from Qt's
translator and locale (ui/i18n.py); headless commands and tests use ``ENGLISH``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

Translate = Callable[[str, str], str]


def untranslated(context: str, text: str) -> str:
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:   # noqa: N802 - the name lupdate looks for
    """Marks text for the catalogue; translated where it is shown."""
    return text


@dataclass(frozen=True)
class Language:
    translate: Translate = untranslated
    date_format: str = "%Y-%m-%d"
    datetime_format: str = "%Y-%m-%d %H:%M"

    def date(self, value: date) -> str:
        return value.strftime(self.date_format)

    def datetime(self, value: datetime) -> str:
        return value.strftime(self.datetime_format)


ENGLISH = Language()
