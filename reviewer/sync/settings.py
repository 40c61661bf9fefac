"""Sync settings and status kept in the workspace database (``sync_settings``), never in a file.

Why in the workspace: a second machine opening the same workspace syncs with the same platform,
and nothing about the platform sits in plaintext next to it. Secrets are not here: tokens and client
secrets live in the OS keyring (reviewer.sync.credentials).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from reviewer import store
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.sync.errors import SyncError

KINDS = ("fhir", "folder")
CONFIG_KEY = "config"
STATUS_KEY = "status"


@dataclass(frozen=True)
class SyncConfig:
    """Where and how to sync. ``kind`` "fhir" uses platform_url (+ dicomweb_url), "folder" inbox/outbox."""
    kind: str = "fhir"
    platform_url: str = ""          # FHIR R4 base, e.g. https://platform.example/fhir
    dicomweb_url: str = ""          # DICOMweb base when an ImagingStudy names no Endpoint
    owner: str = ""                 # the specialist, e.g. Practitioner/123 (Task.owner)
    token_url: str = ""             # OAuth2 token endpoint (client credentials); empty: pasted token
    client_id: str = ""
    scope: str = ""
    ca_bundle: str = ""             # PEM file of extra trusted CAs; empty: the system's
    inbox: str = ""                 # folder exchange
    outbox: str = ""
    parallel: int = 4
    timeout: float = 30.0

    def check(self) -> "SyncConfig":
        if self.kind not in KINDS:
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Unknown sync kind {kind!r}; use one of {join}"),
                                 kind=self.kind, join=', '.join(KINDS)))
        if self.kind == "fhir":
            if not self.platform_url.startswith(("https://", "http://")):
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", 
                    "No platform URL: set it with `reviewer sync configure --platform-url URL`")))
            if not self.owner:
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", 
                    "No specialist reference: set it with `reviewer sync configure --owner Practitioner/ID`")))
        elif not (self.inbox and self.outbox):
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Folder exchange needs --inbox and --outbox folders")))
        if not 1 <= self.parallel <= 32:
            raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "--parallel must be between 1 and 32")))
        return self

    @property
    def account(self) -> str:
        """The keyring account under which this platform's secrets are kept."""
        return f"sync:{self.platform_url or self.inbox}"

    def updated(self, **changes) -> "SyncConfig":
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in changes.items() if k in known and v is not None})


def _get(db, key: str) -> dict:
    row = db.execute("SELECT value FROM sync_settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else {}


def _put(db, key: str, value: dict) -> None:
    with store.transaction(db):
        db.execute("INSERT INTO sync_settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, json.dumps(value)])


def load_config(db) -> SyncConfig:
    known = {f.name for f in fields(SyncConfig)}
    return SyncConfig(**{k: v for k, v in _get(db, CONFIG_KEY).items() if k in known})


def save_config(db, config: SyncConfig) -> None:
    _put(db, CONFIG_KEY, asdict(config))


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: online or not, when the last sync finished, and its message."""
    online: bool | None = None
    last_sync: str = ""             # ISO time of the last completed run
    last_attempt: str = ""
    message: str = ""


def load_status(db) -> SyncStatus:
    known = {f.name for f in fields(SyncStatus)}
    return SyncStatus(**{k: v for k, v in _get(db, STATUS_KEY).items() if k in known})


def save_status(db, status: SyncStatus) -> None:
    _put(db, STATUS_KEY, asdict(status))
