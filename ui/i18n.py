"""Qt translations: the workstation's own catalogue and Qt's standard dialogs, for one language.

Catalogues are `resources/translations/reviewer_<lang>.qm`, compiled from the `.ts` files that
`pyside6-lupdate` extracts from ui/, viewers/ and the message tables of reviewer/ (see
resources/translations/README.md). English is the source language and needs no catalogue.
The locale set here also drives dates and numbers (QLocale) in every widget built afterwards.
"""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reviewer.errors import ReviewerError
from viewers.i18n import language  # noqa: F401 - re-exported for the window's modules
from reviewer.paths import resource

LOCALES = {"en": QLocale(QLocale.English, QLocale.UnitedKingdom), "ja": QLocale(QLocale.Japanese, QLocale.Japan)}


def catalogue(language: str):
    return resource("translations", f"reviewer_{language}.qm")


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Installs the translators for language and makes its locale the default; returns them (keep
    them alive as long as the app)."""
    if language not in LOCALES:
        raise ReviewerError(f"Unknown language {language!r}: choose one of {', '.join(LOCALES)}")
    QLocale.setDefault(LOCALES[language])
    translators = []
    if language == "en":
        return translators
    ours = QTranslator(app)
    if not ours.load(str(catalogue(language))):
        raise ReviewerError(f"The {language} translation is missing from this installation ({catalogue(language).name})")
    qt = QTranslator(app)
    if qt.load(QLocale(LOCALES[language]), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        translators.append(qt)
    translators.append(ours)
    for t in translators:
        app.installTranslator(t)
    return translators

