"""Runs slow work (Argon2id unlock, import) off the GUI thread and delivers the result on it."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn, relay: _Relay, with_progress: bool):
        super().__init__()
        self.fn, self.relay, self.with_progress = fn, relay, with_progress

    def run(self) -> None:
        try:
            report = lambda *args: self.relay.progress.emit(args)  # noqa: E731
            result = self.fn(report) if self.with_progress else self.fn()
        except Exception as exc:   # delivered to the GUI thread and shown by ui.errors
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class BackgroundTasks:
    """One pool for the app; results and errors arrive as queued signals on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None):
        self.pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run(self, fn: Callable, on_done: Callable, on_error: Callable,
            on_progress: Callable[..., None] | None = None) -> None:
        """Runs fn() — or fn(report) when on_progress is given; report(*args) calls on_progress(*args)
        on the GUI thread."""
        relay = _Relay()
        self._relays.add(relay)

        def finish(handler):
            def call(value):
                self._relays.discard(relay)
                handler(value)
            return call

        def succeed(value):
            # A failure while showing the result is reported like a failure of the work itself.
            try:
                finish(on_done)(value)
            except Exception as exc:
                on_error(exc)
        relay.done.connect(succeed)
        relay.failed.connect(finish(on_error))
        if on_progress:
            relay.progress.connect(lambda args: on_progress(*args))
        self.pool.start(_Job(fn, relay, on_progress is not None))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
