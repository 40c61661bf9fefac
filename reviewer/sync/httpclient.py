"""HTTP for sync: TLS verified (system CAs or a configured bundle), bearer token only to trusted
origins, retries with backoff for timeouts, 5xx and garbage bodies, and clear error messages.

Why messages name only the host, the method and the resource type: URLs carry resource ids and
query values, which may identify a patient; headers carry the token. Neither ever reaches an error
text or a log line.
"""
from __future__ import annotations

import contextlib
import json
import ssl
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urlsplit

import httpx

from reviewer.sync.errors import AuthError, Cancelled, Offline, Rejected, ServerError, SyncError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

RETRY_STATUS = (408, 425, 429, 500, 502, 503, 504)


def origin(url: str) -> str:
    u = urlsplit(url)
    return f"{u.scheme}://{u.netloc}".lower()


def what(method: str, url: str) -> str:
    """'GET Task on platform.example:443': enough to act on, nothing identifying."""
    u = urlsplit(url)
    parts = [p for p in u.path.split("/") if p]
    kind = next((p for p in parts if p[:1].isupper()), parts[-1] if parts else "/")
    if "dicom-web" in u.path or "studies" in parts:
        kind = "DICOMweb " + ("instance" if "instances" in parts else "series" if "series" in parts else "study")
    return f"{method} {kind[:40]} on {u.hostname}:{u.port or (443 if u.scheme == 'https' else 80)}"


def tls_context(ca_bundle: str) -> ssl.SSLContext | bool:
    """Verification always on: the usual CAs, plus the configured bundle (a hospital's own CA)."""
    if not ca_bundle:
        return True
    try:
        import certifi
        ctx = ssl.create_default_context(cafile=certifi.where())
        ctx.load_verify_locations(cafile=ca_bundle)
        return ctx
    except (OSError, ssl.SSLError):
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The CA bundle {ca_bundle} cannot be read as PEM "
                                                             "certificates"), ca_bundle=ca_bundle)) from None


@dataclass
class HttpClient:
    """One httpx client for a sync run. ``token`` returns the bearer; ``refresh`` after a 401 says
    whether a new token may fix it. ``trusted`` origins get the token; others (an attachment on a
    third-party host) are fetched without it."""
    trusted: set[str]
    token: Callable[[], str] | None = None
    refresh: Callable[[], bool] | None = None
    ca_bundle: str = ""
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.3
    sleep: Callable[[float], None] = time.sleep
    cancelled: Callable[[], bool] = lambda: False
    _client: httpx.Client | None = field(default=None, repr=False)

    def __post_init__(self):
        self.trusted = {origin(t) for t in self.trusted if t}
        self._client = httpx.Client(verify=tls_context(self.ca_bundle), follow_redirects=False,
                                    timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                                    limits=httpx.Limits(max_connections=32, max_keepalive_connections=32))

    def close(self) -> None:
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _headers(self, url: str, extra: dict | None) -> dict:
        h = {"User-Agent": "reviewer-workstation"}
        if self.token is not None and origin(url) in self.trusted:
            h["Authorization"] = "Bearer " + self.token()
        h.update(extra or {})
        return h

    def _check(self, r: httpx.Response, method: str, url: str) -> None:
        """Raises the clear error for a non-2xx answer (after the body was read or closed)."""
        s = r.status_code
        if s < 400 and s not in (301, 302, 303, 307, 308):
            return
        where = what(method, url)
        if s == 401:
            raise AuthError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The platform refused the token (HTTP 401 on "
                                                                 "{where}): it is missing, wrong or expired; "
                                                                 "paste a new one or check the client "
                                                                 "credentials"), where=where))
        if s == 403:
            raise AuthError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The platform denied access (HTTP 403 on "
                                                                 "{where}): this account lacks the permission; "
                                                                 "ask the platform administrator"), where=where))
        if s in RETRY_STATUS:
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server had a problem (HTTP {s} on "
                                                                   "{where}); try again later"), s=s, where=where), s)
        if s in (301, 302, 303, 307, 308):
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server redirected {where} (HTTP {s}); "
                                                                   "check the configured URL"), where=where, s=s), s)
        raise Rejected(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server refused the request (HTTP {s} on "
                                                            "{where})"), s=s, where=where), s)

    def _retrying(self, method: str, url: str, attempt: Callable[[], object]):
        """Runs attempt() with retries; maps transport failures to Offline or ServerError."""
        where = what(method, url)
        refreshed = False
        for n in range(self.retries + 1):
            if self.cancelled():
                raise Cancelled(Text(QT_TRANSLATE_NOOP("SyncErrors", "Sync cancelled")))
            last = n == self.retries
            try:
                return attempt()
            except AuthError:
                if refreshed or self.refresh is None or not self.refresh():
                    raise
                refreshed = True
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc) or "certificate" in str(exc).lower():
                    raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "TLS certificate of {hostname} could not "
                                                                         "be verified; configure its CA with "
                                                                         "`reviewer sync configure --ca-bundle "
                                                                         "PEM`"),
                                         hostname=urlsplit(url).hostname)) from None
                if last or n >= 1:
                    raise Offline(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server cannot be reached ({where}); "
                                                                       "working offline"), where=where)) from None
            except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                if last:
                    kind = (QT_TRANSLATE_NOOP("SyncErrors", "timed out") if isinstance(exc, httpx.TimeoutException)
                            else QT_TRANSLATE_NOOP("SyncErrors", "broke the connection"))
                    raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server {kind} ({where}) after "
                                                                           "{attempts} attempts; try again later"),
                                           kind=kind, where=where, attempts=self.retries + 1)) from None
            except ServerError as exc:
                if last or isinstance(exc, Rejected) or exc.status not in RETRY_STATUS + (None,):
                    raise
            self.sleep(self.backoff * (2 ** n))
        raise AssertionError("unreachable")

    def json(self, method: str, url: str, *, params: dict | None = None, body: dict | None = None,
             headers: dict | None = None) -> tuple[int, dict, httpx.Headers]:
        """Sends and parses a FHIR JSON exchange; garbage bodies are retried, then a clear error."""
        def attempt():
            h = self._headers(url, {"Accept": "application/fhir+json", **(headers or {})})
            content = None
            if body is not None:
                h["Content-Type"] = "application/fhir+json"
                content = json.dumps(body).encode()
            r = self._client.request(method, url, params=params, content=content, headers=h)
            self._check(r, method, url)
            if not r.content:
                return r.status_code, {}, r.headers
            try:
                doc = r.json()
            except (ValueError, UnicodeDecodeError):
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server sent a body that is not JSON "
                                                                       "({what})"), what=what(method, url))) from None
            if not isinstance(doc, dict) or not isinstance(doc.get("resourceType"), str):
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server sent JSON that is not a FHIR "
                                                                       "resource ({what})"), what=what(method, url)))
            return r.status_code, doc, r.headers
        return self._retrying(method, url, attempt)

    def get_json(self, url: str, params: dict | None = None, accept: str = "application/fhir+json"):
        """GET for any JSON document (DICOMweb QIDO answers are arrays)."""
        def attempt():
            r = self._client.get(url, params=params, headers=self._headers(url, {"Accept": accept}))
            self._check(r, "GET", url)
            if r.status_code == 204 or not r.content:
                return []
            try:
                return r.json()
            except (ValueError, UnicodeDecodeError):
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server sent a body that is not JSON "
                                                                       "({what})"), what=what('GET', url))) from None
        return self._retrying("GET", url, attempt)

    @contextlib.contextmanager
    def stream(self, url: str, headers: dict | None = None) -> Iterator[httpx.Response]:
        """Opens a streamed GET (status checked, retried until headers arrive); the caller reads the
        body and handles breaks in it (resume)."""
        def attempt():
            req = self._client.build_request("GET", url, headers=self._headers(url, headers))
            r = self._client.send(req, stream=True)
            try:
                self._check(r, "GET", url)
            except BaseException:
                r.close()
                raise
            return r
        r = self._retrying("GET", url, attempt)
        try:
            yield r
        finally:
            r.close()
