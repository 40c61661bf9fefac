"""The command line end to end: identity create-test, report render / sign / verify --json."""
import json

from casepackages import build_package
from cli_helpers import reviewer
from reviewer.paths import report_template


def test_identity_render_sign_verify(tmp_path):
    ws = tmp_path / "ws"
    pkg = build_package(tmp_path / "pkg", case_id="SO-CLI-0001", dicom_from=None)
    opts = ("--passphrase-only",)
    r = reviewer(ws, *opts, "import", str(pkg))
    assert r.returncode == 0, r.stderr
    r = reviewer(ws, "identity", "create-test")
    assert r.returncode == 0 and "TEST IDENTITY - NOT FOR CLINICAL USE" in r.stdout, r.stderr
    pdf, signed = tmp_path / "r.pdf", tmp_path / "signed.pdf"
    r = reviewer(ws, "report", "render", "SO-CLI-0001", "--opinion",
                 str(report_template("examples", "pathology.ja.json")), "--out", str(pdf), "--version", "1")
    assert r.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), r.stderr
    assert "question 1 of the case has no answer slot" in r.stderr      # the package asks its own question
    r = reviewer(ws, "report", "render", "NO-SUCH-CASE", "--opinion",
                 str(report_template("examples", "pathology.ja.json")), "--out", str(pdf))
    assert r.returncode == 2 and "No case NO-SUCH-CASE" in r.stderr
    r = reviewer(ws, "report", "sign", str(pdf), "--out", str(signed))
    assert r.returncode == 0, r.stderr
    r = reviewer(ws, "report", "verify", str(signed), "--json")
    assert r.returncode == 1                                    # intact, but not trusted without --trust
    doc = json.loads(r.stdout)
    assert doc["intact"] and doc["covers_whole_document"] and not doc["trusted"]
    assert doc["signer"] == "TEST IDENTITY - NOT FOR CLINICAL USE" and doc["level"] == "B-B"
    r = reviewer(ws, "identity", "list", "--json")
    cert = tmp_path / "cert.pem"
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    import subprocess, sys
    # export the identity's certificate for --trust (as a platform would have it)
    code = ("import sys; from reviewer.workspace import Workspace; from reviewer.reports.signing import IdentityStore;"
            f"ws = Workspace.open(r'{ws}', sys.argv[1]); sys.stdout.buffer.write(IdentityStore(ws).get().cert_der)")
    from support import PASSPHRASE
    der = subprocess.run([sys.executable, "-c", code, PASSPHRASE], capture_output=True, check=True).stdout
    cert.write_bytes(x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM))
    r = reviewer(ws, "report", "verify", str(signed), "--trust", str(cert))
    assert r.returncode == 0 and "certificate trusted: yes" in r.stdout, r.stdout + r.stderr
    r = reviewer(ws, "report", "verify", str(pdf), "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["signed"] is False
