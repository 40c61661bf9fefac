"""FhirTestDouble: a small FHIR R4 server for tests — a double, not a FHIR server.

It stores resources in memory, answers search (a few parameters, ``_include``, paging), read,
conditional create (``If-None-Exist``), update with ``If-Match``, and ``Binary`` as raw bytes with
Range / If-Range. Every resource it receives is validated with ``fhir.resources`` (R4B models, the
closest to R4 the package ships); an invalid one is refused with 422 and counted in ``invalid``.
Faults for tests: a bearer token it requires, status codes / timeouts / garbage for matching
requests, answers lost after the request was carried out, a throttle on Binary downloads,
corrupted Binary bytes, and ``stop()`` that cuts
every open connection mid-transfer (``start()`` brings it back on the same port).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from fhir.resources.R4B import get_fhir_model_class

INCLUDES = {"Task:patient": "for", "Task:focus": "focus", "Task:owner": "owner", "Task:subject": "for"}


@dataclass
class Fault:
    """Applies to requests whose "METHOD /path?query" matches ``pattern``, ``times`` times (-1: always)."""
    pattern: str
    status: int = 0             # answer this HTTP status
    delay: float = 0.0          # sleep before answering (a timeout when longer than the client's)
    garbage: bool = False       # answer 200 with a body that is not JSON
    lose_answer: bool = False   # carry the request out, then cut the connection before answering
    times: int = 1


@dataclass
class Request:
    method: str
    path: str
    range: str = ""
    auth: bool = False
    if_range: str = ""


@dataclass
class _State:
    resources: dict = field(default_factory=dict)       # (type, id) -> resource
    binaries: dict = field(default_factory=dict)        # id -> (bytes, content type)
    lock: threading.RLock = field(default_factory=threading.RLock)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


class FhirTestDouble:
    def __init__(self, token: str | None = None, tls=None):
        self.token = token
        self.tls = tls                          # an ssl.SSLContext: serve HTTPS
        self.clients: dict[str, str] = {}       # OAuth2 client id -> secret, for POST /token
        self.tokens_issued = 0
        self.state = _State()
        self.faults: list[Fault] = []
        self.throttle_bps = 0                   # Binary bytes per second, 0 = unthrottled
        self.corrupt: dict[str, int] = {}       # binary id -> how many more times to serve it corrupted
        self.requests: list[Request] = []
        self.invalid: list[str] = []
        self.port = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------------------
    @property
    def token_url(self) -> str:
        return self.base.rsplit("/fhir", 1)[0] + "/token"

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{'localhost' if self.tls else '127.0.0.1'}:{self.port}/fhir"

    def start(self) -> "FhirTestDouble":
        double = self

        class Handler(_Handler):
            pass
        Handler.double = double
        self._server = _Server(("127.0.0.1", self.port), Handler)
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops listening and cuts every open connection, mid-transfer included."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        with self._conns_lock:
            for c in list(self._conns):
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self._conns.clear()
        self._server = None

    # -- content ---------------------------------------------------------------------------------
    def put(self, resource: dict) -> dict:
        """Stores a resource as the platform's own (validated like any other)."""
        self._validate(resource)
        rtype = resource["resourceType"]
        rid = resource.setdefault("id", uuid.uuid4().hex[:16])
        with self.state.lock:
            resource["meta"] = {"versionId": "1", "lastUpdated": "2026-11-23T12:00:00Z"}
            self.state.resources[(rtype, rid)] = resource
        return resource

    def put_binary(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        bid = uuid.uuid4().hex[:16]
        with self.state.lock:
            self.state.binaries[bid] = (data, content_type)
        return bid

    def all(self, rtype: str) -> list[dict]:
        with self.state.lock:
            return [json.loads(json.dumps(r)) for (t, _), r in self.state.resources.items() if t == rtype]

    def get(self, rtype: str, rid: str) -> dict:
        with self.state.lock:
            return json.loads(json.dumps(self.state.resources[(rtype, rid)]))

    @staticmethod
    def _validate(resource: dict) -> None:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)

    # -- internals -------------------------------------------------------------------------------
    def _fault(self, line: str) -> Fault | None:
        with self.state.lock:
            for f in self.faults:
                if f.times != 0 and re.search(f.pattern, line):
                    if f.times > 0:
                        f.times -= 1
                    return f
        return None


def _ref_matches(value: dict | None, wanted: str) -> bool:
    ref = (value or {}).get("reference", "")
    return bool(ref) and (ref == wanted or ref.endswith("/" + wanted) or wanted.endswith("/" + ref))


def _matches(res: dict, name: str, values: list[str]) -> bool:
    value = values[0]
    if name == "_id":
        return res.get("id") in value.split(",")
    if name == "status":
        return res.get("status") in value.split(",")
    if name == "owner":
        return _ref_matches(res.get("owner"), value)
    if name in ("patient", "subject"):
        return _ref_matches(res.get("for") or res.get("subject"), value)
    if name == "identifier":
        system, _, code = value.rpartition("|")
        return any(i.get("value") == code and (not system or i.get("system") == system)
                   for i in res.get("identifier") or [])
    return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    double: FhirTestDouble

    def setup(self):
        super().setup()
        with self.double._conns_lock:
            self.double._conns.add(self.connection)

    def finish(self):
        with self.double._conns_lock:
            self.double._conns.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, *args):
        pass

    # -- answering --------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes = b"", ctype: str = "application/fhir+json", headers: dict | None = None):
        if getattr(self, "_lose_answer", False):     # done, but the answer never reaches the client
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, doc: dict, headers: dict | None = None):
        self._send(status, json.dumps(doc).encode(), headers=headers)

    def _outcome(self, status: int, text: str):
        self._json(status, {"resourceType": "OperationOutcome",
                            "issue": [{"severity": "error", "code": "processing", "diagnostics": text}]})

    def _body(self) -> dict | None:
        raw = self._raw
        try:
            doc = json.loads(raw)
        except ValueError:
            self._outcome(400, "body is not JSON")
            return None
        try:
            self.double._validate(doc)
        except Exception as exc:   # noqa: BLE001 - any validation failure is a 422
            self.double.invalid.append(f"{doc.get('resourceType')}: {str(exc)[:300]}")
            self._outcome(422, "invalid resource")
            return None
        return doc

    def _gate(self) -> bool:
        d = self.double
        n = int(self.headers.get("Content-Length") or 0)
        self._raw = self.rfile.read(n) if n else b""      # read first: a fault answer leaves no body behind
        auth = self.headers.get("Authorization", "")
        d.requests.append(Request(self.command, self.path, self.headers.get("Range", ""), bool(auth),
                                  self.headers.get("If-Range", "")))
        f = d._fault(f"{self.command} {self.path}")
        self._lose_answer = bool(f and f.lose_answer)
        if f is not None:
            if f.delay:
                time.sleep(f.delay)
            if f.status:
                self._outcome(f.status, "fault injected")
                return False
            if f.garbage:
                self._send(200, b"<html>proxy error \x00\xff</html>", "application/fhir+json")
                return False
        if d.token and auth != f"Bearer {d.token}":
            self._outcome(401, "unauthorized")
            return False
        return True

    def _route(self):
        u = urlsplit(self.path)
        parts = [p for p in u.path.split("/") if p]
        if not parts or parts[0] != "fhir":
            self._outcome(404, "not found")
            return None, None, None
        return parts[1:], parse_qs(u.query), u

    def do_GET(self):
        if not self._gate():
            return
        parts, query, _ = self._route()
        if parts is None:
            return
        d = self.double
        if parts == ["metadata"]:
            self._json(200, {"resourceType": "CapabilityStatement", "status": "active", "kind": "instance",
                             "date": "2026-11-23", "fhirVersion": "4.0.1", "format": ["json"]})
            return
        if len(parts) == 1:
            self._search(parts[0], query)
            return
        if len(parts) == 2 and parts[0] == "Binary":
            self._binary(parts[1])
            return
        if len(parts) == 2:
            with d.state.lock:
                res = d.state.resources.get((parts[0], parts[1]))
            if res is None:
                self._outcome(404, "not found")
            else:
                self._json(200, res, {"ETag": f'W/"{res["meta"]["versionId"]}"'})
            return
        self._outcome(404, "not found")

    def _search(self, rtype: str, query: dict):
        d = self.double
        includes = query.get("_include", [])
        count = int(query.get("_count", ["50"])[0])
        offset = int(query.get("_offset", ["0"])[0])
        crit = {k: v for k, v in query.items() if not k.startswith("_") or k == "_id"}
        with d.state.lock:
            hits = [r for (t, _), r in sorted(d.state.resources.items()) if t == rtype
                    and all(_matches(r, k, v) for k, v in crit.items())]
            page = hits[offset:offset + count]
            entries = [{"fullUrl": f"{d.base}/{rtype}/{r['id']}", "resource": r, "search": {"mode": "match"}}
                       for r in page]
            for inc in includes:
                element = INCLUDES.get(inc)
                for r in page:
                    ref = (r.get(element) or {}).get("reference", "") if element else ""
                    if "/" in ref:
                        t, i = ref.split("/", 1)
                        if (t, i) in d.state.resources:
                            entries.append({"fullUrl": f"{d.base}/{ref}", "resource": d.state.resources[(t, i)],
                                            "search": {"mode": "include"}})
        bundle = {"resourceType": "Bundle", "type": "searchset", "total": len(hits), "entry": entries,
                  "link": [{"relation": "self", "url": f"{d.base}/{rtype}"}]}
        if offset + count < len(hits):
            q = "&".join(f"{k}={v}" for k, vs in query.items() if k != "_offset" for v in vs)
            bundle["link"].append({"relation": "next", "url": f"{d.base}/{rtype}?{q}&_offset={offset + count}"})
        self._json(200, bundle)

    def _binary(self, bid: str):
        d = self.double
        with d.state.lock:
            item = d.state.binaries.get(bid)
        if item is None:
            self._outcome(404, "not found")
            return
        data, ctype = item
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if "fhir+json" in self.headers.get("Accept", ""):
            self._json(200, {"resourceType": "Binary", "id": bid, "contentType": ctype,
                             "data": base64.b64encode(data).decode()})
            return
        with d.state.lock:
            if d.corrupt.get(bid, 0) > 0:
                d.corrupt[bid] -= 1
                data = bytes([data[0] ^ 0xFF]) + data[1:]
        start = 0
        rng = self.headers.get("Range", "")
        m = re.fullmatch(r"bytes=(\d+)-", rng)
        if_range = self.headers.get("If-Range")
        if m and (not if_range or if_range == etag) and int(m.group(1)) < len(data):
            start = int(m.group(1))
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        mv = memoryview(data)
        piece = 64 << 10
        t0 = time.monotonic()
        sent = 0
        try:
            for i in range(start, len(data), piece):
                self.wfile.write(mv[i:i + piece])
                sent += len(mv[i:i + piece])
                if d.throttle_bps:
                    ahead = sent / d.throttle_bps - (time.monotonic() - t0)
                    if ahead > 0:
                        time.sleep(ahead)
        except OSError:
            self.close_connection = True

    def _token(self):
        """OAuth2 client-credentials grant: Basic client id:secret → a fresh bearer token."""
        d = self.double
        n = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(n).decode())
        auth = self.headers.get("Authorization", "")
        try:
            cid, _, secret = base64.b64decode(auth.split(" ", 1)[1]).decode().partition(":")
        except Exception:   # noqa: BLE001
            cid = secret = ""
        if form.get("grant_type") != ["client_credentials"] or d.clients.get(cid) != secret or not cid:
            self._send(401, b'{"error": "invalid_client"}', "application/json")
            return
        d.tokens_issued += 1
        d.token = f"issued-{d.tokens_issued}-" + uuid.uuid4().hex
        self._send(200, json.dumps({"access_token": d.token, "token_type": "Bearer",
                                    "expires_in": 3600}).encode(), "application/json")

    def do_POST(self):
        if self.path == "/token":
            self._token()
            return
        if not self._gate():
            return
        parts, _, _ = self._route()
        if parts is None:
            return
        if len(parts) != 1:
            self._outcome(405, "POST to a type only")
            return
        doc = self._body()
        if doc is None:
            return
        d = self.double
        rtype = parts[0]
        cond = self.headers.get("If-None-Exist")
        with d.state.lock:
            if cond:
                crit = parse_qs(cond)
                hits = [r for (t, _), r in d.state.resources.items() if t == rtype
                        and all(_matches(r, k, v) for k, v in crit.items())]
                if len(hits) > 1:
                    self._outcome(412, "more than one match")
                    return
                if hits:
                    self._json(200, hits[0], {"Location": f"{d.base}/{rtype}/{hits[0]['id']}"})
                    return
            doc["id"] = uuid.uuid4().hex[:16]
            doc["meta"] = {"versionId": "1", "lastUpdated": "2026-11-23T12:00:00Z"}
            d.state.resources[(rtype, doc["id"])] = doc
        self._json(201, doc, {"Location": f"{d.base}/{rtype}/{doc['id']}/_history/1"})

    def do_PUT(self):
        if not self._gate():
            return
        parts, _, _ = self._route()
        if parts is None:
            return
        if len(parts) != 2:
            self._outcome(405, "PUT to Type/id only")
            return
        doc = self._body()
        if doc is None:
            return
        d = self.double
        with d.state.lock:
            old = d.state.resources.get((parts[0], parts[1]))
            version = int((old or {}).get("meta", {}).get("versionId", "0"))
            match = self.headers.get("If-Match")
            if match and match != f'W/"{version}"':
                self._outcome(412, "version conflict")
                return
            doc["id"] = parts[1]
            doc["meta"] = {"versionId": str(version + 1), "lastUpdated": "2026-11-23T12:00:00Z"}
            d.state.resources[(parts[0], parts[1])] = doc
        self._json(200 if old else 201, doc)
