"""What the sync panel shows, computed headless: formatting, progress rows (live and recorded),
outbox states, the set-up hint, and the notice of new assignments."""
from datetime import datetime, timezone

import pytest

from sync_helpers import PDF, engine, fhir_config, run
from platform_cases import add_case
from reviewer.sync import CaseProgress, Outcome, SyncConfig, overview, queue_report, save_config
from reviewer.sync.dashboard import (SETUP_HINT, ProgressBoard, case_row, config_problem, format_bytes, format_eta,
                                     format_when, headline, new_cases_notice, outbox_row, panel_state,
                                     recorded_progress)
from reviewer.sync.outbox import OutboxItem
from reviewer.sync.settings import SyncStatus, load_status


@pytest.mark.parametrize("seconds, text", [(None, ""), (-1, ""), (0.3, "less than 5 s"), (4.99, "less than 5 s"),
                                           (5, "5 s"), (41.2, "42 s"), (60, "1 min"), (61, "2 min"),
                                           (3599, "1 h 00 min"), (3600, "1 h 00 min"), (3 * 3600 + 301, "3 h 06 min")])
def test_format_eta(seconds, text):
    assert format_eta(seconds) == text


def test_format_bytes_and_when():
    assert [format_bytes(n) for n in (0, 999, 1000, 1_234_567, 5e9)] == ["0 B", "999 B", "1.0 kB", "1.2 MB", "5.0 GB"]
    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    today = format_when("2026-12-05T11:58:00+00:00", now)
    assert len(today) == 5 and today[2] == ":"
    assert format_when("2026-11-30T09:00:00+00:00", now).startswith("2026-11-30 ")
    assert format_when("", now) == "" and format_when("garbage", now) == ""


def test_case_row_bytes_files_eta():
    r = case_row(CaseProgress("SO-1", "downloading", 25_000_000, 100_000_000, 2, 9, 12.2))
    assert r.fraction == pytest.approx(0.25)
    assert r.detail == "25.0 MB of 100.0 MB · about 13 s left · 2 of 9 files"
    assert case_row(CaseProgress("SO-1", "downloading", 1, 2, eta_seconds=2)).detail == "1 B of 2 B · less than 5 s left"
    assert r.label == "Downloading" and r.live
    assert case_row(CaseProgress("SO-1", "planning")).fraction is None       # busy bar: total unknown
    assert case_row(CaseProgress("SO-1", "done")).fraction == 1.0
    # Bytes beyond the known total (DICOMweb sizes arrive late) never draw more than a full bar.
    assert case_row(CaseProgress("SO-1", "downloading", 150, 100)).fraction == 1.0
    assert "about" not in case_row(CaseProgress("SO-1", "importing", 5, 10, eta_seconds=3)).detail


def test_board_keeps_latest_and_marks_stopped_runs():
    b = ProgressBoard()
    b.update(CaseProgress("A", "downloading", 10, 100, 0, 3, 5.0))
    b.update(CaseProgress("A", "downloading", 60, 100, 1, 3, 2.0))
    b.update(CaseProgress("B", "done", 50, 50, 2, 2, 0.0))
    assert [(r.platform_case_id, r.fraction) for r in b.rows()] == [("A", 0.6), ("B", 1.0)]
    b.stopped(cancelled=True)
    assert [r.state for r in b.rows()] == ["cancelled", "done"]
    assert b.get("A").bytes_done == 60 and b.get("A").eta_seconds is None
    b.reset()
    assert b.rows() == []


def _item(**kw):
    base = dict(id="x", case_id="c", kind="report", state="pending", attempts=0, next_attempt_at=0.0, last_error="",
                remote_ref="", created="2026-12-05T10:00:00+00:00", acknowledged_at="",
                details={"platform_case_id": "SO-9", "addendum": False, "concordance": "minor-discordance"})
    base.update(kw)
    return OutboxItem(**base)


def test_outbox_rows_say_what_waits_and_why():
    r = outbox_row(_item(), now=1000.0)
    assert (r.platform_case_id, r.what, r.state, r.detail) == (
        "SO-9", "Signed report (minor-discordance)", "waiting", "queued, sent at the next sync")
    r = outbox_row(_item(attempts=2, next_attempt_at=1090.0, last_error="waiting: the platform could not be reached"),
                   now=1000.0)
    assert r.detail == "try 3 in 2 min · waiting: the platform could not be reached"
    r = outbox_row(_item(state="acknowledged", acknowledged_at="2026-12-05T10:05:00+00:00"))
    assert r.state == "submitted" and r.detail.startswith("acknowledged ")
    r = outbox_row(_item(state="rejected", last_error="The server refused the request (HTTP 422 on ...)"))
    assert r.state == "refused" and "422" in r.detail
    r = outbox_row(_item(kind="task-status", details={"platform_case_id": "SO-9", "status": "in-progress"}))
    assert r.what == "Case status → In progress"      # as the worklist names the status
    assert outbox_row(_item(details={"platform_case_id": "SO-9", "addendum": True})).what == "Signed addendum"


def test_config_problem_and_headline():
    assert config_problem(SyncConfig()) == SETUP_HINT
    assert "platform URL" in config_problem(SyncConfig(owner="Practitioner/1"))
    assert config_problem(SyncConfig(platform_url="https://p.example/fhir", owner="Practitioner/1")) == ""
    assert headline(SyncStatus(), 0, False, False)[1] == "Sync: not set up"
    assert headline(SyncStatus(), 0, True, False)[0] == "Never synced"
    head, badge = headline(SyncStatus(online=False, last_sync="2026-12-05T10:00:00+00:00"), 2, True, False)
    assert head.startswith("Offline · last sync ") and head.endswith("· 2 waiting in the outbox")
    assert badge == "Sync: " + head
    assert headline(SyncStatus(online=True), 0, True, True)[0] == "Syncing…"


def test_new_cases_notice():
    assert new_cases_notice([]) == ""
    assert new_cases_notice(["SO-1"]) == "New assignment: case SO-1 is in the worklist"
    assert new_cases_notice(["A", "B", "C", "D"]) == "4 new assignments in the worklist: A, B, C …"


def test_panel_state_from_a_real_workspace(workspace, double):
    """Unfinished job recorded after a cancel, outbox states after a run, offline headline."""
    add_case(double, "SO-DASH-1", documents={"a.txt": b"x" * 300_000, "b.txt": b"y" * 200_000})
    config = fhir_config(double)
    state = panel_state(SyncConfig(), load_status(workspace.db), [], ProgressBoard(), [], False)
    assert not state.configured and state.setup_hint == SETUP_HINT and state.cases == []
    save_config(workspace.db, config)

    # A run cancelled after the plan: the job waits with its transfer rows; nothing fetched yet.
    e = engine(workspace, config)
    e.progress = lambda p: e.cancel() if p.state == "downloading" else None
    try:
        report = e.run()
    finally:
        e.platform.close()
    assert report.cancelled
    rec = recorded_progress(workspace)
    assert [(p.platform_case_id, p.state, p.files_total, p.bytes_total) for p in rec] == [
        ("SO-DASH-1", "paused", 2, 500_000)]

    assert run(workspace, config).ok
    assert recorded_progress(workspace) == []
    case_id = workspace.cases.list()[0].id
    queue_report(workspace, case_id, PDF, Outcome(concordance="concordant"))
    double.stop()
    assert not run(workspace, config).online
    board = ProgressBoard()
    board.update(CaseProgress("SO-DASH-2", "downloading", 5, 10, 0, 1, 1.0))
    recorded = [CaseProgress("SO-DASH-2", "paused", 1, 10), CaseProgress("SO-DASH-3", "failed", message="refused")]
    state = panel_state(config, load_status(workspace.db), overview(workspace).outbox, board, recorded, False)
    # This run's progress replaces what was recorded for the same case; other recorded cases follow.
    assert [(r.platform_case_id, r.state, r.live) for r in state.cases] == [
        ("SO-DASH-2", "downloading", True), ("SO-DASH-3", "failed", False)]
    assert state.configured and state.online is False
    assert state.headline.startswith("Offline · last sync ") and "1 waiting in the outbox" in state.headline
    by_what = {r.what: r for r in state.outbox}
    assert by_what["Case status → Accepted"].state == "submitted"
    waiting = by_what["Signed report (concordant)"]
    # Offline is found before the push: the report is not even tried, it waits for the next sync.
    assert (waiting.state, waiting.attempts, waiting.detail) == ("waiting", 0, "queued, sent at the next sync")
