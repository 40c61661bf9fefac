"""Wires the opinion editor to the workspace: resumes the case's draft, autosaves it (encrypted) shortly
after every change and before the case closes or the workspace locks, renders the live preview in the
background, and runs the sign dialog and addenda.

Each slot makes one call into reviewer.reports (``start_or_resume``, ``OpinionStore.save_draft``,
``prepare_signing``, ``sign_prepared``, ``start_addendum``); the PDF is only ever in memory.
"""
from __future__ import annotations

import io
import itertools
import threading
import time
from datetime import datetime

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import QMessageBox

from reviewer.documents import PdfPages
from reviewer.errors import ReviewerError
from reviewer.model import CaseDetail
from reviewer.reports.drafts import OpinionStore
from reviewer.reports.opinion import Opinion
from reviewer.reports.render import ReportImage
from reviewer.reports.templates import Template, available_templates, load_template
from reviewer.reports.workflow import prepare_signing, problems_for, sign_prepared, start_or_resume
from ui.errors import message_for, show_error
from ui.opinion_editor import InsertKeyImagesDialog, OpinionEditor
from ui.sign_dialog import SignDialog
from ui.tasks import BackgroundTasks
from viewers.i18n import language as user_language

SAVE_DELAY_MS = 400
MAX_UNSAVED_S = 2.0      # typing without a pause still saves at least this often
PREVIEW_DELAY_MS = 700


class OpinionController(QObject):
    saved = Signal(int)            # the draft's revision after an autosave
    signed = Signal(object)        # workflow.SignedResult
    preview_shown = Signal(int)    # pages in the preview

    def __init__(self, session, tasks: BackgroundTasks, case_view, *, renderer_factory=None,
                 save_delay_ms: int = SAVE_DELAY_MS, preview_delay_ms: int = PREVIEW_DELAY_MS, parent=None):
        super().__init__(parent)
        self.session, self.tasks, self.case_view = session, tasks, case_view
        self._renderer_factory = renderer_factory
        self._renderer = None
        self._render_lock = threading.Lock()    # one render at a time (the renderer holds per-render state)
        self.editor = OpinionEditor()
        self.editor.set_templates(available_templates())
        case_view.set_opinion_panel(self.editor)
        self.case: CaseDetail | None = None
        self._loaded = False              # the editor holds the case's opinion (filled when first shown)
        self.signed_view = False
        self.sign_dialog: SignDialog | None = None
        self._insert_dialog: InsertKeyImagesDialog | None = None
        self._db_jobs = 0          # background jobs using the workspace (prepare, sign): the lock waits for them
        self._dirty = False
        self._dirty_since = 0.0
        self._last_saved: datetime | None = None
        self._ticket = itertools.count(1)
        self.current = 0
        self._preview_busy = self._preview_again = False
        self._images: dict[str, tuple] = {}          # key image id → (KeyImage, png bytes) of the open case
        self._signing_sessions: dict[str, object] = {}  # identity id → SigningSession (parsed key kept)
        self.save_timer = QTimer(self, singleShot=True, interval=save_delay_ms)
        self.save_timer.timeout.connect(self._save_tick)
        self.preview_timer = QTimer(self, singleShot=True, interval=preview_delay_ms)
        self.preview_timer.timeout.connect(self.render_preview)
        self.editor.changed.connect(self._changed)
        self.editor.insert_images_requested.connect(self.insert_key_images)
        self.editor.sign_requested.connect(self.sign)
        self.editor.addendum_requested.connect(self.start_addendum)
        self.editor.template_requested.connect(self.switch_template)
        self.toggle_action = QAction(self.tr("&Opinion editor"), self, shortcut=QKeySequence("Ctrl+E"),
                                     checkable=True)
        self.toggle_action.toggled.connect(self.show_pane)
        self.sign_action = QAction(self.tr("&Sign the opinion…"), self, shortcut=QKeySequence("Ctrl+Shift+S"),
                                   triggered=self.sign)
        session.on_before_lock(self._before_lock)

    def install(self, menu_bar) -> None:
        """Adds the Opinion menu (editor on/off, sign) to the window's menu bar."""
        menu = menu_bar.addMenu(self.tr("&Opinion"))
        menu.addAction(self.toggle_action)
        menu.addAction(self.sign_action)

    @property
    def ws(self):
        return self.session.workspace

    # -- the pane --------------------------------------------------------------------------
    def show_pane(self, visible: bool) -> None:
        cv = self.case_view
        cv.show_opinion_pane(visible)
        if visible:
            self._load()
            sizes = cv.split.sizes()
            total = sum(sizes)
            left = min(sizes[0], 320)
            opinion = int(min(max(total * 0.55, 520), total - left - 320))
            cv.split.setSizes([left, total - left - opinion, opinion])
            QTimer.singleShot(0, self.editor.balance)      # once the pane has its new size
            if self.case is not None:
                self.render_preview()
                if not self.signed_view:
                    self.editor.focus_first()
        if self.toggle_action.isChecked() != visible:
            self.toggle_action.setChecked(visible)

    # -- open / close ----------------------------------------------------------------------
    def open_case(self, detail: CaseDetail) -> None:
        """The editor is filled when its pane is first shown (building the form costs tens of ms, and
        switching cases must stay instant)."""
        self.close()
        self.case = detail
        if self.case_view.opinion_pane_visible():
            self._load()

    def _load(self) -> None:
        if self.case is None or self._loaded:
            return
        self._loaded = True
        detail = self.case
        try:
            # A new draft starts in the template of the language the user works in; a draft keeps its own.
            lang = "ja" if QLocale().language() == QLocale.Japanese else "en"
            opinion, template, signed = start_or_resume(OpinionStore(self.ws), detail, lang)
        except ReviewerError as exc:
            self.editor.set_state(message_for(exc), False)
            return
        self._show(opinion, template, signed)

    def close(self) -> None:
        """Saves what is pending, closes its dialogs and empties the editor (case closed, workspace locking):
        nothing of the patient stays on screen."""
        if self.case is not None and self.session.unlocked:
            self.flush()
        for dialog in (self.sign_dialog, self._insert_dialog):
            if dialog is not None:
                dialog.done(0)
        self.sign_dialog = self._insert_dialog = None
        self.save_timer.stop()
        self.preview_timer.stop()
        self.current = next(self._ticket)
        self.case = None
        self._loaded = False
        self._images = {}
        self._dirty = False
        self.editor.clear()

    def _before_lock(self) -> None:
        if self._db_jobs:
            self.tasks.wait(60000)     # a signature being stored finishes before the database closes
        self.flush()
        for s in self._signing_sessions.values():
            s.close()
        self._signing_sessions.clear()

    def _show(self, opinion: Opinion, template: Template, signed: bool) -> None:
        self.current = next(self._ticket)
        self.signed_view = signed
        self._refresh_images()
        pixmaps = {ki_id: self._pixmap(png) for ki_id, (_, png) in self._images.items()}
        self.editor.load(opinion, template, read_only=signed, images=pixmaps)
        self._dirty = False
        self._update_state()
        self._refresh_problems()
        if signed:
            self._show_signed_pdf()
        else:
            self.render_preview()

    # -- autosave --------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.case is None or self.signed_view:
            return
        if not self._dirty:
            self._dirty_since = time.monotonic()
        self._dirty = True
        if time.monotonic() - self._dirty_since > MAX_UNSAVED_S:
            self.flush()
            self._dirty_since = time.monotonic()
        self.save_timer.start()
        self.preview_timer.start()
        self.editor.set_state(self.tr("Draft · editing…"), False)

    def _save_tick(self) -> None:
        self.flush()
        self._refresh_problems()

    def flush(self) -> int | None:
        """Saves the draft now if it changed (encrypted, one transaction); returns its revision."""
        self.save_timer.stop()
        opinion = self.editor.opinion()
        if not self._dirty or self.case is None or opinion is None or not self.session.unlocked:
            return None
        try:
            revision = OpinionStore(self.ws).save_draft(self.case.summary.id, opinion)
        except Exception as exc:
            show_error(self.editor, self.tr("The draft was not saved"), exc)
            return None
        self._dirty = False
        self._last_saved = datetime.now()
        self._update_state()
        self.saved.emit(revision)
        return revision

    def _update_state(self) -> None:
        if self.case is None:
            return
        drafts = OpinionStore(self.ws)
        case_id = self.case.summary.id
        versions = drafts.versions(case_id)
        opinion = self.editor.opinion()
        if self.signed_view and versions:
            v = versions[-1]
            kind = self.tr("addendum") if v.kind == "addendum" else self.tr("report")
            text = (self.tr("Signed %1, version %2, by %3 on %4. Read-only; “Addendum…” amends it.")
                    .replace("%1", kind).replace("%2", str(v.version)).replace("%3", v.signer)
                    .replace("%4", user_language().datetime(v.signed_at.astimezone())))
            text += " " + self._submission_text(case_id)
            self.editor.set_state(text, True)
            return
        if opinion is not None and opinion.addendum is not None:
            prefix = self.tr("Addendum draft to version %1").replace("%1", str(opinion.addendum.cites_version))
        else:
            prefix = self.tr("Draft")
        if self._last_saved is not None:
            text = prefix + " · " + self.tr("saved %1, encrypted in the workspace").replace(
                "%1", self._last_saved.strftime("%H:%M:%S"))
        elif drafts.draft_state(case_id) is None:
            text = prefix + " · " + self.tr("new; saved as soon as you type")
        else:
            text = prefix + " · " + self.tr("saved, encrypted in the workspace")
        self.editor.set_state(text, False)

    def _submission_text(self, case_id: str) -> str:
        from reviewer.sync.outbox import items
        mine = [i for i in items(self.ws) if i.case_id == case_id and i.kind == "report"]
        if not mine:
            return self.tr("Not queued for submission.")
        last = mine[-1]
        return {"pending": self.tr("Queued for submission to the platform (sent at the next sync)."),
                "acknowledged": self.tr("Submitted to the platform."),
                "rejected": self.tr("The platform rejected the submission.")}.get(last.state, "")

    def _refresh_problems(self) -> None:
        opinion, template = self.editor.opinion(), self.editor.template
        if self.case is None or opinion is None or not self.session.unlocked:
            return
        self.editor.show_problems([] if self.signed_view else problems_for(self.ws, self.case, opinion, template))

    # -- key images ------------------------------------------------------------------------
    def _refresh_images(self) -> None:
        """The open case's key images with their PNGs (decrypted into memory once)."""
        store = self.ws.key_images
        fresh = {}
        for ki in store.list(self.case.summary.id):
            png = self._images[ki.id][1] if ki.id in self._images else store.png(ki.id)
            fresh[ki.id] = (ki, png)
        self._images = fresh

    @staticmethod
    def _pixmap(png: bytes) -> QPixmap:
        p = QPixmap()
        p.loadFromData(png, "PNG")
        return p

    def insert_key_images(self) -> None:
        self._load()
        opinion = self.editor.opinion()
        if self.case is None or opinion is None or self.signed_view:
            return
        try:
            self._refresh_images()
        except Exception as exc:
            show_error(self.editor, self.tr("The key images cannot be listed"), exc)
            return
        items = [(ki, self._pixmap(png)) for ki, png in self._images.values()]
        dialog = self._insert_dialog = InsertKeyImagesDialog(items, {r.key_image_id for r in opinion.images},
                                                             self.editor)
        accepted = dialog.exec() == InsertKeyImagesDialog.Accepted
        if self._insert_dialog is dialog and accepted:
            self.add_key_images(dialog.chosen())
        self._insert_dialog = None

    def key_image_ids(self) -> list[str]:
        """Ids of the open case's key images, oldest first."""
        self._load()
        if self.case is None:
            return []
        self._refresh_images()
        return list(self._images)

    def add_key_images(self, ids: list[str]) -> None:
        """Puts these key images of the case into the report (with their stored captions)."""
        self._load()
        refs = [(i, self._images[i][0].caption, self._pixmap(self._images[i][1])) for i in ids if i in self._images]
        self.editor.add_images(refs)

    def _report_images(self, opinion: Opinion) -> list[ReportImage]:
        out = []
        for ref in opinion.images:
            if ref.key_image_id in self._images:
                ki, png = self._images[ref.key_image_id]
                out.append(ReportImage(png, ref.caption or ki.caption, ki.pixel_spacing_mm))
        return out

    # -- preview ---------------------------------------------------------------------------
    def _render(self, case, opinion, template, images, version=None):
        """(PDF bytes, RenderResult); one render at a time, with the session's renderer (fonts loaded once)."""
        with self._render_lock:
            if self._renderer is None:
                if self._renderer_factory is None:
                    from reviewer.reports.render import ReportRenderer
                    self._renderer_factory = ReportRenderer
                self._renderer = self._renderer_factory()
            buf = io.BytesIO()
            result = self._renderer.render(case, opinion, template, images, buf, version=version)
            return buf.getvalue(), result

    def render_preview(self) -> None:
        """Renders the draft in the background and shows its pages (kept in memory only)."""
        self.preview_timer.stop()
        opinion, template, case = self.editor.opinion(), self.editor.template, self.case
        if (case is None or opinion is None or self.signed_view or not self.session.unlocked
                or not self.toggle_action.isChecked()):       # hidden: rendered when shown
            return
        if self._preview_busy:
            self._preview_again = True
            return
        try:
            self._refresh_images()
        except Exception as exc:
            self.editor.preview.show_message(message_for(exc))
            return
        images = [im for im in self._report_images(opinion)]
        ticket = self.current
        self._preview_busy = True

        def work():
            return PdfPages(self._render(case, opinion, template, images)[0], "the report preview")

        def done(pages):
            self._preview_busy = False
            if ticket != self.current:
                pages.close()
            else:
                self.editor.show_preview(pages, self.tr("Draft preview · %n page(s)", "",
                                                        len(pages.sizes)))
                self.preview_shown.emit(len(pages.sizes))
            if self._preview_again:
                self._preview_again = False
                self.render_preview()

        def failed(exc):
            self._preview_busy = False
            if ticket == self.current:
                self.editor.preview.show_message(self.tr("The preview cannot be drawn: %1")
                                                 .replace("%1", message_for(exc)))
        self.tasks.run(work, done, failed)

    def _show_signed_pdf(self) -> None:
        versions = OpinionStore(self.ws).versions(self.case.summary.id)
        if not versions:
            return
        v = versions[-1]
        ticket, ws = self.current, self.ws

        def done(pages):
            if ticket != self.current:
                pages.close()
                return
            self.editor.show_preview(pages, self.tr("Signed version %1 (as stored)").replace("%1", str(v.version)))
            self.preview_shown.emit(len(pages.sizes))

        def failed(exc):
            if ticket == self.current:
                self.editor.preview.show_message(message_for(exc))
        self.tasks.run(lambda: PdfPages(OpinionStore(ws).signed_pdf(v.id), "the signed report"), done, failed)

    # -- template --------------------------------------------------------------------------
    def switch_template(self, key: str) -> None:
        """Another template (language or specialty) for the draft; values of shared field ids stay."""
        self._load()
        opinion, current = self.editor.opinion(), self.editor.template
        if self.case is None or opinion is None or self.signed_view or not key or key == current.key:
            return
        specialty, language = key.split(".")
        try:
            template = load_template(specialty, language)
        except ReviewerError as exc:
            show_error(self.editor, self.tr("The template cannot be used"), exc)
            return
        known = {f.id for f in template.fields()}
        dropped = [k for k in opinion.fields if k not in known]
        if dropped and QMessageBox.question(
                self.editor, self.tr("Change the template"),
                self.tr("%n field(s) of this draft are not in the %1 template and will be removed. Continue?", "",
                        len(dropped)).replace("%1", template.title)) != QMessageBox.Yes:
            self.editor.template_box.setCurrentIndex(self.editor.template_box.findData(current.key))
            return
        for k in dropped:
            opinion.fields.pop(k)
        if template.concordance.choice(opinion.concordance.choice) is None:
            opinion.concordance.choice = ""
        opinion.specialty, opinion.language = template.specialty, template.language
        self._show(opinion, template, False)
        self._changed()

    def replace_content(self, opinion: Opinion) -> None:
        """Starts the draft from another opinion (an example, a colleague's JSON): its template and content,
        this draft's report id and addendum citation. Saved like any edit."""
        self._load()
        current = self.editor.opinion()
        if self.case is None or current is None or self.signed_view:
            return
        opinion = Opinion.from_json(opinion.to_json())
        opinion.report_id, opinion.addendum = current.report_id, current.addendum
        self._show(opinion, load_template(opinion.specialty, opinion.language), False)
        self._changed()

    # -- signing ---------------------------------------------------------------------------
    def sign(self) -> None:
        """Opens the sign dialog: what will be signed, or why it cannot be signed yet."""
        self._load()
        opinion, template, case = self.editor.opinion(), self.editor.template, self.case
        if case is None or opinion is None or self.signed_view or not self.session.unlocked:
            return
        self.flush()
        from reviewer.reports.signing import IdentityStore, SigningError
        ws = self.ws
        try:
            identity = IdentityStore(ws).get()
        except SigningError:
            QMessageBox.information(self.editor, self.tr("No signing identity"), self.tr(
                "This workspace has no signing identity (an X.509 certificate with its key).\n\n"
                "Import yours from a PKCS#12 file:\n    reviewer identity import FILE.p12 --credentials \"MD, …\"\n"
                "or register a smart card or token:\n    reviewer identity add-pkcs11 --module … --token … --key …\n"
                "For testing only, create a self-signed one:\n    reviewer identity create-test\n\n"
                "Your draft is saved; sign again once the identity is there."))
            return
        dialog = self.sign_dialog = SignDialog(identity, title=f"{template.title} · {case.summary.platform_case_id}",
                                               parent=self.editor.window())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: setattr(self, "sign_dialog", None))
        problems = problems_for(ws, case, opinion, template)
        dialog.open()
        if problems:
            dialog.show_not_ready(problems)
            return
        ticket = self.current
        self._db_jobs += 1

        def work():
            prepared = prepare_signing(ws, case, opinion, template, _LockedRenderer(self))
            return prepared, PdfPages(prepared.pdf, "the report to sign")

        def done(result):
            self._db_jobs -= 1
            prepared, pages = result
            if ticket != self.current or self.sign_dialog is not dialog:
                pages.close()
                return
            dialog.show_prepared(prepared, pages)
            dialog.sign.connect(lambda secret, reason, location: self._sign_prepared(
                dialog, prepared, opinion, template, identity, secret, reason, location))

        def failed(exc):
            self._db_jobs -= 1
            if self.sign_dialog is dialog:
                dialog.show_failure(message_for(exc))
        self.tasks.run(work, done, failed)

    def _sign_prepared(self, dialog, prepared, opinion, template, identity, secret, reason, location) -> None:
        ws, sessions = self.ws, dict(self._signing_sessions)
        ticket = self.current
        self._db_jobs += 1

        def work():
            from reviewer.reports.signing import IdentityStore
            session = sessions.get(identity.id) or IdentityStore(ws).unlock(secret, identity.id)
            return session, sign_prepared(ws, prepared, opinion, template, session, secret,
                                          reason=reason or "Second-opinion report", location=location)

        def done(out):
            self._db_jobs -= 1
            session, result = out
            if not self.session.unlocked:       # locked meanwhile: stored and queued; forget the key
                session.close()
                return
            self._signing_sessions[identity.id] = session
            if self.sign_dialog is dialog:
                dialog.done(SignDialog.Accepted)
            self.signed.emit(result)
            if ticket == self.current and self.case is not None:
                self._last_saved = None
                self._show(opinion, template, True)
            note = (self.tr("Signed version %1; queued for submission to the platform.")
                    .replace("%1", str(result.version.version)) if result.submission_id else
                    self.tr("Signed version %1; not queued for submission: %2")
                    .replace("%1", str(result.version.version)).replace("%2", result.queue_error))
            self.case_view.notify(note)

        def failed(exc):
            self._db_jobs -= 1
            if self.sign_dialog is dialog:
                dialog.signing_failed(message_for(exc))
        self.tasks.run(work, done, failed)

    def start_addendum(self) -> None:
        self._load()
        if self.case is None or not self.signed_view or not self.session.unlocked:
            return
        try:
            opinion = OpinionStore(self.ws).start_addendum(self.case.summary.id, "")
            template = load_template(opinion.specialty, opinion.language)
        except Exception as exc:
            show_error(self.editor, self.tr("The addendum cannot be started"), exc)
            return
        self._last_saved = None
        self._show(opinion, template, False)
        w = self.editor.inputs.get("addendum")
        if w is not None:
            self.editor.scroll.ensureWidgetVisible(w)
            w.setFocus()


class _LockedRenderer:
    """The controller's renderer behind its lock, for prepare_signing (same fonts as the preview)."""

    def __init__(self, controller: OpinionController):
        self.c = controller

    def render(self, case, opinion, template, images, out, *, version=None):
        data, result = self.c._render(case, opinion, template, images, version=version)
        out.write(data)
        return result
