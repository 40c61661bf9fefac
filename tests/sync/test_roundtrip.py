"""Done-when of issue 7: assignments pulled from the FHIR double and Orthanc, the case reviewed, a
signed report submitted; the double then holds a valid DiagnosticReport and the completed Task —
once online, once after an offline period."""
import base64
import hashlib

from fhir_double import Fault
from sync_helpers import PDF, fhir_config, run
from platform_cases import OWNER, add_case
from reviewer.sync import Outcome, overview, queue_report, queue_status
from reviewer.sync.fhir import AUDIT_EXT, OUTCOME_EXT


def _case_with_images(double, orthanc, case_id, **kw):
    study, series = next(iter(orthanc.studies.items()))
    docs = {"pathology.txt": b"Pathology: invasive ductal carcinoma, HER2 negative.\n" * 50,
            "questions.txt": b"Do I need chemotherapy?"}
    ids = add_case(double, case_id, documents=docs, study=study, dicomweb=orthanc.dicomweb, series=series, **kw)
    return ids, docs, study, series


def _check_case(ws, orthanc, case_id, docs, series):
    cases = [c for c in ws.cases.list() if c.platform_case_id == case_id]
    assert len(cases) == 1
    detail = ws.cases.get(cases[0].id)
    assert cases[0].patient.name == "Testpatient, Alice"
    assert detail.summary.question == "Is chemotherapy needed?"
    assert detail.first_opinion == ("Invasive ductal carcinoma",)
    assert sorted(ws.blobs.get(d.blob_id) for d in detail.documents) == sorted(docs.values())
    got = {s.series_uid: s for s in detail.series}
    assert set(got) == set(series)
    for se, sops in series.items():
        assert got[se].instance_count == len(sops)
        stored = sorted(ws.blobs.get(b) for b in got[se].blob_ids)
        assert stored == sorted(orthanc.instances[s] for s in sops)
    row = ws.db.execute("SELECT source_kind FROM cases WHERE id = ?", [cases[0].id]).fetchone()
    assert row[0] == "sync-fhir"
    return cases[0].id


def _check_submission(double, task_id, sid, pdf):
    reports = [r for r in double.all("DiagnosticReport")
               if any(i.get("value") == f"urn:uuid:{sid}" for i in r.get("identifier", []))]
    assert len(reports) == 1
    dr = reports[0]
    assert dr["status"] == "final"
    form = dr["presentedForm"][0]
    assert base64.b64decode(form["data"]) == pdf
    assert form["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    ext = {e["url"]: e for e in dr["extension"]}
    outcome = {e["url"]: e for e in ext[OUTCOME_EXT]["extension"]}
    assert outcome["diagnosisChanged"]["valueBoolean"] is True
    assert outcome["surgeryAvoided"]["valueBoolean"] is False
    assert outcome["concordance"]["valueCode"] == "major-discordance"
    assert ":" in ext[AUDIT_EXT]["valueString"]
    assert dr["performer"][0]["reference"] == OWNER
    task = double.get("Task", task_id)
    assert task["status"] == "completed"
    outputs = [o.get("valueReference", {}).get("reference") for o in task["output"]]
    assert f"DiagnosticReport/{dr['id']}" in outputs
    assert any(o.get("valueString") == ext[AUDIT_EXT]["valueString"] for o in task["output"])
    assert not double.invalid


OUTCOME = Outcome(diagnosis_changed=True, treatment_changed=True, surgery_avoided=False,
                  concordance="major-discordance", conclusion="HER2-low; no chemotherapy benefit expected.")


def test_round_trip_online(workspace, double, orthanc):
    ids, docs, study, series = _case_with_images(double, orthanc, "SO-SYNC-0001")
    config = fhir_config(double)
    seen = []
    report = run(workspace, config)
    assert report.ok and report.new_cases == ["SO-SYNC-0001"], report
    case_id = _check_case(workspace, orthanc, "SO-SYNC-0001", docs, series)
    assert double.get("Task", ids["task"])["status"] == "accepted"
    queue_status(workspace, case_id, "in-progress")
    run(workspace, config)
    assert double.get("Task", ids["task"])["status"] == "in-progress"

    sid = queue_report(workspace, case_id, PDF, OUTCOME)
    report = run(workspace, config)
    assert report.submitted == 1 and report.outbox_pending == 0, report
    _check_submission(double, ids["task"], sid, PDF)
    assert all(i.state == "acknowledged" for i in overview(workspace).outbox)
    # Re-running changes nothing: no new case, no second report.
    report = run(workspace, config)
    assert report.new_cases == [] and report.submitted == 0
    assert len(double.all("DiagnosticReport")) == 1
    assert len(workspace.cases.list()) == 1
    assert workspace.audit.verify().ok
    assert seen == []
    # Patient and ServiceRequest came with the Task search (_include), not by separate reads.
    assert not [q for q in double.requests if q.method == "GET" and q.path.startswith(("/fhir/Patient/",
                                                                                        "/fhir/ServiceRequest/"))]


def test_round_trip_after_offline_period(workspace, double, orthanc):
    ids, docs, study, series = _case_with_images(double, orthanc, "SO-SYNC-0002", list_instances=True)
    config = fhir_config(double)
    assert run(workspace, config).ok
    case_id = _check_case(workspace, orthanc, "SO-SYNC-0002", docs, series)
    double.stop()
    # While the workstation is offline, the report is signed and the platform assigns another case.
    later, later_docs, _, _ = _case_with_images(double, orthanc, "SO-SYNC-0003")
    sid = queue_report(workspace, case_id, PDF, OUTCOME)
    for _ in range(2):                   # each try while offline leaves the report waiting, untouched
        report = run(workspace, config)
        assert not report.online and report.outbox_pending >= 1 and report.new_cases == []
    assert "offline" in report.message.lower() or "reached" in report.message.lower()
    status = overview(workspace).status
    assert status.online is False
    assert [i.state for i in overview(workspace).outbox if i.id == sid] == ["pending"]
    double.start()                       # same port: the platform is back
    report = run(workspace, config)
    assert report.online and report.submitted == 1 and report.outbox_pending == 0, report
    assert report.new_cases == ["SO-SYNC-0003"]
    _check_submission(double, ids["task"], sid, PDF)
    _check_case(workspace, orthanc, "SO-SYNC-0003", later_docs, series)
    assert overview(workspace).status.online is True
    # Nothing is sent twice: another run submits nothing and the platform still holds one report.
    report = run(workspace, config)
    assert report.submitted == 0 and report.new_cases == []
    assert len(double.all("DiagnosticReport")) == 1
    assert double.get("Task", later["task"])["status"] == "accepted"
    assert workspace.audit.verify().ok


def test_report_whose_acknowledgement_was_lost_is_not_duplicated(workspace, double, orthanc):
    """Back from an offline period, the platform stores the report but the answer never arrives (the
    link drops again): the retry finds it by its identifier (conditional create) — one report."""
    ids, docs, study, series = _case_with_images(double, orthanc, "SO-SYNC-0004")
    config = fhir_config(double)
    assert run(workspace, config).ok
    case_id = _check_case(workspace, orthanc, "SO-SYNC-0004", docs, series)
    double.stop()
    sid = queue_report(workspace, case_id, PDF, OUTCOME)
    assert not run(workspace, config).online
    double.start()
    double.faults.append(Fault(r"^POST /fhir/DiagnosticReport", lose_answer=True, times=1))
    report = run(workspace, config)
    assert report.online and report.submitted == 1 and report.outbox_pending == 0, report
    posts = [q for q in double.requests if q.method == "POST" and q.path.startswith("/fhir/DiagnosticReport")]
    assert len(posts) == 2               # the lost one and the retry that found it
    _check_submission(double, ids["task"], sid, PDF)
    assert len(double.all("DiagnosticReport")) == 1


def test_imaging_without_endpoint_uses_configured_dicomweb(workspace, double, orthanc):
    """No Endpoint and no series in the ImagingStudy: series and instances found by QIDO-RS on the
    configured DICOMweb base; every study on Orthanc arrives byte for byte."""
    for n, (study, series) in enumerate(orthanc.studies.items()):
        add_case(double, f"SO-QIDO-{n}", study=study, with_endpoint=False)
    r = run(workspace, fhir_config(double, dicomweb=orthanc.dicomweb))
    assert r.ok and len(r.new_cases) == len(orthanc.studies)
    for n, (study, series) in enumerate(orthanc.studies.items()):
        case = next(c for c in workspace.cases.list() if c.platform_case_id == f"SO-QIDO-{n}")
        got = {s.series_uid: s for s in workspace.cases.get(case.id).series}
        assert set(got) == set(series)
        for se, sops in series.items():
            assert sorted(workspace.blobs.get(b) for b in got[se].blob_ids) == sorted(orthanc.instances[x] for x in sops)


def test_the_worklist_status_follows_what_the_platform_acknowledged(workspace, double):
    """The case's status moves with its Task: accepted once the platform took the status change, completed
    once it took the report (it stayed "requested" in the worklist after the report was in)."""
    add_case(double, "SO-SYNC-0009", documents={"note.txt": b"Second opinion requested.\n"})
    config = fhir_config(double)
    assert run(workspace, config).ok
    [case] = workspace.cases.list()
    assert case.status == "accepted"
    queue_report(workspace, case.id, PDF, OUTCOME)
    double.stop()
    run(workspace, config)                                   # offline: not acknowledged, not completed
    assert workspace.cases.list()[0].status == "accepted"
    double.start()
    assert run(workspace, config).submitted == 1
    assert workspace.cases.list()[0].status == "completed"
    queue_status(workspace, case.id, "in-progress")           # never backwards
    run(workspace, config)
    assert workspace.cases.list()[0].status == "completed"
