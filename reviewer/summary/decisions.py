"""The specialist confirms, rejects or corrects each machine-prepared fact and flag. Decisions are
kept (append-only rows, so the history stays) and audited (``summary.decision``, with ids only:
the corrected text stays in the encrypted database, never in the audit details)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from reviewer import store
from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

DECISIONS = ("confirmed", "rejected", "corrected")
TARGETS = ("fact", "flag")


@dataclass(frozen=True)
class Decision:
    target_kind: str
    target_id: str
    decision: str
    correction: str | None
    note: str | None
    decided_at: str
    actor: str


class DecisionStore:
    def __init__(self, ws):
        self.ws = ws

    def decide(self, case_id: str, target_kind: str, target_id: str, decision: str, *,
               correction: str | None = None, note: str | None = None) -> Decision:
        if target_kind not in TARGETS:
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "A decision is about a fact or a flag, "
                                                                        "not {target_kind!r}"),
                                     target_kind=target_kind))
        if decision not in DECISIONS:
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "Decision must be one of {join}"),
                                     join=', '.join(DECISIONS)))
        if decision == "corrected" and not (correction or "").strip():
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "A correction needs the corrected value")))
        at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        actor = self.ws.audit.actor
        with store.transaction(self.ws.db):
            self.ws.db.execute(
                "INSERT INTO summary_decisions (id, case_id, target_kind, target_id, decision, correction, note, "
                "decided_at, actor) VALUES (?,?,?,?,?,?,?,?,?)",
                [uuid.uuid4().hex, case_id, target_kind, target_id, decision, correction, note, at, actor])
            self.ws.audit.append("summary.decision", case_id, target_kind=target_kind, target_id=target_id,
                                 decision=decision)
        return Decision(target_kind, target_id, decision, correction, note, at, actor)

    def current(self, case_id: str) -> dict[str, Decision]:
        """The latest decision per fact or flag id."""
        out: dict[str, Decision] = {}
        for r in self.ws.db.query("SELECT * FROM summary_decisions WHERE case_id = ? ORDER BY decided_at, rowid",
                                  [case_id]):
            out[r["target_id"]] = Decision(r["target_kind"], r["target_id"], r["decision"], r["correction"],
                                           r["note"], r["decided_at"], r["actor"])
        return out

    def history(self, case_id: str, target_id: str) -> list[Decision]:
        return [Decision(r["target_kind"], r["target_id"], r["decision"], r["correction"], r["note"],
                         r["decided_at"], r["actor"])
                for r in self.ws.db.query("SELECT * FROM summary_decisions WHERE case_id = ? AND target_id = ? "
                                          "ORDER BY decided_at, rowid", [case_id, target_id])]
