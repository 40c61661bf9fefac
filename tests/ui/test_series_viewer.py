import pytest
from PySide6.QtCore import Qt

from casepackages import build_package
from reviewer.packages import import_path
from ui_support import window_on_workspace
from ui.tasks import BackgroundTasks


@pytest.fixture
def window_with_series(qtbot, tmp_path):
    return window_on_workspace(qtbot, tmp_path / "ws", lambda ws: import_path(ws, build_package(tmp_path / "pkg")))


def test_selecting_a_series_loads_it_from_the_encrypted_store(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.state is not None and viewer.state.slices > 1, timeout=20000)
    assert w.case_view.viewers.currentWidget() is viewer
    assert "images" in viewer.status.text() and viewer.slider.isEnabled()
    start = viewer.state.index
    qtbot.keyClick(viewer.view, Qt.Key_Down)
    assert viewer.state.index == start + 1 and viewer.slider.value() == start + 1
    assert any(e["action"] == "series.view" for e in w.session.workspace.audit.entries())
    # Leaving the case clears the viewer.
    w.show_worklist()
    assert viewer.state is None


def test_tampered_series_shows_a_clear_message(qtbot, window_with_series):
    w = window_with_series
    ws = w.session.workspace
    series = w.case_view.detail.series[0]
    path = ws.blobs.path(series.blob_ids[0])
    raw = bytearray(path.read_bytes())
    raw[200] ^= 1
    path.write_bytes(bytes(raw))
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.status.text() == "Not shown", timeout=20000)
    assert "integrity check" in viewer.view.message


def test_tag_browser_follows_the_slice(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.state is not None and viewer.state.slices > 1, timeout=20000)
    viewer.tags_button.setChecked(True)
    assert viewer.tags.isVisible() and viewer.tags.tree.topLevelItemCount() > 10
    first = viewer.tags.title.text()
    viewer.state.scroll(1)
    assert viewer.tags.title.text() != first
    viewer.tags.search.setText("ImagePositionPatient")
    assert viewer.tags.tree.topLevelItemCount() == 1


def test_series_thumbnails_appear(qtbot, window_with_series):
    w = window_with_series
    items = list(w.case_view._series_items())
    w.case_view.select_first_series()       # a series load must not cancel the thumbnails
    qtbot.waitUntil(lambda: all(not i.icon(0).isNull() for i in items), timeout=20000)


def test_mpr_and_3d_tabs_build_from_the_loaded_series(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.volume is not None, timeout=20000)
    viewer.tabs.setCurrentIndex(1)
    assert "MPR" in viewer._shown
    # The test series is a thin 4-slice sagittal stack: MPR either shows it or says why not.
    assert viewer.mpr.reslicer is not None or viewer.volume.is_volume is False
    viewer.tabs.setCurrentIndex(0)
    w.show_worklist()
    assert viewer.volume is None and not viewer._shown


def test_a_failure_while_showing_a_result_reaches_the_error_handler(qtbot):
    tasks = BackgroundTasks()
    errors = []

    def show(_):
        raise RuntimeError("boom")
    tasks.run(lambda: 42, show, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], RuntimeError)
