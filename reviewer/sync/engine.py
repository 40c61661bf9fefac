"""The sync engine: pull assigned cases into the workspace, push the outbox, report progress.

One run: (1) check the platform (offline → nothing else, the outbox waits); (2) for each open
assignment not yet in the workspace, plan it once, fetch its files with bounded parallelism into
the encrypted store (resuming inside files), then commit the case exactly as an import does — one
transaction that also closes the job, so a case is never half there and never twice; (3) push the
outbox. Progress is per case in bytes with an ETA. ``cancel`` stops at the next chunk, keeping every
partial for the next run. Only one run per workspace at a time (a lock file next to the database).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterator

import sqlcipher3

from reviewer.errors import PackageRejected
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.imaging.headers import InstanceHeader
from reviewer.packages import import_path
from reviewer.packages.importer import StoredFile, commit_case
from reviewer.packages.manifest import parse_manifest
from reviewer.sync import jobs, outbox
from reviewer.sync.errors import AuthError, Cancelled, Offline, SyncError, TransferFailed
from reviewer.sync.model import Assignment, CasePlan, CaseProgress
from reviewer.sync.partial import partial_dir
from reviewer.sync.settings import SyncStatus, load_status, save_status
from reviewer.sync.transfer import ItemContext, fetch_item

log = logging.getLogger("reviewer.sync")

SYNC_LOCK = "sync.lock"
PROGRESS_EVERY = 0.2            # seconds between progress calls for one case


@dataclass(frozen=True)
class SyncOptions:
    pull: bool = True
    push: bool = True
    parallel: int = 4
    respect_backoff: bool = False   # True for background runs; "Sync now" retries everything at once


@dataclass
class SyncReport:
    online: bool = False
    new_cases: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    submitted: int = 0             # signed reports the platform acknowledged in this run
    outbox_pending: int = 0
    cancelled: bool = False
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.online and not self.failed and not self.cancelled


@contextlib.contextmanager
def _run_lock(root) -> Iterator[None]:
    fd = os.open(os.path.join(root, SYNC_LOCK), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "A sync of this workspace is already running"))) from None
        yield
    finally:
        os.close(fd)


class _Either:
    """Cancelled by the user, or stopped because a sibling transfer failed."""

    def __init__(self, *events: threading.Event):
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


class _Meter:
    """Bytes and ETA for one case, reported at most every PROGRESS_EVERY seconds."""

    def __init__(self, case: str, rows, emit: Callable[[CaseProgress], None] | None):
        self.case, self.emit = case, emit
        self.lock = threading.Lock()
        self.known = sum(r.item.size or 0 for r in rows)
        self.unknown = sum(1 for r in rows if r.item.size is None)
        self.files_total = len(rows)
        self.files_done = 0
        self.unknown_done_bytes = 0
        self.unknown_done = 0
        self.done = 0
        self.t0 = time.monotonic()
        self.start_bytes: int | None = None
        self.last = 0.0

    def add(self, n: int) -> None:
        with self.lock:
            self.done += n
        self.report("downloading")

    def file_done(self, size: int, sized: bool) -> None:
        with self.lock:
            self.files_done += 1
            if not sized:
                self.unknown_done += 1
                self.unknown_done_bytes += size
        self.report("downloading", force=True)

    def total(self) -> int:
        avg = self.unknown_done_bytes / self.unknown_done if self.unknown_done else 0
        return int(self.known + self.unknown_done_bytes + (self.unknown - self.unknown_done) * avg)

    def report(self, state: str, message: str = "", force: bool = False) -> None:
        if self.emit is None:
            return
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        with self.lock:
            if self.start_bytes is None:
                self.start_bytes, self.t0 = self.done, now
            total = max(self.total(), self.done)
            rate = (self.done - self.start_bytes) / max(now - self.t0, 1e-6)
            eta = (total - self.done) / rate if rate > 0 and state == "downloading" else None
            p = CaseProgress(self.case, state, self.done, total, self.files_done, self.files_total,
                             0.0 if state == "done" else eta, message)
        self.emit(p)


class SyncEngine:
    """Runs syncs of one workspace against one platform. ``progress`` is called from worker
    threads (a GUI marshals it to its own thread); ``cancel`` may be set from any thread."""

    def __init__(self, ws, platform, options: SyncOptions = SyncOptions(), *,
                 progress: Callable[[CaseProgress], None] | None = None,
                 cancel: threading.Event | None = None):
        self.ws = ws
        self.platform = platform
        self.options = options
        self.progress = progress
        self.cancel_event = cancel or threading.Event()
        self._db = threading.RLock()

    def cancel(self) -> None:
        self.cancel_event.set()

    # -- one run ---------------------------------------------------------------------------------
    def run(self) -> SyncReport:
        report = SyncReport()
        with _run_lock(self.ws.root):
            started = jobs.now_iso()
            with contextlib.suppress(BlockingIOError):
                with self.ws.write_lock(wait=False):
                    jobs.sweep_partials(self.ws.db, self.ws.blobs)
            try:
                self.platform.check()
                report.online = True
                if self.options.pull:
                    self._pull(report)
                if self.options.push:
                    r = outbox.push(self.ws, self.platform, respect_backoff=self.options.respect_backoff,
                                    cancelled=self.cancel_event.is_set)
                    report.submitted = r.reports
                    report.failed.update({f"outbox: {e[:60]}": e for e in r.errors})
            except Offline as exc:
                report.online = False
                report.message = str(exc)
            except Cancelled:
                report.cancelled = True
                report.message = "Sync cancelled; what was fetched so far is kept for the next run"
            except SyncError as exc:        # credentials, or the platform failing after retries
                self._status(report, started, str(exc))
                log.warning("sync: stopped: %s", exc)
                raise
            report.outbox_pending = len(outbox.items(self.ws, ("pending",)))
            if not report.message:
                report.message = (f"{len(report.new_cases)} new case(s), {report.submitted} report(s) "
                                  f"acknowledged, {report.outbox_pending} outbox item(s) waiting"
                                  + (f", {len(report.failed)} problem(s)" if report.failed else ""))
            self._status(report, started, report.message)
        log.info("sync: %s", report.message)
        return report

    def _status(self, report: SyncReport, started: str, message: str) -> None:
        prev = load_status(self.ws.db)
        with self._db:
            save_status(self.ws.db, SyncStatus(
                online=report.online, last_attempt=started, message=message,
                last_sync=jobs.now_iso() if report.online and not report.cancelled else prev.last_sync))

    def _case_id(self, platform_case_id: str) -> str | None:
        row = self.ws.db.execute("SELECT id FROM cases WHERE platform_case_id = ?", [platform_case_id]).fetchone()
        return row[0] if row else None

    def _pull(self, report: SyncReport) -> None:
        for a in self.platform.assignments():
            if self.cancel_event.is_set():
                raise Cancelled(Text(QT_TRANSLATE_NOOP("SyncErrors", "Sync cancelled")))
            existing = self._case_id(a.platform_case_id)
            job = jobs.ensure_job(self.ws.db, self.platform.name, a)
            if existing:
                if job.state != "done":
                    with self._db:
                        jobs.set_job(self.ws.db, job.id, state="done", case_id=existing, last_error=None)
                continue
            try:
                case_id = self._pull_case(a, job)
            except (TransferFailed, PackageRejected, SyncError) as exc:
                if isinstance(exc, (Offline, AuthError, Cancelled)):
                    raise
                with self._db:
                    if isinstance(exc, TransferFailed):
                        jobs.forget_plan(self.ws.db, job.id)
                    jobs.set_job(self.ws.db, job.id, state="failed", last_error=str(exc))
                report.failed[a.platform_case_id] = str(exc)
                log.warning("sync: case %s not pulled: %s", a.platform_case_id, exc)
                self._emit(CaseProgress(a.platform_case_id, "failed", message=str(exc)))
                continue
            report.new_cases.append(a.platform_case_id)
            log.info("sync: case %s pulled", a.platform_case_id)
            outbox.queue_status(self.ws, case_id, "accepted")

    def _emit(self, p: CaseProgress) -> None:
        if self.progress:
            self.progress(p)

    def _pull_case(self, a: Assignment, job: jobs.Job) -> str:
        self._emit(CaseProgress(a.platform_case_id, "planning"))
        if job.plan is None:
            plan = self.platform.plan(a)
            with self._db:
                job = jobs.save_plan(self.ws.db, job, plan)
        if job.plan.get("package"):
            return self._import_package(a, job)
        rows = jobs.transfers(self.ws.db, job.id)
        meter = _Meter(a.platform_case_id, rows, self.progress)
        self._fetch_all(job, rows, meter)
        meter.report("importing", force=True)
        case_id = self._commit(job, jobs.transfers(self.ws.db, job.id))
        meter.report("done", force=True)
        return case_id

    def _import_package(self, a: Assignment, job: jobs.Job) -> str:
        def progress(done: int, total: int) -> None:
            self._emit(CaseProgress(a.platform_case_id, "importing", done, total))
        try:
            r = import_path(self.ws, CasePlan(package=job.plan["package"]).package, progress=progress)
        except PackageRejected:
            existing = self._case_id(a.platform_case_id)
            if not existing:
                raise
            r = None
        case_id = r.case_id if r else self._case_id(a.platform_case_id)
        with self._db:
            jobs.set_job(self.ws.db, job.id, state="done", case_id=case_id, last_error=None)
        self._emit(CaseProgress(a.platform_case_id, "done"))
        return case_id

    def _fetch_all(self, job: jobs.Job, rows: list[jobs.TransferRow], meter: _Meter) -> None:
        pending = [r for r in rows if r.state != "done"]
        meter.done = sum(r.size or 0 for r in rows if r.state == "done")
        for r in rows:
            if r.state == "done":
                meter.files_done += 1
                if r.item.size is None:
                    meter.unknown_done += 1
                    meter.unknown_done_bytes += r.size or 0
        stop = threading.Event()
        cancel = _Either(self.cancel_event, stop)

        def one(row: jobs.TransferRow) -> None:
            def record(blob_id: str, meta: dict) -> None:
                with self._db:
                    jobs.record_blob(self.ws.db, row.id, blob_id, meta)
            ctx = ItemContext(self.ws.blobs, partial_dir(self.ws.blobs), self.platform.open, record,
                              meter.add, cancel)
            try:
                got = fetch_item(ctx, row.item, row.blob_id, dict(row.meta))
            except TransferFailed:
                with self._db:
                    jobs.transfer_reset(self.ws.db, row.id)
                raise
            except OSError as exc:          # disk full, permissions: the workspace, not the platform
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "{rel} could not be written to the "
                                                                     "workspace ({strerror})"),
                                     rel=row.item.rel, strerror=exc.strerror)) from None
            with self._db:
                jobs.transfer_done(self.ws.db, row.id, got.blob_id, got.size, got.sha256,
                                   {**row.meta, "header": got.header} if got.header else row.meta)
            meter.file_done(got.size, row.item.size is not None)

        if not pending:
            return
        with ThreadPoolExecutor(max_workers=max(1, self.options.parallel),
                                thread_name_prefix="sync-transfer") as pool:
            futures = [pool.submit(one, r) for r in pending]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failure = next((f.exception() for f in done if f.exception() is not None), None)
            if failure is not None:
                stop.set()
                for f in futures:
                    f.cancel()
        if failure is not None:
            errors = [f.exception() for f in futures if f.done() and not f.cancelled() and f.exception()]
            # The most telling error wins: offline or credentials before a single file's problem. A
            # Cancelled from the transfers stopped because another failed is no cancellation: the
            # failure that stopped them is reported (only the user's Cancel makes the run "cancelled").
            for kind in (AuthError, Offline):
                for e in errors:
                    if isinstance(e, kind):
                        raise e
            if self.cancel_event.is_set():
                raise Cancelled(Text(QT_TRANSLATE_NOOP("SyncErrors", "Sync cancelled")))
            raise next((e for e in errors if not isinstance(e, Cancelled)), failure)

    def _commit(self, job: jobs.Job, rows: list[jobs.TransferRow]) -> str:
        bundle = json.dumps(job.plan["bundle"]).encode()
        m = parse_manifest(bundle, job.platform_case_id)
        by_rel = {att.path: att for att in m.attachments}
        docs, slides, dicoms = [], [], []
        total = 0
        for r in rows:
            s = StoredFile(r.item.rel, r.blob_id, r.size, r.sha256)
            total += r.size
            if r.item.kind == "dicom":
                s.header = InstanceHeader(**r.meta["header"])
                dicoms.append(s)
            else:
                att = by_rel.get(r.item.rel)
                if att is None:
                    raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Case {platform_case_id}: {rel} is in no "
                                                                         "DocumentReference"),
                                         platform_case_id=job.platform_case_id, rel=r.item.rel))
                (slides if r.item.kind == "slide" else docs).append((s, att))
        with self.ws.write_lock():
            existing = self._case_id(job.platform_case_id)
            if existing:
                with self._db:
                    jobs.set_job(self.ws.db, job.id, state="done", case_id=existing, last_error=None)
                return existing
            manifest_blob = self.ws.blobs.put(bundle)
            try:
                with self._db:
                    result = commit_case(self.ws, m, f"sync-{self.platform.name}", manifest_blob, docs, slides,
                                         dicoms, [], total,
                                         also=lambda case_id: jobs.finish_job_in_tx(self.ws.db, job.id, case_id))
            except (sqlite3.IntegrityError, sqlcipher3.IntegrityError):
                self.ws.blobs.delete(manifest_blob)
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Case {platform_case_id} could not be "
                                                                     "recorded (already present?)"),
                                     platform_case_id=job.platform_case_id)) from None
            except BaseException:
                self.ws.blobs.delete(manifest_blob)
                raise
        return result.case_id


__all__ = ["SyncEngine", "SyncOptions", "SyncReport"]
