from PySide6.QtCore import QPoint, Qt

from reviewer.annotations import Kind
from support import PASSPHRASE
from test_series_viewer import window_with_series  # noqa: F401  (fixture)


def _drag(qtbot, widget, a, b):
    qtbot.mousePress(widget, Qt.LeftButton, pos=QPoint(*a))
    qtbot.mouseMove(widget, QPoint(*b))
    qtbot.mouseRelease(widget, Qt.LeftButton, pos=QPoint(*b))


def test_length_and_roi_are_drawn_saved_undone_and_persist(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.view.layer is not None, timeout=20000)
    view, layer = viewer.view, viewer.view.layer
    h = layer.hierarchy
    viewer.set_tool("length")
    _drag(qtbot, view, (300, 300), (420, 300))
    viewer.set_tool("ellipse")
    _drag(qtbot, view, (250, 250), (350, 330))
    shapes = layer.annotations(viewer.state.index)
    assert [a.geometry.kind for a in shapes] == [Kind.LINE, Kind.ELLIPSE]
    length_label = layer._label(shapes[0], viewer.state.index)[0]
    mm = float(length_label.split()[0])
    expected = 120 / viewer.state.zoom * viewer.state.col_spacing
    assert length_label.endswith("mm") and abs(mm - expected) < 0.5
    roi = layer._label(shapes[1], viewer.state.index)
    assert roi[0].startswith("Area") and roi[1].startswith("Mean")
    # Undo / redo from the keyboard.
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert len(h.by_target(shapes[0].target)) == 1
    qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert len(h.by_target(shapes[0].target)) == 2
    # Select by clicking on the line and delete it.
    viewer.set_tool("navigate")
    qtbot.mouseClick(view, Qt.LeftButton, pos=QPoint(360, 300))
    qtbot.keyClick(view, Qt.Key_Delete)
    assert [a.geometry.kind for a in layer.annotations(viewer.state.index)] == [Kind.ELLIPSE]
    # Saved at once: lock, unlock, reopen the case, and the ellipse is still there.
    w.session.lock()
    w.session.adopt(w.session.open_workspace(PASSPHRASE))
    w.open_case(w.session.workspace.cases.list()[0].id)
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.view.layer is not None, timeout=20000)
    assert [a.geometry.kind for a in viewer.view.layer.annotations(viewer.state.index)] == [Kind.ELLIPSE]
    actions = [e["action"] for e in w.session.workspace.audit.entries()]
    assert actions.count("annotation.add") == 3 and "annotation.remove" in actions   # the redo re-adds


def test_escape_cancels_a_drawing_without_leaving_the_case(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.view.layer is not None, timeout=20000)
    viewer.set_tool("angle")
    view = viewer.view
    _drag(qtbot, view, (200, 200), (300, 250))      # first arm drawn; waiting for the third point
    assert view.layer.draft
    qtbot.keyClick(view, Qt.Key_Escape)
    assert not view.layer.draft and w.stack.currentWidget() is w.case_view
