"""Workspace and package sources, the CLI, decisions, the worker, OCR and DICOM records."""
import io
import json

import pydicom
import pypdfium2 as pdfium
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from cli_helpers import reviewer
from summary_packages import write_package_from_case
from reviewer.demo.records import Record, render
from reviewer.packages import import_path
from reviewer.summary import DecisionStore, SummaryJob, WorkspaceCase, summarise
from reviewer.summary.ingest.documents import read_document
from reviewer.summary.ingest.inputs import RawDocument
from reviewer.summary.ingest.ocr import tesseract_available
from reviewer.summary.quality import load_corpus
from spans import unresolved


def _case(cid):
    return next(c for c in load_corpus() if c["id"] == cid)


def test_workspace_case_matches_package_and_is_audited(workspace, demo_packages, tmp_path):
    pkg = demo_packages["neurology"]
    r = import_path(workspace, pkg)
    from_ws = summarise(WorkspaceCase(workspace, r.platform_case_id))
    from_pkg = summarise(pkg)
    assert [f.id for f in from_ws.facts] == [f.id for f in from_pkg.facts]
    assert sorted(f.id for f in from_ws.flags) == sorted(f.id for f in from_pkg.flags)
    runs = [e for e in workspace.audit.entries() if e["action"] == "summary.run"]
    assert len(runs) == 1 and "Carol" not in runs[0]["details"]


def test_decisions_are_kept_and_audited_without_text(workspace, demo_packages):
    r = import_path(workspace, demo_packages["spine-surgery"])
    s = summarise(WorkspaceCase(workspace, r.platform_case_id))
    store = DecisionStore(workspace)
    fact, flag = s.facts[0], s.flags[0]
    store.decide(r.case_id, "fact", fact.id, "corrected", correction="Secret corrected text")
    store.decide(r.case_id, "fact", fact.id, "confirmed")
    store.decide(r.case_id, "flag", flag.id, "rejected", note="seen")
    cur = store.current(r.case_id)
    assert cur[fact.id].decision == "confirmed" and cur[flag.id].decision == "rejected"
    assert [d.decision for d in store.history(r.case_id, fact.id)] == ["corrected", "confirmed"]
    audit = [e for e in workspace.audit.entries() if e["action"] == "summary.decision"]
    assert len(audit) == 3 and all("Secret" not in e["details"] for e in audit)
    assert workspace.audit.verify().ok


def test_cli_json_on_a_package_folder_and_logs_hold_no_record_text(tmp_path, _isolated_dirs):
    pkg = write_package_from_case(tmp_path / "pkg", _case("breast-her2-conflict"))
    r = reviewer(tmp_path / "ws", "summary", str(pkg), "--json", env={"REVIEWER_LOG_DIR": str(_isolated_dirs)})
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) >= {"facts", "flags", "timeline"}
    f = d["facts"][0]
    assert set(f) >= {"id", "kind", "value", "normalized", "source", "confidence"}
    assert set(f["source"]) >= {"document", "page", "start", "end", "text"}
    assert {g["kind"] for g in d["flags"]} == {"biomarker_conflict", "treatment_biomarker_conflict"}
    ids = {f["id"] for f in d["facts"]}
    assert all(set(g["evidence"]) <= ids and g["message"] for g in d["flags"])
    assert all({"date", "label", "document", "fact_id"} <= set(t) for t in d["timeline"])
    for log in _isolated_dirs.rglob("*"):
        if log.is_file():
            assert "Brown" not in log.read_text(errors="replace")
    text = reviewer(tmp_path / "ws", "summary", str(pkg))
    assert text.returncode == 0 and "machine-prepared" in text.stdout.lower()


def test_worker_reports_progress_and_can_be_cancelled(tmp_path):
    pkg = write_package_from_case(tmp_path / "pkg", _case("breast-consistent-1"))
    seen = []
    result = SummaryJob(pkg, progress=lambda d, t, step: seen.append((d, t, step))).start().wait(60)
    assert result.summary.facts and seen[-1][0] == seen[-1][1] and seen[-1][2] == "done"
    job = SummaryJob(pkg)
    job.cancel()
    job.start()
    with pytest.raises(Exception, match="cancelled"):
        job.wait(60)


def test_pdf_offsets_are_pdfium_character_indices():
    data = render(Record("r.pdf", "Pathology report", "Report", "2026-01-01",
                         ("ER: positive (90%)", "HER2: negative (IHC 1+)") * 40))
    docs, _ = read_document(RawDocument("documents/r.pdf", "r", "Pathology report", "", "application/pdf", lambda: data))
    pdf = pdfium.PdfDocument(data)
    assert len(docs[0].pages) == len(pdf) >= 2
    for i, page in enumerate(docs[0].pages):
        tp = pdf[i].get_textpage()
        assert len(page.text) == tp.count_chars() and not page.ocr
        start = page.text.index("HER2")
        assert tp.get_text_range(start, 4) == "HER2"


def _scanned_pdf(lines) -> bytes:
    """A PDF whose only page is an image of text (no text layer), made in memory."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    text_pdf = pdfium.PdfDocument(render(Record("s.pdf", "Pathology report", "Scanned report", "2026-01-01", lines)))
    image = text_pdf[0].render(scale=300 / 72).to_pil()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, *A4)
    c.save()
    return buf.getvalue()


@pytest.mark.skipif(not tesseract_available(), reason="tesseract not installed")
def test_scanned_page_is_read_by_ocr_and_marked():
    data = _scanned_pdf(("Final diagnosis", "Invasive ductal carcinoma of the left breast", "HER2: negative (IHC 1+)"))
    raw = RawDocument("documents/scan.pdf", "Scan", "Pathology report", "2026-01-01", "application/pdf", lambda: data)
    from reviewer.summary.ingest.inputs import CaseInputs
    from reviewer.summary.engine import summarise_inputs
    s = summarise_inputs(CaseInputs("scan", [raw])).summary
    page = s.documents[0].pages[0]
    assert page.ocr and 0.5 < page.confidence <= 1.0
    kinds = {f.kind: f for f in s.facts}
    assert kinds["histology"].normalized == "invasive ductal carcinoma" and kinds["her2"].normalized == "negative"
    assert kinds["her2"].source.ocr and kinds["her2"].confidence < 0.9
    assert unresolved(s) == []


def _dicom_record(tmp_path, modality, **extra):
    meta = FileMetaDataset()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = extra.pop("sop", "1.2.840.10008.5.1.4.1.1.88.11")
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SeriesInstanceUID, ds.StudyInstanceUID = generate_uid(), generate_uid()
    ds.Modality, ds.PatientName, ds.PatientID = modality, "Doe^Jane", "X-1"
    for k, v in extra.items():
        setattr(ds, k, v)
    buf = io.BytesIO()
    pydicom.dcmwrite(buf, ds, enforce_file_format=True)
    return buf.getvalue()


def _item(vt, name, **kw):
    it = Dataset()
    it.ValueType = vt
    code = Dataset()
    code.CodeMeaning = name
    it.ConceptNameCodeSequence = [code]
    for k, v in kw.items():
        setattr(it, k, v)
    return it


def test_dicom_sr_text_and_encapsulated_pdf(tmp_path):
    sr = _dicom_record(tmp_path, "SR", ValueType="CONTAINER",
                       ContentSequence=[_item("TEXT", "Finding", TextValue="Spiculated mass in the right breast."),
                                        _item("TEXT", "Impression", TextValue="Invasive ductal carcinoma likely.")])
    docs, skipped = read_document(RawDocument("dicom/sr.dcm", "SR", "DICOM SR", "", "application/dicom", lambda: sr))
    assert not skipped and "Finding: Spiculated mass in the right breast." in docs[0].pages[0].text
    pdf = render(Record("e.pdf", "Pathology report", "Report", "2026-01-01", ("HER2: negative (IHC 0)",)))
    enc = _dicom_record(tmp_path, "DOC", sop="1.2.840.10008.5.1.4.1.1.104.1", EncapsulatedDocument=pdf,
                        MIMETypeOfEncapsulatedDocument="application/pdf")
    docs, skipped = read_document(RawDocument("dicom/doc.dcm", "DOC", "DICOM DOC", "", "application/dicom", lambda: enc))
    assert not skipped and "HER2: negative (IHC 0)" in docs[0].pages[0].text


def test_a_broken_record_is_skipped_by_name(tmp_path):
    case = _case("breast-consistent-1")
    pkg = write_package_from_case(tmp_path / "pkg", case)
    (pkg / "documents" / "pathology.pdf").write_bytes(b"%PDF-1.4 broken")
    from reviewer.summary import summarise_detailed
    r = summarise_detailed(pkg)
    assert [s.document for s in r.skipped] == ["documents/pathology.pdf"]
    assert r.summary.facts


def test_a_binary_record_is_skipped_not_read_as_text():
    """Random bytes (an archive, an image saved as a record) are named as not read, quickly, instead of
    feeding megabytes of Latin-1 garbage to the rules."""
    import os
    import time
    data = os.urandom(2 << 20)
    t0 = time.perf_counter()
    docs, skipped = read_document(RawDocument("documents/x.bin", "X", "Record", "", "application/octet-stream",
                                              lambda: data))
    assert docs == [] and [s.document for s in skipped] == ["documents/x.bin"]
    assert "binary" in skipped[0].reason and time.perf_counter() - t0 < 2
    text = "Left breast: invasive ductal carcinoma.\n\tGrade 2.\n".encode()
    docs, skipped = read_document(RawDocument("documents/t.txt", "T", "Record", "", "text/plain", lambda: text))
    assert len(docs) == 1 and skipped == []
