"""Append-only, hash-chained audit log kept in the encrypted database.

Entry n's hash is SHA-256 over entry n-1's hash and entry n's canonical JSON, so altering, removing
or reordering an entry breaks the chain from there on. Triggers refuse UPDATE and DELETE. The chain
head travels with each submission, so the platform can detect a truncated log. Entries name cases
by id, never by patient.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

GENESIS = "0" * 64


def _entry_hash(prev: str, at: str, actor: str, action: str, target: str, details: str) -> str:
    body = json.dumps([prev, at, actor, action, target, details], separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head: str
    ok: bool
    broken_at: int | None = None
    reason: str = ""


class AuditLog:
    def __init__(self, db: sqlite_utils.Database, actor: str):
        self.db = db
        self.actor = actor

    def head(self) -> tuple[int, str]:
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def append(self, action: str, target: str = "", **details) -> str:
        """Appends one entry; call inside the transaction of the change it records."""
        at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        det = json.dumps(details, sort_keys=True, separators=(",", ":"))
        seq, prev = self.head()
        h = _entry_hash(prev, at, self.actor, action, target, det)
        self.db.execute("INSERT INTO audit (seq, at, actor, action, target, details, prev_hash, hash) "
                        "VALUES (?,?,?,?,?,?,?,?)", (seq + 1, at, self.actor, action, target, det, prev, h))
        return h

    def entries(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM audit ORDER BY seq"))

    def verify(self) -> ChainReport:
        prev, n = GENESIS, 0
        for n, row in enumerate(self.db.execute(
                "SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit ORDER BY seq"), 1):
            seq, at, actor, action, target, det, prev_hash, h = row
            if seq != n:
                return ChainReport(n - 1, prev, False, seq, f"entry {n} is missing (found {seq})")
            if prev_hash != prev:
                return ChainReport(n - 1, prev, False, seq, f"entry {seq} does not follow entry {seq - 1}")
            if _entry_hash(prev, at, actor, action, target, det) != h:
                return ChainReport(n - 1, prev, False, seq, f"entry {seq} was altered")
            prev = h
        return ChainReport(n, prev, True)
