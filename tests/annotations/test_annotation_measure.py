"""Measurements against hand-computed values, including anisotropic pixels."""
import math

import numpy as np
import pytest

from reviewer.annotations import AnnotationError, Geometry, PixelSize, measure
from reviewer.annotations.measure import PIXELS, angle_degrees, area, ellipse_perimeter, length, perimeter, to_mm2

# DICOM PixelSpacing is (row, column): rows 0.5 mm apart, columns 0.8 mm apart
CT = PixelSize.dicom((0.5, 0.8))


def test_dicom_pixel_spacing_order():
    assert (CT.x, CT.y, CT.unit) == (0.8, 0.5, "mm")


def test_line_length_anisotropic():
    g = Geometry("line", [[0, 0], [3, 4]])
    assert length(g) == pytest.approx(5.0)
    assert length(g, CT) == pytest.approx(math.sqrt((3 * 0.8) ** 2 + (4 * 0.5) ** 2))   # 3.1241 mm
    assert measure(g, CT).length == pytest.approx(3.124099870362662)


def test_polyline_length_sums_segments():
    g = Geometry("polyline", [[0, 0], [10, 0], [10, 10]])
    assert length(g, CT) == pytest.approx(10 * 0.8 + 10 * 0.5)


def test_slide_length_in_microns():
    g = Geometry("line", [[100, 100], [500, 100]])
    assert length(g, PixelSize.slide(0.25, 0.25)) == pytest.approx(100.0)


def test_polygon_area_and_perimeter():
    tri = Geometry("polygon", [[0, 0], [4, 0], [0, 3]])
    assert area(tri) == pytest.approx(6.0)
    assert perimeter(tri) == pytest.approx(12.0)
    assert area(tri, CT) == pytest.approx(6 * 0.8 * 0.5)
    assert perimeter(tri, CT) == pytest.approx(4 * 0.8 + 3 * 0.5 + math.hypot(4 * 0.8, 3 * 0.5))


def test_polygon_with_hole_subtracts_it():
    g = Geometry("polygon", [[0, 0], [10, 0], [10, 10], [0, 10]], holes=([[2, 2], [4, 2], [4, 4], [2, 4]],))
    assert area(g) == pytest.approx(100 - 4)
    assert perimeter(g) == pytest.approx(40 + 8)


def test_rectangle_area_perimeter_anisotropic():
    g = Geometry("rectangle", [[10, 20], [0, 0]])     # corners in any order
    assert g.points.tolist() == [[0, 0], [10, 20]]
    m = measure(g, CT)
    assert m.area == pytest.approx(8 * 10)
    assert m.perimeter == pytest.approx(2 * (8 + 10))


def test_ellipse_area_is_pi_ab_and_circle_perimeter_exact():
    g = Geometry("ellipse", [[0, 0], [200, 120]])
    assert area(g) == pytest.approx(math.pi * 100 * 60)
    assert area(g, CT) == pytest.approx(math.pi * 100 * 0.8 * 60 * 0.5)
    circle = Geometry("ellipse", [[0, 0], [20, 20]])
    assert perimeter(circle) == pytest.approx(2 * math.pi * 10)


def test_ellipse_perimeter_matches_fine_polygon():
    a, b = 100.0, 30.0
    t = np.linspace(0, 2 * np.pi, 200_001)
    exact = np.hypot(np.diff(a * np.cos(t)), np.diff(b * np.sin(t))).sum()
    assert ellipse_perimeter(a, b) == pytest.approx(exact, rel=1e-6)
    # anisotropic pixels: a circle in pixels is an ellipse in mm
    g = Geometry("ellipse", [[0, 0], [100, 100]])
    assert perimeter(g, CT) == pytest.approx(ellipse_perimeter(50 * 0.8, 50 * 0.5))


def test_angle_in_physical_space():
    g = Geometry("angle", [[10, 0], [0, 0], [0, 10]])
    assert measure(g).angle == pytest.approx(90.0)
    assert angle_degrees((1, 0), (0, 0), (1, 1)) == pytest.approx(45.0)
    # y pixels twice as tall: (1, 1) px is (1, 2) physically -> atan(2) = 63.43 degrees
    assert angle_degrees((1, 0), (0, 0), (1, 1), PixelSize(1.0, 2.0, "mm")) == pytest.approx(math.degrees(math.atan(2)))
    assert math.isnan(angle_degrees((0, 0), (0, 0), (1, 1)))


def test_area_units_to_mm2():
    g = Geometry("rectangle", [[0, 0], [1000, 1000]])
    m = measure(g, PixelSize.slide(0.5, 0.5))
    assert m.unit == "µm"
    assert m.area == pytest.approx(250_000.0)
    assert m.area_mm2 == pytest.approx(0.25)
    assert to_mm2(3.0, "mm") == 3.0
    assert measure(g, PIXELS).area_mm2 is None


def test_measure_by_kind():
    assert measure(Geometry("point", [[1, 2]])).length is None
    assert measure(Geometry("arrow", [[0, 0], [0, 5]], text="lesion")).length == pytest.approx(5)
    with pytest.raises(AnnotationError):
        area(Geometry("line", [[0, 0], [1, 1]]))
    with pytest.raises(AnnotationError):
        PixelSize(0, 1)
