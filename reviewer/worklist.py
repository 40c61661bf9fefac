"""Worklist presentation logic without Qt: time left until due, urgency, filtering, sort keys."""
from __future__ import annotations

from datetime import datetime, timezone

from reviewer.i18n import ENGLISH, QT_TRANSLATE_NOOP, Language
from reviewer.model import CaseSummary

COLUMNS = (QT_TRANSLATE_NOOP("Worklist", "Case"), QT_TRANSLATE_NOOP("Worklist", "Patient"),
           QT_TRANSLATE_NOOP("Worklist", "Specialty"), QT_TRANSLATE_NOOP("Worklist", "Question"),
           QT_TRANSLATE_NOOP("Worklist", "Priority"), QT_TRANSLATE_NOOP("Worklist", "Due"),
           QT_TRANSLATE_NOOP("Worklist", "Status"))
STATUSES = {"requested": QT_TRANSLATE_NOOP("Worklist", "Requested"), "ready": QT_TRANSLATE_NOOP("Worklist", "Ready"),
            "accepted": QT_TRANSLATE_NOOP("Worklist", "Accepted"),
            "in-progress": QT_TRANSLATE_NOOP("Worklist", "In progress"),
            "completed": QT_TRANSLATE_NOOP("Worklist", "Completed")}
PRIORITIES = {"routine": QT_TRANSLATE_NOOP("Worklist", "Routine"), "urgent": QT_TRANSLATE_NOOP("Worklist", "Urgent"),
              "asap": QT_TRANSLATE_NOOP("Worklist", "ASAP"), "stat": QT_TRANSLATE_NOOP("Worklist", "STAT")}

SEXES = {"male": QT_TRANSLATE_NOOP("Worklist", "male"), "female": QT_TRANSLATE_NOOP("Worklist", "female"),
         "other": QT_TRANSLATE_NOOP("Worklist", "other"), "unknown": QT_TRANSLATE_NOOP("Worklist", "unknown")}


def sex_text(sex: str, lang: Language = ENGLISH) -> str:
    """FHIR gender as the user reads it; an unknown code is shown as written, none as a dash."""
    known = SEXES.get((sex or "").lower())
    return lang.translate("Worklist", known) if known else (sex or "—")


def time_left(due: datetime | None, now: datetime, lang: Language = ENGLISH) -> tuple[str, str]:
    """("in 2 d 5 h" | "overdue 3 h" | "—", urgency: overdue | soon | later | none)."""
    if due is None:
        return "—", "none"
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    seconds = (due - now).total_seconds()
    span = abs(int(seconds))
    d, h, m = span // 86400, span % 86400 // 3600, span % 3600 // 60
    if d:
        text = lang.translate("Worklist", "{d} d {h} h").format(d=d, h=h)
    elif h:
        text = lang.translate("Worklist", "{h} h {m} min").format(h=h, m=m)
    else:
        text = lang.translate("Worklist", "{m} min").format(m=m)
    if seconds < 0:
        return lang.translate("Worklist", "overdue {span}").format(span=text), "overdue"
    return lang.translate("Worklist", "in {span}").format(span=text), "soon" if seconds < 24 * 3600 else "later"


def due_text(case: CaseSummary, now: datetime, lang: Language = ENGLISH) -> str:
    if case.due is None:
        return "—"
    return f"{lang.datetime(case.due.astimezone())} ({time_left(case.due, now, lang)[0]})"


def status_text(status: str, lang: Language = ENGLISH) -> str:
    known = STATUSES.get(status)
    return lang.translate("Worklist", known) if known else status.replace("-", " ").capitalize()


def priority_text(priority: str, lang: Language = ENGLISH) -> str:
    known = PRIORITIES.get(priority)
    return lang.translate("Worklist", known) if known else priority.capitalize()


def cell_text(case: CaseSummary, column: int, now: datetime, lang: Language = ENGLISH) -> str:
    return (case.platform_case_id, case.patient.name, case.specialty, case.question,
            priority_text(case.priority, lang), due_text(case, now, lang), status_text(case.status, lang))[column]


def sort_key(case: CaseSummary, column: int):
    if column == 4:
        return case.priority_rank
    if column == 5:
        return case.due.timestamp() if case.due else float("inf")
    return cell_text(case, column, datetime.now(timezone.utc)).casefold()


def matches(case: CaseSummary, text: str, now: datetime, lang: Language = ENGLISH) -> bool:
    """Every word of the filter must appear in some column as shown (case-insensitive)."""
    hay = " ".join(cell_text(case, c, now, lang) for c in range(len(COLUMNS))).casefold()
    hay += " " + case.patient.mrn.casefold() + " " + case.patient.birth_date
    return all(word in hay for word in text.casefold().split())


def short_datetime(iso: str, lang: Language = ENGLISH) -> str:
    """'2026-10-29T13:15:00+01:00' → '2026-10-29 13:15'; dates stay dates; junk is shown as is."""
    try:
        dt = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return lang.date(dt) if len(iso) <= 10 else lang.datetime(dt)


def age_years(birth_date: str, on: datetime) -> int | None:
    try:
        b = datetime.fromisoformat(birth_date).date()
    except (TypeError, ValueError):
        return None
    d = on.date()
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
