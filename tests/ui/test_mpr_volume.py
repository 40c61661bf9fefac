"""MPR widget (three linked viewports) and the VTK 3D view, offscreen."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from reviewer.imaging.display import Window
from reviewer.imaging.mpr import AXIAL, CORONAL, SAGITTAL
from viewers.dicom.mpr_view import MprView
from viewers.dicom.volume_view import VR_PRESETS, VolumeView, image_data

SPACING = (1.5, 1.5, 2.5)


def ct_like(slices: int = 40, size: int = 96) -> tuple[np.ndarray, np.ndarray]:
    """A small chest-like CT (HU): body, lungs, a spine (bone), an aorta (contrast), in LPS."""
    z, y, x = np.meshgrid(np.arange(slices), np.arange(size), np.arange(size), indexing="ij")
    u, v = (x - size / 2) / (size / 2), (y - size / 2) / (size / 2)
    hu = np.full(z.shape, -1000, np.int16)
    hu[(u / 0.85) ** 2 + (v / 0.6) ** 2 < 1] = 40
    hu[((np.abs(u) - 0.4) / 0.3) ** 2 + (v / 0.4) ** 2 < 1] = -800
    hu[u ** 2 + (v - 0.4) ** 2 < 0.12 ** 2] = 800                      # spine, posterior
    hu[(u - 0.15) ** 2 + (v - 0.05) ** 2 < 0.09 ** 2] = 300            # aorta
    affine = np.diag([*SPACING, 1.0])
    affine[:3, 3] = (-size / 2 * SPACING[0], -size / 2 * SPACING[1], -slices / 2 * SPACING[2])
    return hu, affine


@pytest.fixture
def mpr(qtbot):
    view = MprView(threads=1)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    arr, affine = ct_like()
    view.set_volume(arr, affine, Window(40, 400))
    qtbot.waitExposed(view)
    return view, arr, affine


def _grey(widget) -> np.ndarray:
    img = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_Grayscale8)
    ptr = img.constBits()
    return np.frombuffer(ptr, np.uint8, img.bytesPerLine() * img.height()).reshape(img.height(), -1)[:, :img.width()]


def test_three_views_show_the_volume(mpr):
    view, arr, _ = mpr
    assert set(view.viewports) == {AXIAL, CORONAL, SAGITTAL}
    shapes = {}
    for name, vp in view.viewports.items():
        sl = vp.current_slice()
        assert sl is not None
        shapes[name] = sl.pixels.shape
        grey = _grey(vp)
        assert grey.std() > 10, name                   # not blank
    assert shapes[AXIAL] == (96, 96)
    assert shapes[CORONAL] == (40, 96) and shapes[SAGITTAL] == (40, 96)
    # coronal rows are 2.5 mm, columns 1.5 mm: the painted image keeps the mm aspect
    cor = view.viewports[CORONAL]
    r = cor.image_rect(cor.current_slice())
    assert r.width() / r.height() == pytest.approx((96 * 1.5) / (40 * 2.5), rel=1e-6)


def test_click_moves_the_crosshair_in_the_other_views(mpr, qtbot):
    view, _, _ = mpr
    ax = view.viewports[AXIAL]
    target = np.array([20.0, -15.0, view.state.cursor[2]])
    p = ax.patient_to_screen(target)
    qtbot.mouseClick(ax, Qt.LeftButton, pos=QPoint(round(p.x()), round(p.y())))
    assert np.allclose(view.state.cursor[:2], target[:2], atol=2.0)
    # the coronal plane moved to the clicked y, the sagittal plane to the clicked x
    assert view.viewports[CORONAL].current_slice().origin[1] == pytest.approx(view.state.cursor[1], abs=1e-6)
    assert view.viewports[SAGITTAL].current_slice().origin[0] == pytest.approx(view.state.cursor[0], abs=1e-6)
    # and the crosshair drawn in the coronal view is at the cursor's x
    cor = view.viewports[CORONAL]
    c = cor.patient_to_screen(view.state.cursor)
    assert c.x() == pytest.approx(cor.patient_to_screen(target).x(), abs=0.5)


def test_keys_move_along_the_normal_and_window_is_shared(mpr, qtbot):
    view, _, _ = mpr
    ax = view.viewports[AXIAL]
    z0 = view.state.cursor[2]
    ax.setFocus()
    qtbot.keyClick(ax, Qt.Key_Down)                      # one slice (2.5 mm) along the axial normal
    assert view.state.cursor[2] == pytest.approx(z0 + 2.5)
    qtbot.keyClick(view.viewports[CORONAL], Qt.Key_Down)  # one row (1.5 mm) posterior
    assert view.state.cursor[2] == pytest.approx(z0 + 2.5)
    before = {n: _grey(vp).mean() for n, vp in view.viewports.items()}
    view.set_window(Window(-600, 1500))                  # lung
    after = {n: _grey(vp).mean() for n, vp in view.viewports.items()}
    assert all(after[n] != before[n] for n in before)
    assert all(vp.owner.window == Window(-600, 1500) for vp in view.viewports.values())


def test_ctrl_drag_rotates_into_oblique_mpr(mpr, qtbot):
    view, _, _ = mpr
    ax = view.viewports[AXIAL]
    c = ax.patient_to_screen(view.state.cursor)
    start = QPoint(round(c.x() + 100), round(c.y()))
    end = QPoint(round(c.x() + 100 * math.cos(0.5)), round(c.y() + 100 * math.sin(0.5)))
    qtbot.mousePress(ax, Qt.LeftButton, Qt.ControlModifier, start)
    qtbot.mouseMove(ax, end)
    qtbot.mouseRelease(ax, Qt.LeftButton, Qt.ControlModifier, end)
    assert view.state.oblique
    d = view.state.crosshair_directions(AXIAL)[CORONAL]
    assert math.atan2(d[1], d[0]) % math.pi == pytest.approx(0.5, abs=0.03)     # the line followed the mouse
    cor = view.viewports[CORONAL].current_slice()
    assert cor.pixel_spacing[0] == cor.pixel_spacing[1]                 # resliced (oblique) image
    assert _grey(view.viewports[CORONAL]).std() > 10
    view.state.reset()
    assert not view.state.oblique


def test_mpr_refuses_a_colour_stack(qtbot):
    view = MprView(threads=1)
    qtbot.addWidget(view)
    view.set_volume(np.zeros((3, 8, 8, 3), np.uint8), np.eye(4))
    assert view.state is None and "grey" in view.message


def test_image_data_keeps_lps_geometry():
    arr, affine = ct_like(8, 16)
    tilted = affine.copy()
    tilted[:3, :3] = np.array([[0, 0, -1], [1, 0, 0], [0, -1, 0]]) @ np.diag(SPACING)     # sagittal slices
    img = image_data(arr, tilted)
    assert img.GetDimensions() == (16, 16, 8)
    assert img.GetSpacing() == pytest.approx(SPACING)
    # voxel (i, j, k) = (3, 5, 7) maps to the same mm point as the affine says
    out = [0.0, 0.0, 0.0]
    img.TransformContinuousIndexToPhysicalPoint((3, 5, 7), out)
    assert out == pytest.approx(list((tilted @ [3, 5, 7, 1])[:3]))
    assert img.GetPointData().GetScalars().GetValue(7 * 256 + 5 * 16 + 3) == arr[7, 5, 3]


def test_volume_rendering_offscreen_for_each_preset(qtbot):
    view = VolumeView()
    qtbot.addWidget(view)
    view.resize(260, 260)
    view.show()
    qtbot.waitExposed(view)
    arr, affine = ct_like()
    view.set_volume(arr, affine)
    stats = {}
    for name in VR_PRESETS:
        view.set_preset(name)
        frame = view.viewport.render_now()
        assert frame is not None and frame.ndim == 3
        assert frame.std() > 5 and (frame.max(axis=2) > 30).mean() > 0.01, name    # not blank
        stats[name] = (float(frame.mean()), frame[..., 0].mean() - frame[..., 2].mean())
    names = list(stats)
    for i, a in enumerate(names):                      # every preset looks different
        for b in names[i + 1:]:
            assert abs(stats[a][0] - stats[b][0]) > 1.0 or abs(stats[a][1] - stats[b][1]) > 1.0, (a, b)
    assert abs(stats["MIP"][1]) < 1.0                  # MIP is grey; the others are tinted
    assert stats["Angio"][1] > 1.0
    # mouse rotation changes the picture
    before = view.viewport.render_now().copy()
    vp = view.viewport
    qtbot.mousePress(vp, Qt.LeftButton, pos=QPoint(100, 130))
    qtbot.mouseMove(vp, QPoint(180, 130))
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=QPoint(180, 130))
    after = view.viewport.render_now()
    assert np.abs(after.astype(int) - before.astype(int)).mean() > 1.0


def test_drag_previews_then_full_quality(mpr, qtbot):
    """While rotating, oblique views are nearest-neighbour previews; releasing the mouse restores trilinear."""
    view, _, _ = mpr
    view.state.rotate(AXIAL, 0.3)
    cor = view.viewports[CORONAL]
    full = cor.current_slice().pixels.copy()
    ax = view.viewports[AXIAL]
    c = ax.patient_to_screen(view.state.cursor)
    start = QPoint(round(c.x() + 80), round(c.y()))
    qtbot.mousePress(ax, Qt.LeftButton, Qt.ControlModifier, start)
    assert view.interacting
    qtbot.mouseRelease(ax, Qt.LeftButton, Qt.ControlModifier, start)
    assert not view.interacting
    assert np.array_equal(cor.current_slice().pixels, full)
