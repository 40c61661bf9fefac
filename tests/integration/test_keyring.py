"""The device secret against a real Secret Service (gnome-keyring under a private D-Bus session).

Why: unit tests use a fake device store; only a real daemon proves that the default factory picks
the Secret Service backend, that the secret really lands there, and that losing it locks the
workspace even for the right passphrase. Everything runs with a private HOME/XDG tree, so the
user's own keyring is never touched, and the daemons are checked to be gone afterwards.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from reviewer.errors import KeyringUnavailable
from reviewer.security.keys import OsKeyring

TESTS = Path(__file__).resolve().parents[1]
PROJECT = TESTS.parent
KEYRING_PASSWORD = "integration-keyring-pw"
START_FAILED = 97           # exit code of the shell when gnome-keyring-daemon does not start
SESSION_TIMEOUT = 120

# Runs inside the D-Bus session; prints one JSON line of observations for the test to assert on.
SCRIPT = r'''
import json, subprocess, sys, traceback
sys.path.insert(0, sys.argv[1])
out = {}
try:
    import keyring
    from support import FAST_KDF, PASSPHRASE
    from reviewer.errors import KeyringUnavailable, WrongPassphrase
    from reviewer.workspace import Workspace

    b = keyring.get_keyring()
    out["backend"] = type(b).__module__ + "." + type(b).__name__
    root = sys.argv[2]
    ws = Workspace.create(root, PASSPHRASE, kdf=FAST_KDF)          # default device factory
    wid = ws.keyfile.workspace_id
    ws.close()
    out["workspace_id"] = wid
    out["device_secret"] = json.load(open(root + "/workspace.json"))["device_secret"]

    def lookup():
        p = subprocess.run(["secret-tool", "lookup", "service", "reviewer-workstation", "username", wid],
                           capture_output=True, text=True, timeout=30)
        return p.returncode, p.stdout
    out["lookup_rc"], secret = lookup()
    out["secret_len"] = len(__import__("base64").b64decode(secret)) if secret else 0

    Workspace.open(root, PASSPHRASE).close()
    out["reopen"] = "ok"
    try:
        Workspace.open(root, "not the passphrase at all")
        out["wrong_passphrase"] = "opened!"
    except WrongPassphrase:
        out["wrong_passphrase"] = "refused"

    def cli(*args):
        p = subprocess.run([sys.executable, "-m", "reviewer.cli", "--workspace", root, *args],
                           capture_output=True, text=True, timeout=60,
                           env={**__import__("os").environ, "REVIEWER_PASSPHRASE": PASSPHRASE})
        return {"rc": p.returncode, "stdout": p.stdout, "stderr": p.stderr}
    out["cli_keyring_check"] = cli("keyring-check")
    out["cli_cases"] = cli("cases", "--json")

    p = subprocess.run(["secret-tool", "clear", "service", "reviewer-workstation", "username", wid],
                       capture_output=True, text=True, timeout=30)
    out["clear_rc"] = p.returncode
    out["lookup_after_clear_rc"], _ = lookup()
    try:
        Workspace.open(root, PASSPHRASE)
        out["open_without_secret"] = "opened!"
    except KeyringUnavailable as exc:
        out["open_without_secret"] = "KeyringUnavailable: " + str(exc)
    out["cli_cases_without_secret"] = cli("cases", "--json")
except Exception:
    out["error"] = traceback.format_exc()
print("RESULT " + json.dumps(out))
'''

SHELL = ('printf "%s" "$KEYRING_TEST_PW" | gnome-keyring-daemon --unlock --components=secrets --daemonize '
         f'>/dev/null || exit {START_FAILED}; exec "$PYTHON" "$SCRIPT" "$TESTS" "$WS"')


def _ours(marker: str) -> list[int]:
    """Pids of processes carrying this test's environment marker (the daemons it started)."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            env = (d / "environ").read_bytes()
        except OSError:
            continue
        if f"REVIEWER_KEYRING_TEST={marker}".encode() in env.split(b"\0"):
            found.append(int(d.name))
    return found


def _wait_gone(marker: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _ours(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _private_env(tmp_path: Path, marker: str, script: Path) -> dict:
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    for d in (home, runtime):
        d.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DBUS_", "GNOME_KEYRING", "XDG_", "PYTHON_KEYRING", "SSH_AUTH"))}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               REVIEWER_KEYRING_TEST=marker, KEYRING_TEST_PW=KEYRING_PASSWORD, PYTHON=sys.executable,
               SCRIPT=str(script), TESTS=str(TESTS), WS=str(tmp_path / "ws"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    return env


@pytest.mark.integration
def test_device_secret_lives_in_a_real_secret_service(tmp_path):
    missing = [b for b in ("dbus-run-session", "gnome-keyring-daemon", "secret-tool") if not shutil.which(b)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (the Makefile installs dbus, gnome-keyring, libsecret-tools)")
    marker = uuid.uuid4().hex
    script = tmp_path / "keyring_session.py"
    script.write_text(SCRIPT)
    proc = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", SHELL], env=_private_env(tmp_path, marker, script),
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=SESSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        pytest.fail(f"the D-Bus/gnome-keyring session did not finish in {SESSION_TIMEOUT} s\n{stdout}\n{stderr}")
    finally:
        leftover = _wait_gone(marker, 10)
        for pid in leftover:                    # only processes carrying this test's marker
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    assert not leftover, f"daemons of this test outlived their D-Bus session: pids {leftover}"
    assert proc.returncode != START_FAILED, f"gnome-keyring-daemon could not be started:\n{stderr}"
    lines = [ln for ln in stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, f"the session script printed no result (exit {proc.returncode}):\n{stdout}\n{stderr}"
    r = json.loads(lines[-1][len("RESULT "):])
    assert r.get("backend") == "keyring.backends.SecretService.Keyring", \
        f"the keyring library did not pick the Secret Service: {r.get('backend')}\n{r.get('error', '')}\n{stderr}"
    assert "error" not in r, r["error"]
    assert r["device_secret"] == {"store": "os-keyring", "service": "reviewer-workstation",
                                  "account": r["workspace_id"]}
    assert r["lookup_rc"] == 0 and r["secret_len"] == 32, "the device secret is not in the Secret Service"
    assert r["reopen"] == "ok"
    assert r["wrong_passphrase"] == "refused"
    assert r["cli_keyring_check"]["rc"] == 0 and "SecretService" in r["cli_keyring_check"]["stdout"], \
        r["cli_keyring_check"]
    assert r["cli_cases"]["rc"] == 0, r["cli_cases"]
    assert json.loads(r["cli_cases"]["stdout"]) == {"cases": []}

    assert r["clear_rc"] == 0 and r["lookup_after_clear_rc"] != 0, "the keyring item was not deleted"
    assert r["open_without_secret"].startswith("KeyringUnavailable: "), r["open_without_secret"]
    assert "holds no device secret" in r["open_without_secret"]
    assert r["cli_cases_without_secret"]["rc"] == 2, r["cli_cases_without_secret"]
    assert "holds no device secret" in r["cli_cases_without_secret"]["stderr"]
    assert "Traceback" not in r["cli_cases_without_secret"]["stderr"]


def test_fail_backend_is_refused(monkeypatch):
    import keyring.core
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)   # re-detect; restored afterwards
    with pytest.raises(KeyringUnavailable, match="No OS keyring"):
        OsKeyring()
