"""Errors of the annotation model, shown to the user as clear messages (never patient text)."""
from __future__ import annotations

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


class AnnotationError(ReviewerError):
    """A change the model refuses: unknown id, locked annotation, too few vertices, bad values."""


class GeoJSONError(AnnotationError):
    """A GeoJSON file that cannot be imported; ``index`` names the offending feature when known."""

    def __init__(self, message: str, index: int | None = None):
        # The message is a Text where it is phrased for translation (reviewer.i18n): the window shows it
        # in the user's language, str(exc) stays English.
        super().__init__(message if index is None else Text(
            QT_TRANSLATE_NOOP("AnnotationErrors", "GeoJSON feature {index}: {message}"), index=index, message=message))
        self.index = index
