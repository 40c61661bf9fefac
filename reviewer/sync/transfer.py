"""Fetches one file into the encrypted store: resumed where the last run stopped, hashed as it
streams (SHA-256 always, SHA-1 when the platform gave attachment.hash), checked for size and hash,
and refused (then fetched again from scratch) when they do not match.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import asdict, dataclass
from typing import Callable

from reviewer.imaging.headers import read_header
from reviewer.sync.errors import Cancelled, ServerError, TransferFailed
from reviewer.sync.model import TransferItem
from reviewer.sync.partial import PartialBlob
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

HEADER_PREFIX = 4 << 20          # DICOM header bytes kept in memory to read the header after the fetch
BREAKS = 4                       # stream breaks resumed within one run before giving up on a file
MISMATCHES = 2                   # fetches of a file whose hash does not match before it is refused


@dataclass
class Fetched:
    blob_id: str
    size: int
    sha256: str
    header: dict | None = None


class _Digests:
    """SHA-1 (when wanted) and SHA-256 of a stream, and its first ``keep`` bytes (a DICOM header).

    Called on the partial blob's pipeline thread with ~1 MiB batches: hashlib releases the GIL on
    them, so hashing runs on the other core while the network thread reads on (reviewer.sync.partial).
    Read the results only after ``PartialBlob.end()`` (or on the thread that fed it).
    """

    def __init__(self, want_sha1: bool, keep: int):
        self.want_sha1, self.keep = want_sha1, keep
        self._sha1, self._sha256 = hashlib.sha1(), hashlib.sha256()
        self.prefix = bytearray()
        self.size = 0

    def update(self, data) -> None:
        if len(self.prefix) < self.keep:
            self.prefix += data[:self.keep - len(self.prefix)]
        self.size += len(data)
        if self.want_sha1:
            self._sha1.update(data)
        self._sha256.update(data)

    def sha1(self) -> bytes:
        return self._sha1.digest()

    def sha256(self) -> str:
        return self._sha256.hexdigest()


@dataclass
class ItemContext:
    """What the engine lends to one fetch: the store, how to record a new partial id (committed
    before the file exists, so no blob is ever unreferenced), progress, and cancel."""
    blobs: object
    partials: object                             # the folder of partial blobs (Path)
    open: Callable[[TransferItem, int, str | None], object]
    record: Callable[[str, dict], None]          # (blob_id, meta) → the transfer row
    on_bytes: Callable[[int], None]
    cancel: threading.Event
    sleep: Callable[[float], None] = time.sleep


def _new_partial(ctx: ItemContext, meta: dict, digests: _Digests) -> PartialBlob:
    blob_id = secrets.token_bytes(32).hex()
    ctx.record(blob_id, meta)
    return PartialBlob(ctx.blobs, blob_id, on_plain=digests.update)


def _from_store(ctx: ItemContext, item: TransferItem, blob_id: str) -> Fetched | None:
    """A blob finished by a run killed before it could say so: kept if it checks out."""
    if not ctx.blobs.path(blob_id).exists():
        return None
    digests = _Digests(bool(item.sha1), HEADER_PREFIX if item.kind == "dicom" else 0)
    try:
        with ctx.blobs.open(blob_id) as r:
            while data := r.read(1 << 20):
                digests.update(data)
    except Exception:   # noqa: BLE001 - any failure means: fetch it again
        digests.size = -1
    ok = digests.size >= 0 and (item.size is None or digests.size == item.size) and \
        (not item.sha1 or digests.sha1() == base64.b64decode(item.sha1))
    header = None
    if ok and item.kind == "dicom":
        try:
            header = asdict(read_header(ctx.blobs.get(blob_id)))
        except ValueError:
            ok = False
    if not ok:
        ctx.blobs.delete(blob_id)
        return None
    ctx.on_bytes(digests.size)
    return Fetched(blob_id, digests.size, digests.sha256(), header)


def fetch_item(ctx: ItemContext, item: TransferItem, blob_id: str | None, meta: dict) -> Fetched:
    """Returns the finished blob; raises TransferFailed, Cancelled, or the platform's errors."""
    if blob_id and (done := _from_store(ctx, item, blob_id)) is not None:
        return done
    if blob_id and ctx.blobs.path(blob_id).exists() is False and not (ctx.partials / f"{blob_id}.part").exists():
        blob_id = None      # never re-use an id whose bytes are gone: a key and nonce protect one plaintext
    want_sha1 = bool(item.sha1)
    expected_sha1 = base64.b64decode(item.sha1) if want_sha1 else b""
    keep = HEADER_PREFIX if item.kind == "dicom" else 0
    breaks = mismatches = 0
    while True:
        digests = _Digests(want_sha1, keep)
        if blob_id:
            part = PartialBlob(ctx.blobs, blob_id, on_plain=digests.update)
        else:
            meta.pop("validator", None)
            part = _new_partial(ctx, meta, digests)
        reported = part.offset
        ctx.on_bytes(reported)
        try:
            with ctx.open(item, part.offset, meta.get("validator") if part.offset else None) as dl:
                if dl.start != part.offset:              # the server starts over: so does the blob
                    part.discard()
                    ctx.on_bytes(-reported)
                    reported = 0
                    digests = _Digests(want_sha1, keep)
                    part = _new_partial(ctx, meta, digests)
                if dl.validator and dl.validator != meta.get("validator"):
                    meta["validator"] = dl.validator
                    ctx.record(part.blob_id, meta)
                for chunk in dl.chunks:
                    if ctx.cancel.is_set():
                        raise Cancelled(Text(QT_TRANSLATE_NOOP("SyncErrors", "Sync cancelled")))
                    part.write(chunk)
                    ctx.on_bytes(len(chunk))
                    reported += len(chunk)
                    if item.size is not None and part.received > item.size:
                        break
                part.end()                               # every byte hashed before the checks
        except ServerError:
            part.close()
            ctx.on_bytes(-reported)
            breaks += 1
            if breaks > BREAKS:
                raise
            blob_id = part.blob_id
            ctx.sleep(min(2.0, 0.2 * 2 ** breaks))
            continue
        except BaseException:
            part.close()
            raise
        problem = ""
        if item.size is not None and digests.size != item.size:
            problem = f"{digests.size} bytes arrived, {item.size} were announced"
        elif want_sha1 and digests.sha1() != expected_sha1:
            problem = "its SHA-1 does not match attachment.hash"
        if problem:
            part.discard()
            ctx.on_bytes(-reported)
            mismatches += 1
            if mismatches >= MISMATCHES:
                raise TransferFailed(Text(QT_TRANSLATE_NOOP("SyncErrors", "{rel}: refused, {problem} (fetched "
                                                                          "{mismatches} times); it was not imported"),
                                          rel=item.rel, problem=problem, mismatches=mismatches))
            blob_id = None
            continue
        if item.kind == "dicom":
            return _finish_dicom(ctx, item, digests, part)
        return Fetched(part.finish(), digests.size, digests.sha256())


def _finish_dicom(ctx: ItemContext, item: TransferItem, digests: _Digests, part: PartialBlob) -> Fetched:
    fid = None
    try:
        h = read_header(bytes(digests.prefix))
    except ValueError as exc:
        if digests.size <= len(digests.prefix):
            part.discard()
            raise TransferFailed(Text(QT_TRANSLATE_NOOP("SyncErrors", "{rel}: refused, {exc}"),
                                      rel=item.rel, exc=exc)) from None
        fid = part.finish()             # a header longer than the prefix: read it back from the store
        try:
            h = read_header(ctx.blobs.get(fid))
        except ValueError as exc2:
            ctx.blobs.delete(fid)
            raise TransferFailed(Text(QT_TRANSLATE_NOOP("SyncErrors", "{rel}: refused, {exc2}"),
                                      rel=item.rel, exc2=exc2)) from None
    want = item.spec.get("sop")
    if want and h.sop_uid != want:
        if fid is None:
            part.discard()
        else:
            ctx.blobs.delete(fid)
        raise TransferFailed(Text(QT_TRANSLATE_NOOP("SyncErrors", "{rel}: refused, the server sent another "
                                                                  "instance than the one asked for"), rel=item.rel))
    if fid is None:
        fid = part.finish()
    return Fetched(fid, digests.size, digests.sha256(), asdict(h))
