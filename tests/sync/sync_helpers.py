"""Shared set-up for the sync tests: a configured engine against the double (and Orthanc)."""
from __future__ import annotations

from platform_cases import OWNER
from sync_fakes import FakeKeyring
from reviewer.sync import SyncConfig, SyncOptions, open_engine
from reviewer.sync.credentials import store_token

TOKEN = "tok-" + "x" * 24
PDF = b"%PDF-1.7\n% signed second opinion (test bytes)\n%%EOF\n"


def fhir_config(double, dicomweb: str = "", **kw) -> SyncConfig:
    return SyncConfig(kind="fhir", platform_url=double.base, dicomweb_url=dicomweb, owner=OWNER, **kw)


def keyring_with_token(config: SyncConfig, token: str = TOKEN) -> FakeKeyring:
    k = FakeKeyring()
    store_token(k, config, token)
    return k


def engine(ws, config: SyncConfig, keyring=None, progress=None, **options):
    keyring = keyring or keyring_with_token(config)
    e = open_engine(ws, config, keyring_factory=lambda: keyring, progress=progress,
                    options=SyncOptions(**{"parallel": 4, **options}))
    e.platform.http.backoff = 0.01
    return e


def run(ws, config, keyring=None, **options):
    e = engine(ws, config, keyring, **options)
    try:
        return e.run()
    finally:
        e.platform.close()


def cli_env(tmp_path) -> dict:
    """Environment for `reviewer` subprocesses: passphrase, and the file-backed fake keyring."""
    import os
    from pathlib import Path
    here = Path(__file__).resolve().parent
    from support import PASSPHRASE
    return {**os.environ, "REVIEWER_PASSPHRASE": PASSPHRASE,
            "PYTHON_KEYRING_BACKEND": "sync_fakes.FakeFileKeyring",
            "FAKE_KEYRING_FILE": str(tmp_path / "fake-keyring.json"),
            "PYTHONPATH": os.pathsep.join([str(here), str(here.parents[1]), os.environ.get("PYTHONPATH", "")])}


def cli(ws_root, env, *args, stdin: bytes | None = None, timeout: float = 120):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "reviewer.cli", "--workspace", str(ws_root), *args], env=env,
                          input=stdin, capture_output=True, timeout=timeout)
