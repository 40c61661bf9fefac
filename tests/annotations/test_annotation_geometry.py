"""Geometry and model validation: bad values are refused with a clear AnnotationError."""
import numpy as np
import pytest

from reviewer.annotations import Annotation, AnnotationError, Classification, Geometry, Kind, Target


def test_points_are_read_only_and_closing_point_dropped():
    src = np.array([[0, 0], [4, 0], [4, 4], [0, 0]], dtype=float)
    g = Geometry("polygon", src)
    src[0, 0] = 99
    assert g.points.tolist() == [[0, 0], [4, 0], [4, 4]]
    with pytest.raises(ValueError):
        g.points[0, 0] = 1
    assert g.bbox == (0, 0, 4, 4)
    assert g == Geometry("polygon", [[0, 0], [4, 0], [4, 4]])
    assert hash(g) == hash(Geometry("polygon", [[0, 0], [4, 0], [4, 4]]))


@pytest.mark.parametrize("kind, points", [
    ("line", [[0, 0]]), ("angle", [[0, 0], [1, 1]]), ("polygon", [[0, 0], [1, 1]]),
    ("point", [[0, float("nan")]]), ("rectangle", [[0, 0], [1, float("inf")]]),
    ("triangle", [[0, 0], [1, 1], [2, 2]]), ("polyline", [[0, 0, 0], [1, 1, 1]]), ("line", [["a", 0], [1, 1]]),
])
def test_bad_geometry_refused(kind, points):
    with pytest.raises(AnnotationError):
        Geometry(kind, points)


def test_vertex_edits_return_new_geometries():
    g = Geometry("polygon", [[0, 0], [4, 0], [4, 4]])
    assert g.with_vertex(1, 5, 0).points[1].tolist() == [5, 0]
    assert g.with_inserted_vertex(3, 0, 4).points.tolist() == [[0, 0], [4, 0], [4, 4], [0, 4]]
    with pytest.raises(AnnotationError, match="3 or more"):
        g.without_vertex(0)
    with pytest.raises(AnnotationError, match="no vertex"):
        g.with_vertex(7, 0, 0)
    with pytest.raises(AnnotationError, match="cannot be added"):
        Geometry("line", [[0, 0], [1, 1]]).with_inserted_vertex(1, 2, 2)
    assert g.translated(1, 2).points.tolist() == [[1, 2], [5, 2], [5, 6]]
    assert g.points.tolist() == [[0, 0], [4, 0], [4, 4]]


def test_ellipse_outline_bbox_exact():
    g = Geometry("ellipse", [[10, 20], [30, 60]])
    o = g.outline()
    assert np.allclose([o[:, 0].min(), o[:, 1].min(), o[:, 0].max(), o[:, 1].max()], [10, 20, 30, 60])


def test_target_forms():
    s = Target.series("1.2.3", 4)
    assert s.to_dict() == {"kind": "series", "uid": "1.2.3", "frame": 4}
    assert Target.slide("S1").to_dict() == {"kind": "slide", "id": "S1"}
    assert Target.from_key(s.key) == s
    assert Target.from_key(Target.slide("S1").key) == Target.slide("S1")
    assert Target.series("1.2.3", "1.2.3.4") != Target.series("1.2.3", 4)
    for bad in (lambda: Target("volume", "x"), lambda: Target.series(""), lambda: Target.series("1", -1),
                lambda: Target("slide", "s", 3)):
        with pytest.raises(AnnotationError):
            bad()


def test_annotation_validation():
    g = Geometry("point", [[1, 1]])
    a = Annotation.create("c", Target.slide("s"), g)
    assert len(a.id) == 32 and a.kind == Kind.POINT and a.created == a.modified
    with pytest.raises(AnnotationError):
        Annotation.create("c", Target.slide("s"), g, id="not-an-id")
    with pytest.raises(AnnotationError):
        Classification("Tumour", (256, 0, 0))
    with pytest.raises(AnnotationError):
        Classification("", (1, 2, 3))
