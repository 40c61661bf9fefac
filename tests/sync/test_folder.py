"""Folder exchange: an inbox of case packages and an outbox of signed reports on a drive or share."""
import json
import shutil

from fhir.resources.R4B import get_fhir_model_class

from casepackages import build_package
from sync_helpers import PDF
from reviewer.sync import Outcome, SyncConfig, overview, queue_report
from reviewer.sync.engine import SyncEngine
from reviewer.sync.folder import FolderPlatform


def _engine(ws, config):
    return SyncEngine(ws, FolderPlatform(config))


def test_folder_exchange_round_trip(workspace, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir(), out.mkdir()
    build_package(inbox / "case-a", case_id="SO-FOLDER-A")
    bad = build_package(inbox / "case-b", case_id="SO-FOLDER-B")
    (bad / "documents" / "pathology.txt").write_bytes(b"tampered")          # fails its hash
    (inbox / "notes.txt").write_text("not a package")
    config = SyncConfig(kind="folder", inbox=str(inbox), outbox=str(out))
    r = _engine(workspace, config).run()
    assert r.online and r.new_cases == ["SO-FOLDER-A"]
    assert "SO-FOLDER-B" in r.failed and "pathology.txt" in r.failed["SO-FOLDER-B"]
    case = workspace.cases.list()[0]
    assert workspace.db.execute("SELECT source_kind FROM cases").fetchone()[0] == "package"
    sid = queue_report(workspace, case.id, PDF, Outcome(concordance="minor-discordance", diagnosis_changed=False))
    r = _engine(workspace, config).run()
    assert r.submitted == 1
    folder = out / "SO-FOLDER-A" / sid
    assert (folder / "report.pdf").read_bytes() == PDF
    dr = json.loads((folder / "DiagnosticReport.json").read_text())
    get_fhir_model_class("DiagnosticReport").model_validate(dr)
    # Re-runs: nothing twice.
    r = _engine(workspace, config).run()
    assert r.new_cases == [] and r.submitted == 0
    assert len(list((out / "SO-FOLDER-A").iterdir())) == 1
    assert len(workspace.cases.list()) == 1
    assert {i.state for i in overview(workspace).outbox if i.kind == "report"} == {"acknowledged"}


def test_folder_share_missing_is_offline(workspace, tmp_path):
    config = SyncConfig(kind="folder", inbox=str(tmp_path / "gone"), outbox=str(tmp_path / "gone2"))
    r = _engine(workspace, config).run()
    assert not r.online and "not reachable" in r.message


def test_folder_outbox_retry_after_share_returns(workspace, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir(), out.mkdir()
    build_package(inbox / "case-a", case_id="SO-FOLDER-C")
    config = SyncConfig(kind="folder", inbox=str(inbox), outbox=str(out))
    _engine(workspace, config).run()
    queue_report(workspace, workspace.cases.list()[0].id, PDF, Outcome())
    shutil.rmtree(out)
    assert not _engine(workspace, config).run().online
    out.mkdir()
    assert _engine(workspace, config).run().submitted == 1
