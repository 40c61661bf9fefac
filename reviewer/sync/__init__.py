"""Sync with the platform (issue 7): FHIR R4 + DICOMweb, or folder exchange; resumable, offline-safe,
with an outbox for signed reports. GUI-free; the sync UI calls:

    config = load_config(ws.db); save_config(ws.db, config.updated(platform_url=...))
    engine = open_engine(ws, config)            # or SyncEngine(ws, platform, options, progress=cb)
    report = engine.run()                       # engine.cancel() from another thread stops it
    queue_report(ws, case_id, pdf_bytes, Outcome(...), addendum=False)
    queue_status(ws, case_id, "in-progress")    # when the specialist starts the case
    overview(ws)                                # status, jobs, outbox for the status panel
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from reviewer.security.keys import DeviceSecretStore, OsKeyring
from reviewer.sync.engine import SyncEngine, SyncOptions, SyncReport
from reviewer.sync.errors import AuthError, Cancelled, Offline, Rejected, ServerError, SyncError, TransferFailed
from reviewer.sync.model import Assignment, CaseProgress, Outcome, Submission
from reviewer.sync.outbox import OutboxItem, items as outbox_items, queue_report, queue_status
from reviewer.sync.platform import Platform, make_platform
from reviewer.sync.settings import SyncConfig, SyncStatus, load_config, load_status, save_config


def open_engine(ws, config: SyncConfig | None = None, *, options: SyncOptions | None = None,
                progress: Callable[[CaseProgress], None] | None = None,
                keyring_factory: Callable[[], DeviceSecretStore] = OsKeyring) -> SyncEngine:
    """The engine for the workspace's configured platform (or ``config``), wired for cancel."""
    config = config or load_config(ws.db)
    cancel = threading.Event()
    platform = make_platform(config, keyring_factory=keyring_factory, cancelled=cancel.is_set)
    return SyncEngine(ws, platform, options or SyncOptions(parallel=config.parallel), progress=progress,
                      cancel=cancel)


@dataclass(frozen=True)
class JobView:
    platform_case_id: str
    state: str
    last_error: str
    case_id: str | None


@dataclass(frozen=True)
class Overview:
    status: SyncStatus
    jobs: list[JobView]
    outbox: list[OutboxItem]


def overview(ws) -> Overview:
    """Everything the sync panel shows, read from the workspace (no network)."""
    jobs = [JobView(r["platform_case_id"], r["state"], r["last_error"] or "", r["case_id"])
            for r in ws.db.query("SELECT * FROM sync_jobs ORDER BY created")]
    return Overview(load_status(ws.db), jobs, outbox_items(ws))


__all__ = ["Assignment", "AuthError", "CaseProgress", "Cancelled", "JobView", "Offline", "Outcome", "OutboxItem",
           "Overview", "Platform", "Rejected", "ServerError", "Submission", "SyncConfig", "SyncEngine", "SyncError",
           "SyncOptions", "SyncReport", "SyncStatus", "TransferFailed", "load_config", "make_platform",
           "open_engine", "outbox_items", "overview", "queue_report", "queue_status", "save_config"]
