"""Random-access byte sources: a file on disk, bytes in memory, or a blob of the encrypted store.

Why: the imaging layer reads a header prefix, then pixel bytes straight into a preallocated volume.
Every source offers the same two calls, so the store is read in place (never copied to disk) and a
file on disk is read with ``pread`` without a Python file object in the way.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from reviewer.imaging.errors import DicomError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


class Source(Protocol):
    label: str      # names the item in messages: a path or "stored file <id>"
    size: int

    def read(self, offset: int, n: int) -> bytes: ...

    def readinto(self, offset: int, out: memoryview) -> int: ...

    def close(self) -> None: ...


class BytesSource:
    def __init__(self, data, label: str = "data"):
        self._data = memoryview(data).cast("B")
        self.label = label
        self.size = len(self._data)

    def read(self, offset: int, n: int) -> bytes:
        return bytes(self._data[offset:offset + n])

    def readinto(self, offset: int, out: memoryview) -> int:
        chunk = self._data[offset:offset + len(out)]
        out[:len(chunk)] = chunk
        return len(chunk)

    def view(self, offset: int, n: int) -> memoryview:
        """Zero-copy access, for inflated datasets already in memory."""
        return self._data[offset:offset + n]

    def close(self) -> None:
        pass


class FileSource:
    """A file on disk read with pread/preadv: no buffering layer, no shared file position."""

    def __init__(self, path: Path | str, label: str | None = None):
        self.label = label or str(path)
        try:
            self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise DicomError(self.label, Text(QT_TRANSLATE_NOOP("ImagingErrors", "cannot be opened ({value})"),
                                              value=exc.strerror or type(exc).__name__)) from None
        self.size = os.fstat(self._fd).st_size

    def read(self, offset: int, n: int) -> bytes:
        return os.pread(self._fd, n, offset)

    def readinto(self, offset: int, out: memoryview) -> int:
        total = 0
        while total < len(out):
            got = os.preadv(self._fd, [out[total:]], offset + total)
            if got <= 0:
                break
            total += got
        return total

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self):
        self.close()


class BlobSource:
    """A blob of the workspace's encrypted store; reads decrypt only the chunks they touch."""

    def __init__(self, reader, label: str):
        self._r = reader
        self.label = label
        self.size = reader.size
        # A reader that can decrypt straight into the caller's buffer saves two copies per slice.
        self._readinto_at = getattr(reader, "readinto_at", None)

    def read(self, offset: int, n: int) -> bytes:
        return self._r.pread(n, offset)

    def readinto(self, offset: int, out: memoryview) -> int:
        if self._readinto_at is not None:
            return self._readinto_at(offset, out)
        data = self._r.pread(len(out), offset)
        out[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._r.close()


def prefetch_path(path: Path | str) -> None:
    """Asks the OS to start reading ``path`` into its cache now (asynchronously); best effort.

    Why: a series is read file by file; while one file is decrypted and decoded, the disk can
    already be fetching the next ones. Only whole encrypted files are hinted, never decrypted.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def open_blob(blobs, blob_id: str) -> BlobSource:
    """Opens ``blob_id`` of a BlobStore; the label names the blob, not the patient."""
    return BlobSource(blobs.open(blob_id), f"stored file {blob_id[:12]}")
