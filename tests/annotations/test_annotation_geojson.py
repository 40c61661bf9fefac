"""GeoJSON exchange with QuPath: a file written the way QuPath writes it round-trips; our own
shapes round-trip exactly; bad input gives a GeoJSONError naming the feature, never a crash."""
import json
import uuid

import numpy as np
import pytest

from reviewer.annotations import (Annotation, AnnotationHierarchy, Classification, GeoJSONError, Geometry, Kind,
                                  load_classes)
from reviewer.annotations import geojson as gj

from annotation_samples import CASE, SLIDE, T0

# As QuPath 0.4/0.5 writes it (File > Export objects as GeoJSON, "Pretty JSON", FeatureCollection):
# a UUID per feature, integers where a coordinate is whole, colour as an RGB list. The fifth feature
# is as QuPath 0.2 wrote it (no UUID, packed signed ARGB "colorRGB"); the last is a detection.
QUPATH = """{
  "type": "FeatureCollection",
  "features": [
    {
      "type": "Feature",
      "id": "8c2b5f8e-6a4e-4f39-9a7d-3c1f2b0f6d11",
      "geometry": {
        "type": "Polygon",
        "coordinates": [
          [
            [12800, 9600],
            [14336, 9600],
            [14336, 10624],
            [12800, 10624],
            [12800, 9600]
          ]
        ]
      },
      "properties": {
        "objectType": "annotation",
        "name": "Region 1",
        "classification": {
          "name": "Tumor",
          "color": [200, 0, 0]
        },
        "isLocked": true
      }
    },
    {
      "type": "Feature",
      "id": "0f6a3f0e-2b7d-4c55-8d6c-1a2b3c4d5e6f",
      "geometry": {
        "type": "Polygon",
        "coordinates": [
          [
            [20010.5, 30000.25],
            [20400, 30120.75],
            [20550.125, 30600],
            [20100, 30800.5],
            [19880, 30400],
            [20010.5, 30000.25]
          ],
          [
            [20100, 30300],
            [20200, 30300],
            [20150, 30400],
            [20100, 30300]
          ]
        ]
      },
      "properties": {
        "objectType": "annotation",
        "classification": {
          "name": "Necrosis",
          "color": [50, 50, 50]
        },
        "isLocked": false,
        "measurements": {
          "Area µm^2": 81234.5
        }
      }
    },
    {
      "type": "Feature",
      "id": "6f1d8c55-92c4-4d3b-b2a6-0d9e3f7a1b22",
      "geometry": {
        "type": "LineString",
        "coordinates": [
          [1000, 1000],
          [1800.5, 1600]
        ]
      },
      "properties": {
        "objectType": "annotation",
        "name": "Ruler",
        "isLocked": false
      }
    },
    {
      "type": "Feature",
      "id": "a3c9e2d4-1b5f-4e7a-9c8d-2f6b0e4a7d33",
      "geometry": {
        "type": "MultiPoint",
        "coordinates": [
          [500, 600],
          [510.5, 620],
          [530, 640.25]
        ]
      },
      "properties": {
        "objectType": "annotation",
        "classification": {
          "name": "Other",
          "color": [255, 200, 0]
        },
        "isLocked": false
      }
    },
    {
      "type": "Feature",
      "id": "PathAnnotationObject",
      "geometry": {
        "type": "MultiPolygon",
        "coordinates": [
          [[[0, 0], [100, 0], [50, 80], [0, 0]]],
          [[[200, 200], [300, 210], [250, 290], [200, 200]]]
        ]
      },
      "properties": {
        "classification": {
          "name": "Stroma",
          "colorRGB": -6895466
        },
        "isLocked": false,
        "measurements": []
      }
    },
    {
      "type": "Feature",
      "id": "d7e8f9a0-b1c2-4d3e-8f4a-5b6c7d8e9f00",
      "geometry": {
        "type": "Polygon",
        "coordinates": [[[5, 5], [9, 5], [9, 9], [5, 5]]]
      },
      "properties": {
        "objectType": "detection",
        "classification": {"name": "Tumor", "color": [200, 0, 0]}
      }
    }
  ]
}"""


def parse(text, **kw):
    kw.setdefault("case_id", CASE)
    kw.setdefault("target", SLIDE)
    kw.setdefault("author", "dr.who")
    kw.setdefault("now", T0)
    return gj.parse_geojson(text, **kw)


def test_reads_qupath_export():
    result = parse(QUPATH)
    a = result.annotations
    assert [x.kind for x in a] == [Kind.RECTANGLE, Kind.POLYGON, Kind.LINE, Kind.POINT, Kind.POINT, Kind.POINT,
                                   Kind.POLYGON, Kind.POLYGON]
    assert len(result.skipped) == 1 and "feature 5" in result.skipped[0] and "detection" in result.skipped[0]
    assert a[0].id == uuid.UUID("8c2b5f8e-6a4e-4f39-9a7d-3c1f2b0f6d11").hex
    assert a[0].name == "Region 1" and a[0].locked and a[0].classification == Classification("Tumor", (200, 0, 0))
    assert a[0].geometry.points.tolist() == [[12800, 9600], [14336, 10624]]
    assert len(a[1].geometry.holes) == 1 and a[1].geometry.points.shape == (5, 2)
    assert a[2].geometry.points.tolist() == [[1000, 1000], [1800.5, 1600]]
    assert [p.geometry.points.tolist() for p in a[3:6]] == [[[500, 600]], [[510.5, 620]], [[530, 640.25]]]
    assert a[3].id == uuid.UUID("a3c9e2d4-1b5f-4e7a-9c8d-2f6b0e4a7d33").hex
    assert a[6].classification == Classification("Stroma", (150, 200, 150))     # packed ARGB
    assert len({x.id for x in a}) == len(a) and all(x.case_id == CASE and x.target == SLIDE for x in a)


def _rings(feature):
    g = feature["geometry"]
    return g["type"], g["coordinates"]


def test_qupath_file_round_trips():
    first = parse(QUPATH).annotations
    exported = json.loads(gj.dumps_geojson(first, indent=2))
    assert exported["type"] == "FeatureCollection"
    features = exported["features"]
    for f in features:
        assert f["type"] == "Feature" and f["properties"]["objectType"] == "annotation"
        assert str(uuid.UUID(f["id"])) == f["id"]
        if f["geometry"]["type"] == "Polygon":
            assert all(ring[0] == ring[-1] for ring in f["geometry"]["coordinates"])
    source = json.loads(QUPATH)["features"]
    # single-geometry features come back with the same coordinates, ids, names, classes and locks
    for src, out in ((source[0], features[0]), (source[1], features[1]), (source[2], features[2])):
        assert _rings(out) == (src["geometry"]["type"], json.loads(json.dumps(src["geometry"]["coordinates"])))
        assert out["id"] == src["id"]
        for key in ("name", "classification", "isLocked"):
            assert out["properties"].get(key) == src["properties"].get(key)
    assert features[6]["properties"]["classification"] == {"name": "Stroma", "color": [150, 200, 150]}
    second = parse(json.dumps(exported)).annotations
    assert second == first


def test_own_shapes_round_trip_exactly():
    geoms = [Geometry("ellipse", [[100.25, 120], [160, 170.5]]), Geometry("rectangle", [[5, 5], [50, 40]]),
             Geometry("freehand", [[1, 1], [2, 5], [7, 3], [4, 0.5]]),
             Geometry("arrow", [[10, 10], [40, 40]], text="new lesion"),
             Geometry("angle", [[0, 10], [0, 0], [10, 0]]), Geometry("polyline", [[0, 0], [3, 3]]),
             Geometry("polyline", [[0, 0], [3, 3], [6, 0]]), Geometry("line", [[0, 0], [3, 4]]),
             Geometry("point", [[7.5, 8.25]]),
             Geometry("polygon", [[0, 0], [100, 0], [100, 100], [0, 100], [-3, 50]],
                      holes=([[10, 10], [20, 10], [20, 20]],))]
    items = [Annotation.create(CASE, SLIDE, g, author="dr.who", now=T0, name=f"n{i}", comment="see report",
                               classification=Classification("Margin", (0, 120, 255)), locked=i == 2)
             for i, g in enumerate(geoms)]
    back = parse(gj.dumps_geojson(items)).annotations
    assert back == tuple(items)
    ellipse = gj.to_geojson(items[:1])["features"][0]
    assert ellipse["geometry"]["type"] == "Polygon" and len(ellipse["geometry"]["coordinates"][0]) == 65


def test_shape_edited_elsewhere_is_taken_as_edited():
    ellipse = Annotation.create(CASE, SLIDE, Geometry("ellipse", [[0, 0], [100, 50]]), now=T0)
    doc = gj.to_geojson([ellipse])
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    ring[0] = ring[-1] = [150.0, 25.0]                   # moved a vertex in QuPath
    got = parse(json.dumps(doc)).annotations[0]
    assert got.kind == Kind.POLYGON and got.geometry.bbox[2] == 150


def test_taken_ids_are_replaced_and_import_is_one_undo_step():
    h = AnnotationHierarchy(CASE)
    h.add_many(parse(QUPATH).annotations)
    again = parse(QUPATH, taken_ids=h).annotations
    assert not {a.id for a in again} & {a.id for a in h}
    h.add_many(again)
    assert len(h) == 16
    h.undo()
    assert len(h) == 8


def test_missing_colour_comes_from_default_classes():
    doc = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
           "properties": {"classification": {"name": "tumour"}}}
    a = parse(json.dumps(doc), classes=load_classes()).annotations[0]
    assert a.classification == Classification("tumour", (200, 0, 0))
    b = parse(json.dumps([doc])).annotations[0]                      # a bare list, as QuPath without
    assert b.classification.color == gj.GREY                         # FEATURE_COLLECTION writes


def feature(geometry=None, **props):
    return {"type": "Feature", "geometry": geometry or {"type": "Point", "coordinates": [1, 2]},
            "properties": {"objectType": "annotation", **props}}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


GOOD = feature()


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    ("42", "expected a FeatureCollection"),
    ('{"type": "FeatureCollection", "features": {}}', "no list of features"),
    (collection(GOOD, "a string"), "feature 1: is not an object"),
    (collection(GOOD, {"type": "Feature", "properties": {}}), "feature 1: has no geometry"),
    (collection(feature({"type": "Point", "coordinates": ["1", "2"]})), "feature 0: a position must be"),
    (collection(feature({"type": "Point", "coordinates": [True, 2]})), "feature 0: a position must be"),
    (collection(feature({"type": "LineString", "coordinates": [[0, 0]]})), "feature 0: a line needs"),
    (collection(GOOD, feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]})), "feature 1: a polygon ring"),
    (collection(feature({"type": "Polygon", "coordinates": [0, 1]})), "feature 0:"),
    (collection(feature({"type": "GeometryCollection", "geometries": []})), "feature 0: geometry type"),
    (collection(feature(classification={"name": "Tumor", "color": [300, 0, 0]})), "feature 0: classification colour"),
    (collection(feature(classification={"color": [1, 2, 3]})), "feature 0: classification must"),
    (collection(feature(isLocked="yes")), "feature 0: isLocked"),
    (collection(feature(name=12)), "feature 0: name must be text"),
    (collection(GOOD, GOOD, {"type": "Polygon", "coordinates": []}), "feature 2: has type 'Polygon'"),
    (collection({"type": "Feature", "geometry": GOOD["geometry"], "properties": 5}),
     "feature 0: properties must be an object"),
])
def test_bad_geojson_gives_clear_errors(text, message):
    with pytest.raises(GeoJSONError, match=message):
        parse(text)


@pytest.mark.parametrize("coordinate", ["NaN", "Infinity", "-Infinity", "1e400", "1e12", "1" + "0" * 400])
def test_non_finite_or_absurd_coordinates(coordinate):
    bad = json.dumps(feature()).replace("[1, 2]", f"[{coordinate}, 2]")       # json.dumps cannot write these
    text = collection(GOOD, GOOD)[:-2] + ", " + bad + "]}"
    with pytest.raises(GeoJSONError, match=r"feature 2: coordinates"):
        parse(text)


def test_huge_vertex_counts_are_refused(monkeypatch):
    ring = np.column_stack([np.cos(np.linspace(0, 6.28, 300_000)), np.sin(np.linspace(0, 6.28, 300_000))]) * 1000
    big = feature({"type": "Polygon", "coordinates": [ring.round(2).tolist()]})
    with pytest.raises(GeoJSONError, match="feature 1: 300000 vertices; at most 250000"):
        parse(collection(GOOD, big))
    monkeypatch.setattr(gj, "MAX_TOTAL_VERTICES", 10)
    small = feature({"type": "LineString", "coordinates": [[0, 0]] * 4})
    with pytest.raises(GeoJSONError, match="feature 2: more than 10 vertices"):
        parse(collection(small, small, small))
    monkeypatch.setattr(gj, "MAX_FEATURES", 2)
    with pytest.raises(GeoJSONError, match="3 features; at most 2 can be imported"):
        parse(collection(GOOD, GOOD, GOOD))


def test_deep_nesting_and_oversized_files(tmp_path, monkeypatch):
    deep = '{"type": "Feature", "geometry": {"type": "Point", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    with pytest.raises(GeoJSONError):
        parse(deep)
    path = tmp_path / "big.geojson"
    path.write_text(collection(GOOD))
    assert len(gj.read_geojson(path, case_id=CASE, target=SLIDE).annotations) == 1
    monkeypatch.setattr(gj, "MAX_BYTES", 10)
    with pytest.raises(GeoJSONError, match="limit"):
        gj.read_geojson(path, case_id=CASE, target=SLIDE)


def _mutate(node, rng):
    """Replaces one randomly chosen value somewhere in a JSON tree with junk."""
    junk = [None, "x", -1, 0, [], {}, [[]], 1e308, True, [1], [[1, 2]], {"type": "Point"}, "Polygon", 2 ** 70]
    path, cur = [], node
    while isinstance(cur, (list, dict)) and cur and rng.random() < 0.85:
        key = rng.choice(list(cur.keys())) if isinstance(cur, dict) else rng.randrange(len(cur))
        path.append(key)
        cur = cur[key]
    if not path:
        return junk[rng.randrange(len(junk))]
    parent = node
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = junk[rng.randrange(len(junk))]
    return node


def test_mutated_qupath_files_never_crash():
    import random
    rng = random.Random(20260102)
    outcomes = {"ok": 0, "error": 0}
    for _ in range(400):
        doc = json.loads(QUPATH)
        for _ in range(rng.randint(1, 3)):
            doc = _mutate(doc, rng)
        try:
            parse(json.dumps(doc))
            outcomes["ok"] += 1
        except GeoJSONError as exc:
            assert str(exc)
            outcomes["error"] += 1
    assert outcomes["ok"] and outcomes["error"]
