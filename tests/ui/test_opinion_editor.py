"""The opinion editor in the window: a form from the case's template, encrypted autosave, missing-field
messages, live preview, key images, the sign dialog, read-only signed versions and addenda."""
import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from casepackages import build_package
from reviewer.packages import import_path
from reviewer.paths import report_template
from reviewer.reports.drafts import OpinionStore
from reviewer.reports.opinion import Answer, Opinion
from reviewer.reports.signing import IdentityStore
from reviewer.reports.verify import verify_pdf
from reviewer.sync.outbox import items as outbox_items
from support import PASSPHRASE
from ui_support import window_on_workspace


def make_png(width, height) -> bytes:
    from viewers.png import png_bytes
    image = QImage(width, height, QImage.Format_RGB888)
    image.fill(QColor("#c27ba0"))
    return png_bytes(image)


def _fill(ws):
    import tempfile
    from pathlib import Path
    case_id = import_path(ws, build_package(Path(tempfile.mkdtemp()) / "pkg", dicom_from=None)).case_id
    ws.key_images.add(case_id, make_png(80, 60), source="slide", target_key="slide:demo",
                      caption="Tumour region, H&E", pixel_spacing_mm=0.01)


@pytest.fixture
def win(qtbot, tmp_path):
    w = window_on_workspace(qtbot, tmp_path / "ws", _fill, size=(1440, 900))
    w.opinion.toggle_action.setChecked(True)
    yield w
    w.tasks.wait()


def _case_id(w):
    return w.case_view.detail.summary.id


def _complete_example(w) -> Opinion:
    o = Opinion.from_json(report_template("examples", "oncology.en.json").read_text(encoding="utf-8"))
    o.answers = [Answer(q, "A plain answer.") for q in w.case_view.detail.questions]
    return o


def test_form_is_generated_from_the_case_template(win):
    ed = win.opinion.editor
    t = ed.template
    assert (t.specialty, t.language) == ("oncology", "en")        # "Medical oncology" case
    for f in t.fields():
        w = ed.inputs[f"fields.{f.id}"]
        if f.type == "choice":
            assert isinstance(w, QComboBox) and w.count() == len(f.choices) + 1
        elif f.type == "longtext":
            assert isinstance(w, QPlainTextEdit)
        elif f.type == "bool":
            assert isinstance(w, QCheckBox)
        elif f.type == "table":
            assert w.table.columnCount() == len(f.columns)
        assert ed.labels[f"fields.{f.id}"].text().endswith(" *") == f.required
    concordance = ed.inputs["concordance"]
    assert [concordance.itemData(i) for i in range(concordance.count())] == ["", "agree", "minor", "major"]
    questions = win.case_view.detail.questions
    assert len(questions) >= 1
    for i, q in enumerate(questions, 1):
        assert q in ed.labels[f"answers[{i}]"].text()
    for key in ("outcome.diagnosis_changed", "outcome.treatment_changed", "outcome.surgery", "images"):
        assert key in ed.inputs
    assert not ed.read_only and ed.sign_button.isEnabled() and not ed.addendum_button.isEnabled()


def test_autosave_is_encrypted_and_restored_after_lock_and_reopen(qtbot, win):
    ctl, ws = win.opinion, win.session.workspace
    history = ctl.editor.inputs["fields.history"]
    with qtbot.waitSignal(ctl.saved, timeout=3000):
        qtbot.keyClicks(history, "Autosaved words 9931")
    assert OpinionStore(ws).load_draft(_case_id(win)).fields["history"] == "Autosaved words 9931"
    assert "saved" in ctl.editor.state.text()
    for f in ws.root.rglob("*"):
        if f.is_file():
            assert b"Autosaved words 9931" not in f.read_bytes(), f.name
    # typed just before the lock (inside the debounce): saved by the lock itself
    qtbot.keyClicks(history, " and more")
    case_id = _case_id(win)
    win.session.lock()
    assert ctl.editor.template is None and not ctl.editor.inputs.get("fields.history")
    win.session.adopt(win.session.open_workspace(PASSPHRASE))
    win.open_case(case_id)
    assert ctl.editor.inputs["fields.history"].toPlainText() == "Autosaved words 9931 and more"
    # closing the case (back to the worklist) saves too
    qtbot.keyClicks(ctl.editor.inputs["fields.staging"], "cT2")
    win.show_worklist()
    assert OpinionStore(win.session.workspace).load_draft(case_id).fields["staging"] == "cT2"


def test_missing_fields_are_listed_marked_and_focusable(qtbot, win):
    ed = win.opinion.editor
    messages = [ed.problems.item(i).text() for i in range(ed.problems.count())]
    assert "• “Summary of the history” is required" in messages
    assert any("Treatment-plan concordance" in m for m in messages)
    assert any("answer question 1" in m for m in messages)
    assert ed.labels["fields.history"].property("missing") == "true"
    assert ed.labels["fields.alternatives"].property("missing") == "true"
    item = next(ed.problems.item(i) for i in range(ed.problems.count()) if "history" in ed.problems.item(i).text())
    ed.problems.itemClicked.emit(item)
    assert ed.inputs["fields.history"].hasFocus() or ed.focusWidget() is ed.inputs["fields.history"]
    with qtbot.waitSignal(win.opinion.saved, timeout=3000):
        qtbot.keyClicks(ed.inputs["fields.history"], "History.")
    messages = [ed.problems.item(i).text() for i in range(ed.problems.count())]
    assert not any("Summary of the history" in m for m in messages)
    assert ed.labels["fields.history"].property("missing") == "false"
    win.opinion.replace_content(_complete_example(win))
    win.opinion.flush()
    win.opinion._refresh_problems()
    assert ed.problems.count() == 0 and "ready to sign" in ed.problems_title.text()


def test_preview_renders_pages_in_memory_after_changes(qtbot, win):
    ctl = win.opinion
    with qtbot.waitSignal(ctl.preview_shown, timeout=20000) as first:
        ctl.render_preview()
    assert first.args[0] >= 1
    preview = ctl.editor.preview
    preview.wait_rendered()
    qtbot.waitUntil(lambda: preview.pages and preview.pages[0].image is not None, timeout=5000)
    before = len(preview.pages)
    with qtbot.waitSignal(ctl.preview_shown, timeout=20000):
        ctl.replace_content(_complete_example(win))       # a longer opinion: more pages, after the debounce
    assert len(preview.pages) > before
    assert "Draft preview" in preview.title.text()


def test_key_images_are_inserted_with_captions(qtbot, win):
    from ui.opinion_editor import InsertKeyImagesDialog
    ctl, ws = win.opinion, win.session.workspace
    [ki] = ws.key_images.list(_case_id(win))
    ctl._refresh_images()
    dialog = InsertKeyImagesDialog([(ki, ctl._pixmap(ctl._images[ki.id][1]))], set())
    assert dialog.list.count() == 1 and "Tumour region" in dialog.list.item(0).text()
    dialog.list.item(0).setCheckState(Qt.Checked)
    assert dialog.chosen() == [ki.id]
    with qtbot.waitSignal(ctl.saved, timeout=3000):
        ctl.add_key_images(dialog.chosen())
    ed = ctl.editor
    caption = ed.inputs["images[1]"]
    assert isinstance(caption, QLineEdit) and caption.text() == "Tumour region, H&E"
    with qtbot.waitSignal(ctl.saved, timeout=3000):
        caption.clear()
        qtbot.keyClicks(caption, "Region of interest")
    saved = OpinionStore(ws).load_draft(_case_id(win))
    assert [(r.key_image_id, r.caption) for r in saved.images] == [(ki.id, "Region of interest")]
    again = InsertKeyImagesDialog([(ki, ctl._pixmap(ctl._images[ki.id][1]))], {ki.id})
    assert not (again.list.item(0).flags() & Qt.ItemIsEnabled)   # already in the report


def test_sign_without_identity_says_how_to_create_one(qtbot, win, monkeypatch):
    said = []
    monkeypatch.setattr("ui.opinion_controller.QMessageBox.information",
                        lambda parent, title, text: said.append((title, text)))
    win.opinion.sign()
    assert win.opinion.sign_dialog is None
    [(title, text)] = said
    assert "reviewer identity create-test" in text and "reviewer identity import" in text


def test_sign_dialog_refuses_an_incomplete_opinion(qtbot, win):
    IdentityStore(win.session.workspace).create_test(PASSPHRASE)
    win.opinion.sign()
    d = win.opinion.sign_dialog
    assert d is not None and d.problems.isVisible()
    messages = [d.problems.item(i).text() for i in range(d.problems.count())]
    assert any("Summary of the history" in m for m in messages)
    assert not d.sign_button.isEnabled() and not d.secret.isEnabled()
    win.session.lock()                      # the lock closes the dialog: nothing of the patient stays shown
    assert win.opinion.sign_dialog is None and not d.isVisible()


def _sign(qtbot, ctl, secret=PASSPHRASE):
    ctl.sign()
    d = ctl.sign_dialog
    qtbot.waitUntil(lambda: d.prepared is not None, timeout=20000)
    return d


def test_sign_shows_what_is_signed_signs_verifies_then_read_only_and_addendum(qtbot, win):
    ctl, ws = win.opinion, win.session.workspace
    ident = IdentityStore(ws).create_test(PASSPHRASE)
    ctl.replace_content(_complete_example(win))
    d = _sign(qtbot, ctl)
    prepared = d.prepared
    assert prepared.version == 1 and len(d.pages_view.pages) == prepared.pages
    assert prepared.sha256[:32] in d.what.text() and ident.subject in d.signer.text()
    assert d.test_warning.isVisibleTo(d) and d.reason.text() == "Second-opinion report"
    # the passphrase is asked again: a wrong one signs nothing
    d.secret.setText("wrong passphrase")
    d.sign_button.click()
    qtbot.waitUntil(lambda: "not correct" in d.error.text(), timeout=20000)
    assert OpinionStore(ws).versions(_case_id(win)) == []
    d.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(ctl.signed, timeout=20000) as signed:
        d.sign_button.click()
    result = signed.args[0]
    assert result.pdf.startswith(prepared.pdf)                  # exactly the pages shown, plus the signature
    check = verify_pdf(result.pdf, [ident.cert_der])
    assert check.ok and check.last.reason == "Second-opinion report"
    [v] = OpinionStore(ws).versions(_case_id(win))
    assert v.pdf_sha256 == hashlib.sha256(result.pdf).hexdigest()
    assert OpinionStore(ws).signed_pdf(v.id) == result.pdf
    [queued] = outbox_items(ws)
    assert queued.id == result.submission_id and queued.details["concordance"] == "major-discordance"
    actions = [e["action"] for e in ws.audit.entries()]
    assert {"report.sign", "report.record", "report.queued"} <= set(actions)
    # read-only for the signed version
    ed = ctl.editor
    assert ed.read_only and not ed.sign_button.isEnabled() and ed.addendum_button.isEnabled()
    assert ed.inputs["fields.history"].isReadOnly() and not ed.inputs["concordance"].isEnabled()
    assert "Signed report, version 1" in ed.state.text() and "Queued for submission" in ed.state.text()
    qtbot.waitUntil(lambda: "Signed version 1" in ed.preview.title.text(), timeout=10000)
    # addendum: a new draft citing the original's hash; refused without a reason
    ed.addendum_button.click()
    assert not ed.read_only and "addendum" in ed.inputs
    assert ctl.editor.opinion().addendum.cites_sha256 == v.pdf_sha256
    ctl.sign()
    d2 = ctl.sign_dialog
    assert any("reason" in d2.problems.item(i).text() for i in range(d2.problems.count()))
    d2.reject()
    qtbot.keyClicks(ed.inputs["addendum"], "HER2 ISH result received")
    d3 = _sign(qtbot, ctl)
    assert d3.prepared.version == 2
    d3.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(ctl.signed, timeout=20000) as signed2:
        d3.sign_button.click()
    v1, v2 = OpinionStore(ws).versions(_case_id(win))
    assert v2.kind == "addendum" and v2.cites_sha256 == v1.pdf_sha256
    assert verify_pdf(signed2.args[0].pdf, [ident.cert_der]).ok
    queued = {i.id: i for i in outbox_items(ws)}
    assert len(queued) == 2 and queued[signed2.args[0].submission_id].details["addendum"] is True


def test_typing_without_a_pause_still_saves_every_few_seconds(qtbot, win, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("ui.opinion_controller.time.monotonic", lambda: now[0])
    ctl = win.opinion
    saved = []
    ctl.saved.connect(saved.append)
    field = ctl.editor.inputs["fields.history"]
    for _ in range(25):                       # 2.5 s of typing, 100 ms apart: the debounce never runs out
        ctl.save_timer.stop()
        field.insertPlainText("x")
        now[0] += 0.1
    assert saved, "no save during continuous typing"
    assert OpinionStore(win.session.workspace).load_draft(_case_id(win)).fields["history"].startswith("xxxxxxxxxx")


def test_switching_the_template_language_keeps_the_values(qtbot, win):
    ctl = win.opinion
    with qtbot.waitSignal(ctl.saved, timeout=3000):
        qtbot.keyClicks(ctl.editor.inputs["fields.history"], "Kept across languages")
    ctl.switch_template("oncology.ja")
    ed = ctl.editor
    assert (ed.template.specialty, ed.template.language) == ("oncology", "ja")
    assert ed.inputs["fields.history"].toPlainText() == "Kept across languages"
    assert ed.labels["fields.history"].text() != "Summary of the history *"
    ctl.flush()
    saved = OpinionStore(win.session.workspace).load_draft(_case_id(win))
    assert saved.language == "ja" and saved.fields["history"] == "Kept across languages"


def test_closing_the_window_saves_what_was_just_typed(qtbot, win):
    ctl, root, case_id = win.opinion, win.session.root, _case_id(win)
    qtbot.keyClicks(ctl.editor.inputs["fields.staging"], "typed then closed")   # inside the debounce
    win.close()
    from reviewer.workspace import Workspace
    ws = Workspace.open(root, PASSPHRASE)
    try:
        assert OpinionStore(ws).load_draft(case_id).fields["staging"] == "typed then closed"
    finally:
        ws.close()


def test_insert_key_images_button_opens_the_chooser(qtbot, win):
    from PySide6.QtCore import QTimer
    ctl = win.opinion

    def choose():
        d = ctl._insert_dialog
        d.list.item(0).setCheckState(Qt.Checked)
        d.accept()
    QTimer.singleShot(0, choose)
    ctl.editor.insert_button.click()
    assert [r.caption for r in ctl.editor.opinion().images] == ["Tumour region, H&E"]
    assert "images[1]" in ctl.editor.inputs


def test_a_signed_report_shows_in_the_sync_panels_outbox_at_once(qtbot, win):
    """The outbox under the worklist lists the report as soon as it is signed (it used to appear only at
    the next sync, so a specialist could not see that it was waiting)."""
    ctl = win.opinion
    IdentityStore(win.session.workspace).create_test(PASSPHRASE)
    ctl.replace_content(_complete_example(win))
    d = _sign(qtbot, ctl)
    d.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(ctl.signed, timeout=20000) as signed:
        d.sign_button.click()
    win.show_worklist()
    outbox = win.sync_panel.outbox
    assert outbox.isVisibleTo(win.sync_panel) and outbox.rowCount() == 1
    assert outbox.item(0, 1).text().startswith("Signed report") and outbox.item(0, 2).text() == "waiting"
    assert [r.id for r in win.sync.state().outbox] == [signed.args[0].submission_id]


def test_a_new_opinion_starts_in_the_language_of_the_workstation(qtbot, win):
    """With the workstation in Japanese, a new opinion uses the Japanese template (it always started in
    English); a draft keeps the language it was saved in."""
    from PySide6.QtCore import QLocale
    case_id = _case_id(win)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Japanese, QLocale.Japan))
    try:
        win.show_worklist()
        win.open_case(case_id)
        ed = win.opinion.editor
        assert (ed.template.specialty, ed.template.language) == ("oncology", "ja")
        with qtbot.waitSignal(win.opinion.saved, timeout=3000):
            qtbot.keyClicks(ed.inputs["fields.history"], "x")
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))
        win.show_worklist()
        win.open_case(case_id)
        assert win.opinion.editor.template.language == "ja"          # the saved draft's language
    finally:
        QLocale.setDefault(previous)



def test_the_editor_is_built_only_when_its_pane_is_shown(qtbot, win):
    """Switching cases stays instant: a hidden editor builds no form; showing it fills it at once."""
    ctl = win.opinion
    ctl.show_pane(False)
    case_id = _case_id(win)
    win.show_worklist()
    win.open_case(case_id)
    assert ctl.case is not None and not ctl._loaded and ctl.editor.opinion() is None
    ctl.show_pane(True)
    assert ctl._loaded and ctl.editor.opinion() is not None
