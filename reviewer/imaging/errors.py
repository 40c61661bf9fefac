"""The one error type of the imaging layer.

Why its own type: the GUI and the CLI show a ReviewerError as a plain message (no traceback),
and tests can tell "this file is bad" from a bug. Messages name the item (file path or stored
blob id) and say what is wrong with its structure; they never quote header values, which may
identify a patient.
"""
from __future__ import annotations

from reviewer.errors import ReviewerError
from reviewer.i18n import Template, Text


class DicomError(ReviewerError):
    """A DICOM item cannot be read or shown; ``str(exc)`` is ready for the user."""

    def __init__(self, item: str, reason: str):
        # "{item}: {reason}": the reason is a Text where it is phrased for translation (reviewer.i18n),
        # so the window shows it in the user's language while str(exc) stays English.
        super().__init__(Text(Template("ImagingErrors", "{item}: {reason}"), item=item, reason=reason))
        self.item = item
        self.reason = reason
