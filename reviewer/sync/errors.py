"""Sync errors. Messages name the server and the kind of resource, never a token, a patient or an id
that could identify one (DESIGN §3: tokens and patient data never in logs or error text)."""
from __future__ import annotations

from reviewer.errors import ReviewerError


class SyncError(ReviewerError):
    """A sync step failed; the message says what to do."""


class Offline(SyncError):
    """The platform cannot be reached (no network, server down, DNS): work continues offline."""


class AuthError(SyncError):
    """The platform refused the credentials (401) or the permission (403): the user must act."""


class ServerError(SyncError):
    """The platform answered with an error, a timeout or a garbage body after the retries."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class Rejected(ServerError):
    """The platform refused the content itself (4xx other than auth): retrying unchanged will not help."""


class TransferFailed(SyncError):
    """A file could not be fetched intact (size or hash mismatch, or the stream broke repeatedly)."""


class Cancelled(SyncError):
    """The user cancelled; partial downloads are kept for the next run."""
