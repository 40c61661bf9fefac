"""Loads a series into a volume: progressive, in place, and straight from the encrypted store.

Why this shape: the viewer must show the first slice at once and the whole series soon after,
without a plaintext copy on disk. Instances are read once, in the order the workspace lists
them: each header is matched against the layouts already seen (see scan.py) and each slice's
pixels are read by offset straight into a preallocated volume, converted in place to modality
values, and reported to ``on_slice``. Where that order turns out not to be the slice order (or the
series must be split), one gather at the end fixes it.

Axis convention (see geometry.py): ``array[k, j, i]`` is slice k (ascending along the slice
normal), row j, column i; colour volumes add a last axis of 3 (RGB).
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from reviewer.errors import ReviewerError
from reviewer.imaging.decode import decode_compressed, encapsulated_frames
from reviewer.imaging.errors import DicomError
from reviewer.imaging.filler import Filler, initial_dtype
from reviewer.imaging.geometry import Geometry, SeriesWarning
from reviewer.imaging.image import ImageHeader, read_header
from reviewer.imaging.luts import Lut
from reviewer.imaging.scan import LayoutCache
from reviewer.imaging.series import Stack, assemble
from reviewer.imaging.source import FileSource, Source, open_blob, prefetch_path
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

Opener = Callable[[], Source]
Prefetch = Callable[[int], None]        # hints that instance i will be read soon
LOOKAHEAD = 16
# on_slice(index, done, total, image): ``image`` is the slice just decoded, ``index`` where it goes
# (provisional while a series streams in an order that may still change). Return False to cancel.
SliceCallback = Callable[[int, int, int, np.ndarray], "bool | None"]


class LoadCancelled(Exception):
    """``on_slice`` asked to stop."""


@dataclass(eq=False)
class Volume:
    """Voxels of one stack (modality values) and where they lie in the patient; see module docstring."""
    array: np.ndarray
    stack: Stack
    windows: tuple[tuple[float, float], ...] = ()        # (centre, width) from the headers, default first
    voi_function: str = "LINEAR"
    voi_lut: Lut | None = None
    monochrome1: bool = False                             # invert for display
    bits: int = 16                                        # significant bits (scales colour for display)
    rescale_type: str = ""
    other_stacks: tuple[Stack, ...] = ()                 # the rest of the series, loadable on request
    errors: tuple[tuple[str, str], ...] = ()             # (item, message) of files that were skipped

    @property
    def geometry(self) -> Geometry:
        return self.stack.geometry

    @property
    def warnings(self) -> tuple[SeriesWarning, ...]:
        return self.stack.warnings

    @property
    def is_volume(self) -> bool:
        return self.stack.is_volume

    @property
    def affine(self) -> np.ndarray:
        return self.stack.geometry.affine_array

    @property
    def spacing(self) -> tuple[float, float, float]:
        return self.stack.geometry.spacing


class _Decoder:
    """Decodes compressed frames on worker threads (the codecs release the GIL) while the calling thread
    reads, decrypts and parses the next files; results come back in submission order."""

    def __init__(self):
        workers = min(4, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="dicom-decode") if workers > 1 else None
        self.depth = 2 * workers
        self.pending: deque = deque()

    def submit(self, key, h: ImageHeader, data: bytes, frame: int) -> None:
        if self._pool is not None:
            self.pending.append((key, h, self._pool.submit(decode_compressed, h, data, frame)))
            return
        fut: Future = Future()
        try:
            fut.set_result(decode_compressed(h, data, frame))
        except BaseException as exc:     # handed to the caller by result(), like a pool would
            fut.set_exception(exc)
        self.pending.append((key, h, fut))

    def finished(self, drain: bool = False):
        """Yields (key, header, stored array or DicomError) for results in order; waits only when full."""
        while self.pending and (drain or len(self.pending) >= self.depth or self.pending[0][2].done()):
            key, h, fut = self.pending.popleft()
            try:
                yield key, h, fut.result()
            except DicomError as exc:
                yield key, h, exc

    def close(self) -> None:
        for _, _, fut in self.pending:
            fut.cancel()
        self.pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


# --- reading -------------------------------------------------------------------------------------

def _notify(on_slice: SliceCallback | None, index: int, done: int, total: int, image: np.ndarray) -> None:
    if on_slice is not None and on_slice(index, done, total, image) is False:
        raise LoadCancelled()


def read_headers(openers: Sequence[Opener]) -> tuple[list[ImageHeader | None], list[tuple[str, str]]]:
    """Headers of every instance (None where unreadable) and the (item, message) errors."""
    layouts = LayoutCache()
    headers: list[ImageHeader | None] = []
    errors: list[tuple[str, str]] = []
    for opener in openers:
        src = None
        try:
            src = opener()
            headers.append(read_header(src, layouts))
        except DicomError as exc:
            headers.append(None)
            errors.append((exc.item, exc.reason))
        finally:
            if src is not None:
                src.close()
    return headers, errors


def _volume(array: np.ndarray, stack: Stack, headers: Sequence[ImageHeader], others, errors) -> Volume:
    first = headers[stack.frames[0].instance]
    mid = stack.frames[len(stack.frames) // 2]
    info = headers[mid.instance].frames[mid.frame]
    bits = first.palette.rgb.dtype.itemsize * 8 if first.palette is not None else first.fmt.bits_stored
    return Volume(array, stack, info.windows or first.frames[0].windows, first.voi_function, first.voi_lut,
                  first.monochrome1, bits, first.rescale_type, tuple(others), tuple(errors))


def _shape(h: ImageHeader, n: int) -> tuple:
    return (n, h.fmt.rows, h.fmt.columns, 3) if h.fmt.color else (n, h.fmt.rows, h.fmt.columns)


def load_stack(openers: Sequence[Opener], headers: Sequence[ImageHeader], stack: Stack,
               on_slice: SliceCallback | None = None, others=(), errors=()) -> Volume:
    """Loads the frames of ``stack`` (from ``assemble(headers)``) in display order."""
    h0 = headers[stack.frames[0].instance]
    filler = Filler(_shape(h0, stack.slices), initial_dtype(h0, h0.frames[stack.frames[0].frame]))
    current: tuple[int, Source, list | None] | None = None
    decoder = _Decoder()
    done = 0

    def finish(drain: bool = False) -> None:
        nonlocal done
        for (k, frame), h, result in decoder.finished(drain):
            if isinstance(result, DicomError):
                raise result
            filler.put_stored(k, h, h.frames[frame], result)
            done += 1
            _notify(on_slice, k, done, stack.slices, filler.array[k])

    try:
        for k, ref in enumerate(stack.frames):
            h = headers[ref.instance]
            if current is None or current[0] != ref.instance:
                if current is not None:
                    current[1].close()
                src = openers[ref.instance]()
                current = (ref.instance, src, encapsulated_frames(h, src) if h.syntax.encapsulated else None)
            _, src, compressed = current
            if compressed is not None:
                decoder.submit((k, ref.frame), h, compressed[ref.frame], ref.frame)
                finish()
            else:
                filler.put(k, h, h.frames[ref.frame], src, ref.frame)
                done += 1
                _notify(on_slice, k, done, stack.slices, filler.array[k])
        finish(drain=True)
    finally:
        decoder.close()
        if current is not None:
            current[1].close()
    return _volume(filler.array, stack, headers, others, errors)


def _main_stack(stacks: list[Stack]) -> Stack:
    if not stacks:
        raise DicomError("series", Text(QT_TRANSLATE_NOOP("ImagingErrors", "holds no images")))
    return stacks[0]


def load_series(openers: Sequence[Opener], on_slice: SliceCallback | None = None,
                choose: Callable[[list[Stack]], Stack] = _main_stack, prefetch: Prefetch | None = None) -> Volume:
    """Loads a series' main stack (the largest volume), streaming single-frame instances in one pass.

    Unreadable files are skipped and listed in ``Volume.errors``; a series with no readable image
    raises DicomError.
    """
    if not openers:
        raise DicomError("series", Text(QT_TRANSLATE_NOOP("ImagingErrors", "holds no files")))
    if len(openers) > 1:
        streamed = _stream(openers, on_slice, choose, prefetch)
        if streamed is not None:
            return streamed
    headers, errors = read_headers(openers)
    good = [i for i, h in enumerate(headers) if h is not None]
    if not good:
        item, message = errors[0]
        raise DicomError(item, message)
    kept = [headers[i] for i in good]
    stacks = assemble(kept)
    stack = choose(stacks)
    return load_stack([openers[i] for i in good], kept, stack, on_slice,
                      [s for s in stacks if s is not stack], errors)


def _stream(openers: Sequence[Opener], on_slice: SliceCallback | None,
            choose: Callable[[list[Stack]], Stack], prefetch: Prefetch | None = None) -> Volume | None:
    """One pass over single-frame instances: header, then pixels into a predicted slot.

    Returns None (caller falls back to headers-then-pixels) when the first instance is multi-frame.
    """
    n = len(openers)
    layouts = LayoutCache()
    if prefetch is not None:
        for i in [n - 1] + list(range(min(n, LOOKAHEAD))):
            prefetch(i)
    first_src = openers[0]()
    try:
        h0 = read_header(first_src, layouts)
    except DicomError:
        first_src.close()
        return None
    if h0.fmt.frames != 1:
        first_src.close()
        return None
    # Predict the slice order from the first and last instance: listed order, or its reverse.
    reverse = False
    last_src = None
    try:
        last_src = openers[-1]()
        h_last = read_header(last_src, layouts)
        p0, p1 = h0.frames[0].plane, h_last.frames[0].plane
        if p0.position and p1.position and p0.orientation:
            normal = np.cross(np.asarray(p0.orientation[:3]), np.asarray(p0.orientation[3:]))
            reverse = float(np.asarray(p1.position) @ normal) < float(np.asarray(p0.position) @ normal)
    except DicomError:
        pass
    finally:
        if last_src is not None:
            last_src.close()
    filler = Filler(_shape(h0, n), initial_dtype(h0, h0.frames[0]))
    headers: list[ImageHeader | None] = [None] * n
    errors: list[tuple[str, str]] = []
    decoder = _Decoder()
    done = 0

    def finish(drain: bool = False) -> None:
        nonlocal done
        for (i, slot), h, result in decoder.finished(drain):
            if isinstance(result, DicomError):
                headers[i] = None
                errors.append((result.item, result.reason))
                continue
            try:
                filler.put_stored(slot, h, h.frames[0], result)
            except DicomError as exc:
                headers[i] = None
                errors.append((exc.item, exc.reason))
                continue
            done += 1
            _notify(on_slice, slot, done, n, filler.array[slot])

    try:
        for i in range(n):
            if prefetch is not None and i + LOOKAHEAD < n:
                prefetch(i + LOOKAHEAD)
            slot = n - 1 - i if reverse else i
            src = first_src if i == 0 else None
            try:
                if src is None:
                    src = openers[i]()
                h = h0 if i == 0 else read_header(src, layouts)
                headers[i] = h
                if h.fmt.frames != 1 or (h.fmt.rows, h.fmt.columns, h.fmt.color) != (h0.fmt.rows, h0.fmt.columns,
                                                                                     h0.fmt.color):
                    raise _NotStreamable()        # a mixed series: read all headers first instead
                if h.syntax.encapsulated:
                    decoder.submit((i, slot), h, encapsulated_frames(h, src)[0], 0)
                else:
                    filler.put(slot, h, h.frames[0], src, 0)
                    done += 1
                    _notify(on_slice, slot, done, n, filler.array[slot])
            except _NotStreamable:
                return None
            except DicomError as exc:
                headers[i] = None
                errors.append((exc.item, exc.reason))
            finally:
                if src is not None:
                    src.close()
            finish()
        finish(drain=True)
    finally:
        decoder.close()
    good = [i for i in range(n) if headers[i] is not None]
    if not good:
        item, message = errors[0]
        raise DicomError(item, message)
    kept = [headers[i] for i in good]
    stacks = assemble(kept)
    stack = choose(stacks)
    others = [s for s in stacks if s is not stack]
    # Where each slice of the chosen stack was put while streaming; identity means no copy.
    slots = [n - 1 - good[ref.instance] if reverse else good[ref.instance] for ref in stack.frames]
    return _volume(_take(filler.array, slots), stack, kept, others, errors)


def _take(array: np.ndarray, slots: list[int]) -> np.ndarray:
    """``array[slots]``; a permutation is applied in place (cycle by cycle, one spare slice), so a
    series listed out of order never needs twice its memory."""
    n = len(array)
    if slots == list(range(n)):
        return array
    if len(slots) != n or sorted(slots) != list(range(n)):
        return array[np.asarray(slots)]
    spare = np.empty_like(array[0])
    placed = [False] * n
    for start in range(n):
        if placed[start]:
            continue
        placed[start] = True
        if slots[start] == start:
            continue
        spare[...] = array[start]
        k = start
        while slots[k] != start:
            array[k] = array[slots[k]]
            k = slots[k]
            placed[k] = True
        array[k] = spare
    return array


class _NotStreamable(Exception):
    pass


# --- conveniences --------------------------------------------------------------------------------

def file_openers(paths: Sequence[Path | str]) -> list[Opener]:
    return [lambda p=p: FileSource(p) for p in paths]


def blob_openers(blobs, blob_ids: Sequence[str]) -> list[Opener]:
    return [lambda b=b: open_blob(blobs, b) for b in blob_ids]


def load_files(paths: Sequence[Path | str], on_slice: SliceCallback | None = None,
               choose: Callable[[list[Stack]], Stack] = _main_stack) -> Volume:
    """A stack (the main one unless ``choose`` picks another) of the DICOM files ``paths`` on disk."""
    return load_series(file_openers(paths), on_slice, choose, prefetch=lambda i: prefetch_path(paths[i]))


def load_volume(series, blobs, on_slice: SliceCallback | None = None,
                choose: Callable[[list[Stack]], Stack] = _main_stack) -> Volume:
    """A stack of a workspace ``Series`` (``model.Series``) from its encrypted ``BlobStore``.

    Nothing is written anywhere: blobs are decrypted in memory, chunk by chunk, into the volume.
    ``choose`` picks among the series' stacks (default: the main one; see ``Volume.other_stacks``).
    """
    ids = series.blob_ids

    def prefetch(i: int) -> None:
        try:
            prefetch_path(blobs.path(ids[i]))
        except ReviewerError:
            pass                    # a bad id is reported when the blob is opened

    return load_series(blob_openers(blobs, ids), on_slice, choose, prefetch=prefetch)
