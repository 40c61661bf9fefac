"""Opening a slide: from a plaintext path, from file objects, or from a case in the workspace.

Why three doors: the CLI and tests name plaintext files; the app reads only from the encrypted
store, where a slide is a blob read through ``BlobReader`` (random access, nothing decrypted to
disk). All three build a ``SlideSource`` and let the registry choose the backend.

Nothing here writes the audit log: opening is cheap and may happen for thumbnails or prefetch;
the caller that shows the slide to the user records "slide viewed".
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Sequence

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.backend import BackendRegistry, default_registry
from reviewer.pathology.cache import TileCache
from reviewer.pathology.dicom_backend import is_dicom
from reviewer.pathology.errors import SlideError
from reviewer.pathology.handle import SlideHandle
from reviewer.pathology.limits import DEFAULT_LIMITS, Limits
from reviewer.pathology.source import ByteSource, FileSource, SlideSource, StreamSource


def open_source(source: SlideSource, *, registry: BackendRegistry | None = None,
                cache: TileCache | None = None, limits: Limits = DEFAULT_LIMITS) -> SlideHandle:
    """Opens an assembled source; closes its files when no backend can open it."""
    registry = registry or default_registry()
    try:
        backend = registry.open(source, limits)
    except BaseException:
        source.close()
        raise
    return SlideHandle(backend, source, cache=cache, limits=limits)


def open_slide(path: Path | str, *, name: str | None = None, registry: BackendRegistry | None = None,
               cache: TileCache | None = None, limits: Limits = DEFAULT_LIMITS) -> SlideHandle:
    """A plaintext slide file, or a DICOM WSI given as a folder or as one of its instance files
    (the other instances of the same series in that folder become the other levels).

    ``name`` is how messages refer to it (default: the file name, as the user typed it)."""
    path = Path(path)
    name = name or path.name or str(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        dicoms = [p for p in files if _sniff_dicom(p)]
        if not dicoms:
            raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "is a folder without DICOM slide files")))
        return _open_files(dicoms, name, None, registry, cache, limits)
    if not path.exists():
        raise SlideError(name, Text(QT_TRANSLATE_NOOP("SlideErrors", "no such file")))
    if _sniff_dicom(path):
        siblings = sorted(p for p in path.parent.iterdir()
                          if p != path and p.is_file() and not p.name.startswith(".") and _sniff_dicom(p))
        return _open_files([path, *siblings], name, path, registry, cache, limits)
    return _open_files([path], name, path, registry, cache, limits)


def _open_files(paths: list[Path], name: str, plain: Path | None, registry, cache, limits) -> SlideHandle:
    sources: list[ByteSource] = []
    try:
        for p in paths:
            sources.append(FileSource(p, name))
    except BaseException:
        for s in sources:
            s.close()
        raise
    return open_source(SlideSource.of(name, sources, plain), registry=registry, cache=cache, limits=limits)


def _sniff_dicom(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return is_dicom(f.read(132))
    except OSError:
        return False


def open_fileobj(files: BinaryIO | Sequence[BinaryIO], name: str, *, owns: bool = False,
                 registry: BackendRegistry | None = None, cache: TileCache | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> SlideHandle:
    """Seekable binary file object(s): one for TIFF formats, the instances of a series for DICOM.
    ``owns``: close them with the handle."""
    seq = [files] if hasattr(files, "read") else list(files)
    sources = [StreamSource(f, name, owns=owns) for f in seq]
    return open_source(SlideSource.of(name, sources), registry=registry, cache=cache, limits=limits)


def stored_slide_name(blob_id: str) -> str:
    """The neutral name messages use for a slide in the workspace (package paths may carry names)."""
    return f"stored slide {blob_id[:12]}"


def open_workspace_slide(ws, slide, *, siblings: Sequence = (), registry: BackendRegistry | None = None,
                         cache: TileCache | None = None, limits: Limits = DEFAULT_LIMITS) -> SlideHandle:
    """Opens ``slide`` (a ``reviewer.model.Slide`` of an open case) from the encrypted store.

    For a DICOM WSI, each instance is its own stored file: pass the case's other slides as
    ``siblings`` and the instances of the same series become the other levels (files of other
    series are ignored). Cheap: reads headers and offset tables only; audits nothing.
    """
    name = stored_slide_name(slide.blob_id)
    sources: list[ByteSource] = []
    try:
        sources.append(StreamSource(ws.blobs.open(slide.blob_id), name, owns=True))
        if is_dicom(sources[0].pread(0, 132)):
            for other in siblings:
                if other.blob_id == slide.blob_id:
                    continue
                s = StreamSource(ws.blobs.open(other.blob_id), name, owns=True)
                sources.append(s)
                if not is_dicom(s.pread(0, 132)):
                    sources.pop().close()
    except BaseException:
        for s in sources:
            s.close()
        raise
    return open_source(SlideSource.of(name, sources), registry=registry, cache=cache, limits=limits)
