"""Plain data exchanged between the sync engine and a platform. No I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CONCORDANCE = ("concordant", "minor-discordance", "major-discordance", "not-assessable")
OPEN_STATUSES = ("requested", "received", "accepted", "ready", "in-progress")
# Task statuses in the order a case moves through them; a Task never moves backwards.
STATUS_ORDER = {"requested": 0, "received": 1, "accepted": 2, "ready": 2, "in-progress": 3, "completed": 4}


@dataclass(frozen=True)
class Assignment:
    """One case assigned to the specialist. ``task_ref`` is how the platform names it (Task/ID, or the
    package path for folder exchange)."""
    platform_case_id: str
    task_ref: str
    status: str = ""


@dataclass(frozen=True)
class TransferItem:
    """One file of a case to fetch. ``spec`` says how (JSON-able; the platform interprets it):
    size and sha1 (base64, FHIR attachment.hash) are checked when known."""
    key: str                    # stable within the case: the resume point across runs
    rel: str                    # package-relative path, e.g. documents/01-report.pdf, dicom/<uid>.dcm
    kind: str                   # document | slide | dicom
    spec: dict
    size: int | None = None
    sha1: str | None = None


@dataclass
class CasePlan:
    """What pulling a case takes: a collection Bundle that reads like a package manifest (attachment
    URLs rewritten to the items' rel paths) and the files; or, for folder exchange, a package path."""
    bundle: dict | None = None
    items: list[TransferItem] = field(default_factory=list)
    package: Path | None = None
    refs: dict = field(default_factory=dict)        # patient/focus/owner references for the submission


@dataclass(frozen=True)
class Outcome:
    """The structured outcome of a second opinion (DESIGN §4)."""
    diagnosis_changed: bool | None = None
    treatment_changed: bool | None = None
    surgery_avoided: bool | None = None
    concordance: str = "not-assessable"
    conclusion: str = ""

    def __post_init__(self):
        if self.concordance not in CONCORDANCE:
            raise ValueError(f"concordance must be one of {', '.join(CONCORDANCE)}")


@dataclass(frozen=True)
class Submission:
    """A signed report on its way to the platform. ``submission_id`` is the DiagnosticReport's
    identifier: the platform's conditional create matches on it, so a retry never duplicates."""
    submission_id: str
    platform_case_id: str
    task_ref: str
    pdf: bytes
    outcome: Outcome
    addendum: bool
    audit_head: str             # "<entries>:<sha256 head>" of the workspace audit chain
    signed_at: str
    refs: dict = field(default_factory=dict)
    title: str = "Second opinion report"


@dataclass(frozen=True)
class Ack:
    """The platform's acknowledgement: where the submission now lives."""
    remote_ref: str


@dataclass(frozen=True)
class CaseProgress:
    """Per-case progress for the UI (called from worker threads; marshal to the GUI thread)."""
    platform_case_id: str
    state: str                  # planning | downloading | importing | done | failed | cancelled
    bytes_done: int = 0
    bytes_total: int = 0        # known so far: DICOMweb instances have no size until fetched
    files_done: int = 0
    files_total: int = 0
    eta_seconds: float | None = None
    message: str = ""
