import json
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from support import FAST_KDF, PASSPHRASE
from casepackages import build_package, write_sums
from reviewer.errors import KeyringUnavailable
from reviewer.packages import import_path
from reviewer.session import Session
from reviewer.workspace import Workspace
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks


class Clock:
    t = 0.0

    def __call__(self):
        return self.t


@pytest.fixture
def populated(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    for i, (prio, family) in enumerate([("routine", "Testpatient"), ("stat", "Demo-Example"), ("urgent", "Fakename")]):
        pkg = build_package(tmp_path / f"pkg{i}", case_id=f"SO-UI-{i}", family=family, given="Pat", dicom_from=None)
        m = json.loads((pkg / "manifest.json").read_text())
        m["entry"][0]["resource"]["priority"] = prio
        (pkg / "manifest.json").write_text(json.dumps(m))
        write_sums(pkg)
        import_path(ws, pkg)
    ws.close()
    return root


@pytest.fixture
def window(qtbot, populated):
    clock = Clock()
    session = Session(populated, idle_seconds=600, clock=clock)
    w = MainWindow(session, BackgroundTasks())
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    w.clock = clock
    return w


def unlock(qtbot, w, passphrase=PASSPHRASE):
    w.unlock_screen.passphrase.setText(passphrase)
    qtbot.keyClick(w.unlock_screen.passphrase, Qt.Key_Return)


def visible_texts(widget):
    return " ".join(l.text() for l in widget.findChildren(QLabel) if l.isVisible())


def test_unlock_worklist_filter_sort_open_and_lock(qtbot, window):
    w = window
    assert w.stack.currentWidget() is w.unlock_screen
    unlock(qtbot, w, "wrong passphrase!")
    qtbot.waitUntil(lambda: "not correct" in w.unlock_screen.error.text(), timeout=10000)
    unlock(qtbot, w)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.worklist, timeout=10000)
    assert w.worklist.proxy.rowCount() == 3
    # Sort by priority: STAT first.
    w.worklist.table.sortByColumn(4, Qt.AscendingOrder)
    first = w.worklist.proxy.index(0, 1).data()
    assert first == "Demo-Example, Pat"
    qtbot.keyClicks(w.worklist.filter, "fakename")
    assert w.worklist.proxy.rowCount() == 1 and "1 of 3" in w.worklist.count.text()
    w.worklist.filter.clear()
    # Open a case with the keyboard.
    w.worklist.table.setFocus()
    w.worklist.table.selectRow(0)
    w.worklist.open_selected()
    assert w.stack.currentWidget() is w.case_view
    assert w.case_view.banner.name.text() == "Demo-Example, Pat"
    assert "SO-UI-1" in w.case_view.banner.case.text()
    assert w.case_view.items.topLevelItem(0).text(0) == "Documents (2)"
    assert w.session.workspace.audit.entries()[-1]["action"] == "case.open"
    ws = w.session.workspace
    # Ctrl+L locks: keys dropped, views cleared, lock screen shown.
    qtbot.keyClick(w, Qt.Key_L, Qt.ControlModifier)
    assert w.stack.currentWidget() is w.unlock_screen and ws.locked and not w.session.unlocked
    assert w.worklist.model.rowCount() == 0 and w.case_view.detail is None
    assert "Pat" not in visible_texts(w)


def test_idle_auto_lock(qtbot, window):
    w = window
    unlock(qtbot, w)
    qtbot.waitUntil(lambda: w.session.unlocked, timeout=10000)
    w.clock.t += 601
    assert w.session.lock_if_idle()
    assert w.stack.currentWidget() is w.unlock_screen


def test_create_mode_without_keyring_requires_explicit_choice(qtbot, tmp_path):
    def no_keyring():
        raise KeyringUnavailable("No OS keyring is available on this machine.")
    session = Session(tmp_path / "new", device_factory=no_keyring, workspace_kwargs={"kdf": FAST_KDF})
    w = MainWindow(session, BackgroundTasks())
    qtbot.addWidget(w)
    w.show()
    u = w.unlock_screen
    assert "No OS keyring" in u.info.text() and u.passphrase_only.isVisible()
    u.passphrase.setText(PASSPHRASE)
    u.confirm.setText(PASSPHRASE)
    u.submit()
    assert "tick the passphrase-only option" in u.error.text() and not session.exists
    u.passphrase_only.setChecked(True)
    u.submit()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.worklist, timeout=10000)
    assert session.workspace.keyfile.device_store == "none"
    w.session.lock()


def test_screenshot_command_draws_worklist(populated, tmp_path):
    import os
    png = tmp_path / "shot.png"
    env = {**os.environ, "REVIEWER_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "ui.launcher", "--workspace", str(populated), "--screenshot", str(png),
                        "--view", "worklist"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage
    img = QImage(str(png))
    assert img.width() == 1440 and img.height() == 900
    colours = {img.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 23)}
    assert len(colours) > 5, "the screenshot is blank"


def test_import_from_the_window_runs_in_background_and_refuses_bad_packages(qtbot, window, tmp_path, monkeypatch):
    w = window
    unlock(qtbot, w)
    qtbot.waitUntil(lambda: w.session.unlocked, timeout=10000)
    w.run_import(build_package(tmp_path / "newpkg", case_id="SO-UI-NEW", dicom_from=None))
    qtbot.waitUntil(lambda: w.worklist.model.rowCount() == 4, timeout=20000)
    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda parent, title, exc: shown.append(str(exc)))
    bad = build_package(tmp_path / "badpkg", case_id="SO-UI-BAD", dicom_from=None)
    (bad / "documents" / "questions.txt").write_text("tampered")
    w.run_import(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "questions.txt" in shown[0] and "manifest says" in shown[0] and w.worklist.model.rowCount() == 4
    w.session.lock()
