"""The errors of slide access.

Why their own types: the viewer draws a ``TileError`` as an error tile and keeps going, while a
``SlideError`` means the whole file cannot be shown (a dialog). Both are ReviewerErrors, so the
CLI prints them as a plain message with exit code 2. Messages name the item by the neutral name
the caller chose (a stored blob id, or the file name the user typed) and describe structure
only; they never quote header text, which may identify a patient.
"""
from __future__ import annotations

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Template, Text


class SlideError(ReviewerError):
    """A slide cannot be opened or read; ``str(exc)`` is ready for the user."""

    def __init__(self, item: str, reason: str):
        # "{item}: {reason}": the reason is a Text where it is phrased for translation (reviewer.i18n)
        super().__init__(Text(Template("SlideErrors", "{item}: {reason}"), item=item, reason=reason))
        self.item = item
        self.reason = reason


class UnsupportedSlide(SlideError):
    """No backend recognises the file (not a slide, or a format we do not read)."""


class TileError(SlideError):
    """One tile is corrupt or absurd; the rest of the slide is still readable."""

    def __init__(self, item: str, level: int, col: int, row: int, reason: str):
        super().__init__(item, Text(QT_TRANSLATE_NOOP("SlideErrors", "tile ({col}, {row}) of level {level}: {reason}"),
                                    col=col, row=row, level=level, reason=reason))
        self.level, self.col, self.row = level, col, row
        self.tile_reason = reason
