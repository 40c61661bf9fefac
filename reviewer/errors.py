"""Errors the user sees. Every message names the item concerned and never carries patient data."""


class ReviewerError(Exception):
    """Base of all errors shown to the user as a clear message (CLI exit code 2, GUI dialog)."""


class WorkspaceError(ReviewerError):
    pass


class WrongPassphrase(WorkspaceError):
    pass


class KeyringUnavailable(WorkspaceError):
    pass


class IntegrityError(ReviewerError):
    """Encrypted data failed authentication: tampering, corruption, truncation or a swapped file."""


class PackageRejected(ReviewerError):
    pass
