"""What the workstation's sync panel and status bar show, computed without Qt.

Why here and not in the widget: the wording of a state ("waiting, try 3, next in 2 min"), the ETA,
and how live progress and the progress recorded in the workspace combine are logic, tested
headless; the panel only draws the rows this module returns. Texts name platform case ids and
states, never a patient.
"""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from reviewer.security.blobs import HEADER, TAG
from reviewer.sync import jobs as jobs_mod
from reviewer.sync.errors import SyncError
from reviewer.sync.model import CaseProgress
from reviewer.sync.outbox import OutboxItem
from reviewer.sync.partial import PARTIAL_DIR
from reviewer.sync.settings import SyncConfig, SyncStatus

SETUP_HINT = ("Sync with the platform is not set up for this workspace. In a terminal run\n"
              "  reviewer sync configure --platform-url https://platform.example/fhir --owner Practitioner/ID\n"
              "  reviewer sync configure --token-stdin   (paste the token; it goes to the OS keyring)\n"
              "or, for folder exchange: reviewer sync configure --kind folder --inbox DIR --outbox DIR")

STATE_LABELS = {"planning": "Preparing", "downloading": "Downloading", "importing": "Importing",
                "done": "Done", "failed": "Failed", "cancelled": "Stopped", "paused": "Paused"}


# -- formatting ------------------------------------------------------------------------------------
def format_bytes(n: int | float) -> str:
    """1234567 → '1.2 MB' (decimal units, as network speeds are given)."""
    n = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"   # pragma: no cover - the loop returns at GB


def format_eta(seconds: float | None) -> str:
    """Rounded up the way people read a countdown: 'less than 5 s', '42 s', '3 min', '1 h 05 min'."""
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return ""
    if seconds < 5:
        return "less than 5 s"
    if seconds < 60:
        return f"{math.ceil(seconds)} s"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def format_when(iso: str, now: datetime | None = None) -> str:
    """An ISO time as local 'HH:MM' when it is today, else 'YYYY-MM-DD HH:MM'; '' when unknown."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    now = (now or datetime.now(timezone.utc)).astimezone()
    local = t.astimezone(now.tzinfo)
    return local.strftime("%H:%M" if local.date() == now.date() else "%Y-%m-%d %H:%M")


def _in(seconds: float) -> str:
    if seconds <= 0:
        return "at the next sync"
    return "in " + (format_eta(seconds) if seconds >= 5 else "a few seconds")


# -- rows --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CaseRow:
    """One case being fetched: live from the engine, or as recorded in the workspace between runs."""
    platform_case_id: str
    state: str                      # planning | downloading | importing | done | failed | cancelled | paused
    label: str
    fraction: float | None          # 0..1, None when the total is not known yet
    detail: str
    live: bool


def case_row(p: CaseProgress, live: bool = True) -> CaseRow:
    total = max(p.bytes_total, p.bytes_done)
    fraction = (1.0 if p.state == "done" else p.bytes_done / total) if total else (1.0 if p.state == "done" else None)
    parts = []
    if total:
        parts.append(f"{format_bytes(p.bytes_done)} of {format_bytes(total)}")
    elif p.bytes_done:
        parts.append(format_bytes(p.bytes_done))
    eta = format_eta(p.eta_seconds) if p.state == "downloading" else ""
    if eta:                         # before the file count: the part a narrow column must not cut off
        parts.append(f"{eta} left" if eta.startswith("less") else f"about {eta} left")
    if p.files_total:
        parts.append(f"{p.files_done} of {p.files_total} files")
    if p.state == "paused":
        parts.append("continues at the next sync")
    if p.message:
        parts.append(p.message)
    return CaseRow(p.platform_case_id, p.state, STATE_LABELS.get(p.state, p.state), fraction, " · ".join(parts), live)


class ProgressBoard:
    """The latest progress of each case in the current run (fed on the GUI thread)."""

    def __init__(self):
        self._latest: dict[str, CaseProgress] = {}

    def update(self, p: CaseProgress) -> None:
        self._latest[p.platform_case_id] = p

    def reset(self) -> None:
        self._latest.clear()

    def stopped(self, cancelled: bool) -> None:
        """The run ended: cases still moving are marked stopped (their partials are kept)."""
        for cid, p in list(self._latest.items()):
            if p.state in ("planning", "downloading", "importing"):
                self._latest[cid] = CaseProgress(cid, "cancelled" if cancelled else "paused", p.bytes_done,
                                                 p.bytes_total, p.files_done, p.files_total, None, "")

    def get(self, platform_case_id: str) -> CaseProgress | None:
        return self._latest.get(platform_case_id)

    def rows(self) -> list[CaseRow]:
        return [case_row(p) for p in self._latest.values()]


def _partial_bytes(blobs_root, blob_id: str | None, chunk: int) -> int:
    """Plaintext bytes a partial holds, from its size on disk (whole chunks only)."""
    if not blob_id:
        return 0
    try:
        size = os.stat(os.path.join(blobs_root, PARTIAL_DIR, f"{blob_id}.part")).st_size
    except OSError:
        return 0
    return max(0, size - HEADER.size) // (chunk + TAG) * chunk


def recorded_progress(ws) -> list[CaseProgress]:
    """Unfinished jobs as the workspace records them: files fetched, partials kept, the last error."""
    out = []
    for j in ws.db.query("SELECT id, platform_case_id, state, last_error FROM sync_jobs "
                         "WHERE state != 'done' ORDER BY created"):
        rows = jobs_mod.transfers(ws.db, j["id"])
        done = sum(r.size or 0 for r in rows if r.state == "done")
        partial = sum(_partial_bytes(ws.blobs.root, r.blob_id, ws.blobs.chunk_size) for r in rows if r.state != "done")
        total = sum(r.item.size or 0 for r in rows)
        files_done = sum(1 for r in rows if r.state == "done")
        state = "failed" if j["state"] == "failed" else "paused"
        out.append(CaseProgress(j["platform_case_id"], state, done + partial, max(total, done + partial), files_done,
                                len(rows), None, j["last_error"] or ""))
    return out


@dataclass(frozen=True)
class OutboxRow:
    id: str
    platform_case_id: str
    what: str
    state: str                      # waiting | submitted | refused
    detail: str
    attempts: int


def outbox_row(item: OutboxItem, now: float | None = None, when_now: datetime | None = None) -> OutboxRow:
    now = time.time() if now is None else now
    d = item.details
    if item.kind == "report":
        what = "Signed addendum" if d.get("addendum") else "Signed report"
        if d.get("concordance"):
            what += f" ({d['concordance']})"
    else:
        what = "Case status → " + str(d.get("status", "?")).replace("-", " ")
    if item.state == "acknowledged":
        state, detail = "submitted", f"acknowledged {format_when(item.acknowledged_at, when_now)}".strip()
    elif item.state == "rejected":
        state, detail = "refused", item.last_error or "the platform refused it"
    else:
        state = "waiting"
        if item.attempts:
            detail = f"try {item.attempts + 1} {_in(item.next_attempt_at - now)}"
            if item.last_error:
                detail += f" · {item.last_error}"
        else:
            detail = "queued, sent at the next sync"
    return OutboxRow(item.id, str(d.get("platform_case_id", "")), what, state, detail, item.attempts)


# -- the whole panel ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PanelState:
    configured: bool
    setup_hint: str                 # what to do when not configured (or the setting that is wrong)
    headline: str                   # "Online · last sync 10:42 · 1 report waiting"
    badge: str                      # the short form for the status bar
    online: bool | None
    cases: list[CaseRow] = field(default_factory=list)
    outbox: list[OutboxRow] = field(default_factory=list)
    waiting: int = 0


def config_problem(config: SyncConfig) -> str:
    """'' when the settings are complete, else the hint the panel shows instead of failing."""
    if config == SyncConfig():
        return SETUP_HINT
    try:
        config.check()
    except SyncError as exc:
        return f"{exc}.\n{SETUP_HINT}"
    return ""


def headline(status: SyncStatus, waiting: int, configured: bool, running: bool,
             now: datetime | None = None) -> tuple[str, str]:
    """(panel headline, status-bar badge)."""
    if not configured:
        return "Not set up", "Sync: not set up"
    if running:
        state = "Syncing…"
    elif status.online is None:
        state = "Never synced"
    else:
        state = "Online" if status.online else "Offline"
    parts = [state]
    if status.last_sync:
        parts.append(f"last sync {format_when(status.last_sync, now)}")
    if waiting:
        parts.append(f"{waiting} waiting in the outbox")
    text = " · ".join(parts)
    return text, "Sync: " + text


def panel_state(config: SyncConfig, status: SyncStatus, outbox: list[OutboxItem], board: ProgressBoard,
                recorded: list[CaseProgress], running: bool, *, now: float | None = None,
                when_now: datetime | None = None) -> PanelState:
    """Live progress first (this run), then what the workspace recorded (``recorded_progress``) for
    cases not in this run."""
    problem = config_problem(config)
    live = board.rows()
    seen = {r.platform_case_id for r in live}
    recorded = [case_row(p, live=False) for p in recorded if p.platform_case_id not in seen]
    rows = [outbox_row(i, now, when_now) for i in outbox]
    waiting = sum(1 for r in rows if r.state == "waiting")
    head, badge = headline(status, waiting, not problem, running, when_now)
    if status.message and not running and status.online is False:
        head += f" — {status.message}"
    return PanelState(not problem, problem, head, badge, status.online, live + recorded, rows, waiting)


def new_cases_notice(platform_case_ids: list[str]) -> str:
    if not platform_case_ids:
        return ""
    if len(platform_case_ids) == 1:
        return f"New assignment: case {platform_case_ids[0]} is in the worklist"
    shown = ", ".join(platform_case_ids[:3]) + (" …" if len(platform_case_ids) > 3 else "")
    return f"{len(platform_case_ids)} new assignments in the worklist: {shown}"


__all__ = ["CaseRow", "OutboxRow", "PanelState", "ProgressBoard", "SETUP_HINT", "case_row", "config_problem",
           "format_bytes", "format_eta", "format_when", "headline", "new_cases_notice", "outbox_row", "panel_state",
           "recorded_progress"]
