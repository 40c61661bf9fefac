"""Chunked AES-256-GCM blob store with random access.

Why chunked: a slide tile or one DICOM frame must be readable without decrypting the whole file.
Layout of a blob file::

    header  = MAGIC (8) | chunk_size (u32 BE) | reserved (u32) | blob salt (32)
    chunk_i = AES-GCM(ciphertext of chunk_size plaintext bytes, or fewer for the last) | tag (16)

Each blob has its own key, HKDF(blobs key, salt); the blob id *is* the salt in hex, so a file moved
to another id fails. Chunk i is encrypted with nonce = i and AAD = salt | i | final-flag, so chunks
reordered, swapped between blobs, or a blob truncated at a chunk boundary all fail authentication.
Blobs are write-once: written to a temporary name, fsynced, then renamed into place.
"""
from __future__ import annotations

import io
import os
import secrets
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer.errors import IntegrityError, ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAGIC = b"RVBLOB01"
HEADER = struct.Struct(">8sII32s")
TAG = 16
DEFAULT_CHUNK = 64 * 1024


# The blob format's primitives, public because the resumable sync writer (reviewer.sync.partial)
# writes the same format chunk by chunk.
def blob_cipher(master: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"reviewer blob v1")
    return AESGCM(hkdf.derive(master))


def chunk_nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def chunk_aad(salt: bytes, index: int, final: bool) -> bytes:
    return salt + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


class BlobStore:
    """Encrypted files under ``root``, addressed by a random id."""

    def __init__(self, root: Path, key: bytes, chunk_size: int = DEFAULT_CHUNK):
        self.root = Path(root)
        self._key = key
        self.chunk_size = chunk_size
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)

    def path(self, blob_id: str) -> Path:
        if len(blob_id) != 64 or any(c not in "0123456789abcdef" for c in blob_id):
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("Errors", "Not a blob id: {blob_id!r}"), blob_id=blob_id[:80]))
        return self.root / blob_id[:2] / blob_id

    def _key_or_fail(self) -> bytes:
        if not self._key:
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("Errors", "The workspace is locked; unlock it to read "
                                                                 "or write its files")))
        return self._key

    def writer(self) -> "BlobWriter":
        return BlobWriter(self)

    def put(self, data: bytes) -> str:
        with self.writer() as w:
            w.write(data)
        return w.blob_id

    def open(self, blob_id: str) -> "BlobReader":
        return BlobReader(self, blob_id)

    def get(self, blob_id: str) -> bytes:
        with self.open(blob_id) as r:
            return r.read()

    def ids(self) -> set[str]:
        return {p.name for p in self.root.glob("??/*") if p.is_file()}

    def delete(self, blob_id: str) -> None:
        self.path(blob_id).unlink(missing_ok=True)

    def clean_tmp(self) -> int:
        """Removes blobs whose writing was interrupted (a crashed import)."""
        n = 0
        for p in (self.root / "tmp").glob("*"):
            p.unlink(missing_ok=True)
            n += 1
        return n

    def lock(self) -> None:
        self._key = b""


class BlobWriter(io.RawIOBase):
    """Streams plaintext in, writes encrypted chunks; the blob appears only on a clean close."""

    def __init__(self, store: BlobStore):
        super().__init__()
        self.store = store
        self.salt = secrets.token_bytes(32)
        self.blob_id = self.salt.hex()
        self._aead = blob_cipher(store._key_or_fail(), self.salt)
        self._tmp = store.root / "tmp" / (self.blob_id + ".part")
        self._f = open(self._tmp, "wb")
        self._f.write(HEADER.pack(MAGIC, store.chunk_size, 0, self.salt))
        self._buf = bytearray()
        self._index = 0
        self.size = 0
        self._done = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        mv = memoryview(data).cast("B")
        self._buf += mv
        self.size += len(mv)
        cs = self.store.chunk_size
        # Keep at least one byte buffered so the final chunk is known at close.
        while len(self._buf) > cs:
            self._emit(bytes(self._buf[:cs]), final=False)
            del self._buf[:cs]
        return len(mv)

    def _emit(self, plain: bytes, final: bool) -> None:
        self._f.write(self._aead.encrypt(chunk_nonce(self._index), plain, chunk_aad(self.salt, self._index, final)))
        self._index += 1

    def close(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._emit(bytes(self._buf), final=True)
            self._f.flush()
            os.fsync(self._f.fileno())
            self._f.close()
            final = self.store.path(self.blob_id)
            final.parent.mkdir(exist_ok=True)
            os.replace(self._tmp, final)
        finally:
            if not self._f.closed:
                self._f.close()
            super().close()

    def abort(self) -> None:
        self._done = True
        self._f.close()
        self._tmp.unlink(missing_ok=True)
        super().close()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()
        else:
            self.close()


class BlobReader(io.RawIOBase):
    """Seekable, read-only file object over a blob; decrypts only the chunks a read touches."""

    def __init__(self, store: BlobStore, blob_id: str):
        super().__init__()
        path = store.path(blob_id)
        store._key_or_fail()
        try:
            self._fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise IntegrityError(Text(QT_TRANSLATE_NOOP("Errors", "Stored file {id} is missing from the workspace"),
                                      id=blob_id[:12])) from None
        self.blob_id = blob_id
        head = os.pread(self._fd, HEADER.size, 0)
        if len(head) != HEADER.size:
            self._fail("its header is truncated")
        magic, self.chunk_size, _, salt = HEADER.unpack(head)
        if magic != MAGIC or salt.hex() != blob_id or not 0 < self.chunk_size <= 1 << 26:
            self._fail("its header does not belong to this blob")
        self._salt = salt
        self._aead = blob_cipher(store._key_or_fail(), salt)
        body = os.fstat(self._fd).st_size - HEADER.size
        stride = self.chunk_size + TAG
        self._nchunks = max(1, -(-body // stride))
        last = body - (self._nchunks - 1) * stride
        if last < TAG:
            self._fail("it is truncated")
        self.size = (self._nchunks - 1) * self.chunk_size + last - TAG
        self._pos = 0
        # (chunk index, plaintext) of the last single-chunk read, replaced as one tuple so that
        # threads sharing the reader (slide tiles) never see an index with another chunk's bytes.
        self._cached: tuple[int, bytes] = (-1, b"")

    def _fail(self, why: str):
        os.close(self._fd)
        self._fd = -1
        raise IntegrityError(Text(QT_TRANSLATE_NOOP("Errors", "Stored file {id} failed its integrity check: {why}"),
                                  id=self.blob_id[:12], why=why))

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _decrypt_chunks(self, first: int, last: int, out: memoryview) -> None:
        """Decrypts chunks first..last (inclusive) into out with one pread."""
        stride = self.chunk_size + TAG
        raw = os.pread(self._fd, (last - first + 1) * stride, HEADER.size + first * stride)
        rv = memoryview(raw)
        o = 0
        for i in range(first, last + 1):
            ct = rv[(i - first) * stride:(i - first + 1) * stride]
            n = len(ct) - TAG
            if n < 0:
                raise IntegrityError(Text(QT_TRANSLATE_NOOP("Errors", 
                    "Stored file {id} failed its integrity check: it is truncated"), id=self.blob_id[:12]))
            try:
                self._aead.decrypt_into(chunk_nonce(i), ct, chunk_aad(self._salt, i, i == self._nchunks - 1), out[o:o + n])
            except InvalidTag:
                raise IntegrityError(
                    Text(QT_TRANSLATE_NOOP("Errors", "Stored file {blob_id} failed its integrity check at "
                                                     "chunk {i}: it was altered, truncated or swapped; nothing "
                                                     "was returned"), blob_id=self.blob_id[:12], i=i)) from None
            o += n

    def pread(self, size: int, offset: int) -> bytes:
        if offset >= self.size or size <= 0:
            return b""
        size = min(size, self.size - offset)
        cs = self.chunk_size
        first, last = offset // cs, (offset + size - 1) // cs
        cached_index, cached = self._cached
        if first == last == cached_index:
            start = offset - first * cs
            return cached[start:start + size]
        span_start = first * cs
        span_len = min(self.size, (last + 1) * cs) - span_start
        buf = bytearray(span_len)
        self._decrypt_chunks(first, last, memoryview(buf))
        if first == last:
            self._cached = (first, bytes(buf))
        start = offset - span_start
        if start == 0 and size == span_len:
            return bytes(buf)
        return bytes(memoryview(buf)[start:start + size])

    def readinto_at(self, offset: int, out) -> int:
        """Decrypts bytes [offset, offset + len(out)) into ``out``; returns the count.

        Whole chunks decrypt straight into the caller's buffer (no intermediate copy), which is
        what lets a series load fill its volume in place; partial chunks at either end go
        through ``pread``.
        """
        mv = memoryview(out).cast("B")
        size = max(0, min(len(mv), self.size - offset))
        if size == 0:
            return 0
        cs, end = self.chunk_size, offset + size
        first = -(-offset // cs)
        last = self._nchunks - 1 if end == self.size else end // cs - 1
        if first > last:
            mv[:size] = self.pread(size, offset)
            return size
        head = first * cs - offset
        if head:
            mv[:head] = self.pread(head, offset)
        full_end = min(self.size, (last + 1) * cs)
        self._decrypt_chunks(first, last, mv[head:full_end - offset])
        if end > full_end:
            mv[full_end - offset:size] = self.pread(end - full_end, full_end)
        return size

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self._pos
        data = self.pread(size, self._pos)
        self._pos += len(data)
        return data

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, b) -> int:
        data = self.read(len(b))
        memoryview(b).cast("B")[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if getattr(self, "_fd", -1) >= 0:
            os.close(self._fd)
            self._fd = -1
        super().close()
