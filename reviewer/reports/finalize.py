"""Sign an opinion end to end: check it, render it as the next version, sign it, store it.

This is what the sign dialog calls after showing the specialist the PDF it will sign (render it with
``preview`` first: the same inputs give the same pages)."""
from __future__ import annotations

from dataclasses import dataclass

from reviewer.errors import ReviewerError
from reviewer.reports.drafts import OpinionStore, ReportVersion
from reviewer.reports.opinion import Opinion, Problem, check_ready_to_sign
from reviewer.reports.render import RenderResult, ReportRenderer, images_for
from reviewer.reports.templates import Template


class NotReadyToSign(ReviewerError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("The opinion is not ready to sign: " + "; ".join(p.message for p in problems))


@dataclass(frozen=True)
class SignedReport:
    version: ReportVersion
    render: RenderResult
    pdf: bytes


def preview(ws, case_id: str, opinion: Opinion, template: Template, renderer: ReportRenderer, out,
            *, version: int | None = None) -> RenderResult:
    """Renders the opinion of a case (draft when ``version`` is None) with its key images."""
    case = ws.cases.get(case_id)
    return renderer.render(case, opinion, template, images_for(opinion, ws.key_images), out, version=version)


def sign_opinion(ws, case_id: str, opinion: Opinion, template: Template, session, secret: str, *,
                 renderer: ReportRenderer, reason: str = "Second-opinion report", location: str = "",
                 tsa_url: str | None = None, timestamper=None) -> SignedReport:
    """Checks, renders as the next version, signs (intent: ``secret``), stores. Raises NotReadyToSign
    with the problems when something required is missing."""
    import io
    case = ws.cases.get(case_id)
    problems = check_ready_to_sign(opinion, template, case=case,
                                   available_images={k.id for k in ws.key_images.list(case_id)})
    if problems:
        raise NotReadyToSign(problems)
    session.confirm_intent(secret)
    drafts = OpinionStore(ws)
    version = drafts.next_version(case_id)
    buf = io.BytesIO()
    result = renderer.render(case, opinion, template, images_for(opinion, ws.key_images), buf, version=version)
    signed = session.sign(buf.getvalue(), secret=secret, reason=reason, location=location, tsa_url=tsa_url,
                          timestamper=timestamper, case_id=case_id)
    v = drafts.record_signed(case_id, opinion, signed, version=version, signer=session.identity.subject,
                             identity_id=session.identity.id)
    return SignedReport(v, result, signed)
