"""Case package import against a plain copy of the same files (DESIGN §6).

The import hashes (SHA-1 and SHA-256), encrypts and fsyncs every file; the baseline reads, writes
and fsyncs the same files in the same run. Both start with the package out of the page cache.
The package is synthetic: random-bytes documents under a minimal FHIR Bundle, no patient data.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

from reviewer.bench.common import MiB, Row, Sizes, drop_cache, median, random_pieces, timed
from reviewer.packages import import_path
from reviewer.security.keys import KdfParams
from reviewer.workspace import Workspace

CHEAP_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)   # the KDF is not what is measured
COPY_BLOCK = MiB            # the importer streams in 1 MiB pieces too


def build_package(root: Path, total: int, files: int) -> list[Path]:
    """Writes a valid package of ``files`` random documents (``total`` bytes); returns its files."""
    (root / "documents").mkdir(parents=True)
    entries = [
        {"fullUrl": "urn:uuid:task", "resource": {
            "resourceType": "Task", "status": "ready", "intent": "order", "priority": "routine",
            "identifier": [{"system": "https://platform.example/case-id", "value": "BENCH-0001"}],
            "for": {"reference": "urn:uuid:patient"}, "focus": {"reference": "urn:uuid:request"}}},
        {"fullUrl": "urn:uuid:patient", "resource": {
            "resourceType": "Patient", "name": [{"family": "Benchmark", "given": ["Synthetic"]}]}},
        {"fullUrl": "urn:uuid:request", "resource": {
            "resourceType": "ServiceRequest", "status": "active", "intent": "order",
            "reasonCode": [{"text": "Benchmark package"}]}},
    ]
    sums = []
    per_file = max(1, total // files)
    for i in range(files):
        rel = f"documents/record-{i:03d}.bin"
        size = per_file if i < files - 1 else total - per_file * (files - 1)
        h1, h256 = hashlib.sha1(), hashlib.sha256()
        with open(root / rel, "wb") as f:
            for piece in random_pieces(size):
                f.write(piece)
                h1.update(piece)
                h256.update(piece)
        sums.append(f"{h256.hexdigest()}  {rel}")
        entries.append({"fullUrl": f"urn:uuid:doc{i}", "resource": {
            "resourceType": "DocumentReference", "status": "current", "type": {"text": "Record"},
            "description": rel, "content": [{"attachment": {
                "contentType": "application/octet-stream", "url": rel, "size": size,
                "hash": base64.b64encode(h1.digest()).decode()}}]}})
    manifest = json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}).encode()
    (root / "manifest.json").write_bytes(manifest)
    sums.append(f"{hashlib.sha256(manifest).hexdigest()}  manifest.json")
    (root / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    return sorted(p for p in root.rglob("*") if p.is_file())


def _copy(files: list[Path], src: Path, dst: Path) -> None:
    for p in files:
        out = dst / p.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "rb") as fi, open(out, "wb") as fo:
            while chunk := fi.read(COPY_BLOCK):
                fo.write(chunk)
            fo.flush()
            os.fsync(fo.fileno())


def _import(package: Path, ws_root: Path) -> float:
    ws = Workspace.create(ws_root, secrets.token_urlsafe(24), passphrase_only=True, kdf=CHEAP_KDF, actor="bench")
    try:
        return timed(lambda: import_path(ws, package))
    finally:
        ws.close()


def import_throughput(workdir: Path, sizes: Sizes) -> list[Row]:
    package = workdir / "package"
    files = build_package(package, sizes.import_bytes, sizes.import_files)
    total = sum(p.stat().st_size for p in files)
    imports, copies = [], []
    for rep in range(sizes.import_repeats):
        for side in (("copy", "import") if rep % 2 == 0 else ("import", "copy")):
            for p in files:
                drop_cache(p)
            target = workdir / f"{side}-{rep}"
            if side == "copy":
                copies.append(timed(lambda: _copy(files, package, target)))
            else:
                imports.append(_import(package, target))
            shutil.rmtree(target)           # keep the disk footprint to one copy at a time
    imp, cp = median(imports), median(copies)
    return [Row.measured("import_throughput", imp, cp, "s", 2.0),
            Row.measured("import_mb_per_s", total / imp / 1e6, total / cp / 1e6, "MB/s", None)]
