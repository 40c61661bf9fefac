"""The editor's side of an opinion, without Qt: which template a case gets, the draft to resume, and
signing exactly the PDF the specialist was shown, then queueing it for the platform.

Why sign *prepared* bytes rather than re-render (as ``finalize.sign_opinion`` does): the sign dialog
shows the rendered pages, and what is signed must be those pages, byte for byte — a second render
would carry another "prepared" time. ``sign_prepared`` refuses when the opinion changed since the
bytes were rendered, or when another version was signed meanwhile.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from reviewer.errors import ReviewerError
from reviewer.model import CaseDetail
from reviewer.reports.drafts import OpinionStore, ReportVersion
from reviewer.reports.finalize import NotReadyToSign
from reviewer.reports.opinion import Opinion, Problem, check_ready_to_sign, concordance_category, new_opinion
from reviewer.reports.templates import Template, available_templates, load_template
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

# Words of a case's specialty (free text from the platform) → template specialty. First match wins.
_SPECIALTY_WORDS = (("patholog", "pathology"), ("onco", "oncology"), ("radiolog", "radiology"),
                    ("imaging", "radiology"))
_CONCORDANCE_FOR_PLATFORM = {"agree": "concordant", "minor": "minor-discordance", "major": "major-discordance"}


class SignFlowError(ReviewerError):
    """Signing cannot go on (the opinion changed, a version was signed meanwhile)."""


def template_specialty_for(case: CaseDetail, available: list[str] | None = None) -> str:
    """The template specialty for a case: from the words of its specialty ("Medical oncology" →
    oncology), else from what it holds (slides → pathology, imaging → radiology), else oncology."""
    have = available if available is not None else sorted({s for s, _ in available_templates()})
    words = (case.summary.specialty or "").lower()
    for word, specialty in _SPECIALTY_WORDS:
        if word in words and specialty in have:
            return specialty
    for holds, specialty in ((case.slides, "pathology"), (case.series, "radiology")):
        if holds and specialty in have:
            return specialty
    return "oncology" if "oncology" in have or not have else have[0]


def start_or_resume(drafts: OpinionStore, case: CaseDetail, language: str = "en") -> tuple[Opinion, Template, bool]:
    """(opinion, its template, signed?) for a case: the saved draft (or the signed opinion), else a new
    opinion from the case's template with one answer slot per question (not saved until edited)."""
    case_id = case.summary.id
    saved = drafts.load_draft(case_id)
    if saved is not None:
        state = drafts.draft_state(case_id)
        return saved, load_template(saved.specialty, saved.language), bool(state and state[0] == "signed")
    template = load_template(template_specialty_for(case), language)
    return new_opinion(template, case), template, False


def problems_for(ws, case: CaseDetail, opinion: Opinion, template: Template) -> list[Problem]:
    """What stops signing, checked against the case's questions and its key images now."""
    return check_ready_to_sign(opinion, template, case=case,
                               available_images={k.id for k in ws.key_images.list(case.summary.id)})


def platform_outcome(opinion: Opinion, template: Template):
    """The structured outcome for the submission (reviewer.sync.model.Outcome)."""
    from reviewer.sync.model import Outcome
    surgery = opinion.outcome.surgery
    return Outcome(diagnosis_changed=opinion.outcome.diagnosis_changed,
                   treatment_changed=opinion.outcome.treatment_changed,
                   surgery_avoided=None if surgery in ("", "not_applicable") else surgery == "avoided",
                   concordance=_CONCORDANCE_FOR_PLATFORM.get(concordance_category(opinion, template), "not-assessable"))


@dataclass(frozen=True)
class PreparedReport:
    """The PDF the sign dialog shows and ``sign_prepared`` signs."""
    case_id: str
    pdf: bytes
    version: int
    pages: int
    opinion_json: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


@dataclass(frozen=True)
class SignedResult:
    version: ReportVersion
    pdf: bytes
    submission_id: str | None     # the outbox item, None when it could not be queued
    queue_error: str = ""


def prepare_signing(ws, case: CaseDetail, opinion: Opinion, template: Template, renderer) -> PreparedReport:
    """Checks the opinion (NotReadyToSign lists what is missing) and renders it as the next version."""
    from reviewer.reports.render import images_for
    problems = problems_for(ws, case, opinion, template)
    if problems:
        raise NotReadyToSign(problems)
    case_id = case.summary.id
    version = OpinionStore(ws).next_version(case_id)
    buf = io.BytesIO()
    result = renderer.render(case, opinion, template, images_for(opinion, ws.key_images), buf, version=version)
    return PreparedReport(case_id, buf.getvalue(), version, result.pages, opinion.to_json())


def sign_prepared(ws, prepared: PreparedReport, opinion: Opinion, template: Template, session, secret: str, *,
                  reason: str = "Second-opinion report", location: str = "", tsa_url: str | None = None,
                  queue: bool = True) -> SignedResult:
    """Signs the prepared bytes (intent: ``secret``), stores the immutable version (audited) and queues it
    in the sync outbox. Refuses if the opinion or the next version changed since ``prepare_signing``."""
    if opinion.to_json() != prepared.opinion_json:
        raise SignFlowError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The opinion changed after the report was "
                                                                   "prepared; review it again before signing")))
    drafts = OpinionStore(ws)
    if drafts.next_version(prepared.case_id) != prepared.version:
        raise SignFlowError(Text(QT_TRANSLATE_NOOP("ReportErrors", "Another version of this report was signed "
                                                                   "meanwhile; review it again before signing")))
    session.confirm_intent(secret)
    signed = session.sign(prepared.pdf, secret=secret, reason=reason, location=location, tsa_url=tsa_url,
                          case_id=prepared.case_id)
    version = drafts.record_signed(prepared.case_id, opinion, signed, version=prepared.version,
                                   signer=session.identity.subject, identity_id=session.identity.id)
    if not queue:
        return SignedResult(version, signed, None)
    from reviewer.sync.outbox import queue_report
    try:
        sid = queue_report(ws, prepared.case_id, signed, platform_outcome(opinion, template),
                           addendum=opinion.addendum is not None, title=template.title,
                           signed_at=version.signed_at.isoformat(timespec="seconds"))
    except ReviewerError as exc:      # signed and stored; only the queueing failed, say so
        return SignedResult(version, signed, None, str(exc))
    return SignedResult(version, signed, sid)
