"""Case download into the encrypted store against a raw loopback download of the same bytes (issue 7).

Ours: the sync engine pulls a case (random-bytes records, size and SHA-1 known) from an in-process
HTTP server: HTTP with Range support, SHA-1 + SHA-256, AES-GCM chunks, fsync, then the case commit.
Raw: the same files fetched with the same HTTP client and the same parallelism into plain files,
fsynced. Both in the same run, alternating order; the row is ours / raw (target 1.25, i.e. a
download at least 0.8× as fast as raw). Orthanc is not needed: WADO-RS goes through the same
transfer path, and the bench must run on machines without it.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from reviewer.bench.common import Row, Sizes, median, random_pieces, timed
from reviewer.security.keys import KdfParams
from reviewer.sync.engine import SyncEngine, SyncOptions
from reviewer.sync.fetch import open_http
from reviewer.sync.httpclient import HttpClient
from reviewer.sync.model import Assignment, CasePlan, TransferItem
from reviewer.workspace import Workspace

CHEAP_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PARALLEL = 4


class _FileServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _handler(root: Path):
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = root / self.path.lstrip("/")
            if not path.is_file():
                self.send_error(404)
                return
            size = path.stat().st_size
            m = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
            start = int(m.group(1)) if m and int(m.group(1)) < size else 0
            self.send_response(206 if start else 200)
            self.send_header("Content-Length", str(size - start))
            self.send_header("Content-Type", "application/octet-stream")
            if start:
                self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
            self.end_headers()
            self.wfile.flush()
            with open(path, "rb") as f:
                self.connection.sendfile(f, start, size - start)
    return H


class _BenchPlatform:
    """Just enough of a platform: one assignment, its files on the loopback server."""
    name = "bench"

    def __init__(self, base: str, items: list[TransferItem], bundle: dict):
        self.http = HttpClient(trusted=set(), timeout=60)
        self.base, self.items, self.bundle = base, items, bundle

    def check(self):
        pass

    def assignments(self):
        return [Assignment("BENCH-SYNC-0001", "bench")]

    def plan(self, a):
        return CasePlan(bundle=self.bundle, items=self.items)

    def open(self, item, offset, validator=None):
        return open_http(self.http, item.spec["url"], offset, validator)

    def set_status(self, task_ref, status):
        pass

    def submit(self, s):
        raise NotImplementedError("the bench submits nothing")

    def close(self):
        self.http.close()


def _case(root: Path, total: int, files: int, base: str) -> tuple[list[TransferItem], dict]:
    entries = [
        {"resource": {"resourceType": "Task", "status": "ready", "intent": "order",
                      "identifier": [{"value": "BENCH-SYNC-0001"}], "for": {"reference": "Patient/p"}}},
        {"resource": {"resourceType": "Patient", "id": "p", "name": [{"family": "Benchmark", "given": ["Synthetic"]}]}}]
    items = []
    per = max(1, total // files)
    for i in range(files):
        size = per if i < files - 1 else total - per * (files - 1)
        h1 = hashlib.sha1()
        with open(root / f"f{i:03d}.bin", "wb") as f:
            for piece in random_pieces(size):
                f.write(piece)
                h1.update(piece)
        sha1 = base64.b64encode(h1.digest()).decode()
        rel = f"documents/{i:03d}-record.bin"
        items.append(TransferItem(f"doc:{i}", rel, "document", {"source": "http", "url": f"{base}/f{i:03d}.bin"},
                                  size, sha1))
        entries.append({"resource": {"resourceType": "DocumentReference", "status": "current",
                                     "content": [{"attachment": {"url": rel, "size": size, "hash": sha1,
                                                                 "contentType": "application/octet-stream"}}]}})
    return items, {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _raw(items: list[TransferItem], out: Path) -> None:
    out.mkdir()
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=32)) as client:
        def one(item: TransferItem) -> None:
            with client.stream("GET", item.spec["url"], headers={"Accept-Encoding": "identity"}) as r, \
                    open(out / item.key.replace(":", "-"), "wb") as f:
                r.raise_for_status()
                for chunk in r.iter_raw():
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
        with ThreadPoolExecutor(PARALLEL) as pool:
            list(pool.map(one, items))


def _ours(items, bundle, base: str, ws_root: Path) -> float:
    ws = Workspace.create(ws_root, secrets.token_urlsafe(24), passphrase_only=True, kdf=CHEAP_KDF, actor="bench")
    platform = _BenchPlatform(base, items, bundle)
    try:
        engine = SyncEngine(ws, platform, SyncOptions(parallel=PARALLEL, push=False))
        report = None

        def run():
            nonlocal report
            report = engine.run()
        seconds = timed(run)
        if not report.ok or report.new_cases != ["BENCH-SYNC-0001"]:
            raise RuntimeError(f"the bench case did not download: {report.message} {report.failed}")
        return seconds
    finally:
        platform.close()
        ws.close()


def case_download_vs_raw(workdir: Path, sizes: Sizes) -> list[Row]:
    served = workdir / "served"
    served.mkdir()
    server = _FileServer(("127.0.0.1", 0), _handler(served))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        items, bundle = _case(served, sizes.import_bytes, sizes.import_files, base)
        ours, raw = [], []
        for rep in range(sizes.import_repeats):
            for side in (("raw", "ours") if rep % 2 == 0 else ("ours", "raw")):
                target = workdir / f"{side}-{rep}"
                if side == "raw":
                    raw.append(timed(lambda: _raw(items, target)))
                else:
                    ours.append(_ours(items, bundle, base, target))
                shutil.rmtree(target)
    finally:
        server.shutdown()
        server.server_close()
    total = sizes.import_bytes
    o, r = median(ours), median(raw)
    return [Row.measured("case_download_vs_raw", o, r, "s", 1.25),
            Row.measured("case_download_mb_per_s", total / o / 1e6, total / r / 1e6, "MB/s", None)]


__all__ = ["case_download_vs_raw"]
