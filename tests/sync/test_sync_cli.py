"""`reviewer sync` from the command line, and the canary: neither the token nor the patient ever
appears in output, logs, error text or plaintext files."""
import json
import os

from fhir_double import Fault
from sync_helpers import cli, cli_env
from platform_cases import OWNER, add_case
from support import FAST_KDF, PASSPHRASE
from reviewer.workspace import Workspace

CANARY_TOKEN = "Cnry" + "Tok7" * 8
CANARY_FAMILY, CANARY_GIVEN = "Qzxcanaryvoss", "Wilhelmina"


def _scan(root, needles, skip=()):
    hits = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            if p in skip:
                continue
            try:
                data = open(p, "rb").read()
            except OSError:
                continue
            if any(n in data for n in needles):
                hits.append(p)
    return hits


def test_cli_configure_sync_status(tmp_path, double):
    double.token = CANARY_TOKEN
    add_case(double, "SO-CLI-0001", documents={"a.txt": b"record"}, family=CANARY_FAMILY, given=CANARY_GIVEN)
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    env = cli_env(tmp_path)
    r = cli(ws_root, env, "sync", "configure", "--platform-url", double.base, "--owner", OWNER, "--token-stdin",
            stdin=CANARY_TOKEN.encode() + b"\n")
    assert r.returncode == 0, r.stderr
    r = cli(ws_root, env, "sync", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["online"] and out["new_cases"] == ["SO-CLI-0001"]
    r2 = cli(ws_root, env, "sync", "status", "--json")
    status = json.loads(r2.stdout)
    assert status["online"] is True and status["jobs"][0]["state"] == "done"
    assert status["outbox"][0]["kind"] == "task-status" and status["outbox"][0]["state"] == "acknowledged"
    outputs = [r, r2]

    # Failures, each with a clear message and exit code 2, none quoting the token or the patient.
    double.faults.append(Fault(r"GET /fhir/metadata", status=500, times=-1))
    r = cli(ws_root, env, "sync", "--timeout", "2")
    assert r.returncode == 2 and b"HTTP 500" in r.stderr and b"Traceback" not in r.stderr
    outputs.append(r)
    double.faults.clear()
    double.token = "another-token"
    r = cli(ws_root, env, "sync")
    assert r.returncode == 2 and b"HTTP 401" in r.stderr
    outputs.append(r)
    double.stop()
    r = cli(ws_root, env, "sync")
    assert r.returncode == 1 and b"Offline" in r.stdout
    outputs.append(r)
    r = cli(ws_root, env, "sync", "status")
    assert b"offline" in r.stdout
    outputs.append(r)

    needles = [CANARY_TOKEN.encode(), CANARY_FAMILY.encode(), CANARY_GIVEN.encode(), CANARY_FAMILY.upper().encode()]
    for o in outputs:
        for n in needles:
            assert n not in o.stdout and n not in o.stderr
    keyring_file = str(tmp_path / "fake-keyring.json")           # the (fake) keyring itself holds the token
    assert _scan(tmp_path, needles, skip={keyring_file}) == []
    assert _scan(os.environ["REVIEWER_LOG_DIR"], needles) == []


def test_cli_missing_settings_is_clear(tmp_path):
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    r = cli(ws_root, cli_env(tmp_path), "sync")
    assert r.returncode == 2 and b"No platform URL" in r.stderr
