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


class Template(str):
    """A catalogue string that remembers its context; it is its English text wherever a str is used."""
    context: str

    def __new__(cls, context: str, text: str) -> "Template":
        obj = super().__new__(cls, text)
        obj.context = context
        return obj

    def __reduce__(self):
        # str's default pickling would call Template(text) without its context
        return Template, (self.context, str(self))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:   # noqa: N802 - the name lupdate looks for
    """Marks text for the catalogue; translated where it is shown."""
    return Template(context, text)


class Text(str):
    """A message built from a Template and values: its English text wherever a str is used (logs, tests,
    exceptions), and ``render(lang)`` in the user's language. Lets the domain phrase a message once
    and the UI show it translated, without the domain knowing Qt."""
    template: Template
    params: dict

    def __new__(cls, template: Template, **params) -> "Text":
        obj = super().__new__(cls, str(template).format(**params))
        obj.template, obj.params = template, params
        return obj

    def __reduce__(self):
        # a message can cross a queue or a process and still render translated on the other side
        return _text, (self.template, self.params)

    def render(self, lang: "Language") -> str:
        values = {k: render(v, lang) if isinstance(v, str) else v for k, v in self.params.items()}
        return lang.translate(self.template.context, self.template).format(**values)


def _text(template: Template, params: dict) -> Text:
    return Text(template, **params)


class LocalDate(str):
    """An ISO date or date-time ('2026-03-14', '2026-03-14T10:00:00+01:00') that a Text shows in the user's
    order (Japanese 2026/03/14); its str is the ISO text. Anything unparseable is shown as written."""

    def render(self, lang: "Language") -> str:
        try:
            value = datetime.fromisoformat(self)
        except ValueError:
            return str(self)
        return lang.date(value) if len(self) <= 10 else lang.datetime(value)


def render(value: str, lang: "Language") -> str:
    """value in lang when it is a Template, Text or LocalDate, else as it is (data, names, numbers)."""
    if isinstance(value, (Text, LocalDate)):
        return value.render(lang)
    if isinstance(value, Template):
        return lang.translate(value.context, value)
    return value


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
