"""The specialist's day, end to end, on the real main window (issue 8, "End to end, tested").

The window is built as ``ui/app.py`` builds it (slide registry, tile cache, theme, Display and Help menus)
and driven as a user would: Sync now against the FHIR R4 test double with the images on a real Orthanc
→ open the new case from the worklist → confirm the HER2 flag in the summary → measure the CT lesion
(length tool, mouse drags) → draw a rectangle on the slide → K on each → write the opinion (the missing
parts list walked with the keyboard and mouse) with both key images → sign in the sign dialog → Sync now
submits. Then the platform holds one valid signed DiagnosticReport and the completed Task, and
`reviewer audit verify --json` vouches for a chain holding every step. The second journey signs offline:
the report waits in the outbox and is submitted once when the platform is back.

Screenshots of every step: set JOURNEY_SHOTS=/dir (and JOURNEY_LANGUAGE=ja for the Japanese window).
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from fhir_double import FhirTestDouble  # noqa: E402
from orthanc import ORTHANC, OrthancServer, dicomweb_plugin  # noqa: E402
from platform_cases import add_case  # noqa: E402
from sync_helpers import TOKEN, cli_env, fhir_config, keyring_with_token  # noqa: E402
from support import FAST_KDF, PASSPHRASE  # noqa: E402
from her2_records import CONSULT, PATHOLOGY  # noqa: E402
from reviewer.annotations import Kind  # noqa: E402
from reviewer.demo.records import render  # noqa: E402
from reviewer.model import Series, Slide  # noqa: E402
from reviewer.reports.signing import IdentityStore  # noqa: E402
from reviewer.reports.verify import verify_pdf  # noqa: E402
from reviewer.sync import outbox_items, save_config  # noqa: E402
from reviewer.workspace import Workspace  # noqa: E402

CASE = "SO-DAY-0001"
# The CT: a small chest-like volume with one round lesion (diameter LESION_MM) in the left breast.
CT_SIZE, CT_SLICES, CT_PIXEL_MM, CT_SLICE_MM = 256, 24, 0.8, 3.0
LESION = (170, 100, 12)                 # column, row, slice index of the centre
LESION_MM = 20.0
SHOTS = os.environ.get("JOURNEY_SHOTS", "")
OPINION_TEXT = {
    "concordance.comment": "The HER2 status conflicts between the records; the anti-HER2 plan rests on it.",
    "fields.history": "56-year-old woman, invasive ductal carcinoma of the left breast; 20 mm lesion on CT.",
    "fields.revised_diagnosis": "Invasive ductal carcinoma, left breast; HER2 status to be retested.",
    "fields.staging": "cT1c cN0 cM0",
    "fields.management": "Repeat HER2 (IHC and ISH) before any anti-HER2 therapy.",
    "fields.alternatives": "Endocrine therapy alone if HER2 is negative.",
    "fields.clinical_trials": "None proposed.",
    "fields.limitations": "No staging bone scan was supplied.",
    "answers[1]": "Not necessarily: it depends on the repeat HER2 test."}
LANGUAGE = os.environ.get("JOURNEY_LANGUAGE", "en")


# -- the test servers ----------------------------------------------------------------------------
def _ct_slices(case_id: str):
    from pydicom.uid import generate_uid
    from reviewer.imaging.synthetic import ct_dataset
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    yy, xx = np.mgrid[0:CT_SIZE, 0:CT_SIZE].astype(np.float32)
    body = ((xx - 128) / 118) ** 2 + ((yy - 135) / 90) ** 2 <= 1
    lungs = ((np.abs(xx - 128) - 50) / 34) ** 2 + ((yy - 140) / 55) ** 2 <= 1
    for k in range(CT_SLICES):
        hu = np.full((CT_SIZE, CT_SIZE), -1000.0, np.float32)
        hu[body] = 40
        hu[lungs] = -820
        dz = (k - LESION[2]) * CT_SLICE_MM
        r = max(0.0, (LESION_MM / 2) ** 2 - dz * dz) ** 0.5 / CT_PIXEL_MM
        if r > 0:
            hu[(xx - LESION[0]) ** 2 + (yy - LESION[1]) ** 2 <= r * r] = 110
        ds = ct_dataset(k, (hu + 1024).astype(np.uint16), series_uid=series, study_uid=study, frame_uid=frame,
                        position=(-102.0, -102.0, -k * CT_SLICE_MM), spacing=(CT_PIXEL_MM, CT_PIXEL_MM))
        ds.PatientName, ds.PatientID, ds.PatientSex = "Testpatient^Alice", f"MRN-{case_id}", "F"
        ds.SliceThickness = str(CT_SLICE_MM)
        yield ds


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory):
    """One Orthanc for the module, holding the CT; the journeys only read from it."""
    import pydicom
    if not Path(ORTHANC).exists() or not dicomweb_plugin():
        pytest.skip("Orthanc with its DICOMweb plugin is not installed (Debian: orthanc, orthanc-dicomweb)")
    root = tmp_path_factory.mktemp("orthanc-journey")
    server = OrthancServer(root).start()
    try:
        for i, ds in enumerate(_ct_slices(CASE)):
            f = root / f"ct{i:03d}.dcm"
            pydicom.dcmwrite(f, ds, enforce_file_format=True)
            server.upload(f)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def slide_bytes(tmp_path_factory) -> bytes:
    from reviewer.demo.slide import SlideSpec, write_slide
    path = tmp_path_factory.mktemp("journey-slide") / "A1.tif"
    write_slide(path, 7, CASE, "A1", SlideSpec(width=2048, height=1536, levels=3, canvas_period=512))
    return path.read_bytes()


@pytest.fixture
def double():
    d = FhirTestDouble(token=TOKEN).start()
    yield d
    d.stop()


def _assign(double, orthanc, slide: bytes) -> dict:
    """The platform assigns the case: records (a PDF and a text note that disagree on HER2), the slide
    (tiled TIFF as a DocumentReference) and the CT study on Orthanc."""
    study, series = next(iter(orthanc.studies.items()))
    return add_case(double, CASE, documents={"pathology.pdf": render(PATHOLOGY), "consult.txt": render(CONSULT),
                                             "slide-A1.tif": slide},
                    content_types={"pathology.pdf": "application/pdf", "slide-A1.tif": "image/tiff"},
                    study=study, dicomweb=orthanc.dicomweb, series=series)


# -- the window, built as the app builds it -------------------------------------------------------
class Shots:
    """window.grab() of each step into JOURNEY_SHOTS (nothing when unset)."""

    def __init__(self, window, prefix: str):
        self.window, self.prefix, self.n = window, prefix, 0
        self.dir = Path(SHOTS) if SHOTS else None
        if self.dir:
            self.dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, widget: QWidget | None = None) -> None:
        if self.dir is None:
            return
        for _ in range(3):
            QApplication.processEvents()
        self.n += 1
        (widget or self.window).grab().save(str(self.dir / f"{self.prefix}-{self.n:02d}-{name}.png"))


@pytest.fixture
def day(qtbot, tmp_path, double):
    """An unlocked workstation on a fresh workspace set up for the double, with a test signing identity."""
    from reviewer.pathology import TileCache, default_registry
    from reviewer.preferences import PreferenceStore
    from reviewer.session import Session
    from ui import i18n
    from ui.app import dress
    from ui.appearance import Appearance
    from ui.main_window import MainWindow
    from ui.tasks import BackgroundTasks
    root = tmp_path / "ws"
    config = fhir_config(double)
    ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    try:
        save_config(ws.db, config)
        identity = IdentityStore(ws).create_test(PASSPHRASE)
    finally:
        ws.close()
    keyring = keyring_with_token(config)
    app = QApplication.instance()
    style = app.styleSheet()
    translators = i18n.install(app, LANGUAGE)
    appearance = Appearance(app, PreferenceStore(tmp_path / "prefs.json"))
    tasks = BackgroundTasks()
    w = MainWindow(Session(root), tasks, slide_registry=default_registry(), tile_cache=TileCache(64 << 20),
                   sync_keyring=lambda: keyring)
    qtbot.addWidget(w)
    dress(app, w, appearance, remember_layout=False)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    # Unlock as the user does: the passphrase in the unlock screen, Enter.
    qtbot.keyClicks(w.unlock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(w.unlock_screen.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: w.session.unlocked, timeout=20000)
    w.identity = identity
    yield w
    w.sync.cancel()
    tasks.wait(30000)
    w.session.lock()
    app.setStyleSheet(style)
    for t in translators:
        app.removeTranslator(t)
    i18n.install(app, "en")


# -- the steps -----------------------------------------------------------------------------------
def _actions(w) -> list[str]:
    return [e["action"] for e in w.session.workspace.audit.entries()]


def _sync_now(qtbot, w, timeout=30000) -> None:
    """F5 (Sync now) and wait for the run to end."""
    qtbot.keyClick(w, Qt.Key_F5)
    assert w.sync.running
    qtbot.waitUntil(lambda: not w.sync.running, timeout=timeout)


def _pull_and_open(qtbot, w, shot) -> None:
    assert w.stack.currentWidget() is w.worklist and w.worklist.model.rowCount() == 0
    shot("worklist-empty")
    qtbot.mouseClick(w.sync_panel.sync_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: w.worklist.model.rowCount() == 1 and not w.sync.running, timeout=40000)
    assert not w.sync_panel.error.isVisible(), w.sync_panel.error.text()
    shot("synced")
    case = w.worklist.model.cases[0]
    detail = w.session.workspace.cases.get(case.id)
    assert case.platform_case_id == CASE
    assert [s.modality for s in detail.series] == ["CT"] and detail.series[0].instance_count == CT_SLICES
    assert len(detail.slides) == 1 and len(detail.documents) >= 2
    # Open it from the worklist: the row is selected, Enter opens it.
    w.worklist.table.setFocus()
    w.worklist.table.selectRow(0)
    qtbot.keyClick(w.worklist.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_view, timeout=5000)
    assert w.case_view.detail.summary.platform_case_id == CASE
    shot("case-open")


def _confirm_flag(qtbot, w, shot) -> None:
    cv, panel = w.case_view, w.summary.panel
    tabs = cv.side_tabs
    qtbot.mouseClick(tabs.tabBar(), Qt.LeftButton, pos=tabs.tabBar().tabRect(w.summary.tab_index).center())
    assert tabs.currentIndex() == w.summary.tab_index
    qtbot.waitUntil(lambda: panel.complete, timeout=30000)
    card = next(c for c in panel.flag_cards if c.view.flag.kind == "biomarker_conflict")
    assert "HER2" in card.message.text() and "pathology.pdf" in card.message.text()    # named as in the case list
    QApplication.processEvents()
    panel.scroll.ensureWidgetVisible(card)
    QApplication.processEvents()
    button = card.bar.buttons["confirmed"]
    qtbot.mouseClick(button, Qt.LeftButton)
    assert button.isChecked() and card.decision.decision == "confirmed"
    shot("summary-flag-confirmed")
    qtbot.mouseClick(tabs.tabBar(), Qt.LeftButton, pos=tabs.tabBar().tabRect(0).center())


def _click_item(qtbot, w, kind) -> None:
    """Clicks the first item of the case's list holding a ``kind`` (Series, Slide)."""
    tree = w.case_view.items
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        group.setExpanded(True)
        for j in range(group.childCount()):
            item = group.child(j)
            if isinstance(item.data(0, Qt.UserRole), kind):
                tree.scrollToItem(item)
                rect = tree.visualItemRect(item)
                qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
                assert tree.currentItem() is item
                return
    raise AssertionError(f"no {kind.__name__} in the case")


def _drag(qtbot, widget, a: QPoint, b: QPoint, steps: int = 6) -> None:
    qtbot.mousePress(widget, Qt.LeftButton, pos=a)
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps))
    qtbot.mouseRelease(widget, Qt.LeftButton, pos=b)


def _measure_ct(qtbot, w, shot) -> None:
    viewer = w.case_view.series_viewer
    _click_item(qtbot, w, Series)
    qtbot.waitUntil(lambda: viewer.view.layer is not None and viewer.state is not None
                    and viewer.state.slices == CT_SLICES, timeout=30000)
    view, state = viewer.view, viewer.state
    view.setFocus()
    key = Qt.Key_Down if state.index < LESION[2] else Qt.Key_Up
    for _ in range(CT_SLICES):                  # scroll to the slice through the lesion's centre
        if state.index == LESION[2]:
            break
        qtbot.keyClick(view, key)
    assert state.index == LESION[2]
    qtbot.keyClick(view, Qt.Key_L)              # the length tool
    radius = LESION_MM / 2 / CT_PIXEL_MM
    a = QPoint(*map(round, state.image_to_screen(LESION[0] - radius + 0.5, LESION[1] + 0.5)))
    b = QPoint(*map(round, state.image_to_screen(LESION[0] + radius + 0.5, LESION[1] + 0.5)))
    _drag(qtbot, view, a, b)
    [line] = view.layer.annotations(state.index)
    assert line.geometry.kind == Kind.LINE
    label = view.layer._label(line, state.index)[0]
    assert label.endswith("mm") and abs(float(label.split()[0]) - LESION_MM) < 1.5, label
    shot("ct-measured")
    qtbot.keyClick(view, Qt.Key_K)              # key image
    qtbot.waitUntil(lambda: len(w.session.workspace.key_images.list(w.case_view.detail.summary.id)) == 1,
                    timeout=5000)


def _annotate_slide(qtbot, w, shot) -> None:
    viewer = w.case_view.slide_viewer
    _click_item(qtbot, w, Slide)
    assert w.case_view.viewers.currentWidget() is viewer
    view = viewer.view

    def settled():
        view.repaint()
        return view.handle is not None and view.loaded() and not view.pending
    qtbot.waitUntil(settled, timeout=30000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_R)              # rectangle (QuPath's key)
    x0, y0 = view.width() // 4, view.height() // 3
    _drag(qtbot, view, QPoint(x0, y0), QPoint(x0 + 120, y0 + 90))
    [rect] = viewer.layer.annotations()
    assert rect.kind == Kind.RECTANGLE
    qtbot.waitUntil(lambda: viewer.list.tree.topLevelItemCount() == 1, timeout=5000)
    shot("slide-annotated")
    qtbot.keyClick(view, Qt.Key_K)
    case_id = w.case_view.detail.summary.id
    qtbot.waitUntil(lambda: len(w.session.workspace.key_images.list(case_id)) == 2, timeout=5000)
    assert {k.source for k in w.session.workspace.key_images.list(case_id)} == {"series", "slide"}
    assert w.case_view.key_images_group.childCount() == 2


def _fill(qtbot, widget, text: str) -> None:
    """What a user does in the field the missing-parts list focused."""
    if isinstance(widget, QPlainTextEdit):
        widget.setFocus()
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit):
        widget.setFocus()
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QComboBox):
        widget.setFocus()
        values = [widget.itemData(i) for i in range(widget.count())]
        widget.setCurrentIndex(values.index("major") if "major" in values else widget.count() - 1)
    elif isinstance(widget, QCheckBox):
        qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(6, widget.height() // 2))      # on the box
    elif hasattr(widget, "yes"):
        qtbot.mouseClick(widget.yes, Qt.LeftButton, pos=QPoint(6, widget.yes.height() // 2))
    else:
        raise AssertionError(f"the journey does not know how to fill a {type(widget).__name__}")


def _write_opinion(qtbot, w, shot) -> None:
    ctl = w.opinion
    qtbot.keyClick(w, Qt.Key_E, Qt.ControlModifier)       # Ctrl+E: the editor beside the case
    ed = ctl.editor
    assert ed.isVisible() and not ed.read_only
    assert w.width() == 1440            # the editor beside the slide viewer fits: the window did not grow
    # Both key images into the report through "Insert key images…".

    def choose():
        d = ctl._insert_dialog
        assert d is not None and d.list.count() == 2
        for i in range(d.list.count()):
            d.list.item(i).setCheckState(Qt.Checked)
        d.accept()
    QTimer.singleShot(0, choose)
    qtbot.mouseClick(ed.insert_button, Qt.LeftButton)
    assert len(ed.opinion().images) == 2 and "images[2]" in ed.inputs
    # Walk the list of missing parts: click one, fill the field it focuses, until nothing is missing.
    walked = []
    for _ in range(30):
        ctl._refresh_problems()
        if ed.problems.count() == 0:
            break
        item = ed.problems.item(0)
        rect = ed.problems.visualItemRect(item)
        qtbot.mouseClick(ed.problems.viewport(), Qt.LeftButton, pos=rect.center())
        focused = ed.window().focusWidget()         # the window's focus (the platform may not reactivate it)
        target = next((wd for wd in ed.inputs.values() if wd is focused or (wd.isAncestorOf(focused) if focused
                                                                           else False)), None)
        assert target is not None, f"clicking “{item.text()}” focused no field"
        where = item.data(Qt.UserRole)
        walked.append((where, type(target).__name__))
        _fill(qtbot, target, OPINION_TEXT.get(where, "See the summary above."))
    ctl.flush()
    ctl._refresh_problems()
    assert ed.problems.count() == 0, walked
    # The live preview catches up: the key images make a second page.
    qtbot.waitUntil(lambda: len(ed.preview.pages) >= 2 and ed.preview.pages[0].image is not None, timeout=30000)
    shot("opinion-written")


def _sign(qtbot, w, shot):
    ctl = w.opinion
    qtbot.mouseClick(ctl.editor.sign_button, Qt.LeftButton)
    d = ctl.sign_dialog
    assert d is not None
    qtbot.waitUntil(lambda: d.prepared is not None, timeout=30000)
    assert w.identity.subject in d.signer.text()
    shot("sign-dialog", d)
    qtbot.keyClicks(d.secret, PASSPHRASE)
    with qtbot.waitSignal(ctl.signed, timeout=30000) as signed:
        qtbot.mouseClick(d.sign_button, Qt.LeftButton)
    result = signed.args[0]
    assert result.submission_id and ctl.editor.read_only
    shot("signed")
    return result


def _reactivate(qtbot, w) -> None:
    """What the window manager does when a dialog closes: the main window is active again (the offscreen
    platform leaves no window active), so its shortcuts work."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)


def _back_to_worklist(qtbot, w) -> None:
    _reactivate(qtbot, w)
    qtbot.keyClick(w, Qt.Key_W, Qt.ControlModifier)
    assert w.stack.currentWidget() is w.worklist


def _outbox_state(w, submission_id: str) -> str:
    """The signed report's state as the sync panel shows it (its rows are those of the controller's state,
    newest first; the words are checked in English)."""
    t = w.sync_panel.outbox
    rows = list(reversed(w.sync.state().outbox))
    assert t.isVisible() == bool(rows) and t.rowCount() == len(rows)
    [row] = [i for i, r in enumerate(rows) if r.id == submission_id]
    if LANGUAGE == "en":
        assert t.item(row, 1).text().startswith("Signed report") and t.item(row, 2).text() == rows[row].state
    return rows[row].state


def _check_platform(double, signed, identity, task_id) -> None:
    [report] = double.all("DiagnosticReport")
    assert report["status"] == "final"
    [form] = report["presentedForm"]
    pdf = base64.b64decode(form["data"])
    assert form["contentType"] == "application/pdf" and pdf == signed.pdf
    if SHOTS:
        (Path(SHOTS) / "submitted-report.pdf").write_bytes(pdf)
    check = verify_pdf(pdf, [identity.cert_der])
    assert check.ok and check.signed and check.intact and check.covers_whole_document
    task = double.get("Task", task_id)
    assert task["status"] == "completed"
    ref = f"DiagnosticReport/{report['id']}"
    assert any((o.get("valueReference") or {}).get("reference") == ref for o in task.get("output", []))
    assert double.invalid == []


def _check_audit(w, tmp_path) -> None:
    actions = _actions(w)
    for step in ("case.import", "case.open", "summary.run", "summary.decision", "series.view", "annotation.add",
                 "slide.view", "keyimage.capture", "report.sign", "report.queued", "report.submitted"):
        assert step in actions, f"{step} is not in the audit log"
    assert actions.count("keyimage.capture") == 2 and actions.count("annotation.add") >= 2
    assert actions.count("report.submitted") == 1
    imported = next(e for e in w.session.workspace.audit.entries() if e["action"] == "case.import")
    assert "sync" in json.dumps(imported.get("details"))
    # The chain, as the command line sees it (the window keeps the workspace open meanwhile).
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "--workspace", str(w.session.root), "audit", "verify",
                        "--json"], env=cli_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["ok"] and out["broken_at"] is None and out["entries"] >= len(actions)


# -- the journeys ----------------------------------------------------------------------------------
def _review_and_sign(qtbot, w, shot):
    """The specialist's review of the open case, from the flag to the signed report, back at the worklist."""
    _confirm_flag(qtbot, w, shot)
    _measure_ct(qtbot, w, shot)
    _annotate_slide(qtbot, w, shot)
    _write_opinion(qtbot, w, shot)
    signed = _sign(qtbot, w, shot)
    _back_to_worklist(qtbot, w)
    return signed


def test_a_specialists_day_from_sync_to_a_signed_submitted_report(qtbot, tmp_path, day, double, orthanc,
                                                                 slide_bytes):
    w = day
    ids = _assign(double, orthanc, slide_bytes)
    shot = Shots(w, "online")
    _pull_and_open(qtbot, w, shot)
    signed = _review_and_sign(qtbot, w, shot)
    assert _outbox_state(w, signed.submission_id) == "waiting"
    shot("outbox-waiting")
    _sync_now(qtbot, w)
    assert _outbox_state(w, signed.submission_id) == "submitted" and not w.sync_panel.error.isVisible()
    shot("submitted")
    assert [c.status for c in w.worklist.model.cases] == ["completed"]      # the worklist says so
    _check_platform(double, signed, w.identity, ids["task"])
    _check_audit(w, tmp_path)


def test_the_same_day_offline_submits_once_when_the_network_returns(qtbot, tmp_path, day, double, orthanc,
                                                                   slide_bytes):
    w = day
    ids = _assign(double, orthanc, slide_bytes)
    shot = Shots(w, "offline")
    _pull_and_open(qtbot, w, shot)
    double.stop()                               # the plane takes off: the review happens offline
    signed = _review_and_sign(qtbot, w, shot)
    assert _outbox_state(w, signed.submission_id) == "waiting"
    _sync_now(qtbot, w)                         # still offline: it waits, and says so
    assert _outbox_state(w, signed.submission_id) == "waiting"
    assert {i.id: i.state for i in outbox_items(w.session.workspace)}[signed.submission_id] == "pending"
    assert w.sync.state().online is False
    shot("offline-outbox-waiting")
    assert double.all("DiagnosticReport") == []
    double.start()                              # landed
    _sync_now(qtbot, w)
    assert _outbox_state(w, signed.submission_id) == "submitted"
    assert [c.status for c in w.worklist.model.cases] == ["completed"]
    shot("back-online-submitted")
    _sync_now(qtbot, w)                         # another run sends nothing again
    assert len(double.all("DiagnosticReport")) == 1
    _check_platform(double, signed, w.identity, ids["task"])
    assert _actions(w).count("report.submitted") == 1
