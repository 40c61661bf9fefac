"""Runs "Sync now" off the GUI thread and tells the window what changed.

Why a controller apart from the panel: the run (engine built from the workspace's settings, run on
the background pool, cancellable, progress marshalled to the GUI thread) is one job; drawing it is
another. The panel and the main window subscribe to these signals; nothing here draws.
While unlocked and set up, a background run every ``auto_seconds`` retries the outbox (respecting
each item's backoff) and pulls new assignments, so a signed report leaves without a key press.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.security.keys import DeviceSecretStore, OsKeyring
from reviewer.session import Session
from reviewer.sync import SyncError, SyncOptions, SyncReport, load_config, load_status, open_engine, outbox_items
from reviewer.sync.dashboard import PanelState, ProgressBoard, config_problem, panel_state, recorded_progress
from ui.tasks import BackgroundTasks
from viewers.i18n import language


AUTO_SECONDS = 300          # background sync interval while unlocked; 0 turns it off


class SyncController(QObject):
    changed = Signal()              # re-read state(): a run started, progressed or ended; unlock/lock
    finished = Signal(object)       # SyncReport of a run that ended (also when offline or cancelled)
    failed = Signal(str)            # a run stopped with an error the user must act on (credentials, server)
    cases_arrived = Signal(list)    # platform case ids new in the workspace after a run

    def __init__(self, session: Session, tasks: BackgroundTasks, *,
                 keyring_factory: Callable[[], DeviceSecretStore] = OsKeyring, auto_seconds: float = AUTO_SECONDS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.tasks, self.keyring_factory = session, tasks, keyring_factory
        self.board = ProgressBoard()
        self.recorded: list | None = None   # recorded progress, re-read when a run starts or ends, not per event
        self.engine = None
        self.last_error = ""
        self.auto = QTimer(self, interval=int(auto_seconds * 1000))
        self.auto.timeout.connect(lambda: self.sync_now(background=True))
        session.on_change(self._session_changed)

    @property
    def running(self) -> bool:
        return self.engine is not None

    def state(self) -> PanelState | None:
        """What the panel shows; None while locked. Reads the workspace only (no network)."""
        ws = self.session.workspace
        if ws is None:
            return None
        if self.recorded is None:
            self.recorded = recorded_progress(ws)
        return panel_state(load_config(ws.db), load_status(ws.db), outbox_items(ws), self.board, self.recorded,
                           self.running, lang=language())

    def refresh(self) -> None:
        """Something else changed the sync state (a signed report queued by the sign-and-submit
        view, settings changed): the panel re-reads it."""
        self.recorded = None
        self.changed.emit()

    def configured(self) -> bool:
        ws = self.session.workspace
        return ws is not None and not config_problem(load_config(ws.db))

    # -- a run ---------------------------------------------------------------------------------------
    def sync_now(self, background: bool = False) -> bool:
        """Starts a run in the background; False (and nothing started) when locked, not set up or
        already running. The engine is built here (no network), run on the pool. ``background``
        (the timer's runs) leaves outbox items alone until their backoff has passed; "Sync now"
        retries everything at once."""
        ws = self.session.workspace
        if ws is None or self.running:
            return False
        config = load_config(ws.db)
        if config_problem(config):
            self.changed.emit()
            return False
        try:
            engine = open_engine(ws, config, keyring_factory=self.keyring_factory,
                                 options=SyncOptions(parallel=config.parallel, respect_backoff=background))
        except SyncError as exc:
            from ui.errors import message_for
            self._fail(message_for(exc))
            return False
        self.engine, self.last_error = engine, ""
        self.board.reset()
        self.recorded = None

        def work(report):
            engine.progress = report    # the engine calls it from its transfer threads; the relay queues it
            try:
                return engine.run()
            finally:
                engine.platform.close()
        self.tasks.run(work, self._done, self._error, self._progress)
        self.changed.emit()
        return True

    def cancel(self) -> None:
        """Stops at the next chunk; what was fetched is kept for the next run."""
        if self.engine is not None:
            self.engine.cancel()

    def _progress(self, p) -> None:
        self.board.update(p)
        self.changed.emit()

    def _done(self, report: SyncReport) -> None:
        self.engine = None
        self.recorded = None
        self.board.stopped(report.cancelled)
        self.changed.emit()
        self.finished.emit(report)
        if report.new_cases and self.session.unlocked:
            self.cases_arrived.emit(list(report.new_cases))

    def _error(self, exc: BaseException) -> None:
        self.engine = None
        self.recorded = None
        self.board.stopped(cancelled=True)
        if not self.session.unlocked:       # locked mid-run: the database closed under the run
            self.changed.emit()
            return
        from ui.errors import message_for
        self._fail(message_for(exc))

    def _fail(self, message: str) -> None:
        self.last_error = message
        self.changed.emit()
        self.failed.emit(message)

    def _session_changed(self, unlocked: bool) -> None:
        self.recorded = None
        if unlocked and self.auto.interval() > 0:
            self.auto.start()
        else:
            self.auto.stop()
        if not unlocked:
            self.cancel()
            self.board.reset()
            self.last_error = ""
        self.changed.emit()
