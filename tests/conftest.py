import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewer.workspace import Workspace  # noqa: E402
from support import FAST_KDF, PASSPHRASE  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Logs and the default workspace go to per-test folders, never the user's."""
    logs = tmp_path_factory.mktemp("logs")
    monkeypatch.setenv("REVIEWER_LOG_DIR", str(logs))
    monkeypatch.setenv("REVIEWER_WORKSPACE", str(tmp_path_factory.mktemp("default-ws") / "ws"))
    monkeypatch.setenv("REVIEWER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    return logs


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace.create(tmp_path / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    yield ws
    ws.close()
