import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reviewer.security.keys import KdfParams  # noqa: E402
from reviewer.workspace import Workspace  # noqa: E402

# Argon2id cost lowered for speed in tests only; the default is tested on its own.
FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery staple"
TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Logs and the default workspace go to per-test folders, never the user's."""
    logs = tmp_path_factory.mktemp("logs")
    monkeypatch.setenv("REVIEWER_LOG_DIR", str(logs))
    monkeypatch.setenv("REVIEWER_WORKSPACE", str(tmp_path_factory.mktemp("default-ws") / "ws"))
    return logs


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace.create(tmp_path / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    yield ws
    ws.close()
