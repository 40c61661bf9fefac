"""Where a package's files come from: a folder or a .zip, read safely.

Refused before anything is read: path traversal, absolute paths, symlinks and special files,
too many files, oversized entries, and zip bombs (declared ratio, and actual bytes counted while
reading, since a zip's declared sizes can lie). Zip entries are streamed, never extracted to disk.
"""
from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator

from reviewer.errors import PackageRejected
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


@dataclass(frozen=True)
class Limits:
    max_files: int = 200_000
    max_file_bytes: int = 64 << 30
    max_total_bytes: int = 256 << 30
    max_zip_ratio: int = 200          # uncompressed / compressed, for entries above 1 MiB
    max_manifest_bytes: int = 64 << 20


def safe_relpath(name: str, where: str) -> str:
    """Validates a package-relative POSIX path and returns it normalised."""
    if not name or "\\" in name or "\x00" in name:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: refused the path {name!r} "
                                                                     "(empty, backslash or NUL)"),
                                   where=where, name=name[:200]))
    p = PurePosixPath(name)
    if p.is_absolute() or (len(name) > 1 and name[1] == ":"):
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: refused the absolute path "
                                                                     "{name!r}"), where=where, name=name[:200]))
    if any(part in ("..", "") for part in name.split("/") if part != ".") or ".." in p.parts:
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{where}: refused the path {name!r}: it "
                                                                     "leaves the package"),
                                   where=where, name=name[:200]))
    return str(PurePosixPath(*[x for x in p.parts if x != "."]))


class CountingReader:
    """Wraps a stream and refuses to deliver more than ``limit`` bytes (zip-bomb guard)."""

    def __init__(self, f: BinaryIO, limit: int, name: str):
        self.f, self.limit, self.name, self.count = f, limit, name, 0

    def read(self, n: int = -1) -> bytes:
        try:
            data = self.f.read(n)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{name}: cannot be read ({exc})"),
                                       name=self.name, exc=exc)) from None
        self.count += len(data)
        if self.count > self.limit:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{name}: holds more data than it "
                                                                         "declares (zip bomb?)"), name=self.name))
        return data

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FolderSource:
    def __init__(self, root: Path, limits: Limits = Limits()):
        self.root = Path(root)
        self.label = self.root.name
        self.limits = limits
        self.files = self._scan()

    def _scan(self) -> dict[str, int]:
        files: dict[str, int] = {}
        total = 0
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            for name in dirnames + filenames:
                full = Path(dirpath) / name
                rel = full.relative_to(self.root).as_posix()
                st = os.lstat(full)
                if stat.S_ISLNK(st.st_mode):
                    raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: symbolic links are "
                                                                                 "refused in a package"),
                                               label=self.label, rel=rel))
                if name in filenames:
                    if not stat.S_ISREG(st.st_mode):
                        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: not a regular file"),
                                                   label=self.label, rel=rel))
                    if st.st_size > self.limits.max_file_bytes:
                        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}/{rel}: {st_size} bytes is over "
                                                                                     "the per-file limit"),
                                                   label=self.label, rel=rel, st_size=st.st_size))
                    files[safe_relpath(rel, self.label)] = st.st_size
                    total += st.st_size
                    if len(files) > self.limits.max_files:
                        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: more than {max_files} files"),
                                                   label=self.label, max_files=self.limits.max_files))
        if total > self.limits.max_total_bytes:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {n} bytes is over the package size limit"),
                                       label=self.label, n=total))
        return files

    def open(self, rel: str) -> BinaryIO:
        return CountingReader(open(self.root / rel, "rb"), self.files[rel], f"{self.label}/{rel}")

    def close(self) -> None:
        pass


class ZipSource:
    def __init__(self, path: Path, limits: Limits = Limits()):
        self.label = Path(path).name
        self.limits = limits
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: not a readable zip file ({why})"),
                                       label=self.label, why=str(exc))) from None
        try:
            self.files, self._infos = self._scan()
        except Exception:
            self.zf.close()
            raise

    def _scan(self) -> tuple[dict[str, int], dict[str, zipfile.ZipInfo]]:
        infos = [i for i in self.zf.infolist() if not i.is_dir()]
        if len(infos) > self.limits.max_files:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: more than {max_files} entries"),
                                       label=self.label, max_files=self.limits.max_files))
        names = {}
        for i in infos:
            mode = i.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {filename!r} is a symbolic "
                                                                             "link; refused"),
                                           label=self.label, filename=i.filename[:200]))
            if i.flag_bits & 0x1:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {filename!r} is encrypted; "
                                                                             "refused"),
                                           label=self.label, filename=i.filename[:200]))
            rel = safe_relpath(i.filename, self.label)
            if rel in names:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {rel} appears twice"),
                                           label=self.label, rel=rel))
            if i.file_size > self.limits.max_file_bytes:
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {rel} declares {file_size} "
                                                                             "bytes, over the per-file limit"),
                                           label=self.label, rel=rel, file_size=i.file_size))
            if i.file_size > (1 << 20) and i.file_size > self.limits.max_zip_ratio * max(1, i.compress_size):
                raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {rel} expands {value}× (zip "
                                                                             "bomb?); refused"),
                                           label=self.label, rel=rel, value=i.file_size // max(1, i.compress_size)))
            names[rel] = i
        total = sum(i.file_size for i in infos)
        if total > self.limits.max_total_bytes:
            raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: {n} bytes uncompressed is over the package size limit"),
                                       label=self.label, n=total))
        # A zip of a package folder: strip the single top-level folder.
        if "manifest.json" not in names:
            tops = {r.split("/", 1)[0] for r in names}
            if len(tops) == 1 and all("/" in r for r in names):
                top = tops.pop() + "/"
                names = {r[len(top):]: i for r, i in names.items()}
        return {r: i.file_size for r, i in names.items()}, names

    def open(self, rel: str) -> BinaryIO:
        info = self._infos[rel]
        return CountingReader(self.zf.open(info), info.file_size, f"{self.label}/{rel}")

    def close(self) -> None:
        self.zf.close()


def open_source(path: Path, limits: Limits = Limits()) -> FolderSource | ZipSource:
    path = Path(path)
    if path.is_symlink():
        raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{name}: a symbolic link; give the "
                                                                     "package itself"), name=path.name))
    if path.is_dir():
        return FolderSource(path, limits)
    if path.is_file():
        return ZipSource(path, limits)
    raise PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{path}: no such folder or file"), path=str(path)))


def iter_chunks(f: BinaryIO, size: int = 1 << 20) -> Iterator[bytes]:
    while chunk := f.read(size):
        yield chunk
