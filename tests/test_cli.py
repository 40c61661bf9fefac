import json

from cli_helpers import reviewer
from support import FAST_KDF, PASSPHRASE
from casepackages import build_package
from reviewer.workspace import Workspace


def _ws(tmp_path):
    root = tmp_path / "ws"
    Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    return root


def test_cases_json_schema(tmp_path):
    root = _ws(tmp_path)
    assert reviewer(root, "import", str(build_package(tmp_path / "pkg"))).returncode == 0
    r = reviewer(root, "cases", "--json")
    assert r.returncode == 0, r.stderr
    [case] = json.loads(r.stdout)["cases"]
    assert set(case) == {"id", "patient", "specialty", "question", "priority", "due", "status"}
    assert case["id"] == "SO-TEST-0001" and case["patient"] == "Testpatient, Alice"
    assert case["due"] == "2026-12-01T17:00:00+00:00" and case["priority"] == "urgent"


def test_import_creates_workspace_only_with_explicit_mode_when_no_keyring(tmp_path):
    pkg = build_package(tmp_path / "pkg", dicom_from=None)
    r = reviewer(tmp_path / "new", "import", str(pkg), env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert r.returncode == 2 and "No OS keyring" in r.stderr and "Traceback" not in r.stderr
    r = reviewer(tmp_path / "new", "--passphrase-only", "import", str(pkg))
    assert r.returncode == 0 and "passphrase-only" in r.stderr


def test_bad_input_gives_clear_errors(tmp_path):
    root = _ws(tmp_path)
    r = reviewer(root, "import", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "no such folder or file" in r.stderr
    r = reviewer(root, "cases", env={"REVIEWER_PASSPHRASE": "not the passphrase"})
    assert r.returncode == 2 and "passphrase is not correct" in r.stderr
    r = reviewer(tmp_path / "missing", "cases")
    assert r.returncode == 2 and "is not a workspace" in r.stderr


def test_audit_verify_reports_intact_and_broken(tmp_path):
    root = _ws(tmp_path)
    r = reviewer(root, "audit", "verify", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"]
    ws = Workspace.open(root, PASSPHRASE)
    ws.db.execute("DROP TRIGGER audit_no_update")
    ws.db.execute("UPDATE audit SET action = 'forged' WHERE seq = 1")
    ws.close()
    r = reviewer(root, "audit", "verify")
    assert r.returncode == 1 and "BROKEN at entry 1" in r.stdout


def test_dicom_info_json(tmp_path):
    import subprocess
    import sys

    from support import TESTDATA
    folder = TESTDATA / "dicom" / "dicom2nifti" / "failing" / "gantrytilting"
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "dicom", "info", "--json", str(folder)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    [series] = info["series"]
    assert {"series_uid", "modality", "description", "rows", "columns", "slices", "spacing", "origin",
            "direction", "affine", "transfer_syntaxes", "warnings"} <= set(series)
    assert series["rows"] == 512 and len(series["affine"]) == 4
    assert any(w["kind"] == "gantry_tilt" for w in series["warnings"])
    (tmp_path / "junk.dcm").write_bytes(b"not dicom at all" * 10)
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "dicom", "info", "--json", str(tmp_path)],
                       capture_output=True, text=True, timeout=60)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["series"] == [] and out["errors"][0]["file"].endswith("junk.dcm")
