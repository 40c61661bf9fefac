from datetime import datetime, timedelta, timezone

from support import FAST_KDF, PASSPHRASE
from reviewer.model import CaseSummary, Patient
from reviewer.session import Session
from reviewer.worklist import matches, sort_key, time_left


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_session_unlocks_locks_and_auto_locks_when_idle(tmp_path):
    clock = Clock()
    s = Session(tmp_path / "ws", idle_seconds=600, clock=clock, workspace_kwargs={"kdf": FAST_KDF})
    events = []
    s.on_change(events.append)
    assert not s.exists
    s.adopt(s.create_workspace(PASSPHRASE, passphrase_only=True))
    assert s.unlocked and events == [True]
    clock.t += 599
    assert not s.lock_if_idle()
    s.touch()
    clock.t += 599
    assert not s.lock_if_idle() and s.unlocked
    clock.t += 2
    assert s.lock_if_idle() and not s.unlocked and events == [True, False]
    s.adopt(s.open_workspace(PASSPHRASE))
    s.lock()
    assert events == [True, False, True, False]


def test_before_lock_listeners_run_while_the_workspace_is_open(tmp_path):
    s = Session(tmp_path / "ws", workspace_kwargs={"kdf": FAST_KDF})
    s.adopt(s.create_workspace(PASSPHRASE, passphrase_only=True))
    seen = []

    def broken():
        raise RuntimeError("boom")
    s.on_before_lock(broken)                   # a failing listener does not stop the lock
    s.on_before_lock(lambda: seen.append(s.workspace.db.execute("SELECT 1").fetchone()[0]))
    s.lock()
    assert seen == [1] and not s.unlocked
    s.lock()                                   # already locked: listeners are not called again
    assert seen == [1]


def _case(pid, prio, due, name="Testpatient, Alice"):
    return CaseSummary(pid, pid, Patient(name, "1970-01-01", "female", "MRN-1"), "Oncology", "Chemo?",
                       prio, due, "ready", datetime(2026, 11, 1, tzinfo=timezone.utc))


def test_time_left_and_urgency():
    now = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
    assert time_left(now + timedelta(days=2, hours=5), now) == ("in 2 d 5 h", "later")
    assert time_left(now + timedelta(hours=3, minutes=10), now) == ("in 3 h 10 min", "soon")
    assert time_left(now - timedelta(hours=3), now) == ("overdue 3 h 0 min", "overdue")
    assert time_left(None, now) == ("—", "none")


def test_filter_and_sort_keys():
    now = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
    a = _case("SO-1", "routine", now + timedelta(days=3))
    b = _case("SO-2", "stat", now + timedelta(days=5), name="Demo-Example, Bob")
    assert matches(b, "bob stat", now) and not matches(a, "bob", now)
    assert matches(a, "mrn-1", now)
    assert sorted([a, b], key=lambda c: sort_key(c, 4)) == [b, a]
    assert sorted([b, a], key=lambda c: sort_key(c, 5)) == [a, b]


def test_date_helpers():
    from reviewer.worklist import age_years, short_datetime
    assert short_datetime("2026-10-29T13:15:00+01:00") == "2026-10-29 13:15"
    assert short_datetime("2026-10-29") == "2026-10-29" and short_datetime("garbage") == "garbage"
    assert age_years("1991-05-23", datetime(2026, 5, 22, tzinfo=timezone.utc)) == 34
    assert age_years("1991-05-23", datetime(2026, 5, 23, tzinfo=timezone.utc)) == 35
    assert age_years("", datetime(2026, 5, 23)) is None
