"""The main window: unlock screen, worklist and case view in one stack, with lock and import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QProgressDialog, QStackedWidget

from reviewer import store
from reviewer.packages import import_path
from reviewer.pathology import TileCache, default_registry
from reviewer.security.keys import OsKeyring
from reviewer.session import Session
from reviewer.sync.dashboard import new_cases_notice
from ui.case_view import CaseView
from ui.compare import CompareController
from ui.document_loader import DocumentLoader
from ui.errors import show_error
from ui.key_images import KeyImageController
from ui.opinion_controller import OpinionController
from ui.series_loader import SeriesLoader
from ui.slide_loader import SlideLoader
from ui.sync_controller import SyncController
from ui.sync_panel import SyncPanel
from ui.summary_controller import SummaryController
from ui.tasks import BackgroundTasks
from ui.unlock_screen import UnlockScreen
from ui.worklist_view import WorklistView
from viewers.i18n import language


class MainWindow(QMainWindow):
    def __init__(self, session: Session, tasks: BackgroundTasks, *, slide_registry=None, tile_cache=None,
                 sync_keyring=None):
        super().__init__()
        self.session, self.tasks = session, tasks
        self.setWindowTitle(self.tr("Second-opinion review workstation"))
        self.unlock_screen = UnlockScreen(session, tasks)
        self.worklist = WorklistView()
        self.case_view = CaseView()
        self.stack = QStackedWidget()
        for w in (self.unlock_screen, self.worklist, self.case_view):
            self.stack.addWidget(w)
        self.setCentralWidget(self.stack)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.sync = SyncController(session, tasks, keyring_factory=sync_keyring or OsKeyring, parent=self)
        self.sync_panel = SyncPanel(self.sync)
        self.worklist.layout().addWidget(self.sync_panel)
        self.statusBar().addPermanentWidget(self.sync_panel.badge)
        self.sync.cases_arrived.connect(self._cases_arrived)
        self.sync.finished.connect(lambda report: report.submitted and self.session.unlocked and self.refresh_cases())
        self.sync.failed.connect(lambda text: self.statusBar().showMessage(self.tr("Sync stopped: {reason}").format(reason=text), 10000))
        self._build_actions()
        self.series_loader = SeriesLoader(session, tasks, self.case_view.series_viewer)
        self.case_view.series_selected.connect(lambda series: self.series_loader.load(self.case_view.detail, series))
        self.key_images = KeyImageController(session, self.case_view, self.series_loader)
        self.compare = CompareController(session, tasks, self.case_view, self.series_loader)
        self.documents = DocumentLoader(session, tasks, self.case_view.document_view)
        self.case_view.document_selected.connect(lambda doc: self.documents.load(self.case_view.detail, doc))
        self.slides = SlideLoader(session, tasks, self.case_view.slide_viewer,
                                  registry=slide_registry or default_registry(),
                                  cache=tile_cache if tile_cache is not None else TileCache(256 << 20),
                                  hierarchy_for=self.series_loader.hierarchy, on_key_image=self.key_images.refresh)
        self.case_view.slide_selected.connect(lambda slide: self.slides.load(self.case_view.detail, slide))
        self.summary = SummaryController(session, tasks, self.case_view, self.documents)
        self.series_loader.loaded_series.append(self.compare.offer)
        self.case_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.opinion = OpinionController(session, tasks, self.case_view)
        self.opinion.install(self.menuBar())
        self.opinion.signed.connect(lambda _: self.sync.refresh())    # the signed report waits in the outbox panel
        self.worklist.open_case.connect(self.open_case)
        self.case_view.back.connect(self.show_worklist)
        session.on_change(self._session_changed)
        self._session_changed(session.unlocked)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Workspace"))
        self.import_action = QAction(self.tr("&Import case package or DICOM folder…"), self,
                                     shortcut=QKeySequence("Ctrl+I"), triggered=self.import_folder)
        self.import_zip_action = QAction(self.tr("Import case package .&zip…"), self,
                                         shortcut=QKeySequence("Ctrl+Shift+I"), triggered=self.import_zip)
        self.lock_action = QAction(self.tr("&Lock now"), self, shortcut=QKeySequence("Ctrl+L"), triggered=self.session.lock)
        self.lock_action.setShortcutContext(Qt.ApplicationShortcut)
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.Quit, triggered=self.close)
        for a in (self.import_action, self.import_zip_action, self.sync_panel.sync_action, self.lock_action, quit_action):
            menu.addAction(a)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.worklist_action = QAction(self.tr("&Worklist"), self, shortcut=QKeySequence("Ctrl+W"), triggered=self.show_worklist)
        self.filter_action = QAction(self.tr("&Filter cases"), self, shortcut=QKeySequence.Find, triggered=self._focus_filter)
        back = QAction(self.tr("Back to worklist"), self, shortcut=QKeySequence(Qt.Key_Escape), triggered=self._escape)
        for a in (self.worklist_action, self.filter_action, back):
            view.addAction(a)
        self.addAction(back)

    # -- session ---------------------------------------------------------------------------
    def _session_changed(self, unlocked: bool) -> None:
        for a in (self.import_action, self.import_zip_action, self.lock_action, self.worklist_action,
                  self.filter_action):
            a.setEnabled(unlocked)
        if unlocked:
            self.refresh_cases()
            self.show_worklist()
        else:
            # Views are cleared so nothing of a patient stays on screen behind the lock.
            self._cancel_loads()
            self.worklist.clear()
            self.case_view.show_case(None)
            self.unlock_screen.refresh()
            self.stack.setCurrentWidget(self.unlock_screen)
            self.status_label.setText(self.tr("Locked · {root}").format(root=self.session.root))

    def _cancel_loads(self) -> None:
        """Stops loads in flight and forgets loaded pixels (case closed or workspace locked)."""
        self.series_loader.cancel()
        self.compare.cancel()
        self.documents.cancel()
        self.slides.cancel()
        self.opinion.close()      # saves the draft first
        self.summary.cancel()

    def refresh_cases(self) -> None:
        ws = self.session.workspace
        cases = ws.cases.list()
        self.worklist.set_cases(cases)
        mode = self.tr("passphrase only") if ws.keyfile.device_store == "none" else self.tr("passphrase + OS keyring")
        self.status_label.setText(self.tr("{n} cases · encrypted workspace {root} ({mode}) · locks after {minutes} min "
                                          "idle · Ctrl+L locks now").format(
            n=len(cases), root=ws.root, mode=mode, minutes=int(self.session.idle_seconds // 60)))

    def _cases_arrived(self, platform_case_ids: list) -> None:
        """New assignments after a sync: the worklist is re-read and their rows highlighted."""
        self.refresh_cases()
        new = {c.id for c in self.session.workspace.cases.list() if c.platform_case_id in set(platform_case_ids)}
        self.worklist.highlight(new)
        self.statusBar().showMessage(new_cases_notice(platform_case_ids, language()), 15000)

    # -- navigation ------------------------------------------------------------------------
    def show_worklist(self) -> None:
        if self.session.unlocked:
            self._cancel_loads()
            self.case_view.show_case(None)
            self.stack.setCurrentWidget(self.worklist)
            self.worklist.table.setFocus()

    def _escape(self) -> None:
        if self.stack.currentWidget() is self.case_view:
            self.show_worklist()

    def _focus_filter(self) -> None:
        if self.stack.currentWidget() is self.worklist:
            self.worklist.filter.setFocus()
            self.worklist.filter.selectAll()

    def open_case(self, case_id: str) -> None:
        ws = self.session.workspace
        try:
            detail = ws.cases.get(case_id)
            with store.transaction(ws.db):
                ws.audit.append("case.open", case_id)
        except Exception as exc:
            show_error(self, self.tr("Cannot open the case"), exc)
            return
        self._cancel_loads()
        self.case_view.show_case(detail)
        self.series_loader.thumbnails(detail, self.case_view.set_thumbnail)
        self.opinion.open_case(detail)
        self.key_images.refresh()
        self.summary.open(detail)
        self.stack.setCurrentWidget(self.case_view)
        self.case_view.items.setFocus()

    # -- import ----------------------------------------------------------------------------
    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a case package folder or a DICOM folder"))
        if path:
            self.run_import(Path(path))

    def import_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a case package"), filter=self.tr("Case package (*.zip)"))
        if path:
            self.run_import(Path(path))

    def run_import(self, path: Path) -> None:
        ws = self.session.workspace
        dialog = QProgressDialog(self.tr("Importing {name}…").format(name=path.name), None, 0, 1000, self)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(done: int, total: int) -> None:
            dialog.setValue(int(1000 * done / max(total, 1)))

        def finished(result) -> None:
            dialog.close()
            self.refresh_cases()
            self.statusBar().showMessage(self.tr("Imported case {case}: {files} files").format(
                case=result.platform_case_id, files=result.files), 8000)

        def failed(exc) -> None:
            dialog.close()
            show_error(self, self.tr("Import refused"), exc)

        self.tasks.run(lambda report: import_path(ws, path, progress=report), finished, failed, progress)

    def closeEvent(self, event) -> None:
        self.session.lock()
        super().closeEvent(event)
