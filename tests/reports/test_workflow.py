"""The editor's workflow without Qt: template for a case, resuming drafts, signing the prepared bytes,
queueing the signed report in the outbox."""
import dataclasses

import pytest

from report_samples import make_png, synthetic_case
from reviewer.model import Series, Slide
from reviewer.paths import report_template
from reviewer.reports.drafts import OpinionStore
from reviewer.reports.finalize import NotReadyToSign
from reviewer.reports.opinion import Answer, ImageRef, Opinion
from reviewer.reports.signing import IdentityStore
from reviewer.reports.verify import verify_pdf
from reviewer.reports.workflow import (SignFlowError, platform_outcome, prepare_signing, sign_prepared,
                                       start_or_resume, template_specialty_for)
from reviewer.reports.templates import load_template
from reviewer.sync.outbox import items as outbox_items
from support import PASSPHRASE


def _with(case, **summary):
    return dataclasses.replace(case, summary=dataclasses.replace(case.summary, **summary))


def test_template_specialty_from_the_case_words_or_contents():
    case = synthetic_case()
    assert template_specialty_for(_with(case, specialty="Medical oncology")) == "oncology"
    assert template_specialty_for(_with(case, specialty="Surgical pathology")) == "pathology"
    assert template_specialty_for(_with(case, specialty="Neuroradiology")) == "radiology"
    neuro = _with(case, specialty="Neurology")
    assert template_specialty_for(neuro) == "oncology"
    mr = dataclasses.replace(neuro, series=(Series("s", "1.2", "1.3", "MR", "Brain", 10),))
    assert template_specialty_for(mr) == "radiology"
    wsi = dataclasses.replace(neuro, slides=(Slide("s", "H&E", 1, "b", "p"),))
    assert template_specialty_for(wsi) == "pathology"
    assert template_specialty_for(mr, available=["oncology"]) == "oncology"


def test_new_opinion_is_not_saved_until_edited_then_resumed(workspace, case_id):
    drafts = OpinionStore(workspace)
    case = workspace.cases.get(case_id)
    o, t, signed = start_or_resume(drafts, case)
    assert (t.specialty, t.language, signed) == ("oncology", "en", False)
    assert [a.question for a in o.answers] == list(case.questions)
    assert drafts.load_draft(case_id) is None
    o.fields["history"] = "Resumed text 4411"
    drafts.save_draft(case_id, o)
    again, t2, _ = start_or_resume(drafts, case, language="ja")
    assert again == o and t2.language == "en"        # the saved draft keeps its template


def test_platform_outcome_maps_the_categories():
    t = load_template("oncology", "en")
    o = _example()
    out = platform_outcome(o, t)
    assert (out.concordance, out.diagnosis_changed, out.treatment_changed, out.surgery_avoided) == \
        ("major-discordance", True, True, False)
    o.concordance.choice, o.outcome.surgery = "agree", "avoided"
    assert platform_outcome(o, t).concordance == "concordant" and platform_outcome(o, t).surgery_avoided is True
    o.concordance.choice, o.outcome.surgery = "", "not_applicable"
    assert platform_outcome(o, t).concordance == "not-assessable" and platform_outcome(o, t).surgery_avoided is None


def _example() -> Opinion:
    return Opinion.from_json(report_template("examples", "oncology.en.json").read_text(encoding="utf-8"))


def test_signs_exactly_the_prepared_pdf_and_queues_it(workspace, case_id, renderer):
    case = workspace.cases.get(case_id)
    t = load_template("oncology", "en")
    o = _example()
    o.answers = [Answer(q, "An answer.") for q in case.questions]
    ki = workspace.key_images.add(case_id, make_png(), source="slide", target_key="slide:x", caption="Region")
    o.images = [ImageRef(ki.id)]
    ids = IdentityStore(workspace)
    ident = ids.create_test(PASSPHRASE)
    session = ids.unlock(PASSPHRASE)

    bad = Opinion.from_json(o.to_json())
    bad.fields["management"] = ""
    with pytest.raises(NotReadyToSign) as err:
        prepare_signing(workspace, case, bad, t, renderer)
    assert [p.where for p in err.value.problems] == ["fields.management"]

    prepared = prepare_signing(workspace, case, o, t, renderer)
    assert prepared.version == 1 and prepared.pdf.startswith(b"%PDF") and prepared.pages >= 1
    changed = Opinion.from_json(o.to_json())
    changed.fields["staging"] = "other"
    with pytest.raises(SignFlowError, match="changed after"):
        sign_prepared(workspace, prepared, changed, t, session, PASSPHRASE)
    with pytest.raises(Exception, match="not correct"):
        sign_prepared(workspace, prepared, o, t, session, "wrong")
    assert OpinionStore(workspace).versions(case_id) == []

    result = sign_prepared(workspace, prepared, o, t, session, PASSPHRASE)
    assert result.pdf.startswith(prepared.pdf)               # an incremental update of the shown bytes
    assert verify_pdf(result.pdf, [ident.cert_der]).ok
    assert result.version.version == 1 and result.version.pdf_sha256 == \
        __import__("hashlib").sha256(result.pdf).hexdigest()
    [item] = outbox_items(workspace)
    assert item.id == result.submission_id and item.kind == "report" and item.state == "pending"
    assert item.details["concordance"] == "major-discordance" and item.details["addendum"] is False
    with pytest.raises(SignFlowError, match="meanwhile"):
        sign_prepared(workspace, prepared, o, t, session, PASSPHRASE)
