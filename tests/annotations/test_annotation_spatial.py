"""Spatial index against brute force, and level-of-detail simplification."""
import numpy as np
import pytest

from reviewer.annotations import AnnotationHierarchy, Geometry
from reviewer.annotations.simplify import LevelOfDetail, bucket, douglas_peucker
from reviewer.annotations.spatial import GridIndex

from annotation_samples import CASE, SLIDE, Clock, blob, polygon, random_polygons


def brute(boxes: dict, x0, y0, x1, y1):
    return {k for k, (a, b, c, d) in boxes.items() if a <= x1 and c >= x0 and b <= y1 and d >= y0}


def queries(rng, n=300):
    for _ in range(n):
        cx, cy = rng.uniform(-5_000, 105_000), rng.uniform(-5_000, 85_000)
        w = 10 ** rng.uniform(0, 5.2)                          # from 1 px to beyond the whole slide
        yield cx, cy, cx + w, cy + w * rng.uniform(0.3, 1.5)
    yield -1e12, -1e12, 1e12, 1e12
    yield -np.inf, -np.inf, np.inf, np.inf


def test_grid_matches_brute_force_with_churn():
    rng = np.random.default_rng(11)
    index, boxes = GridIndex(cell=1024), {}
    for i in range(3000):
        x, y = rng.uniform(0, 100_000), rng.uniform(0, 80_000)
        w, h = rng.choice([rng.uniform(1, 800), rng.uniform(5_000, 60_000)], p=[0.97, 0.03]), rng.uniform(1, 800)
        boxes[f"k{i}"] = (x, y, x + w, y + h)
        index.insert(f"k{i}", boxes[f"k{i}"])
    for key in list(boxes)[::3]:                                  # removals (and later compaction)
        index.remove(key)
        del boxes[key]
    for key in list(boxes)[::5]:                                  # moves
        x, y = rng.uniform(0, 100_000, 2)
        boxes[key] = (x, y, x + 50, y + 50)
        index.update(key, boxes[key])
    for i in range(3000, 6000):                                   # re-growth triggers compaction
        boxes[f"k{i}"] = (i * 10.0, i * 5.0, i * 10.0 + 30, i * 5.0 + 30)
        index.insert(f"k{i}", boxes[f"k{i}"])
    assert len(index) == len(boxes)
    order = {k: i for i, k in enumerate(boxes)}
    for q in queries(rng):
        got = index.query(*q)
        assert set(got) == brute(boxes, *q)
        assert len(got) == len(set(got))
    # results keep insertion order (drawing order), also after moves
    got = index.query(-1, -1, 1e6, 1e6)
    assert [order[k] for k in got] == sorted(order[k] for k in got)


def test_hierarchy_query_rect_matches_brute_force_on_random_polygons():
    h = AnnotationHierarchy(CASE)
    items = random_polygons(2000, seed=5)
    h.add_many(items)
    rng = np.random.default_rng(2)
    for q in queries(rng, 200):
        want = [a for a in items if a.geometry.bbox[0] <= q[2] and a.geometry.bbox[2] >= q[0]
                and a.geometry.bbox[1] <= q[3] and a.geometry.bbox[3] >= q[1]]
        assert h.query_rect(SLIDE, *q) == want


def _max_deviation(original: np.ndarray, simple: np.ndarray, closed: bool) -> float:
    """Largest distance from an original vertex to the simplified line."""
    ring = np.vstack([simple, simple[:1]]) if closed else simple
    a, b = ring[:-1], ring[1:]
    ab = b - a
    worst = 0.0
    for p in original:
        ap = p - a
        den = (ab * ab).sum(1)
        t = np.clip(np.divide((ap * ab).sum(1), den, out=np.zeros_like(den), where=den > 0), 0, 1)
        worst = max(worst, float(np.hypot(*(ap - ab * t[:, None]).T).min()))
    return worst


def test_douglas_peucker_stays_within_tolerance_and_keeps_ends():
    rng = np.random.default_rng(4)
    noisy = blob(0, 0, 500, 400) + rng.normal(0, 2, (400, 2))
    line = np.column_stack([np.arange(300.0), np.sin(np.arange(300) / 10) * 40 + rng.normal(0, 1, 300)])
    for tol in (1, 4, 16, 64):
        ring_s, line_s = douglas_peucker([noisy, line], tol, [True, False])
        assert 3 <= len(ring_s) < len(noisy) and len(line_s) < len(line)
        assert (ring_s[0] == noisy[0]).all() and (line_s[0] == line[0]).all() and (line_s[-1] == line[-1]).all()
        assert _max_deviation(noisy, ring_s, True) <= tol + 1e-9
        assert _max_deviation(line, line_s, False) <= tol + 1e-9
    # a straight run collapses to its ends
    straight = np.column_stack([np.arange(10.0), np.zeros(10)])
    assert douglas_peucker([straight], 0.1, [False])[0].tolist() == [[0, 0], [9, 0]]


def test_level_of_detail_cache_per_bucket_and_invalidation():
    h = AnnotationHierarchy(CASE, clock=Clock())
    a = h.add(polygon(blob(1000, 1000, 300, 500)))
    r8 = h.simplified(a, 8.0)
    assert h.simplified(a, 15.9) is r8                 # same power-of-two bucket: cached
    assert h.simplified(a, 16.0) is not r8
    assert h.simplified(a, 0.5)[0] is a.geometry.points          # below 1 px: the original
    assert len(r8[0]) < 500 and not r8[0].flags.writeable
    moved = h.move_vertex(a.id, 0, 0, 0)
    r8b = h.simplified(moved, 8.0)
    assert r8b is not r8 and (r8b[0][0] == [0, 0]).all()
    ellipse = h.add(polygon(blob(0, 0, 5, 3)).replace(geometry=Geometry("ellipse", [[0, 0], [9, 9]])))
    assert h.simplified(ellipse, 64)[0] is ellipse.geometry.points
    assert (bucket(0.99), bucket(1), bucket(3.5), bucket(1024)) == (-1, 0, 1, 10)


def test_simplified_many_equals_one_by_one():
    items = random_polygons(300, vertices=60, seed=9)
    batch = LevelOfDetail().simplified_many(items, 32)
    single = LevelOfDetail()
    for a, rings in zip(items, batch):
        assert all(np.array_equal(x, y) for x, y in zip(rings, single.simplified(a, 32)))


def test_tiny_polygon_at_coarse_zoom_keeps_a_drawable_stub():
    a = polygon([[0, 0], [2, 0], [2, 2], [0, 2]])
    ring = LevelOfDetail().simplified(a, 256)[0]
    assert 1 <= len(ring) <= 4 and (ring[0] == [0, 0]).all()


@pytest.mark.parametrize("cell", [256, 4096])
def test_cell_size_does_not_change_results(cell):
    rng = np.random.default_rng(cell)
    index, boxes = GridIndex(cell=cell), {}
    for i in range(500):
        x, y = rng.uniform(0, 20_000, 2)
        boxes[i] = (x, y, x + rng.uniform(0, 3000), y + rng.uniform(0, 3000))
        index.insert(i, boxes[i])
    for q in queries(rng, 100):
        assert set(index.query(*q)) == brute(boxes, *q)
