"""Worklist presentation logic without Qt: time left until due, urgency, filtering, sort keys."""
from __future__ import annotations

from datetime import datetime, timezone

from reviewer.model import CaseSummary

COLUMNS = ("Case", "Patient", "Specialty", "Question", "Priority", "Due", "Status")


def time_left(due: datetime | None, now: datetime) -> tuple[str, str]:
    """("in 2 d 5 h" | "overdue 3 h" | "—", urgency: overdue | soon | later | none)."""
    if due is None:
        return "—", "none"
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    seconds = (due - now).total_seconds()
    span = abs(int(seconds))
    d, h, m = span // 86400, span % 86400 // 3600, span % 3600 // 60
    text = f"{d} d {h} h" if d else (f"{h} h {m} min" if h else f"{m} min")
    if seconds < 0:
        return f"overdue {text}", "overdue"
    return f"in {text}", "soon" if seconds < 24 * 3600 else "later"


def due_text(case: CaseSummary, now: datetime) -> str:
    if case.due is None:
        return "—"
    local = case.due.astimezone()
    return f"{local:%Y-%m-%d %H:%M} ({time_left(case.due, now)[0]})"


def cell_text(case: CaseSummary, column: int, now: datetime) -> str:
    return (case.platform_case_id, case.patient.name, case.specialty, case.question,
            case.priority.upper() if case.priority in ("stat", "asap") else case.priority.capitalize(),
            due_text(case, now), case.status.replace("-", " ").capitalize())[column]


def sort_key(case: CaseSummary, column: int):
    if column == 4:
        return case.priority_rank
    if column == 5:
        return case.due.timestamp() if case.due else float("inf")
    return cell_text(case, column, datetime.now(timezone.utc)).casefold()


def matches(case: CaseSummary, text: str, now: datetime) -> bool:
    """Every word of the filter must appear in some column (case-insensitive)."""
    hay = " ".join(cell_text(case, c, now) for c in range(len(COLUMNS))).casefold()
    hay += " " + case.patient.mrn.casefold() + " " + case.patient.birth_date
    return all(word in hay for word in text.casefold().split())


def short_datetime(iso: str) -> str:
    """'2026-10-29T13:15:00+01:00' → '2026-10-29 13:15'; dates stay as they are; junk is shown as is."""
    try:
        dt = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{dt:%Y-%m-%d}" if len(iso) <= 10 else f"{dt:%Y-%m-%d %H:%M}"


def age_years(birth_date: str, on: datetime) -> int | None:
    try:
        b = datetime.fromisoformat(birth_date).date()
    except (TypeError, ValueError):
        return None
    d = on.date()
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
