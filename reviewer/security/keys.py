"""Workspace keys.

A random master key wraps the data keys (database, blobs). The master key itself is wrapped by a
key-encryption key derived from the passphrase with Argon2id (memory-hard) *combined with* a random
device secret kept in the OS keyring: the stolen disk alone, or the keyring alone, opens nothing.

Where no OS keyring exists the user must choose passphrase-only mode explicitly; that choice is
bound into the wrapped key's associated data, so editing the key file to drop the keyring fails.
"""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Text

import base64
import json
import secrets
from dataclasses import asdict, dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer.errors import KeyringUnavailable, WorkspaceError, WrongPassphrase

KEYRING_SERVICE = "reviewer-workstation"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default follows OWASP's 2024 guidance (64 MiB, 3 passes)."""
    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 2

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes,
                        memory_cost=self.memory_kib).derive(passphrase.encode("utf-8"))


class DeviceSecretStore(Protocol):
    """Where the per-workspace device secret lives (the OS keyring)."""
    name: str

    def get(self, account: str) -> bytes | None: ...
    def set(self, account: str, secret: bytes) -> None: ...


class OsKeyring:
    """The OS keyring through `keyring`: Secret Service, macOS Keychain or Windows Credential Locker.

    Refuses backends that are not a real OS keyring (the fail backend, plaintext files), so there
    is never a silent fallback to a readable secret on disk.
    """
    name = "os-keyring"
    _REFUSED = ("fail", "null", "plaintext", "PlaintextKeyring", "keyrings.alt", "chainer")

    def __init__(self):
        import keyring
        import keyring.backends.chainer
        backend = keyring.get_keyring()
        backends = (backend.backends if isinstance(backend, keyring.backends.chainer.ChainerBackend)
                    else [backend])
        real = [b for b in backends
                if not any(r in type(b).__module__ + "." + type(b).__name__ for r in self._REFUSED)
                and getattr(b, "priority", 0) > 0]
        if not real:
            raise KeyringUnavailable(Text(QT_TRANSLATE_NOOP(
                "Errors", "No OS keyring (Secret Service, Keychain or Credential Locker) is available on this "
                "machine. Start one, or choose passphrase-only mode explicitly "
                "(--passphrase-only; weaker: the passphrase alone then opens the workspace).")))
        self._backend = real[0]
        self.backend_name = type(self._backend).__module__

    def get(self, account: str) -> bytes | None:
        try:
            value = self._backend.get_password(KEYRING_SERVICE, account)
        except Exception as exc:  # the keyring daemon may be locked or gone
            raise KeyringUnavailable(Text(QT_TRANSLATE_NOOP("Errors", "The OS keyring could not be read ({kind})."),
                                          kind=type(exc).__name__)) from None
        return base64.b64decode(value) if value else None

    def set(self, account: str, secret: bytes) -> None:
        try:
            self._backend.set_password(KEYRING_SERVICE, account, base64.b64encode(secret).decode())
        except Exception as exc:
            raise KeyringUnavailable(Text(QT_TRANSLATE_NOOP(
                "Errors", "The OS keyring refused to store the device secret ({kind})."),
                                          kind=type(exc).__name__)) from None


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def _wrap(key: bytes, plain: bytes, aad: bytes) -> str:
    nonce = secrets.token_bytes(12)
    return _b64(nonce + AESGCM(key).encrypt(nonce, plain, aad))


def _unwrap(key: bytes, wrapped: str, aad: bytes) -> bytes:
    raw = _unb64(wrapped)
    return AESGCM(key).decrypt(raw[:12], raw[12:], aad)


@dataclass(frozen=True)
class DataKeys:
    database: bytes
    blobs: bytes


class KeyFile:
    """The plaintext key file ``workspace.json``: KDF parameters and wrapped keys, no patient data."""

    FORMAT = "reviewer-workspace"
    VERSION = 1

    def __init__(self, doc: dict):
        self.doc = doc

    @property
    def workspace_id(self) -> str:
        return self.doc["workspace_id"]

    @property
    def device_store(self) -> str:
        return self.doc["device_secret"]["store"]

    def _aad(self) -> bytes:
        bound = {k: self.doc[k] for k in ("format", "version", "workspace_id", "kdf", "device_secret")}
        return json.dumps(bound, sort_keys=True).encode()

    @classmethod
    def create(cls, passphrase: str, device: DeviceSecretStore | None, kdf: KdfParams,
               created: str) -> tuple["KeyFile", DataKeys]:
        if len(passphrase) < 8:
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "The passphrase must have at least 8 characters.")))
        workspace_id = secrets.token_hex(16)
        doc = {
            "format": cls.FORMAT, "version": cls.VERSION, "workspace_id": workspace_id,
            "created": created,
            "kdf": {"name": "argon2id", "salt": _b64(secrets.token_bytes(16)), **asdict(kdf)},
            "device_secret": ({"store": device.name, "service": KEYRING_SERVICE, "account": workspace_id}
                              if device else
                              {"store": "none", "note": "passphrase-only mode, chosen explicitly"}),
        }
        kf = cls(doc)
        device_secret = b""
        if device:
            device_secret = secrets.token_bytes(32)
            device.set(workspace_id, device_secret)
        master = secrets.token_bytes(32)
        keys = DataKeys(secrets.token_bytes(32), secrets.token_bytes(32))
        kek = kf._kek(passphrase, device_secret)
        doc["wrapped_master_key"] = _wrap(kek, master, kf._aad())
        doc["wrapped_data_keys"] = {
            "database": _wrap(master, keys.database, b"database"),
            "blobs": _wrap(master, keys.blobs, b"blobs"),
        }
        return kf, keys

    def _kek(self, passphrase: str, device_secret: bytes) -> bytes:
        k = self.doc["kdf"]
        if k.get("name") != "argon2id":
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "Unknown key derivation {name!r} in the "
                                                                  "workspace key file"), name=k.get('name')))
        params = KdfParams(k["memory_kib"], k["iterations"], k["lanes"])
        stretched = params.derive(passphrase, _unb64(k["salt"]))
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=b"reviewer kek v1").derive(stretched + device_secret)

    def unlock(self, passphrase: str, device: DeviceSecretStore | None) -> DataKeys:
        device_secret = b""
        if self.device_store != "none":
            if device is None:
                raise KeyringUnavailable(
                    Text(QT_TRANSLATE_NOOP("Errors", "This workspace needs its device secret from the OS "
                                                     "keyring, and no keyring is available.")))
            device_secret = device.get(self.workspace_id) or b""
            if not device_secret:
                raise KeyringUnavailable(
                    Text(QT_TRANSLATE_NOOP("Errors", "The OS keyring holds no device secret for this "
                                                     "workspace: it was made on another machine or for another "
                                                     "user. The passphrase alone cannot open it.")))
        try:
            master = _unwrap(self._kek(passphrase, device_secret), self.doc["wrapped_master_key"], self._aad())
            w = self.doc["wrapped_data_keys"]
            return DataKeys(_unwrap(master, w["database"], b"database"), _unwrap(master, w["blobs"], b"blobs"))
        except InvalidTag:
            raise WrongPassphrase(Text(QT_TRANSLATE_NOOP(
                "Errors", "The passphrase is not correct for this workspace (or its key file was altered)."))) from None

    def to_json(self) -> str:
        return json.dumps(self.doc, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, where: str) -> "KeyFile":
        try:
            doc = json.loads(text)
        except ValueError:
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{where} is not a readable workspace key file"),
                                      where=where)) from None
        if doc.get("format") != cls.FORMAT:
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{where} is not a workspace key file"), where=where))
        if doc.get("version") != cls.VERSION:
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{where} has version {version}; this program "
                                                                  "reads {version2}"),
                                      where=where, version=doc.get('version'), version2=cls.VERSION))
        return cls(doc)
