"""Encrypted blob reads against plaintext reads of the same bytes (DESIGN §6: at most 1.3x).

Both sides read the file whole, sequentially, in large blocks through the API product code uses
(``BlobReader.read`` and a plain ``os.pread``), repeated and interleaved; the median is reported.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from reviewer.bench.common import Row, Sizes, drop_cache, median, random_pieces, timed
from reviewer.security.blobs import BlobStore


def _write_pair(workdir: Path, size: int) -> tuple[Path, BlobStore, str]:
    plain = workdir / "plain.bin"
    store = BlobStore(workdir / "blobs", secrets.token_bytes(32))
    with open(plain, "wb") as f, store.writer() as w:
        for piece in random_pieces(size):
            f.write(piece)
            w.write(piece)
        f.flush()
        os.fsync(f.fileno())
    return plain, store, w.blob_id


def _read_plain(path: Path, block: int) -> int:
    fd = os.open(path, os.O_RDONLY)
    try:
        n = off = 0
        while data := os.pread(fd, block, off):
            n += len(data)
            off += len(data)
        return n
    finally:
        os.close(fd)


def _read_blob(store: BlobStore, blob_id: str, block: int) -> int:
    with store.open(blob_id) as r:
        n = 0
        while data := r.read(block):
            n += len(data)
        return n


def _compare(workdir: Path, sizes: Sizes, cold: bool) -> tuple[float, float]:
    """Median seconds (encrypted, plaintext) over interleaved runs."""
    plain, store, blob_id = _write_pair(workdir, sizes.read_bytes)
    blob_path = store.path(blob_id)
    runs = {
        "plain": (plain, lambda: _check(_read_plain(plain, sizes.read_block), sizes.read_bytes)),
        "blob": (blob_path, lambda: _check(_read_blob(store, blob_id, sizes.read_block), sizes.read_bytes)),
    }
    times: dict[str, list[float]] = {"plain": [], "blob": []}
    if not cold:
        for _, run in runs.values():    # warm both caches
            run()
    for rep in range(sizes.read_repeats):
        order = ("plain", "blob") if rep % 2 == 0 else ("blob", "plain")   # no side always goes first
        for side in order:
            path, run = runs[side]
            if cold:
                drop_cache(path)
            times[side].append(timed(run))
    return median(times["blob"]), median(times["plain"])


def _check(n: int, expected: int) -> None:
    if n != expected:
        raise RuntimeError(f"benchmark read {n} bytes, expected {expected}")


def encrypted_read_cold(workdir: Path, sizes: Sizes) -> list[Row]:
    enc, plain = _compare(workdir, sizes, cold=True)
    return [Row.measured("encrypted_read_cold", enc, plain, "s", 1.3)]


def encrypted_read_warm(workdir: Path, sizes: Sizes) -> list[Row]:
    # Information only: a warm plaintext read is a memcpy from the page cache (~9 GB/s), which no
    # single-core AES-GCM decryption (~5-6 GB/s here) can match; the budget applies to cold reads.
    enc, plain = _compare(workdir, sizes, cold=False)
    return [Row.measured("encrypted_read_warm", enc, plain, "s", None)]
