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

Why a pipeline thread: hashing (SHA-1 + SHA-256, ~1.6 ns a byte) and AES-GCM release the GIL, so
they can run on the other core while the network thread reads the next megabyte. The network
thread only joins its pieces into ~1 MiB batches (the one copy); the blob's own thread hands each
batch to ``on_plain`` (the hashes), encrypts it and writes it, in order. Nothing is skipped: every
byte is hashed and encrypted before it touches the disk, exactly as before.
"""
from __future__ import annotations

import os
import queue
import secrets
import threading
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag

from reviewer.security.blobs import HEADER, MAGIC, TAG, BlobStore, blob_cipher, chunk_aad, chunk_nonce

PARTIAL_DIR = "partial"
SYNC_EVERY = 8 << 20          # flush the partial to the OS every so many bytes, so a resume loses little
BATCH = 1 << 20              # plaintext handed to the pipeline thread at once (rounded to whole chunks)
IN_FLIGHT = 4                # batches queued per blob: bounds memory at ~4 MiB a transfer


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
    """One blob being downloaded. ``offset`` is how many plaintext bytes are stored (after ``close``).

    ``on_plain(data)`` receives every plaintext byte in order, including the bytes recovered from
    disk on resume, so the caller's hashes always cover the whole file. It is called on the blob's
    pipeline thread (and on the caller's thread for recovered bytes, before any new ones); after
    ``end()`` returns, it has seen every byte written.
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
        self._batch = max(1, BATCH // self.chunk) * self.chunk
        self.path = partial_dir(store) / f"{self.blob_id}.part"
        self._pending: list = []         # pieces taken but not yet handed to the pipeline
        self._pending_len = 0
        self._tail: bytes | None = None  # after end(): the bytes finish() encrypts (the last chunk)
        self._index = 0
        self._unsynced = 0
        self.offset = 0
        self.resumed_from = 0
        self._jobs: queue.Queue = queue.Queue(maxsize=IN_FLIGHT)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        if self.path.exists():
            self._f = open(self.path, "r+b")
            self._recover()
        else:
            self._f = open(self.path, "wb")
            self._f.write(HEADER.pack(MAGIC, self.chunk, 0, self.salt))
        self.received = self.offset      # plaintext bytes taken so far (stored, queued or pending)
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

    # -- the caller's (network) thread -------------------------------------------------------------
    def write(self, data) -> None:
        """Takes plaintext (kept by reference until the next batch is joined: pass bytes, or a
        buffer that is not reused). Raises the pipeline's error (disk full) at the next write."""
        self._raise()
        self._pending.append(data)
        self._pending_len += len(data)
        self.received += len(data)
        if self._pending_len > self._batch:
            self._dispatch()

    def _dispatch(self) -> None:
        """Hands the pending whole chunks to the pipeline, keeping >= 1 byte: the final chunk is
        only known at finish."""
        n = (self._pending_len - 1) // self.chunk * self.chunk
        if n <= 0:
            return
        buf = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        mv = memoryview(buf).cast("B")
        self._pending, self._pending_len = [mv[n:]], len(mv) - n
        self._put((mv[:n], True))

    def _put(self, job) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sync-blob", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def end(self) -> None:
        """The stream is over: returns once ``on_plain`` has seen every byte (so the caller can check
        size and hashes before ``finish`` seals the blob)."""
        if self._tail is not None:
            return
        self._tail = bytes(b"".join(self._pending))
        self._pending, self._pending_len = [], 0
        if self._tail:
            self._put((memoryview(self._tail), False))     # hashed there, encrypted by finish
        if self._thread is not None:
            self._jobs.join()
        self._raise()

    # -- the pipeline thread -----------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._error is None:              # after an error: drain, so no producer blocks
                    data, store = job
                    self.on_plain(data)
                    if store:
                        self._emit(data)
            except BaseException as exc:            # noqa: BLE001 - re-raised on the caller's thread
                self._error = exc
            finally:
                self._jobs.task_done()

    def _emit(self, mv: memoryview) -> None:
        """Encrypts whole chunks of ``mv`` straight into one output buffer and writes it at once."""
        cs, stride = self.chunk, self.chunk + TAG
        n = len(mv) // cs
        out = bytearray(n * stride)
        ov = memoryview(out)
        for i in range(n):
            self._aead.encrypt_into(chunk_nonce(self._index), mv[i * cs:(i + 1) * cs],
                                    chunk_aad(self.salt, self._index, False), ov[i * stride:(i + 1) * stride])
            self._index += 1
        self._f.write(out)
        self.offset += n * cs
        self._unsynced += n * cs
        if self._unsynced >= SYNC_EVERY:
            self._f.flush()
            self._unsynced = 0

    def _stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    # -- ending --------------------------------------------------------------------------------------
    def finish(self) -> str:
        """Writes the last chunk (flagged final), fsyncs and moves the blob into the store; returns its id."""
        self.end()
        self._stop()
        self._raise()
        tail = memoryview(self._tail)
        cs = self.chunk
        full = (len(tail) - 1) // cs * cs if tail else 0      # whole chunks before the final one
        if full:
            self._emit(tail[:full])
        self._f.write(self._aead.encrypt(chunk_nonce(self._index), bytes(tail[full:]),
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
        """Keeps the partial on disk for a later resume: the whole chunks taken so far are stored
        first (an error while doing so only loses them; the resume fetches them again)."""
        if self._f.closed:
            return
        try:
            if self._tail is None and self._error is None:
                self._dispatch()
        finally:
            self._stop()
            self._f.close()

    def discard(self) -> None:
        if not self._f.closed:
            self._pending, self._pending_len = [], 0
            self._error = self._error or _Discarded()
            self._stop()
            self._f.close()
        self.path.unlink(missing_ok=True)


class _Discarded(Exception):
    """Set as the pipeline's error so that queued batches are dropped, not written."""
