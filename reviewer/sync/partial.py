"""Resumable encrypted downloads: a blob written across several runs, never as plaintext on disk.

Why not ``BlobWriter``: it keeps its half-written file in ``blobs/tmp``, which every workspace open
sweeps, and it cannot continue a file. A partial here lives in ``blobs/partial/<blob id>.part`` in
the blob format of ``reviewer.security.blobs`` (same header, same per-chunk AES-GCM, same AAD), written
chunk by chunk: every complete chunk on disk is already authenticated ciphertext. To resume, the
chunks are read back and decrypted (never written out) to recompute the hashes and the offset; a
chunk torn by a crash fails its tag and is cut off, so the download continues from the last whole
chunk. A chunk index is re-encrypted only there, with the bytes at the same offset of the same
file (``If-Range`` guards that on HTTP); a download that must start over gets a new blob id, so a
key and nonce never protect two different plaintexts. ``finish`` writes the final chunk (flagged final in its AAD), fsyncs and renames the file to
its place in the store, where ``BlobReader`` reads it like any other blob.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag

from reviewer.security.blobs import HEADER, MAGIC, TAG, BlobStore, blob_cipher, chunk_aad, chunk_nonce

PARTIAL_DIR = "partial"
SYNC_EVERY = 8 << 20          # fsync the partial every so many bytes, so a resume loses little


def partial_dir(store: BlobStore) -> Path:
    d = store.root / PARTIAL_DIR
    d.mkdir(exist_ok=True)
    return d


def partial_ids(store: BlobStore) -> set[str]:
    return {p.name[:-5] for p in partial_dir(store).glob("*.part")}


def remove_partial(store: BlobStore, blob_id: str) -> None:
    store.path(blob_id)          # validates the id before it names a file
    (partial_dir(store) / f"{blob_id}.part").unlink(missing_ok=True)


class PartialBlob:
    """One blob being downloaded. ``offset`` is how many plaintext bytes are safely stored.

    ``on_plain(data)`` receives every plaintext byte in order, including the bytes recovered from
    disk on resume, so the caller's hashes always cover the whole file.
    """

    def __init__(self, store: BlobStore, blob_id: str | None = None,
                 on_plain: Callable[[bytes], None] | None = None):
        self.store = store
        self.on_plain = on_plain or (lambda data: None)
        self.salt = bytes.fromhex(blob_id) if blob_id else secrets.token_bytes(32)
        self.blob_id = self.salt.hex()
        store.path(self.blob_id)
        self._aead = blob_cipher(store._key_or_fail(), self.salt)
        self.chunk = store.chunk_size
        self.path = partial_dir(store) / f"{self.blob_id}.part"
        self._buf = bytearray()
        self._index = 0
        self._unsynced = 0
        self.offset = 0
        self.resumed_from = 0
        if self.path.exists():
            self._f = open(self.path, "r+b")
            self._recover()
        else:
            self._f = open(self.path, "wb")
            self._f.write(HEADER.pack(MAGIC, self.chunk, 0, self.salt))
        self.done = False

    @property
    def existed(self) -> bool:
        return self.resumed_from > 0

    def _recover(self) -> None:
        head = self._f.read(HEADER.size)
        ok = len(head) == HEADER.size
        if ok:
            magic, chunk, _, salt = HEADER.unpack(head)
            ok = magic == MAGIC and salt == self.salt and chunk == self.chunk
        if not ok:                       # a header torn by a crash: start the blob again
            self._f.seek(0)
            self._f.truncate()
            self._f.write(HEADER.pack(MAGIC, self.chunk, 0, self.salt))
            return
        stride = self.chunk + TAG
        while True:
            ct = self._f.read(stride)
            if len(ct) < stride:
                break
            try:
                plain = self._aead.decrypt(chunk_nonce(self._index), ct, chunk_aad(self.salt, self._index, False))
            except InvalidTag:
                break                    # torn or foreign: everything from here is fetched again
            self.on_plain(plain)
            self._index += 1
        self.offset = self.resumed_from = self._index * self.chunk
        self._f.seek(HEADER.size + self._index * stride)
        self._f.truncate()

    def write(self, data) -> None:
        """Takes plaintext; whole chunks are encrypted straight from ``data`` (no staging copy)."""
        self.on_plain(data)
        mv = memoryview(data).cast("B")
        cs = self.chunk
        if self._buf:                                   # top up the chunk left from the last write
            take = min(len(mv), cs - len(self._buf))
            self._buf += mv[:take]
            mv = mv[take:]
            if len(self._buf) < cs or not len(mv):
                return                                  # keep >= 1 byte: the final chunk is known at finish
            self._emit([memoryview(self._buf)])
            self._buf = bytearray()
        n = (len(mv) - 1) // cs if len(mv) else 0       # leave the last (possibly whole) chunk buffered
        if n:
            self._emit([mv[i * cs:(i + 1) * cs] for i in range(n)])
        self._buf += mv[n * cs:]

    def _emit(self, chunks: list) -> None:
        stride = self.chunk + TAG
        out = bytearray(len(chunks) * stride)
        ov = memoryview(out)
        for i, plain in enumerate(chunks):
            self._aead.encrypt_into(chunk_nonce(self._index), plain, chunk_aad(self.salt, self._index, False),
                                    ov[i * stride:(i + 1) * stride])
            self._index += 1
        self._f.write(out)
        self.offset += len(chunks) * self.chunk
        self._unsynced += len(chunks) * self.chunk
        if self._unsynced >= SYNC_EVERY:
            self._f.flush()
            self._unsynced = 0

    @property
    def received(self) -> int:
        """Plaintext bytes taken so far (stored plus buffered)."""
        return self.offset + len(self._buf)

    def finish(self) -> str:
        """Writes the final chunk, fsyncs and moves the blob into the store; returns its id."""
        self._f.write(self._aead.encrypt(chunk_nonce(self._index), bytes(self._buf),
                                         chunk_aad(self.salt, self._index, True)))
        self._f.flush()
        os.fsync(self._f.fileno())
        self._f.close()
        final = self.store.path(self.blob_id)
        final.parent.mkdir(exist_ok=True)
        os.replace(self.path, final)
        self.done = True
        return self.blob_id

    def close(self) -> None:
        """Keeps the partial on disk for a later resume."""
        if not self._f.closed:
            self._f.close()

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
