"""A memory-bounded, thread-safe LRU cache of decoded tiles, shared by the slides a viewer has open.

Why a byte budget rather than a tile count: tiles differ in size (NDPI strips, edge tiles, DICOM
frames), and what must stay bounded is memory. Why single-flight: when the viewer's workers ask
for the same tile at once (a pan and a prefetch), it is decoded once and the others wait for it.
Cached arrays are read-only, so a caller cannot change what another caller sees. Errors are not
cached: a tile that failed is tried again next time (the viewer shows an error tile meanwhile).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

import numpy as np


class _Pending:
    __slots__ = ("event", "value", "error")

    def __init__(self):
        self.event = threading.Event()
        self.value: np.ndarray | None = None
        self.error: BaseException | None = None


class TileCache:
    """LRU of numpy arrays holding at most ``budget_bytes`` (an array larger than the budget is
    returned but not kept). Safe to use from any number of threads."""

    def __init__(self, budget_bytes: int = 256 << 20):
        self.budget_bytes = int(budget_bytes)
        self._items: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._lock = threading.Lock()
        self.used_bytes = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> np.ndarray | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return value

    def put(self, key: Hashable, value: np.ndarray) -> None:
        value.setflags(write=False)
        with self._lock:
            self._put_locked(key, value)

    def _put_locked(self, key: Hashable, value: np.ndarray) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.used_bytes -= old.nbytes
        if value.nbytes > self.budget_bytes:
            return
        self._items[key] = value
        self.used_bytes += value.nbytes
        while self.used_bytes > self.budget_bytes:
            _, evicted = self._items.popitem(last=False)
            self.used_bytes -= evicted.nbytes

    def get_or_load(self, key: Hashable, load: Callable[[], np.ndarray]) -> np.ndarray:
        """The cached value, or ``load()``'s result cached; concurrent callers of one key share
        one load. ``load``'s exception propagates to every waiting caller and nothing is cached."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return value
            self.misses += 1
            pending = self._pending.get(key)
            leader = pending is None
            if leader:
                pending = self._pending[key] = _Pending()
        if not leader:
            pending.event.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value
        try:
            value = load()
            value.setflags(write=False)
            pending.value = value
            with self._lock:
                self._put_locked(key, value)
            return value
        except BaseException as exc:
            pending.error = exc
            raise
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.event.set()

    def discard(self, predicate: Callable[[Hashable], bool]) -> None:
        """Drops the entries whose key matches (a slide closed, a workspace locked)."""
        with self._lock:
            for key in [k for k in self._items if predicate(k)]:
                self.used_bytes -= self._items.pop(key).nbytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used_bytes = 0
