"""Errors of the annotation model, shown to the user as clear messages (never patient text)."""
from __future__ import annotations

from reviewer.errors import ReviewerError


class AnnotationError(ReviewerError):
    """A change the model refuses: unknown id, locked annotation, too few vertices, bad values."""


class GeoJSONError(AnnotationError):
    """A GeoJSON file that cannot be imported; ``index`` names the offending feature when known."""

    def __init__(self, message: str, index: int | None = None):
        super().__init__(message if index is None else f"GeoJSON feature {index}: {message}")
        self.index = index
