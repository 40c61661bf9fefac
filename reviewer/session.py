"""The unlocked-workspace session: unlock, create, lock on request or after idle time.

GUI-free so it is tested headless; the window subscribes to ``on_change`` and reports user activity
through ``touch()``. Keys live only inside the open Workspace; ``lock()`` drops them.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from reviewer.security.keys import OsKeyring
from reviewer.workspace import DeviceFactory, Workspace, is_workspace

DEFAULT_IDLE_SECONDS = 10 * 60
log = logging.getLogger("reviewer.session")


class Session:
    def __init__(self, root: Path, *, device_factory: DeviceFactory = OsKeyring,
                 idle_seconds: float = DEFAULT_IDLE_SECONDS, clock: Callable[[], float] = time.monotonic,
                 workspace_kwargs: dict | None = None):
        self.root = Path(root)
        self.device_factory = device_factory
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.workspace: Workspace | None = None
        self.workspace_kwargs = workspace_kwargs or {}
        self._last_activity = clock()
        self._listeners: list[Callable[[bool], None]] = []
        self._before_lock: list[Callable[[], None]] = []

    # -- events ----------------------------------------------------------------------------
    def on_change(self, listener: Callable[[bool], None]) -> None:
        """listener(unlocked: bool) is called after every unlock and lock."""
        self._listeners.append(listener)

    def on_before_lock(self, listener: Callable[[], None]) -> None:
        """listener() runs while the workspace is still open, just before it locks (to save work)."""
        self._before_lock.append(listener)

    def _emit(self) -> None:
        for listener in list(self._listeners):
            listener(self.unlocked)

    # -- state -----------------------------------------------------------------------------
    @property
    def unlocked(self) -> bool:
        return self.workspace is not None and not self.workspace.locked

    @property
    def exists(self) -> bool:
        return is_workspace(self.root)

    def keyring_problem(self) -> str | None:
        """None when an OS keyring is usable, else the plain-words reason."""
        try:
            self.device_factory()
            return None
        except Exception as exc:   # KeyringUnavailable, or a broken keyring daemon
            return str(exc)

    # -- transitions -----------------------------------------------------------------------
    def open_workspace(self, passphrase: str) -> Workspace:
        """Slow (Argon2id): call from a worker thread, then ``adopt`` on the GUI thread."""
        return Workspace.open(self.root, passphrase, device_factory=self.device_factory)

    def create_workspace(self, passphrase: str, passphrase_only: bool) -> Workspace:
        return Workspace.create(self.root, passphrase, passphrase_only=passphrase_only,
                                device_factory=self.device_factory, **self.workspace_kwargs)

    def adopt(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.touch()
        self._emit()

    def lock(self) -> None:
        if self.workspace is not None:
            for listener in list(self._before_lock):
                try:
                    listener()
                except Exception as exc:   # noqa: BLE001 - locking must happen whatever a listener does
                    log.error("before-lock listener failed: %s", type(exc).__name__)
            self.workspace.lock()
            self.workspace = None
            self._emit()

    # -- idle ------------------------------------------------------------------------------
    def touch(self) -> None:
        self._last_activity = self.clock()

    def idle_for(self) -> float:
        return self.clock() - self._last_activity

    def lock_if_idle(self) -> bool:
        if self.unlocked and self.idle_for() >= self.idle_seconds:
            self.lock()
            return True
        return False
