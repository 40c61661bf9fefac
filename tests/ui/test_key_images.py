"""Key image capture from the 2D view: kept encrypted in the case, listed, captioned, removed."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from test_measurements import _drag
from test_series_viewer import window_with_series  # noqa: F401  (fixture)


def test_k_captures_the_view_with_its_measurement_into_the_case(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.view.layer is not None, timeout=20000)
    viewer.set_tool("length")
    _drag(qtbot, viewer.view, (300, 300), (420, 300))
    viewer.set_tool("navigate")
    qtbot.keyClick(viewer.view, Qt.Key_K)
    ws = w.session.workspace
    case_id = w.case_view.detail.summary.id
    [ki] = ws.key_images.list(case_id)
    assert ki.source == "series" and ki.details["slice"] == viewer.state.index
    assert ki.caption.endswith(f"image {viewer.state.index + 1} of {viewer.state.slices}")
    assert abs(ki.pixel_spacing_mm - viewer.state.mm_per_screen_pixel()) < 1e-9
    picture = QImage.fromData(ws.key_images.png(ki.id), "PNG")
    assert (picture.width(), picture.height()) == (viewer.view.width(), viewer.view.height())
    # The (light blue) length line is in the picture.
    def on_line(x):
        return any(picture.pixelColor(x, y).blue() > 180 and picture.pixelColor(x, y).red() < 150
                   for y in (299, 300, 301))
    assert sum(on_line(x) for x in range(310, 411, 10)) >= 9
    # Listed in the case; selecting it shows the panel; the caption edit is saved.
    group = w.case_view.key_images_group
    assert group.text(0) == "Key images (1)" and group.childCount() == 1
    w.case_view.items.setCurrentItem(group.child(0))
    panel = w.case_view.key_image_panel
    assert w.case_view.viewers.currentWidget() is panel
    panel.caption.setText("Left breast mass, 21 mm")
    panel.caption.editingFinished.emit()
    assert ws.key_images.get(ki.id).caption == "Left breast mass, 21 mm"
    panel.remove.click()
    assert ws.key_images.list(case_id) == []
    assert w.case_view.key_images_group.text(0) == "Key images (0)"


def test_key_image_leaves_out_the_patient_lines(qtbot, window_with_series):
    w = window_with_series
    viewer = w.case_view.series_viewer
    w.case_view.select_first_series()
    qtbot.waitUntil(lambda: viewer.view.layer is not None, timeout=20000)
    shown = viewer.view.grab().toImage().convertToFormat(QImage.Format_RGB888)
    key = viewer.view.key_image()
    h = key.height()

    def differing(y0, y1):
        # text antialiasing differs a little between the screen and an RGB888 picture: count clear differences
        return sum(1 for x in range(8, 200, 2) for y in range(y0, y1, 2)
                   if abs(shown.pixelColor(x, y).lightness() - key.pixelColor(x, y).lightness()) > 100)
    assert differing(8, 44) > 20          # the patient's name, MRN and birth date: on screen only
    assert differing(h - 40, h - 8) == 0  # the image number and position: in both
