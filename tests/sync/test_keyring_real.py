"""The one sync test against the real OS keyring (gnome-keyring's Secret Service in a private D-Bus
session): the pasted token lands in the Secret Service, not in the workspace, and is read back."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
TOKEN = "RealKeyringCanary" + "9" * 20

SCRIPT = r'''
import base64, json, subprocess, sys, traceback
out = {}
try:
    import keyring
    from reviewer.security.keys import OsKeyring
    from reviewer.sync.credentials import Credentials, store_token
    from reviewer.sync.settings import SyncConfig
    config = SyncConfig(platform_url="https://platform.example/fhir", owner="Practitioner/1")
    k = OsKeyring()
    out["backend"] = k.backend_name
    store_token(k, config, sys.argv[1])
    out["read_back"] = Credentials(config).bearer() == sys.argv[1]
    p = subprocess.run(["secret-tool", "lookup", "service", "reviewer-workstation", "username",
                        "sync:https://platform.example/fhir:token"], capture_output=True, text=True, timeout=30)
    out["in_secret_service"] = base64.b64decode(p.stdout).decode() == sys.argv[1] if p.stdout else False
except Exception:
    out["error"] = traceback.format_exc()
print("RESULT " + json.dumps(out))
'''
SHELL = ('printf "%s" "pw" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null '
         '|| exit 97; exec "$PYTHON" "$SCRIPT" "$TOKEN"')


@pytest.mark.integration
def test_token_in_real_secret_service(tmp_path):
    missing = [b for b in ("dbus-run-session", "gnome-keyring-daemon", "secret-tool") if not shutil.which(b)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    script = tmp_path / "session.py"
    script.write_text(SCRIPT)
    home, run = tmp_path / "home", tmp_path / "run"
    for d in (home, run):
        d.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DBUS_", "GNOME_KEYRING", "XDG_", "PYTHON_KEYRING", "SSH_AUTH"))}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(run), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"), PYTHON=sys.executable,
               SCRIPT=str(script), TOKEN=TOKEN,
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", SHELL], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)          # the process group this test started
        stdout, stderr = proc.communicate()
        pytest.fail(f"the keyring session did not finish\n{stderr}")
    assert proc.returncode != 97, f"gnome-keyring-daemon could not be started:\n{stderr}"
    lines = [ln for ln in stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, f"no result (exit {proc.returncode}):\n{stdout}\n{stderr}"
    r = json.loads(lines[-1][len("RESULT "):])
    assert "error" not in r, r["error"]
    assert "SecretService" in r["backend"]
    assert r["read_back"] and r["in_secret_service"]
