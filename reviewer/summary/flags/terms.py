"""The vocabulary words a flag message quotes (sides, statuses, structures, identity fields), marked for
the catalogue so that a Japanese message does not carry English words in it. A flag still quotes the
value as the rules normalised it; only how it is shown changes. Values outside this list (names, dates,
numbers, codes) are shown as written."""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Template

TERMS: dict[str, Template] = {t: t for t in (
    QT_TRANSLATE_NOOP("SummaryTerms", "left"), QT_TRANSLATE_NOOP("SummaryTerms", "right"),
    QT_TRANSLATE_NOOP("SummaryTerms", "bilateral"), QT_TRANSLATE_NOOP("SummaryTerms", "positive"),
    QT_TRANSLATE_NOOP("SummaryTerms", "negative"), QT_TRANSLATE_NOOP("SummaryTerms", "equivocal"),
    QT_TRANSLATE_NOOP("SummaryTerms", "present"), QT_TRANSLATE_NOOP("SummaryTerms", "absent"),
    QT_TRANSLATE_NOOP("SummaryTerms", "close"), QT_TRANSLATE_NOOP("SummaryTerms", "female"),
    QT_TRANSLATE_NOOP("SummaryTerms", "male"), QT_TRANSLATE_NOOP("SummaryTerms", "breast"),
    QT_TRANSLATE_NOOP("SummaryTerms", "axilla"), QT_TRANSLATE_NOOP("SummaryTerms", "lung"),
    QT_TRANSLATE_NOOP("SummaryTerms", "colon"),
    QT_TRANSLATE_NOOP("SummaryTerms", "kidney"),
    QT_TRANSLATE_NOOP("SummaryTerms", "ovary"),
    QT_TRANSLATE_NOOP("SummaryTerms", "testis"), QT_TRANSLATE_NOOP("SummaryTerms", "adrenal"),
    QT_TRANSLATE_NOOP("SummaryTerms", "hip"), QT_TRANSLATE_NOOP("SummaryTerms", "knee"),
    QT_TRANSLATE_NOOP("SummaryTerms", "name"), QT_TRANSLATE_NOOP("SummaryTerms", "birth date"),
    QT_TRANSLATE_NOOP("SummaryTerms", "sex"), QT_TRANSLATE_NOOP("SummaryTerms", "record number (MRN)"),
    QT_TRANSLATE_NOOP("SummaryTerms", "Hormone receptor"))}


def term(value: str) -> str:
    """The value marked for translation when it is a known vocabulary word, else as it is."""
    return TERMS.get(value, value)
