"""Linked scrolling by patient position: nearest slice, opposite directions, offsets, refusals."""
import numpy as np
import pytest

from reviewer.imaging.compare import CompareError, SliceDepths, SliceLink
from reviewer.imaging.geometry import Geometry


def axial(first_z: float, step: float, n: int, known: bool = True, normal=(0.0, 0.0, 1.0)) -> Geometry:
    normal = np.asarray(normal, float) / np.linalg.norm(normal)
    row = np.array([1.0, 0.0, 0.0])
    col = np.cross(normal, row)
    positions = tuple(tuple(float(v) for v in (np.array([-100.0, -100.0, 0.0]) + (first_z + i * step) * normal))
                      for i in range(n))
    direction = tuple(tuple(float(v) for v in r) for r in np.column_stack([row, col, normal]))
    return Geometry((1.0, 1.0, abs(step)), positions[0], direction, tuple(tuple(r) for r in np.eye(4)),
                    positions, known)


def test_same_direction_different_spacing_maps_to_the_nearest_slice():
    current = SliceDepths.of(axial(-32.0, 5.0, 28))
    prior = SliceDepths.of(axial(-34.5, 2.5, 60))
    link = SliceLink(current, prior)
    for i in range(28):
        got = link.b_for_a(i)
        assert abs(prior.depths[got.index] - current.depths[i]) == pytest.approx(got.distance_mm)
        assert got.distance_mm <= 1.25 + 1e-9 and not got.outside
    back = link.a_for_b(link.b_for_a(10).index)
    assert back.index == 10


def test_opposite_slice_order_still_links_by_position():
    up = SliceDepths.of(axial(0.0, 3.0, 20))                                   # feet → head
    down = SliceDepths.of(axial(57.0, -3.0, 20))                              # head → feet, same planes
    link = SliceLink(up, down)
    assert [link.b_for_a(i).index for i in range(20)] == list(range(19, -1, -1))
    flipped = SliceDepths.of(axial(-57.0, 3.0, 20, normal=(0, 0, -1)))      # normal reversed
    link = SliceLink(up, flipped)
    assert all(link.b_for_a(i).distance_mm < 1e-6 for i in range(20))


def test_sync_here_sets_an_offset_for_another_frame_of_reference():
    a = SliceDepths.of(axial(0.0, 5.0, 20))
    b = SliceDepths.of(axial(112.0, 5.0, 20))                                 # same anatomy, table moved 112 mm
    link = SliceLink(a, b)
    assert link.b_for_a(5).outside                                           # by raw position: nothing there
    assert link.sync_here(5, 5) == pytest.approx(112.0)
    assert [link.b_for_a(i).index for i in range(20)] == list(range(20))
    assert all(link.a_for_b(i).index == i for i in range(20))


def test_positions_beyond_the_other_series_are_marked_outside():
    link = SliceLink(SliceDepths.of(axial(0.0, 5.0, 40)), SliceDepths.of(axial(50.0, 5.0, 10)))
    assert link.b_for_a(0).outside and link.b_for_a(0).index == 0
    assert not link.b_for_a(12).outside and link.b_for_a(12).index == 2
    assert link.b_for_a(39).outside and link.b_for_a(39).index == 9


def test_different_planes_and_unknown_geometry_are_refused_clearly():
    with pytest.raises(CompareError, match="different planes"):
        SliceLink(SliceDepths.of(axial(0, 5, 10)), SliceDepths.of(axial(0, 5, 10, normal=(1, 0, 0))))
    SliceLink(SliceDepths.of(axial(0, 5, 10)), SliceDepths.of(axial(0, 5, 10, normal=(0, 0.2, 1))))  # 11° gantry tilt
    with pytest.raises(CompareError, match="no patient positions"):
        SliceDepths.of(axial(0, 5, 10, known=False))
