"""Opinions in the workspace: autosave, encryption at rest, immutable signed versions, addenda."""
import hashlib

import pytest

from report_samples import make_png
from reviewer.paths import report_template
from reviewer.reports.drafts import OpinionStore, OpinionStoreError
from reviewer.reports.finalize import NotReadyToSign, sign_opinion
from reviewer.reports.opinion import ImageRef, Opinion, new_opinion
from reviewer.reports.signing import IdentityStore
from reviewer.reports.templates import load_template
from reviewer.reports.verify import verify_pdf
from support import PASSPHRASE


def example():
    return Opinion.from_json(report_template("examples", "radiology.en.json").read_text(encoding="utf-8"))


def test_autosave_is_cheap_and_skips_no_change(workspace, case_id):
    store = OpinionStore(workspace)
    t = load_template("radiology", "en")
    o = new_opinion(t, workspace.cases.get(case_id))
    assert store.save_draft(case_id, o) == 1
    assert store.save_draft(case_id, o) == 1                 # unchanged: not written
    o.fields["findings"] = "Unique finding text 7781"
    assert store.save_draft(case_id, o) == 2
    assert store.load_draft(case_id) == o
    assert store.draft_state(case_id) == ("draft", 2)
    # encrypted at rest: the text is in no file of the workspace
    for f in workspace.root.rglob("*"):
        if f.is_file():
            assert b"Unique finding text 7781" not in f.read_bytes(), f.name
    assert all("7781" not in str(e) for e in workspace.audit.entries())


def _questions_answered(ws, case_id, o):
    o.answers = [type(o.answers[0])(q, "An answer.") for q in ws.cases.get(case_id).questions] or o.answers
    return o


def test_sign_store_immutable_then_addendum(workspace, case_id, renderer):
    store = OpinionStore(workspace)
    t = load_template("radiology", "en")
    ids = IdentityStore(workspace)
    ident = ids.create_test(PASSPHRASE)
    session = ids.unlock(PASSPHRASE)
    o = _questions_answered(workspace, case_id, example())
    ki = workspace.key_images.add(case_id, make_png(), source="series", target_key="series:1#0",
                                  caption="Index lesion", pixel_spacing_mm=0.6)
    o.images = [ImageRef(ki.id)]
    store.save_draft(case_id, o)

    bad = _questions_answered(workspace, case_id, example())
    bad.fields["findings"] = ""
    with pytest.raises(NotReadyToSign) as err:
        sign_opinion(workspace, case_id, bad, t, session, PASSPHRASE, renderer=renderer)
    assert [p.where for p in err.value.problems] == ["fields.findings"]

    first = sign_opinion(workspace, case_id, o, t, session, PASSPHRASE, renderer=renderer)
    assert first.version.version == 1 and first.version.kind == "original"
    assert store.signed_pdf(first.version.id) == first.pdf
    assert first.version.pdf_sha256 == hashlib.sha256(first.pdf).hexdigest()
    assert verify_pdf(first.pdf, [ident.cert_der]).ok
    import subprocess
    text = subprocess.run(["pdftotext", "-", "-"], input=first.pdf, capture_output=True, check=True).stdout.decode()
    assert "Image 1. Index lesion" in text and "Version 1" in text

    o.fields["findings"] = "Changed after signing"
    with pytest.raises(OpinionStoreError, match="signed and cannot change"):
        store.save_draft(case_id, o)
    with pytest.raises(Exception, match="immutable"):
        workspace.db.execute("UPDATE report_versions SET signer = 'x'")
    with pytest.raises(Exception, match="immutable"):
        workspace.db.execute("DELETE FROM report_versions")

    add = store.start_addendum(case_id, "")
    assert add.addendum.cites_sha256 == first.version.pdf_sha256 and add.addendum.cites_version == 1
    with pytest.raises(NotReadyToSign, match="reason"):
        sign_opinion(workspace, case_id, add, t, session, PASSPHRASE, renderer=renderer)
    add.addendum.reason = "HER2 result received"
    add.fields["staging"] = "cT2 cN0, revised"
    store.save_draft(case_id, add)
    second = sign_opinion(workspace, case_id, add, t, session, PASSPHRASE, renderer=renderer)
    assert second.version.version == 2 and second.version.kind == "addendum"
    assert second.version.cites_sha256 == first.version.pdf_sha256
    assert [v.version for v in store.versions(case_id)] == [1, 2]
    assert store.signed_opinion(first.version.id).fields["staging"] != "cT2 cN0, revised"   # the original stays
    actions = [e["action"] for e in workspace.audit.entries()]
    assert actions.count("report.sign") == 2 and actions.count("report.record") == 2
    # blobs referenced: the orphan sweep keeps the signed PDFs and the wrapped key
    with workspace.write_lock():
        workspace.collect_orphans()
    assert store.signed_pdf(second.version.id) == second.pdf
    assert ids.unlock(PASSPHRASE) is not None


def test_record_refuses_out_of_order_versions(workspace, case_id):
    store = OpinionStore(workspace)
    with pytest.raises(OpinionStoreError, match="next version is 1"):
        store.record_signed(case_id, example(), b"%PDF-", version=2, signer="x")
    with pytest.raises(OpinionStoreError, match="Nothing is signed"):
        store.start_addendum(case_id)
