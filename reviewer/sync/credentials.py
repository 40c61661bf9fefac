"""Platform credentials: OAuth2 bearer tokens from the OS keyring, never from a file or a log.

Two ways in: a pasted access token, or the client-credentials grant (client id in the settings,
client secret in the keyring; the access token it yields is kept in memory only and renewed before
it expires or when the platform answers 401). The keyring is ``OsKeyring``'s (which refuses
plaintext and "fail" backends); tests pass another store with the same get/set interface.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import httpx

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.security.keys import DeviceSecretStore, OsKeyring
from reviewer.sync.errors import AuthError, Offline, ServerError
from reviewer.sync.settings import SyncConfig

TOKEN = "token"
CLIENT_SECRET = "client-secret"
EARLY = 30.0                    # renew this many seconds before the token's stated expiry


def _account(config: SyncConfig, what: str) -> str:
    return f"{config.account}:{what}"


def store_token(keyring: DeviceSecretStore, config: SyncConfig, token: str) -> None:
    keyring.set(_account(config, TOKEN), token.strip().encode())


def store_client_secret(keyring: DeviceSecretStore, config: SyncConfig, secret: str) -> None:
    keyring.set(_account(config, CLIENT_SECRET), secret.strip().encode())


def forget(keyring: DeviceSecretStore, config: SyncConfig) -> None:
    """Clears both secrets (an empty value reads back as none)."""
    keyring.set(_account(config, TOKEN), b"")
    keyring.set(_account(config, CLIENT_SECRET), b"")


@dataclass
class Credentials:
    """Hands out the current bearer token; ``invalidate`` after a 401 forces a new one."""
    config: SyncConfig
    keyring_factory: Callable[[], DeviceSecretStore] = OsKeyring
    http_factory: Callable[[], httpx.Client] | None = None
    _keyring: DeviceSecretStore | None = field(default=None, repr=False)
    _token: str = field(default="", repr=False)
    _expires: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __repr__(self) -> str:          # never shows a secret, even in a debugger or a traceback
        return f"Credentials(platform={self.config.platform_url!r})"

    def _store(self) -> DeviceSecretStore:
        if self._keyring is None:
            self._keyring = self.keyring_factory()
        return self._keyring

    def bearer(self) -> str:
        with self._lock:
            if self._token and (not self._expires or time.monotonic() < self._expires):
                return self._token
            if self.config.token_url:
                self._token, self._expires = self._client_credentials()
            else:
                raw = self._store().get(_account(self.config, TOKEN))
                if not raw:
                    raise AuthError(Text(QT_TRANSLATE_NOOP("SyncErrors", 
                        "No platform token in the OS keyring: paste one with `reviewer sync configure --token-stdin`, "
                        "or configure a client (--token-url, --client-id, --client-secret-stdin)")))
                self._token, self._expires = raw.decode(), 0.0
            return self._token

    def invalidate(self) -> bool:
        """Drops the cached token; True when a new one can be obtained (client credentials)."""
        with self._lock:
            self._token, self._expires = "", 0.0
        return bool(self.config.token_url)

    def _client_credentials(self) -> tuple[str, float]:
        secret = self._store().get(_account(self.config, CLIENT_SECRET))
        if not secret or not self.config.client_id:
            raise AuthError(Text(QT_TRANSLATE_NOOP("SyncErrors", 
                "The client-credentials grant needs a client id and a client secret: "
                "`reviewer sync configure --client-id ID --client-secret-stdin`")))
        data = {"grant_type": "client_credentials"}
        if self.config.scope:
            data["scope"] = self.config.scope
        client = self.http_factory() if self.http_factory else httpx.Client(timeout=self.config.timeout)
        try:
            r = client.post(self.config.token_url, data=data, auth=(self.config.client_id, secret.decode()))
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise Offline(Text(QT_TRANSLATE_NOOP("SyncErrors", "The token server cannot be reached; working "
                                                               "offline"))) from None
        except httpx.HTTPError as exc:
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The token server did not answer properly ({why})"),
                                   why=type(exc).__name__)) from None
        finally:
            if not self.http_factory:
                client.close()
        if r.status_code in (400, 401, 403):
            raise AuthError(Text(QT_TRANSLATE_NOOP("SyncErrors", 
                "The token server refused the client credentials (HTTP {status}); check the client id and secret"),
                status=r.status_code))
        if r.status_code != 200:
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The token server answered HTTP "
                                                                   "{status_code}"),
                                   status_code=r.status_code), r.status_code)
        try:
            body = r.json()
            token = str(body["access_token"])
            lifetime = float(body.get("expires_in") or 0)
        except (ValueError, KeyError, TypeError):
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The token server's answer is not an OAuth2 "
                                                                   "token response"))) from None
        return token, (time.monotonic() + max(0.0, lifetime - EARLY)) if lifetime else 0.0
