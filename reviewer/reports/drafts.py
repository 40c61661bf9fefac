"""Opinions in the workspace: an encrypted draft autosaved on every change, and signed versions that
never change.

Why a single row per case rewritten in place: the editor calls ``save_draft`` on every keystroke;
one UPDATE in a transaction (SQLCipher, WAL, fsync) costs about a millisecond, and an unchanged
opinion is not written at all. Killing the program loses at most the change being typed.

A signed version is a row in ``report_versions`` (the opinion as signed, the signed PDF as a blob, its
SHA-256); triggers refuse to alter or delete it. A later change is an *addendum*: a new draft that
cites the SHA-256 of the latest signed version, signed as version n+1.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from reviewer import store
from reviewer.errors import ReviewerError
from reviewer.reports.opinion import Addendum, Opinion
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


class OpinionStoreError(ReviewerError):
    pass


@dataclass(frozen=True)
class ReportVersion:
    id: str
    case_id: str
    report_id: str
    version: int
    kind: str                 # "original" | "addendum"
    pdf_sha256: str
    cites_sha256: str | None
    signer: str
    identity_id: str | None
    signed_at: datetime


def _version(r) -> ReportVersion:
    return ReportVersion(r["id"], r["case_id"], r["report_id"], r["version"], r["kind"], r["pdf_sha256"],
                         r["cites_sha256"], r["signer"], r["identity_id"], datetime.fromisoformat(r["signed_at"]))


class OpinionStore:
    """Drafts and signed versions of the opinions of one workspace (``ws``: a Workspace)."""

    def __init__(self, ws):
        self.ws = ws

    # -- drafts ----------------------------------------------------------------------------------
    def load_draft(self, case_id: str) -> Opinion | None:
        r = self.ws.db.execute("SELECT draft FROM opinions WHERE case_id = ?", (case_id,)).fetchone()
        return Opinion.from_json(r[0], "saved draft") if r else None

    def draft_state(self, case_id: str) -> tuple[str, int] | None:
        """("draft" | "signed", revision), or None when the case has no opinion yet."""
        r = self.ws.db.execute("SELECT state, revision FROM opinions WHERE case_id = ?", (case_id,)).fetchone()
        return (r[0], r[1]) if r else None

    def save_draft(self, case_id: str, opinion: Opinion) -> int:
        """Saves the draft (cheap; call on every change) and returns its revision. Refuses to change an
        opinion whose latest state is signed: start an addendum first."""
        text = opinion.to_json()
        now = datetime.now(timezone.utc).isoformat()
        with store.transaction(self.ws.db):
            r = self.ws.db.execute("SELECT draft, revision, state, report_id FROM opinions WHERE case_id = ?",
                                   (case_id,)).fetchone()
            if r is None:
                self.ws.db.execute(
                    "INSERT INTO opinions (case_id, report_id, specialty, language, draft, revision, state, created, "
                    "modified) VALUES (?,?,?,?,?,1,'draft',?,?)",
                    (case_id, opinion.report_id, opinion.specialty, opinion.language, text, now, now))
                self.ws.audit.append("opinion.create", case_id, report_id=opinion.report_id)
                return 1
            if r[0] == text:
                return r[1]
            if r[2] == "signed":
                raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "This opinion is signed and cannot "
                                                                               "change; start an addendum to amend it")))
            if opinion.report_id != r[3]:
                raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The draft belongs to another report id")))
            self.ws.db.execute("UPDATE opinions SET draft = ?, revision = revision + 1, specialty = ?, language = ?, "
                               "modified = ? WHERE case_id = ?",
                               (text, opinion.specialty, opinion.language, now, case_id))
            return r[1] + 1

    # -- signed versions -------------------------------------------------------------------------
    def versions(self, case_id: str) -> list[ReportVersion]:
        return [_version(r) for r in self.ws.db.query(
            "SELECT * FROM report_versions WHERE case_id = ? ORDER BY version", [case_id])]

    def next_version(self, case_id: str) -> int:
        r = self.ws.db.execute("SELECT MAX(version) FROM report_versions WHERE case_id = ?", (case_id,)).fetchone()
        return (r[0] or 0) + 1

    def signed_pdf(self, version_id: str) -> bytes:
        """The signed PDF, checked against the SHA-256 recorded when it was signed."""
        r = self.ws.db.execute("SELECT pdf_blob, pdf_sha256 FROM report_versions WHERE id = ?", (version_id,)).fetchone()
        if r is None:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No signed report version {version_id}"),
                                         version_id=version_id))
        data = self.ws.blobs.get(r[0])
        if hashlib.sha256(data).hexdigest() != r[1]:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The signed report version {version_id} "
                                                                           "does not match its recorded hash"),
                                         version_id=version_id))
        return data

    def signed_opinion(self, version_id: str) -> Opinion:
        r = self.ws.db.execute("SELECT opinion FROM report_versions WHERE id = ?", (version_id,)).fetchone()
        if r is None:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No signed report version {version_id}"),
                                         version_id=version_id))
        return Opinion.from_json(r[0], "signed opinion")

    def record_signed(self, case_id: str, opinion: Opinion, signed_pdf: bytes, *, version: int, signer: str,
                      identity_id: str | None = None) -> ReportVersion:
        """Stores a signed PDF as the case's next version and marks the draft signed (one transaction)."""
        expected = self.next_version(case_id)
        if version != expected:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The PDF was rendered as version "
                                                                           "{version}; the next version is "
                                                                           "{expected}"),
                                         version=version, expected=expected))
        versions = self.versions(case_id)
        if versions:
            if opinion.addendum is None:
                raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "This report is already signed; a change "
                                                                               "must be an addendum")))
            if opinion.addendum.cites_sha256 != versions[-1].pdf_sha256:
                raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The addendum does not cite the latest "
                                                                               "signed version")))
        elif opinion.addendum is not None:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "An addendum needs a signed version to "
                                                                           "amend")))
        digest = hashlib.sha256(signed_pdf).hexdigest()
        blob_id = self.ws.blobs.put(signed_pdf)   # before the row: a kill leaves an orphan, swept later
        now = datetime.now(timezone.utc)
        vid = uuid.uuid4().hex
        text = opinion.to_json()
        with store.transaction(self.ws.db):
            self.ws.db.execute(
                "INSERT INTO report_versions (id, case_id, report_id, version, kind, opinion, pdf_sha256, pdf_blob, "
                "cites_sha256, identity_id, signer, signed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (vid, case_id, opinion.report_id, version, "addendum" if opinion.addendum else "original", text,
                 digest, blob_id, opinion.addendum.cites_sha256 if opinion.addendum else None, identity_id, signer,
                 now.isoformat()))
            self.ws.db.execute(
                "INSERT INTO opinions (case_id, report_id, specialty, language, draft, revision, state, created, modified) "
                "VALUES (?,?,?,?,?,1,'signed',?,?) ON CONFLICT(case_id) DO UPDATE SET draft = excluded.draft, "
                "state = 'signed', revision = revision + 1, modified = excluded.modified",
                (case_id, opinion.report_id, opinion.specialty, opinion.language, text, now.isoformat(), now.isoformat()))
            self.ws.audit.append("report.record", case_id, version=version, sha256=digest, report_id=opinion.report_id)
        return self.versions(case_id)[-1]

    def start_addendum(self, case_id: str, reason: str = "") -> Opinion:
        """A new draft amending the latest signed version: its content, plus the citation of its hash."""
        versions = self.versions(case_id)
        if not versions:
            raise OpinionStoreError(Text(QT_TRANSLATE_NOOP("ReportErrors", "Nothing is signed yet: edit the draft "
                                                                           "instead of starting an addendum")))
        last = versions[-1]
        opinion = self.signed_opinion(last.id)
        opinion.addendum = Addendum(cites_version=last.version, cites_sha256=last.pdf_sha256, reason=reason)
        now = datetime.now(timezone.utc).isoformat()
        with store.transaction(self.ws.db):
            self.ws.db.execute("UPDATE opinions SET draft = ?, state = 'draft', revision = revision + 1, modified = ? "
                               "WHERE case_id = ?", (opinion.to_json(), now, case_id))
            self.ws.audit.append("opinion.addendum", case_id, cites_version=last.version)
        return opinion
