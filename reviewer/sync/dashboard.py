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

from reviewer.i18n import ENGLISH, QT_TRANSLATE_NOOP, Language, render
from reviewer.security.blobs import HEADER, TAG
from reviewer.sync import jobs as jobs_mod
from reviewer.sync.errors import SyncError
from reviewer.sync.model import CaseProgress
from reviewer.sync.outbox import OutboxItem
from reviewer.sync.partial import PARTIAL_DIR
from reviewer.sync.settings import SyncConfig, SyncStatus
from reviewer.worklist import status_text

SETUP_HINT = QT_TRANSLATE_NOOP("SyncPanel", "Sync with the platform is not set up for this workspace. In a terminal run\n"
                               "  reviewer sync configure --platform-url https://platform.example/fhir "
                               "--owner Practitioner/ID\n"
                               "  reviewer sync configure --token-stdin   (paste the token; it goes to the OS keyring)\n"
                               "or, for folder exchange: reviewer sync configure --kind folder --inbox DIR "
                               "--outbox DIR")

STATE_LABELS = {"planning": QT_TRANSLATE_NOOP("SyncPanel", "Preparing"),
                "downloading": QT_TRANSLATE_NOOP("SyncPanel", "Downloading"),
                "importing": QT_TRANSLATE_NOOP("SyncPanel", "Importing"), "done": QT_TRANSLATE_NOOP("SyncPanel", "Done"),
                "failed": QT_TRANSLATE_NOOP("SyncPanel", "Failed"), "cancelled": QT_TRANSLATE_NOOP("SyncPanel", "Stopped"),
                "paused": QT_TRANSLATE_NOOP("SyncPanel", "Paused")}
OUTBOX_STATE_LABELS = {"waiting": QT_TRANSLATE_NOOP("SyncPanel", "waiting"),
                       "submitted": QT_TRANSLATE_NOOP("SyncPanel", "submitted"),
                       "refused": QT_TRANSLATE_NOOP("SyncPanel", "refused")}


# -- formatting ------------------------------------------------------------------------------------
def format_bytes(n: int | float) -> str:
    """1234567 → '1.2 MB' (decimal units, as network speeds are given)."""
    n = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"   # pragma: no cover - the loop returns at GB


def format_eta(seconds: float | None, lang: Language = ENGLISH) -> str:
    """Rounded up the way people read a countdown: 'less than 5 s', '42 s', '3 min', '1 h 05 min'."""
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return ""
    if seconds < 5:
        return lang.translate("SyncPanel", "less than 5 s")
    if seconds < 60:
        return lang.translate("SyncPanel", "{s} s").format(s=math.ceil(seconds))
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return lang.translate("SyncPanel", "{m} min").format(m=minutes)
    return lang.translate("SyncPanel", "{h} h {m} min").format(h=minutes // 60, m=f"{minutes % 60:02d}")


def format_when(iso: str, now: datetime | None = None, lang: Language = ENGLISH) -> str:
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
    return local.strftime("%H:%M") if local.date() == now.date() else lang.datetime(local)


def _in(seconds: float, lang: Language = ENGLISH) -> str:
    if seconds <= 0:
        return lang.translate("SyncPanel", "at the next sync")
    if seconds < 5:
        return lang.translate("SyncPanel", "in a few seconds")
    return lang.translate("SyncPanel", "in {eta}").format(eta=format_eta(seconds, lang))


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


def case_row(p: CaseProgress, live: bool = True, lang: Language = ENGLISH) -> CaseRow:
    total = max(p.bytes_total, p.bytes_done)
    fraction = (1.0 if p.state == "done" else p.bytes_done / total) if total else (1.0 if p.state == "done" else None)
    parts = []
    if total:
        parts.append(lang.translate("SyncPanel", "{done} of {total}").format(done=format_bytes(p.bytes_done), total=format_bytes(total)))
    elif p.bytes_done:
        parts.append(format_bytes(p.bytes_done))
    eta = format_eta(p.eta_seconds, lang) if p.state == "downloading" else ""
    if eta:                         # before the file count: the part a narrow column must not cut off
        parts.append(lang.translate("SyncPanel", "{eta} left").format(eta=eta) if p.eta_seconds < 5 else
                     lang.translate("SyncPanel", "about {eta} left").format(eta=eta))
    if p.files_total:
        parts.append(lang.translate("SyncPanel", "{done} of {total} files").format(done=p.files_done, total=p.files_total))
    if p.state == "paused":
        parts.append(lang.translate("SyncPanel", "continues at the next sync"))
    if p.message:
        parts.append(render(p.message, lang))
    label = render(STATE_LABELS[p.state], lang) if p.state in STATE_LABELS else p.state
    return CaseRow(p.platform_case_id, p.state, label, fraction, " · ".join(parts), live)


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

    def rows(self, lang: Language = ENGLISH) -> list[CaseRow]:
        return [case_row(p, lang=lang) for p in self._latest.values()]


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


def outbox_row(item: OutboxItem, now: float | None = None, when_now: datetime | None = None,
               lang: Language = ENGLISH) -> OutboxRow:
    now = time.time() if now is None else now
    d = item.details
    if item.kind == "report":
        what = lang.translate("SyncPanel", "Signed addendum") if d.get("addendum") else lang.translate("SyncPanel", "Signed report")
        if d.get("concordance"):
            what += f" ({d['concordance']})"
    else:
        what = lang.translate("SyncPanel", "Case status → {status}").format(status=status_text(str(d.get("status", "?")), lang))
    if item.state == "acknowledged":
        state = "submitted"
        detail = lang.translate("SyncPanel", "acknowledged {when}").format(when=format_when(item.acknowledged_at, when_now, lang)).strip()
    elif item.state == "rejected":
        state, detail = "refused", item.last_error or lang.translate("SyncPanel", "the platform refused it")
    else:
        state = "waiting"
        if item.attempts:
            detail = lang.translate("SyncPanel", "try {n} {when}").format(n=item.attempts + 1, when=_in(item.next_attempt_at - now, lang))
            if item.last_error:
                detail += f" · {item.last_error}"
        else:
            detail = lang.translate("SyncPanel", "queued, sent at the next sync")
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


def config_problem(config: SyncConfig, lang: Language = ENGLISH) -> str:
    """'' when the settings are complete, else the hint the panel shows instead of failing."""
    hint = render(SETUP_HINT, lang)
    if config == SyncConfig():
        return hint
    try:
        config.check()
    except SyncError as exc:
        text = render(exc.args[0], lang) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
        return f"{text}.\n{hint}"
    return ""


def headline(status: SyncStatus, waiting: int, configured: bool, running: bool,
             now: datetime | None = None, lang: Language = ENGLISH) -> tuple[str, str]:
    """(panel headline, status-bar badge)."""
    if not configured:
        return lang.translate("SyncPanel", "Not set up"), lang.translate("SyncPanel", "Sync: not set up")
    if running:
        state = lang.translate("SyncPanel", "Syncing…")
    elif status.online is None:
        state = lang.translate("SyncPanel", "Never synced")
    else:
        state = lang.translate("SyncPanel", "Online") if status.online else lang.translate("SyncPanel", "Offline")
    parts = [state]
    if status.last_sync:
        parts.append(lang.translate("SyncPanel", "last sync {when}").format(when=format_when(status.last_sync, now, lang)))
    if waiting:
        parts.append(lang.translate("SyncPanel", "{n} waiting in the outbox").format(n=waiting))
    text = " · ".join(parts)
    return text, lang.translate("SyncPanel", "Sync: {state}").format(state=text)


def panel_state(config: SyncConfig, status: SyncStatus, outbox: list[OutboxItem], board: ProgressBoard,
                recorded: list[CaseProgress], running: bool, *, now: float | None = None,
                when_now: datetime | None = None, lang: Language = ENGLISH) -> PanelState:
    """Live progress first (this run), then what the workspace recorded (``recorded_progress``) for
    cases not in this run."""
    problem = config_problem(config, lang)
    live = board.rows(lang)
    seen = {r.platform_case_id for r in live}
    recorded = [case_row(p, live=False, lang=lang) for p in recorded if p.platform_case_id not in seen]
    rows = [outbox_row(i, now, when_now, lang) for i in outbox]
    waiting = sum(1 for r in rows if r.state == "waiting")
    head, badge = headline(status, waiting, not problem, running, when_now, lang)
    if status.message and not running and status.online is False:
        head += f" — {render(status.message, lang)}"
    return PanelState(not problem, problem, head, badge, status.online, live + recorded, rows, waiting)


def new_cases_notice(platform_case_ids: list[str], lang: Language = ENGLISH) -> str:
    if not platform_case_ids:
        return ""
    if len(platform_case_ids) == 1:
        return lang.translate("SyncPanel", "New assignment: case {case} is in the worklist").format(case=platform_case_ids[0])
    shown = ", ".join(platform_case_ids[:3]) + (" …" if len(platform_case_ids) > 3 else "")
    return lang.translate("SyncPanel", "{n} new assignments in the worklist: {cases}").format(n=len(platform_case_ids), cases=shown)


__all__ = ["CaseRow", "OUTBOX_STATE_LABELS", "OutboxRow", "PanelState", "ProgressBoard", "SETUP_HINT", "case_row", "config_problem",
           "format_bytes", "format_eta", "format_when", "headline", "new_cases_notice", "outbox_row", "panel_state",
           "recorded_progress"]
