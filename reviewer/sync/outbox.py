"""The outbox: signed reports and status changes waiting for the platform's acknowledgement.

A report is queued with the signed PDF's bytes (kept as an encrypted blob) and its structured
outcome, in one transaction that also writes the audit entry whose hash becomes the chain head sent
with it. Pushing tries each due item; what fails is retried later with exponential backoff, until the
platform acknowledges. The submission id is generated once, at queueing: every retry sends the same
one, which the platform's conditional create matches, so nothing is ever submitted twice.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Callable

from reviewer import store
from reviewer.sync.errors import AuthError, Cancelled, Offline, Rejected, SyncError
from reviewer.sync.model import STATUS_ORDER, Outcome, Submission
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

REPORT = "report"
STATUS = "task-status"
BACKOFF_FIRST = 30.0
BACKOFF_MAX = 3600.0


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def backoff(attempts: int) -> float:
    """Seconds to wait after the n-th failed attempt: 30 s, 1 min, 2 min … at most an hour."""
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class OutboxItem:
    id: str
    case_id: str
    kind: str
    state: str                  # pending | acknowledged | rejected
    attempts: int
    next_attempt_at: float
    last_error: str
    remote_ref: str
    created: str
    acknowledged_at: str
    details: dict


def _case(ws, case_id: str) -> dict:
    rows = list(ws.db.query("SELECT id, platform_case_id FROM cases WHERE id = ?", [case_id]))
    if not rows:
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "No case {case_id} in this workspace"), case_id=case_id))
    return rows[0]


def queue_report(ws, case_id: str, pdf: bytes, outcome: Outcome, *, addendum: bool = False,
                 title: str = "Second opinion report", signed_at: str | None = None) -> str:
    """Queues a signed report for submission; returns its submission id (also the identifier the
    platform will hold). The PDF is stored encrypted; nothing is sent until the next push."""
    if not pdf.startswith(b"%PDF"):
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The signed report is not a PDF")))
    case = _case(ws, case_id)
    sid = str(uuid.uuid4())
    with ws.write_lock():
        blob = ws.blobs.put(pdf)
        try:
            with store.transaction(ws.db):
                head = ws.audit.append("report.queued", case_id, submission=sid, addendum=addendum,
                                       bytes=len(pdf))
                seq = ws.audit.head()[0]
                payload = {"outcome": asdict(outcome), "addendum": addendum, "title": title,
                           "signed_at": signed_at or _now_iso(), "audit_head": f"{seq}:{head}",
                           "platform_case_id": case["platform_case_id"]}
                ws.db["sync_outbox"].insert({
                    "id": sid, "case_id": case_id, "kind": REPORT, "payload": json.dumps(payload),
                    "pdf_blob": blob, "state": "pending", "attempts": 0, "next_attempt_at": 0,
                    "created": _now_iso()})
        except BaseException:
            ws.blobs.delete(blob)
            raise
    return sid


def queue_status(ws, case_id: str, status: str) -> str | None:
    """Queues a Task status change (accepted, in-progress); None when one is already waiting."""
    case = _case(ws, case_id)
    with store.transaction(ws.db):
        for row in ws.db.query("SELECT payload FROM sync_outbox WHERE case_id = ? AND kind = ? AND state = 'pending'",
                               [case_id, STATUS]):
            if json.loads(row["payload"]).get("status") == status:
                return None
        sid = str(uuid.uuid4())
        ws.db["sync_outbox"].insert({
            "id": sid, "case_id": case_id, "kind": STATUS,
            "payload": json.dumps({"status": status, "platform_case_id": case["platform_case_id"]}),
            "state": "pending", "attempts": 0, "next_attempt_at": 0, "created": _now_iso()})
    return sid


def items(ws, states: tuple[str, ...] = ("pending", "acknowledged", "rejected")) -> list[OutboxItem]:
    marks = ",".join("?" * len(states))
    out = []
    for r in ws.db.query(f"SELECT * FROM sync_outbox WHERE state IN ({marks}) ORDER BY created, id", list(states)):
        p = json.loads(r["payload"])
        details = {k: p[k] for k in ("status", "addendum", "title", "platform_case_id") if k in p}
        if "outcome" in p:
            details["concordance"] = p["outcome"].get("concordance")
        out.append(OutboxItem(r["id"], r["case_id"], r["kind"], r["state"], r["attempts"], r["next_attempt_at"],
                              r["last_error"] or "", r["remote_ref"] or "", r["created"], r["acknowledged_at"] or "",
                              details))
    return out


@dataclass
class PushResult:
    acknowledged: int = 0
    reports: int = 0            # of which signed reports (the rest: status changes)
    pending: int = 0
    rejected: int = 0
    offline: bool = False
    errors: list[str] = None

    def __post_init__(self):
        self.errors = self.errors or []


def _job_refs(ws, platform_name: str, platform_case_id: str) -> tuple[str, dict]:
    row = ws.db.execute("SELECT task_ref, plan FROM sync_jobs WHERE platform = ? AND platform_case_id = ?",
                        [platform_name, platform_case_id]).fetchone()
    if not row:
        return "", {}
    plan = json.loads(row[1] or "{}")
    return row[0] or "", plan.get("refs") or {}


def push(ws, platform, *, respect_backoff: bool = True, cancelled: Callable[[], bool] = lambda: False,
         clock: Callable[[], float] = time.time) -> PushResult:
    """Sends the due items in order; stops at the first sign of being offline (all stay queued)."""
    result = PushResult()
    now = clock()
    rows = list(ws.db.query("SELECT * FROM sync_outbox WHERE state = 'pending' ORDER BY created, id"))
    for row in rows:
        if respect_backoff and row["next_attempt_at"] > now:
            result.pending += 1
            continue
        if cancelled():
            raise Cancelled(Text(QT_TRANSLATE_NOOP("SyncErrors", "Sync cancelled")))
        p = json.loads(row["payload"])
        task_ref, refs = _job_refs(ws, platform.name, p["platform_case_id"])
        try:
            if row["kind"] == REPORT:
                pdf = ws.blobs.get(row["pdf_blob"])
                ack = platform.submit(Submission(
                    row["id"], p["platform_case_id"], task_ref, pdf, Outcome(**p["outcome"]), p["addendum"],
                    p["audit_head"], p["signed_at"], refs, p.get("title") or "Second opinion report"))
                remote = ack.remote_ref
            else:
                if task_ref:
                    platform.set_status(task_ref, p["status"])
                remote = task_ref
        except (Offline, AuthError):
            _failed(ws, row, "waiting: the platform could not be reached or refused the credentials", now)
            result.offline = True
            result.pending += len(rows) - rows.index(row)
            raise
        except Rejected as exc:
            _set(ws, row["id"], state="rejected", attempts=row["attempts"] + 1, last_error=str(exc))
            result.rejected += 1
            result.errors.append(str(exc))
            continue
        except SyncError as exc:
            _failed(ws, row, str(exc), now)
            result.pending += 1
            result.errors.append(str(exc))
            continue
        with store.transaction(ws.db):
            ws.db["sync_outbox"].update(row["id"], {"state": "acknowledged", "remote_ref": remote,
                                                    "acknowledged_at": _now_iso(), "last_error": None})
            if row["kind"] == REPORT:
                ws.audit.append("report.submitted", row["case_id"], submission=row["id"])
            _advance_case(ws, row["case_id"], "completed" if row["kind"] == REPORT else p.get("status", ""))
        result.acknowledged += 1
        result.reports += row["kind"] == REPORT
    return result


def _advance_case(ws, case_id: str, status: str) -> None:
    """The case's status (the worklist's) follows what the platform acknowledged, forwards only: a
    submitted report completes it, an accepted status change marks it accepted."""
    row = ws.db.execute("SELECT status FROM cases WHERE id = ?", [case_id]).fetchone()
    if row and status in STATUS_ORDER and STATUS_ORDER[status] > STATUS_ORDER.get(row[0], 9):
        ws.db.execute("UPDATE cases SET status = ? WHERE id = ?", [status, case_id])


def _failed(ws, row: dict, message: str, now: float) -> None:
    attempts = row["attempts"] + 1
    _set(ws, row["id"], attempts=attempts, last_error=message, next_attempt_at=now + backoff(attempts))


def _set(ws, item_id: str, **values) -> None:
    with store.transaction(ws.db):
        ws.db["sync_outbox"].update(item_id, values)
