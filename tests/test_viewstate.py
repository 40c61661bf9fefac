import numpy as np
import pytest

from reviewer.imaging.display import CT_PRESETS, DisplayMapper, Window, auto_window
from reviewer.imaging.viewstate import SliceViewState, orientation_letters, scale_bar


def test_axial_orientation_letters():
    # Axial: rows run to the patient's left, columns posterior → screen right = L, bottom = P.
    assert orientation_letters([1, 0, 0], [0, 1, 0]) == {"right": "L", "left": "R", "bottom": "P", "top": "A"}
    # Sagittal: row cosine anterior→posterior, column cosine downwards.
    assert orientation_letters([0, 1, 0], [0, 0, -1]) == {"right": "P", "left": "A", "bottom": "I", "top": "S"}


def test_window_mapping_follows_dicom_linear_function():
    m = DisplayMapper()
    px = np.array([[-1000, -160, 40, 240, 3000]], dtype=np.int16)
    out = m.render(px, Window(40, 400))
    assert out[0, 0] == 0 and out[0, 4] == 255 and 126 <= out[0, 2] <= 128
    assert (m.render(px, Window(40, 400), invert=True) == 255 - out).all()
    f = m.render(px.astype(np.float32), Window(40, 400))
    assert np.abs(f.astype(int) - out.astype(int)).max() <= 1


def test_presets_and_auto_window():
    assert CT_PRESETS["Lung"] == Window(-600, 1500)
    w = auto_window(np.linspace(0, 1000, 10000).reshape(100, 100))
    assert 0 < w.centre < 1000 and w.width > 500


def test_scroll_clamps_and_cine_wraps():
    s = SliceViewState(10, 64, 64)
    events = []
    s.on_change(events.append)
    s.scroll(-100)
    assert s.index == 0
    s.scroll(100)
    assert s.index == 9
    s.cine_step()
    assert s.index == 0 and events.count("slice") == 3


def test_zoom_about_cursor_keeps_point_fixed():
    s = SliceViewState(1, 200, 100, pixel_spacing=(0.5, 0.5))
    s.resize(400, 400)
    before = s.screen_to_image(250, 120)
    s.zoom_by(2.5, anchor=(250, 120))
    after = s.screen_to_image(250, 120)
    assert after == pytest.approx(before)
    s.fit_to_window()
    x, y, w, h = s.image_rect()
    assert h == pytest.approx(400) and w == pytest.approx(200)


def test_non_square_pixels_keep_aspect():
    s = SliceViewState(1, 100, 100, pixel_spacing=(2.0, 1.0))   # rows 2 mm apart, columns 1 mm
    s.resize(600, 600)
    _, _, w, h = s.image_rect()
    assert h == pytest.approx(2 * w)


def test_scale_bar_picks_nice_length():
    assert scale_bar(0.5, 100) == (50, 100)
    mm, px = scale_bar(0.7, 150)
    assert mm == 100 and px == pytest.approx(100 / 0.7)
