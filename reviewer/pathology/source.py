"""Random-access byte sources a slide is read from: a plaintext file or any seekable file object.

Why not plain file objects everywhere: tiles are decoded by a worker pool, and a shared file
position (seek + read) is a race. A ``ByteSource`` offers ``pread(offset, size)``, which is safe
from any thread: ``os.pread`` for a path, the wrapped object's own ``pread`` (the encrypted
``BlobReader``, whose reads share no position and whose one-chunk cache is replaced atomically), or
seek + read under a lock for other file objects. Decryption and decoding of tiles stay parallel.

``SourceFile`` is a private file-object view with its own position, for parsers (tifffile,
pydicom) that want ``seek``/``read``; each parser gets its own view, so parsing and tile reads
never move each other's position.
"""
from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.errors import SlideError


class ByteSource(Protocol):
    """What every backend reads from. ``name`` is the neutral item name used in messages."""
    name: str
    size: int

    def pread(self, offset: int, size: int) -> bytes: ...
    def close(self) -> None: ...


class FileSource:
    """A plaintext file, read with ``os.pread`` (thread-safe, no shared position)."""

    def __init__(self, path: Path, name: str | None = None):
        self.path = Path(path)
        self.name = name or self.path.name
        try:
            self._fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "no such file"))) from None
        except IsADirectoryError:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "is a folder, not a slide file"))) from None
        except OSError as exc:
            raise SlideError(self.name, Text(QT_TRANSLATE_NOOP("SlideErrors", "cannot be opened ({why})"),
                                               why=exc.strerror or type(exc).__name__)) from None
        self.size = os.fstat(self._fd).st_size

    def pread(self, offset: int, size: int) -> bytes:
        if offset < 0 or size <= 0:
            return b""
        return os.pread(self._fd, size, offset)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class StreamSource:
    """Any seekable binary file object (the encrypted ``BlobReader``, ``io.BytesIO``...).

    ``owns``: close the object with the source (true when we opened it).
    """

    def __init__(self, fileobj: BinaryIO, name: str, owns: bool = False):
        self._f = fileobj
        self.name = name
        self._owns = owns
        self._lock = threading.Lock()
        self._pread = getattr(fileobj, "pread", None)
        with self._lock:
            size = getattr(fileobj, "size", None)
            if not isinstance(size, int):
                size = fileobj.seek(0, io.SEEK_END)
            self.size = size

    def pread(self, offset: int, size: int) -> bytes:
        if offset < 0 or size <= 0:
            return b""
        if self._pread is not None:
            return self._pread(size, offset)
        with self._lock:
            self._f.seek(offset)
            return self._f.read(size)

    def close(self) -> None:
        if self._owns:
            self._f.close()


class SourceFile(io.RawIOBase):
    """A read-only, seekable file-object view of a ByteSource with its own position."""

    def __init__(self, source: ByteSource):
        super().__init__()
        self._src = source
        self._pos = 0
        self.name = source.name

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._src.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self._src.size - self._pos
        data = self._src.pread(self._pos, size)
        self._pos += len(data)
        return data

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, b) -> int:
        mv = memoryview(b).cast("B")
        data = self.read(len(mv))
        mv[:len(data)] = data
        return len(data)


@dataclass
class SlideSource:
    """What a backend is asked to open.

    ``files``: one file for TIFF-like formats; the instances of one series for DICOM WSI.
    ``path``: the plaintext path when there is one (only OpenSlide needs it; never set for the
    encrypted store). ``head``: the first bytes of the first file, for cheap sniffing.
    """
    name: str
    files: tuple[ByteSource, ...]
    path: Path | None = None
    head: bytes = field(default=b"", repr=False)

    @classmethod
    def of(cls, name: str, files: tuple[ByteSource, ...] | list[ByteSource], path: Path | None = None) -> "SlideSource":
        files = tuple(files)
        head = files[0].pread(0, 1024) if files else b""
        return cls(name, files, path, head)

    def close(self) -> None:
        for f in self.files:
            f.close()
