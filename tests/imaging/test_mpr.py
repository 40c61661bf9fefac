"""MPR reslicing: orthogonal views in patient space from any acquisition, oblique planes, the crosshair model."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest

from reviewer.imaging.mpr import (AXIAL, CORONAL, SAGITTAL, MprState, Plane, Reslicer, reslice, rotation)


def affine_of(row_cosine, col_cosine, spacing, origin) -> np.ndarray:
    """DICOM-style affine: columns are row cosine·sx, column cosine·sy, normal·sz; origin of voxel (0,0,0)."""
    r, c = np.asarray(row_cosine, float), np.asarray(col_cosine, float)
    n = np.cross(r, c)
    a = np.eye(4)
    a[:3, 0], a[:3, 1], a[:3, 2] = r * spacing[0], c * spacing[1], n * spacing[2]
    a[:3, 3] = origin
    return a


def sample(field, shape, affine) -> np.ndarray:
    """A volume (k, j, i) holding field(x, y, z) at each voxel centre."""
    K, J, I = shape
    k, j, i = np.meshgrid(np.arange(K), np.arange(J), np.arange(I), indexing="ij")
    pts = np.stack([i, j, k, np.ones_like(i)], axis=-1).reshape(-1, 4).astype(float) @ affine.T
    return field(pts[:, 0], pts[:, 1], pts[:, 2]).reshape(shape).astype(np.float32)


def linear(x, y, z):
    return 3.0 * x - 2.0 * y + 5.0 * z + 7.0


AXIAL_AFFINE = affine_of((1, 0, 0), (0, 1, 0), (0.8, 0.8, 2.0), (-20.0, -24.0, -30.0))


def bright_point_volume(point_mm, affine, shape=(20, 40, 40)):
    arr = np.zeros(shape, np.int16)
    inv = np.linalg.inv(affine)
    i, j, k = np.rint(inv[:3, :3] @ np.asarray(point_mm, float) + inv[:3, 3]).astype(int)
    arr[k, j, i] = 1000
    exact = affine[:3, :3] @ np.array([i, j, k], float) + affine[:3, 3]
    return arr, exact


@pytest.mark.parametrize("view", [AXIAL, CORONAL, SAGITTAL])
def test_bright_voxel_appears_where_the_crosshair_is_in_every_view(view):
    arr, p = bright_point_volume((4.0, -3.0, 6.0), AXIAL_AFFINE)
    with Reslicer(arr, AXIAL_AFFINE, threads=1) as rs:
        state = MprState.for_reslicer(rs)
        state.set_cursor(p)
        sl = rs.view(state.plane(view))
        col, row = sl.from_patient(p)
        assert sl.pixels[int(round(row)), int(round(col))] == pytest.approx(1000)
        assert sl.pixels.max() == pytest.approx(1000)
        assert np.allclose(sl.to_patient(col, row), p, atol=1e-6)


def test_standard_views_follow_radiological_convention():
    """Screen right is patient left (axial, coronal) and posterior (sagittal); screen down is
    posterior (axial) or inferior (coronal, sagittal)."""
    state = MprState(cursor=(0, 0, 0))
    assert np.allclose(state.plane(AXIAL).right, (1, 0, 0)) and np.allclose(state.plane(AXIAL).down, (0, 1, 0))
    assert np.allclose(state.plane(CORONAL).right, (1, 0, 0)) and np.allclose(state.plane(CORONAL).down, (0, 0, -1))
    assert np.allclose(state.plane(SAGITTAL).right, (0, 1, 0)) and np.allclose(state.plane(SAGITTAL).down, (0, 0, -1))


def test_coronal_view_keeps_the_mm_aspect():
    """A coronal cut of 0.8 × 0.8 × 2 mm voxels: rows 2 mm apart, columns 0.8 mm; its size in mm is the volume's."""
    arr = np.zeros((20, 40, 30), np.int16)
    with Reslicer(arr, AXIAL_AFFINE, threads=1) as rs:
        sl = rs.view(MprState.for_reslicer(rs).plane(CORONAL))
    assert sl.pixels.shape == (20, 30)
    assert sl.pixel_spacing == pytest.approx((2.0, 0.8))


def test_sagittal_acquisition_gives_the_same_axial_view_as_an_axial_one():
    """The same patient-space object acquired as sagittal slices (rows along y, columns along -z,
    slices along -x) must produce the axial image of the axial acquisition."""
    field = lambda x, y, z: (np.sin(x / 5.0) + np.cos(y / 7.0) * (z / 10.0)) * 100      # noqa: E731
    axial = affine_of((1, 0, 0), (0, 1, 0), (1.0, 1.0, 1.0), (-10.0, -12.0, -8.0))
    ax_arr = sample(field, (17, 25, 21), axial)                    # x: -10..10, y: -12..12, z: -8..8
    # Sagittal slices: i along +y (rows run A→P), j along -z (top of image superior), k along -x.
    sag = affine_of((0, 1, 0), (0, 0, -1), (1.0, 1.0, 1.0), (10.0, -12.0, 8.0))
    sag_arr = sample(field, (21, 17, 25), sag)
    assert np.allclose(np.linalg.inv(sag) @ [-10, 12, -8, 1], [24, 16, 20, 1])        # the last voxel
    cursor = (2.0, -1.0, 3.0)
    with Reslicer(ax_arr, axial, threads=1) as ra, Reslicer(sag_arr, sag, threads=1) as rsag:
        for view in (AXIAL, CORONAL, SAGITTAL):
            state = MprState(cursor=cursor)
            a = ra.view(state.plane(view))
            b = rsag.view(state.plane(view))
            assert a.pixels.shape == b.pixels.shape, view
            assert np.allclose(a.origin, b.origin) and np.allclose(a.right, b.right) and np.allclose(a.down, b.down)
            assert np.allclose(a.pixels, b.pixels, atol=1e-3), view


def test_oblique_acquisition_is_resliced_into_patient_axes():
    """Oblique slices (rotated 20° about z and 10° about x): the axial view is resliced; trilinear
    interpolation of a linear field is exact, so every in-volume pixel equals the field there."""
    R = rotation((0, 0, 1), math.radians(20)) @ rotation((1, 0, 0), math.radians(10))
    aff = affine_of(R[:, 0], R[:, 1], (0.9, 1.1, 1.5), (-15.0, -15.0, -10.0))
    arr = sample(linear, (16, 30, 30), aff)
    with Reslicer(arr, aff, threads=2) as rs:
        state = MprState.for_reslicer(rs)
        sl = rs.view(state.plane(AXIAL))
        assert sl.pixel_spacing[0] == sl.pixel_spacing[1]
        assert np.allclose(sl.right, (1, 0, 0)) and np.allclose(sl.down, (0, 1, 0))
        rows, cols = sl.pixels.shape
        r, c = np.mgrid[0:rows, 0:cols]
        pts = (np.asarray(sl.origin)[None, None] + c[..., None] * sl.pixel_spacing[1] * np.asarray(sl.right)
               + r[..., None] * sl.pixel_spacing[0] * np.asarray(sl.down))
        expected = linear(pts[..., 0], pts[..., 1], pts[..., 2])
        inside = sl.pixels != rs.fill
        assert inside.mean() > 0.3
        assert np.allclose(sl.pixels[inside], expected[inside], atol=1e-2)


def test_oblique_plane_through_a_known_line():
    """A bright line along direction (1, 1, 0)/√2 through c: an oblique plane containing it shows it
    as a horizontal line through the image centre; the plane rotated 90° about c shows only a dot."""
    aff = affine_of((1, 0, 0), (0, 1, 0), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    arr = np.zeros((40, 40, 40), np.float32)
    for t in range(-12, 13):
        arr[20, 20 + t, 20 + t] = 1000.0                       # x = y = 20 + t, z = 20
    c = (20.0, 20.0, 20.0)
    u = np.array([1.0, 1.0, 0.0]) / math.sqrt(2)
    plane = Plane.make(c, u, (0, 0, -1))
    with Reslicer(arr, aff, threads=1) as rs:
        sl = rs.oblique(plane, (33, 33), math.sqrt(2))          # one pixel per voxel along the line
        row = sl.pixels[16]
        assert np.allclose(row[16 - 12:16 + 13], 1000.0, atol=1e-3)
        assert np.count_nonzero(sl.pixels > 1) == 25
        cross = rs.oblique(Plane.make(c, np.cross(u, (0, 0, 1)), (0, 0, -1)), (33, 33), 1.0)
        assert cross.pixels[16, 16] == pytest.approx(1000.0)
        assert np.count_nonzero(cross.pixels > 500) == 1


def test_reslice_fills_outside_and_matches_nearest_on_grid():
    arr = np.arange(4 * 5 * 6, dtype=np.int16).reshape(4, 5, 6)
    aff = np.eye(4)
    plane = Plane.make((2.5, 2.0, 1.0), (1, 0, 0), (0, 1, 0))
    sl = reslice(arr, aff, plane, (9, 10), 1.0, fill=-7.0)
    # pixel (c, r) is at x = c - 2, y = r - 2: voxel (i, j) = (c - 2, r - 2) inside
    assert sl.pixels[2, 2] == arr[1, 0, 0]
    assert sl.pixels[6, 7] == arr[1, 4, 5]
    assert sl.pixels[0, 0] == -7.0 and sl.pixels[8, 9] == -7.0
    near = reslice(arr, aff, plane, (9, 10), 1.0, fill=-7.0, nearest=True)
    assert np.array_equal(near.pixels[2:7, 2:8], arr[1].astype(np.float32))


def test_threads_give_the_same_image():
    rng = np.random.default_rng(1)
    arr = rng.integers(-1000, 2000, (20, 64, 64), dtype=np.int16)
    plane = Plane.make((30.0, 30.0, 10.0), rotation((1, 2, 3), 0.7)[:, 0], rotation((1, 2, 3), 0.7)[:, 1])
    with Reslicer(arr, np.eye(4), threads=1) as one, Reslicer(arr, np.eye(4), threads=3) as three:
        assert np.array_equal(one.oblique(plane, (200, 150), 0.5).pixels, three.oblique(plane, (200, 150), 0.5).pixels)


# --- the crosshair model ---------------------------------------------------------------------------

def test_cursor_links_views_and_notifies():
    state = MprState(bounds=((-10, -10, -10), (10, 10, 10)), step_mm=2.0)
    seen = []
    state.on_change(seen.append)
    state.set_cursor((1, 2, 3))
    for view in (AXIAL, CORONAL, SAGITTAL):
        assert np.allclose(state.plane(view).centre, (1, 2, 3))
    state.move_along_normal(AXIAL, 1)                       # superior by one step
    assert np.allclose(state.cursor, (1, 2, 5))
    state.move_along_normal(SAGITTAL, 1)                    # sagittal normal is patient right (−x)
    assert np.allclose(state.cursor, (-1, 2, 5))
    state.set_cursor((100, 0, 0))                           # clamped to the volume
    assert state.cursor[0] == 10
    assert seen == ["cursor"] * 4


def test_rotation_makes_other_views_oblique_and_keeps_own_view_upright():
    state = MprState(cursor=(0, 0, 0))
    state.rotate(AXIAL, math.radians(30))
    assert state.oblique
    axial = state.plane(AXIAL)
    assert np.allclose(axial.right, (1, 0, 0)) and np.allclose(axial.down, (0, 1, 0))     # does not spin
    cor = state.plane(CORONAL)
    assert np.allclose(cor.normal, state.normal(CORONAL))
    assert abs(cor.normal @ np.array([0, 1, 0])) == pytest.approx(math.cos(math.radians(30)))
    # planes stay mutually orthogonal and pass through the cursor
    n = np.array([state.normal(v) for v in (AXIAL, CORONAL, SAGITTAL)])
    assert np.allclose(np.abs(n @ n.T), np.eye(3), atol=1e-9)
    # in the axial view, the coronal line turned 30° clockwise on screen (screen y down)
    d = state.crosshair_directions(AXIAL)[CORONAL]
    ang = math.degrees(math.atan2(d @ axial.down, d @ axial.right)) % 180
    assert ang == pytest.approx(30.0)
    state.reset()
    assert not state.oblique


def test_oblique_timing_print():
    """Times a 512×512 oblique slice of a 128×512×512 int16 volume (printed, not asserted)."""
    rng = np.random.default_rng(0)
    arr = rng.integers(-1000, 2000, (128, 512, 512), dtype=np.int16)
    aff = affine_of((1, 0, 0), (0, 1, 0), (0.7, 0.7, 2.5), (-180.0, -180.0, -100.0))
    R = rotation((1, 1, 0), 0.5)
    plane = Plane.make((aff @ [256, 256, 64, 1])[:3], R[:, 0], R[:, 1])
    with Reslicer(arr, aff) as rs:
        for nearest in (False, True):
            times = []
            for _ in range(10):
                t = time.perf_counter()
                rs.oblique(plane, (512, 512), 0.7, nearest=nearest)
                times.append(time.perf_counter() - t)
            print(f"\noblique 512x512 {'nearest' if nearest else 'trilinear'}: "
                  f"median {np.median(times) * 1e3:.2f} ms, min {min(times) * 1e3:.2f} ms")


def test_wheel_steps_one_slice_along_each_normal():
    arr = np.zeros((20, 40, 40), np.int16)
    with Reslicer(arr, AXIAL_AFFINE, threads=1) as rs:
        state = MprState.for_reslicer(rs)
        assert np.allclose(np.linalg.inv(AXIAL_AFFINE) @ [*state.cursor, 1], [20, 20, 10, 1])   # on a voxel
        assert state.step(AXIAL) == pytest.approx(2.0)
        assert state.step(CORONAL) == pytest.approx(0.8)
        state.move_along_normal(AXIAL, 2)
        assert state.cursor[2] == pytest.approx(AXIAL_AFFINE[2, 3] + 2.0 * 12)
