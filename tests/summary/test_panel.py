"""What the summary panel shows, without Qt: flags by severity, facts grouped into sections with one
row per statement, lab trends over dates, and each fact's source located in the case as listed."""
from reviewer.packages import import_path
from reviewer.summary import WorkspaceCase, summarise
from reviewer.summary.decisions import Decision
from reviewer.summary.locate import SourceLocator, instance_series
from reviewer.summary.model import Context, Fact, Flag, SourceRef, Summary
from reviewer.summary.panel import build_panel, current_decision, lab_trend, order_flags


def _lab(fid, test, value, date, document="documents/labs.txt", start=0, flag="", fhir=""):
    src = SourceRef(document, None if fhir else 1, None if fhir else start, None if fhir else start + 5, "x",
                    fhir_path=fhir)
    return Fact(fid, "lab", f"{test} {value}", f"{test} {value} g/dL", src, "labs.numeric", 0.9,
                attributes={"test": test, "value": value, "canonical_value": value, "canonical_unit": "g/dL",
                            "date": date, "low": 12.0, "high": 15.5, **({"flag": flag} if flag else {})})


def _fact(fid, kind, normalized, document="documents/a.pdf", start=0, context=Context()):
    return Fact(fid, kind, normalized, normalized, SourceRef(document, 1, start, start + 3, "abc"), "x", 0.9, context)


def test_flags_are_ordered_by_severity_then_kind():
    flags = [Flag("g-1", "missing_record", "low", "m", ()), Flag("g-2", "chronology", "medium", "m", ()),
             Flag("g-3", "laterality_conflict", "high", "m", ()), Flag("g-4", "biomarker_conflict", "high", "m", ())]
    assert [f.id for f in order_flags(flags)] == ["g-4", "g-3", "g-2", "g-1"]


def test_lab_trend_orders_dates_merges_sources_and_says_the_direction():
    facts = [_lab("f-3", "hemoglobin", 10.1, "2026-11-03", start=40, flag="L"),
             _lab("f-1", "hemoglobin", 12.9, "2026-09-01"),
             _lab("f-2", "hemoglobin", 10.1, "2026-11-03", document="manifest.json", fhir="entry[3].resource.value")]
    t = lab_trend(facts)
    assert [(p.date, p.value) for p in t.points] == [("2026-09-01", 12.9), ("2026-11-03", 10.1)]
    assert t.latest.fact_id == "f-3" and t.latest.flag == "L"     # the record's span is preferred over FHIR
    assert t.previous.value == 12.9 and t.direction == "down" and (t.low, t.high) == (12.0, 15.5)
    assert lab_trend(facts[:1]).direction == ""


def test_sections_group_sources_of_one_statement_and_keep_disagreements_apart():
    facts = (_fact("f-a", "her2", "positive", "documents/consult.pdf"),
             _fact("f-b", "her2", "positive", "documents/consult.pdf", start=50),
             _fact("f-c", "her2", "negative", "documents/pathology.pdf"),
             _fact("f-d", "diagnosis", "pulmonary nodule", context=Context(negated=True)),
             _fact("f-e", "diagnosis", "breast cancer", start=9),
             _fact("f-s", "section", "history"), _fact("f-t", "date", "2026-10-14"),
             _lab("f-l", "hemoglobin", 12.9, "2026-09-01"), _lab("f-m", "hemoglobin", 11.0, "2026-10-01", start=9),
             _fact("f-x", "something_new", "value"))
    flags = (Flag("g-1", "biomarker_conflict", "high", "HER2 differs", ("f-a", "f-c", "f-gone")),)
    model = build_panel(Summary(facts, flags, ()), names={"hemoglobin": "Hemoglobin"})
    assert [s.key for s in model.sections] == ["diagnoses", "biomarkers", "labs", "other"]
    diagnoses = model.sections[0].rows
    assert [r.value for r in diagnoses] == ["breast cancer", "pulmonary nodule"] and diagnoses[1].context.negated
    her2 = model.sections[1].rows
    assert [(r.value, r.fact_ids) for r in her2] == [("positive", ("f-a", "f-b")), ("negative", ("f-c",))]
    assert all(r.flags == ("g-1",) for r in her2)
    [labs] = model.sections[2].rows
    assert labs.value == "Hemoglobin" and labs.trend.direction == "down" and len(labs.fact_ids) == 2
    assert [f.id for f in model.flags[0].evidence] == ["f-a", "f-c"]
    assert model.row_of("f-b") is her2[0] and model.row_of("f-s") is None


def test_current_decision_is_the_latest_on_any_fact_of_a_row():
    d1 = Decision("fact", "f-a", "confirmed", None, None, "2026-11-01T10:00:00.000+00:00", "me")
    d2 = Decision("fact", "f-b", "corrected", "negative", None, "2026-11-01T11:00:00.000+00:00", "me")
    assert current_decision(("f-a", "f-b"), {"f-a": d1, "f-b": d2}) is d2
    assert current_decision(("f-z",), {"f-a": d1}) is None


def test_demo_breast_case_panel_and_sources(workspace, demo_packages):
    r = import_path(workspace, demo_packages["breast-oncology"])
    summary = summarise(WorkspaceCase(workspace, r.platform_case_id))
    model = build_panel(summary)
    severities = [f.flag.severity for f in model.flags]
    assert severities == sorted(severities, key=["high", "medium", "low"].index) and model.flags
    keys = [s.key for s in model.sections]
    assert keys[:5] == ["key_points", "diagnoses", "biomarkers", "staging", "labs"]
    labs = next(s for s in model.sections if s.key == "labs").rows
    hb = next(r for r in labs if r.value == "Hemoglobin")
    assert [p.date for p in hb.trend.points] == ["2026-11-03"]       # the text and FHIR values are one point
    detail = workspace.cases.get(r.case_id)
    locator = SourceLocator(detail, instance_series(workspace.db, r.case_id))
    her2_neg = next(f for f in summary.facts if f.kind == "her2" and f.normalized == "negative")
    target = locator.locate(her2_neg.source)
    doc = next(d for d in detail.documents if d.id == target.item_id)
    assert target.kind == "document" and doc.path == "documents/pathology-report.pdf"
    assert target.span == (her2_neg.source.page, her2_neg.source.start, her2_neg.source.end)
    dicom = next(f for f in summary.facts if f.source.dicom_tag and f.source.document.startswith("dicom/"))
    assert locator.locate(dicom.source).kind == "series"
    assert locator.locate(dicom.source).item_id in {s.id for s in detail.series}
    manifest = next(f for f in summary.facts if f.source.document == "manifest.json")
    assert locator.locate(manifest.source).kind == "none"


def test_the_same_conflict_found_twice_is_one_card_with_both_ids():
    facts = (_fact("f-a", "tnm", "pT2 pN0", "documents/consult.pdf"), _fact("f-b", "tnm", "pT2 pN0", "manifest.json"),
             _fact("f-c", "lymph_nodes", "1/3 positive", "documents/pathology.pdf"))
    flags = (Flag("g-1", "stage_inconsistency", "high", "N0 does not fit 1 node", ("f-a", "f-c")),
             Flag("g-2", "stage_inconsistency", "high", "N0 does not fit 1 node", ("f-b", "f-c")),
             Flag("g-3", "stage_inconsistency", "high", "N1a does not fit 0 nodes", ("f-c",)))
    model = build_panel(Summary(facts, flags, ()), names={})
    assert [(v.ids, [f.id for f in v.evidence]) for v in model.flags] == [
        (("g-1", "g-2"), ["f-a", "f-c", "f-b"]), (("g-3",), ["f-c"])]


def test_with_a_plan_a_workspace_case_is_read_without_the_database(workspace, demo_packages, monkeypatch):
    from reviewer.summary.engine import summarise_inputs
    from reviewer.summary.ingest.sources import plan_workspace_case, read_workspace_case
    r = import_path(workspace, demo_packages["neurology"])
    detail = workspace.cases.get(r.case_id)
    plan = plan_workspace_case(workspace, detail)

    class NoDatabase:
        def __getattr__(self, name):
            raise AssertionError("the database was used off its thread")
    db = workspace.db
    monkeypatch.setattr(workspace, "db", NoDatabase())
    inputs = read_workspace_case(workspace, detail, plan)
    monkeypatch.setattr(workspace, "db", db)
    planned = summarise_inputs(inputs).summary
    direct = summarise(WorkspaceCase(workspace, r.platform_case_id))
    assert [f.id for f in planned.facts] == [f.id for f in direct.facts] and planned.facts
    assert any(f.source.dicom_tag for f in planned.facts)
