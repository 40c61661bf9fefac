"""Keyring fakes for the sync tests (named as fakes: the real OS keyring is used by one integration test).

``FakeKeyring`` is an in-memory device-secret store for in-process tests. ``FakeFileKeyring`` is a
`keyring` backend for subprocess tests (``PYTHON_KEYRING_BACKEND=sync_fakes.FakeFileKeyring``), keeping
its items in the JSON file named by ``FAKE_KEYRING_FILE`` — a test-only stand-in, never used by the
product, which refuses plaintext backends it knows.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FakeKeyring:
    name = "fake-keyring"

    def __init__(self):
        self.items: dict[str, bytes] = {}

    def get(self, account: str) -> bytes | None:
        return self.items.get(account) or None

    def set(self, account: str, secret: bytes) -> None:
        self.items[account] = secret


class FakeFileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["FAKE_KEYRING_FILE"])

    def _load(self) -> dict:
        p = self._path()
        return json.loads(p.read_text()) if p.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        d = self._load()
        d[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(d))

    def delete_password(self, service, username):
        d = self._load()
        d.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(d))


def seed_file_keyring(path: Path, service: str, account: str, secret: bytes) -> None:
    d = json.loads(path.read_text()) if path.exists() else {}
    d[f"{service}/{account}"] = base64.b64encode(secret).decode()
    path.write_text(json.dumps(d))
