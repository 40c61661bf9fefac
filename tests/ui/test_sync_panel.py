"""The sync panel in the window, against the FHIR R4 test double and a real Orthanc: "Sync now" pulls a
new assignment into the worklist (highlighted, with a notice) while per-case progress shows; a signed
report waits in the outbox while the platform is down and is shown submitted once it is back; cancel
stops a run cleanly; without settings the panel says how to set sync up."""
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from fhir_double import FhirTestDouble  # noqa: E402
from orthanc import ORTHANC, OrthancServer, dicomweb_plugin  # noqa: E402
from platform_cases import add_case  # noqa: E402
from sync_helpers import PDF, TOKEN, fhir_config, keyring_with_token  # noqa: E402
from support import TESTDATA  # noqa: E402
from reviewer.sync import Outcome, queue_report, save_config  # noqa: E402
from ui.worklist_view import NEW_BACKGROUND  # noqa: E402
from ui_support import window_on_workspace  # noqa: E402


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory):
    if not Path(ORTHANC).exists() or not dicomweb_plugin():
        pytest.skip("Orthanc with its DICOMweb plugin is not installed (Debian: orthanc, orthanc-dicomweb)")
    server = OrthancServer(tmp_path_factory.mktemp("orthanc-ui")).start()
    try:
        for f in sorted((TESTDATA / "dicom").glob("misc/MR-MONO2-8-16x-heart*")):
            server.upload(f)
        yield server
    finally:
        server.stop()


@pytest.fixture
def double():
    d = FhirTestDouble(token=TOKEN).start()
    yield d
    d.stop()


def _window(qtbot, tmp_path, config):
    def fill(ws):
        if config is not None:
            save_config(ws.db, config)
    keyring = keyring_with_token(config) if config is not None else None
    return window_on_workspace(qtbot, tmp_path / "ws", fill, size=(1440, 900), open_first_case=False,
                               sync_keyring=(lambda: keyring) if keyring else None)


def _table_texts(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_sync_now_pulls_shows_progress_and_the_outbox(qtbot, tmp_path, double, orthanc):
    study, series = next(iter(orthanc.studies.items()))
    big = bytes(range(256)) * (12 << 12)                       # 3 MiB, throttled: progress is visible
    add_case(double, "SO-GUI-0001", documents={"pathology.txt": b"IDC, HER2 negative.\n" * 40, "scan.bin": big},
             study=study, dicomweb=orthanc.dicomweb, series=series)
    double.throttle_bps = 2 << 20
    w = _window(qtbot, tmp_path, fhir_config(double))
    panel = w.sync_panel
    assert w.stack.currentWidget() is w.worklist and panel.isVisible()
    assert "Never synced" in panel.headline.text() and panel.sync_action.isEnabled()
    assert w.worklist.model.rowCount() == 0

    bars = []

    def watch():
        for r in range(panel.cases.rowCount()):
            bar = panel.cases.cellWidget(r, 1)
            if isinstance(bar, QProgressBar) and 0 < bar.value() < bar.maximum():
                bars.append((panel.cases.item(r, 0).text(), bar.value(), panel.cases.item(r, 3).text()))
    w.sync.changed.connect(watch)
    qtbot.mouseClick(panel.sync_button, Qt.LeftButton)
    assert w.sync.running and not panel.sync_action.isEnabled() and panel.cancel_button.isVisible()
    assert "Syncing" in panel.headline.text()
    qtbot.waitUntil(lambda: w.worklist.model.rowCount() == 1, timeout=30000)
    qtbot.waitUntil(lambda: not w.sync.running, timeout=10000)

    # Progress was drawn per case with bytes and an ETA while it downloaded.
    assert bars and bars[0][0] == "SO-GUI-0001"
    assert any(" of " in detail and "MB" in detail and "left" in detail for _, _, detail in bars), bars[:3]
    # The new assignment: in the worklist, highlighted, announced.
    case = w.worklist.model.cases[0]
    assert case.platform_case_id == "SO-GUI-0001"
    assert w.worklist.model.data(w.worklist.model.index(0, 0), Qt.BackgroundRole).color().name() == NEW_BACKGROUND
    assert "New assignment: case SO-GUI-0001" in w.statusBar().currentMessage()
    assert re.search(r"Online · last sync \d\d:\d\d$", panel.headline.text()), panel.headline.text()
    assert "Online" in panel.badge.text()
    assert len(w.session.workspace.cases.get(case.id).series) == 1        # the images came from Orthanc

    # The platform goes down; a signed report waits in the outbox; Sync now says offline.
    double.throttle_bps = 0
    queue_report(w.session.workspace, case.id, PDF, Outcome(concordance="concordant"))
    w.sync.refresh()
    assert "Signed report (concordant)" in _table_texts(panel.outbox, 1)
    double.stop()
    qtbot.keyClick(w, Qt.Key_F5)
    qtbot.waitUntil(lambda: not w.sync.running, timeout=20000)
    assert "Offline" in panel.headline.text() and "waiting in the outbox" in panel.headline.text()
    row = _table_texts(panel.outbox, 1).index("Signed report (concordant)")
    assert panel.outbox.item(row, 2).text() == "waiting"

    # Back online: the report is submitted once, and the outbox says so.
    double.start()
    qtbot.keyClick(w, Qt.Key_F5)
    qtbot.waitUntil(lambda: not w.sync.running, timeout=20000)
    row = _table_texts(panel.outbox, 1).index("Signed report (concordant)")
    assert panel.outbox.item(row, 2).text() == "submitted"
    assert set(_table_texts(panel.outbox, 2)) == {"submitted"}
    assert len(double.all("DiagnosticReport")) == 1
    assert double.get("Task", next(iter(double.all("Task")))["id"])["status"] == "completed"
    assert "Online" in panel.headline.text() and "waiting" not in panel.headline.text()
    assert not panel.error.isVisible()


def test_cancel_stops_the_run_and_keeps_what_was_fetched(qtbot, tmp_path, double):
    add_case(double, "SO-GUI-0002", documents={"scan.bin": bytes(range(256)) * (40 << 12)})    # 10 MiB
    double.throttle_bps = 4 << 20
    w = _window(qtbot, tmp_path, fhir_config(double))
    panel = w.sync_panel
    assert w.sync.sync_now()
    qtbot.waitUntil(lambda: any((r.fraction or 0) > 0.05 for r in w.sync.board.rows()), timeout=20000)
    qtbot.mouseClick(panel.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not w.sync.running, timeout=10000)
    assert w.worklist.model.rowCount() == 0 and not panel.error.isVisible()
    assert _table_texts(panel.cases, 0) == ["SO-GUI-0002"]
    assert _table_texts(panel.cases, 2) == ["Stopped"]
    assert 0 < panel.cases.cellWidget(0, 1).value() < 1000
    assert panel.sync_action.isEnabled() and not panel.cancel_button.isVisible()


def test_not_set_up_says_how(qtbot, tmp_path):
    w = _window(qtbot, tmp_path, None)
    panel = w.sync_panel
    assert panel.hint.isVisible() and "reviewer sync configure" in panel.hint.text()
    assert not panel.sync_action.isEnabled()
    assert not w.sync.sync_now()
    qtbot.keyClick(w, Qt.Key_F5)
    assert not w.sync.running and not panel.error.isVisible()
    assert panel.badge.text().endswith("Sync: not set up")


def test_lock_clears_the_panel(qtbot, tmp_path, double):
    w = _window(qtbot, tmp_path, fhir_config(double))
    w.session.lock()
    assert w.sync_panel.outbox.rowCount() == 0 and w.sync_panel.badge.text() == ""
    assert not w.sync_panel.sync_action.isEnabled()


def test_screenshot_view_sync_draws_a_run_in_progress(tmp_path, double):
    """`--view sync` presses Sync now and draws the window mid-run; the run is then cancelled cleanly."""
    import subprocess

    from PySide6.QtGui import QImage
    from sync_helpers import cli, cli_env
    from support import FAST_KDF, PASSPHRASE
    from reviewer.sync import overview
    from reviewer.workspace import Workspace
    add_case(double, "SO-GUI-0003", documents={"scan.bin": bytes(range(256)) * (24 << 12)})     # 6 MiB
    double.throttle_bps = 2 << 20
    root = tmp_path / "ws"
    Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    env = {**cli_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    r = cli(root, env, "sync", "configure", "--platform-url", double.base, "--owner", "Practitioner/spec-1",
            "--token-stdin", stdin=(TOKEN + "\n").encode())
    assert r.returncode == 0, r.stderr
    png = tmp_path / "sync.png"
    r = subprocess.run([sys.executable, "-m", "ui.launcher", "--workspace", str(root), "--screenshot", str(png),
                        "--view", "sync"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(png))
    assert (img.width(), img.height()) == (1440, 900)
    ws = Workspace.open(root, PASSPHRASE)
    try:
        jobs = overview(ws).jobs
        assert [j.platform_case_id for j in jobs] == ["SO-GUI-0003"]
        assert jobs[0].state == "pending" and ws.cases.list() == []      # drawn mid-run, then cancelled
    finally:
        ws.close()


def test_background_sync_pulls_without_a_key_press(qtbot, tmp_path, double):
    add_case(double, "SO-GUI-0004", documents={"note.txt": b"Second opinion requested.\n"})
    w = _window(qtbot, tmp_path, fhir_config(double))
    assert w.sync.auto.isActive() and w.sync.auto.interval() == 300_000     # every 5 minutes while unlocked
    w.sync.auto.start(200)
    qtbot.waitUntil(lambda: w.worklist.model.rowCount() == 1, timeout=20000)
    assert "New assignment: case SO-GUI-0004" in w.statusBar().currentMessage()
    w.session.lock()
    assert not w.sync.auto.isActive()
