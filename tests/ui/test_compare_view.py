"""Prior vs current on the demo neurology case: two FLAIR studies of different days, linked by position."""
import pytest
from PySide6.QtCore import Qt

from reviewer.demo import write_demo_packages
from reviewer.demo.case_breast import CASE_ID as BREAST
from reviewer.demo.case_neuro import CASE_ID as NEURO
from reviewer.demo.case_spine import CASE_ID as SPINE
from reviewer.packages import import_path
from ui_support import window_on_workspace


@pytest.fixture
def neuro_window(qtbot, tmp_path):
    [pkg] = write_demo_packages(tmp_path / "pkgs", skip={BREAST, SPINE})
    w = window_on_workspace(qtbot, tmp_path / "ws", lambda ws: import_path(ws, pkg), size=(1400, 850))
    assert w.case_view.detail.summary.platform_case_id == NEURO
    return w


def test_prior_and_current_scroll_together_by_position(qtbot, neuro_window):
    w = neuro_window
    detail = w.case_view.detail
    assert [s.study_date for s in detail.series] == ["2026-10-28", "2026-04-12"]    # current first
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.volume is not None, timeout=20000)
    actions = viewer.compare_menu.actions()
    assert [a.text() for a in actions] == ["2026-04-12 · MR AX T2 FLAIR (28 images)"]
    assert viewer.compare_button.isEnabled()
    actions[0].trigger()
    compare = w.case_view.compare_view
    qtbot.waitUntil(lambda: w.case_view.viewers.currentWidget() is compare, timeout=20000)
    assert compare.left.title.text().startswith("Prior · 2026-04-12")
    assert compare.right.title.text().startswith("Current · 2026-10-28")
    prior, current = compare.states
    # The prior stack sits 1.5 mm lower: each current slice is linked to the prior slice 1.5 mm away.
    for index in (3, 10, 20):
        current.set_index(index)
        assert prior.index == index and "Δ 1.5 mm" in compare.status.text()
    qtbot.keyClick(compare.left.view, Qt.Key_Down)            # scrolling the prior moves the current
    assert current.index == prior.index == 21
    # Sync here with the prior one slice (5 mm) further on: the link keeps that offset, -3.5 mm from B to A.
    compare.link_box.setChecked(False)
    prior.set_index(current.index + 1)
    compare.sync_here()
    assert "offset -3.5 mm · Δ 0.0 mm" in compare.status.text()
    current.set_index(5)
    assert prior.index == 6
    # Window linked for two MR series.
    current.drag_window(30, 0)
    assert prior.window == current.window
    assert any(e["action"] == "series.compare" for e in w.session.workspace.audit.entries())
    compare.close_button.click()
    assert w.case_view.viewers.currentWidget() is viewer
