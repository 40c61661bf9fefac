"""Killing the app loses nothing: the editor autosaves (encrypted) shortly after typing, so a SIGKILL
after the autosave leaves the draft, with the typed text, in the reopened workspace."""
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from casepackages import build_package
from reviewer.packages import import_path
from reviewer.reports.drafts import OpinionStore
from reviewer.workspace import Workspace
from support import FAST_KDF, PASSPHRASE

HERE = Path(__file__).resolve().parent
PHRASE = "Typed before the kill 5527"


def test_sigkill_after_autosave_loses_nothing(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    case_id = import_path(ws, build_package(Path(tempfile.mkdtemp(dir=tmp_path)) / "pkg", dicom_from=None)).case_id
    ws.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(HERE.parents[1]), str(HERE.parent), str(HERE),
                                           os.environ.get("PYTHONPATH", "")]))
    child = subprocess.Popen([sys.executable, str(HERE / "opinion_kill_child.py"), str(root), PHRASE], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, child.kill)     # no autosave within a minute: fail instead of hanging
    watchdog.start()
    try:
        lines = []
        for line in child.stdout:                # blocks until the child reports the autosave
            lines.append(line.strip())
            if line.startswith("SAVED"):
                break
        assert any(x.startswith("SAVED") for x in lines), (lines, child.stderr.read() if child.poll() else "")
        assert "TYPED" in lines                  # saved after the whole phrase was typed
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    ws = Workspace.open(root, PASSPHRASE)
    try:
        draft = OpinionStore(ws).load_draft(case_id)
        assert draft is not None and draft.fields["history"] == PHRASE
        assert ws.audit.verify().ok
    finally:
        ws.close()
    for f in root.rglob("*"):
        if f.is_file():
            assert PHRASE.encode() not in f.read_bytes(), f"plaintext in {f.name}"
