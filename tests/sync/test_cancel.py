"""Clean cancel: in-process (engine.cancel) and from the command line (SIGTERM) — partials kept,
nothing half imported, the next run completes the case."""
import signal
import subprocess
import sys
import threading
import time

from sync_helpers import TOKEN
from sync_helpers import cli, cli_env, engine, fhir_config, keyring_with_token, run
from platform_cases import OWNER, add_case
from support import FAST_KDF, PASSPHRASE
from reviewer.sync.partial import partial_ids
from reviewer.workspace import Workspace


def test_cancel_keeps_partials_and_resumes(workspace, double):
    data = bytes(range(256)) * (40 << 12)              # 10 MiB
    add_case(double, "SO-CANCEL-1", documents={"scan.bin": data})
    double.throttle_bps = 8 << 20
    config = fhir_config(double)
    keyring = keyring_with_token(config)
    seen = []
    e = engine(workspace, config, keyring, progress=seen.append)
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", e.run()))
    t.start()
    while not any(p.bytes_done > (2 << 20) for p in seen):
        time.sleep(0.02)
    e.cancel()
    t.join(10)
    e.platform.close()
    assert not t.is_alive(), "cancel must stop the run promptly"
    assert out["r"].cancelled and workspace.cases.list() == []
    assert partial_ids(workspace.blobs)
    double.throttle_bps = 0
    r = run(workspace, config, keyring)
    assert r.new_cases == ["SO-CANCEL-1"]
    case = workspace.cases.list()[0]
    assert workspace.blobs.get(workspace.cases.get(case.id).documents[0].blob_id) == data


def test_cli_sigterm_is_a_clean_cancel(tmp_path, double):
    add_case(double, "SO-CANCEL-2", documents={"scan.bin": b"z" * (12 << 20)})
    double.throttle_bps = 6 << 20
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    env = cli_env(tmp_path)
    assert cli(ws_root, env, "sync", "configure", "--platform-url", double.base, "--owner", OWNER,
               "--token-stdin", stdin=TOKEN.encode()).returncode == 0
    p = subprocess.Popen([sys.executable, "-m", "reviewer.cli", "--workspace", str(ws_root), "sync"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(q.range == "" and "Binary" in q.path for q in double.requests):
        time.sleep(0.05)
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130, (out, err)
    assert b"cancelled" in out.lower() and b"Traceback" not in err
    double.throttle_bps = 0
    r = cli(ws_root, env, "sync", "--json")
    assert r.returncode == 0, r.stderr
    assert b"SO-CANCEL-2" in r.stdout
    assert any(q.range.startswith("bytes=") for q in double.requests if "Binary" in q.path), "resumed, not restarted"
