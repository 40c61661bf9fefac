"""GeoJSON import and export compatible with QuPath (File > Export objects as GeoJSON).

QuPath writes a FeatureCollection (or a bare list) of Features: ``id`` (a UUID, 0.4+), geometry in
full-resolution pixels, ``properties.objectType`` "annotation", ``classification`` {name, color} with
``color`` an [r, g, b] list (0.3+) or a packed int, older files ``colorRGB``), ``name``, ``isLocked``.
Ellipses and rectangles become polygons there, as in QuPath; ``properties.reviewerShape`` keeps the
original kind (and text for arrows) so our own exports round-trip exactly, and is used only while the
feature's geometry still matches it (so a shape edited in QuPath is taken as edited).
Input is untrusted: every problem is a GeoJSONError naming the feature, and sizes are bounded.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Container, Iterable

import numpy as np

from reviewer.annotations.classes import find_class
from reviewer.annotations.errors import AnnotationError, GeoJSONError
from reviewer.annotations.geometry import Geometry, Kind
from reviewer.annotations.model import Annotation, Classification, Target, new_id, utc_now
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_BYTES = 256 << 20
MAX_FEATURES = 200_000
MAX_FEATURE_VERTICES = 250_000
MAX_TOTAL_VERTICES = 5_000_000
MAX_COORDINATE = 1e9            # far beyond any slide, far below float trouble
GREY = (128, 128, 128)
_BBOX_SLACK = 0.5               # px: reviewerShape is trusted while the geometry's box matches it


@dataclass(frozen=True)
class GeoJSONImport:
    annotations: tuple[Annotation, ...]
    skipped: tuple[str, ...] = ()   # features deliberately not imported (detections, cells...), with why


# -- import -----------------------------------------------------------------------------------
def read_geojson(path: Path, **kwargs) -> GeoJSONImport:
    """``parse_geojson`` on a file, refusing files too large to be annotations."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{name} is {value} MB; the limit for an "
                                                                      "annotation file is {value2} MB"),
                                name=path.name, value=size >> 20, value2=MAX_BYTES >> 20))
    return parse_geojson(path.read_bytes(), **kwargs)


def parse_geojson(data: str | bytes, *, case_id: str, target: Target, author: str = "",
                  classes: tuple[Classification, ...] = (), taken_ids: Container[str] = (),
                  now: datetime | None = None) -> GeoJSONImport:
    """Annotations from GeoJSON text, all on ``target``. Feature ids are kept (as uuid hex) unless
    missing, not UUIDs, or in ``taken_ids``. ``classes`` give colours to classifications without one."""
    if len(data) > MAX_BYTES:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "the GeoJSON text is larger than {value} "
                                                                      "MB"), value=MAX_BYTES >> 20))
    try:
        doc = json.loads(data)
    except RecursionError:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "the GeoJSON is nested too deeply to be "
                                                                      "geometry"))) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "the file is not valid JSON ({exc})"),
                                exc=exc)) from None
    reader = _Reader(case_id, target, author, classes, taken_ids, now or utc_now())
    out, skipped = [], []
    for index, feature in enumerate(_features(doc)):
        try:
            made = reader.feature(feature, index)
        except AnnotationError as exc:
            if isinstance(exc, GeoJSONError) and exc.index is not None:
                raise
            raise GeoJSONError(exc.args[0] if len(exc.args) == 1 else str(exc), index) from None
        if isinstance(made, str):
            skipped.append(made)
        else:
            out.extend(made)
    return GeoJSONImport(tuple(out), tuple(skipped))


def _features(doc) -> list:
    if isinstance(doc, list):
        features = doc
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "the FeatureCollection has no list of "
                                                                          "features")))
    elif isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    else:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "expected a FeatureCollection, a Feature "
                                                                      "or a list of Features")))
    if len(features) > MAX_FEATURES:
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{features_count} features; at most "
                                                                      "{max_features} can be imported at once"),
                                features_count=len(features), max_features=MAX_FEATURES))
    return features


def _color(value, index: int) -> tuple[int, int, int] | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):     # packed (A)RGB, possibly negative
        v = value & 0xFFFFFF
        return (v >> 16) & 255, (v >> 8) & 255, v & 255
    if (isinstance(value, list) and len(value) in (3, 4)
            and all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in value)):
        return tuple(value[:3])
    raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "classification colour must be [r, g, b] "
                                                                  "integers 0-255 or a packed integer")), index)


class _Reader:
    def __init__(self, case_id, target, author, classes, taken, now):
        self.case_id, self.target, self.author, self.classes, self.now = case_id, target, author, classes, now
        self.taken = taken
        self.used: set[str] = set()
        self.vertices = 0

    def feature(self, f, index: int) -> list[Annotation] | str:
        if not isinstance(f, dict):
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "is not an object")), index)
        if f.get("type", "Feature") != "Feature":
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "has type {type!r}, expected 'Feature'"),
                                    type=str(f.get('type'))[:40]), index)
        props = f.get("properties") or {}
        if not isinstance(props, dict):
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "properties must be an object")), index)
        object_type = props.get("objectType", "annotation")
        if object_type != "annotation":
            return f"feature {index}: objectType {str(object_type)[:40]!r} is not imported (only annotations)"
        geometries = self.geometries(f.get("geometry"), index)
        shape = props.get("reviewerShape")
        if isinstance(shape, dict) and len(geometries) == 1:
            geometries = [_restore(geometries[0], shape)]
        name, comment = _text(props, "name", index), _text(props, "comment", index)
        locked = props.get("isLocked", False)
        if not isinstance(locked, bool):
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "isLocked must be true or false")), index)
        classification = self.classification(props.get("classification"), index)
        ids = [self.id(f.get("id") if i == 0 else None) for i in range(len(geometries))]
        return [Annotation.create(self.case_id, self.target, g, author=self.author, classification=classification,
                                  name=name, comment=comment, locked=locked, id=i, now=self.now)
                for g, i in zip(geometries, ids)]

    def id(self, value) -> str:
        try:
            candidate = uuid.UUID(str(value)).hex if value is not None else None
        except ValueError:
            candidate = None
        if candidate is None or candidate in self.taken or candidate in self.used:
            candidate = new_id()
        self.used.add(candidate)
        return candidate

    def classification(self, value, index: int) -> Classification | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "classification must be an object with a "
                                                                          "name")), index)
        name = value["name"]
        color = _color(value.get("color", value.get("colorRGB")), index)
        if color is None:
            known = find_class(self.classes, name)
            color = known.color if known else GREY
        return Classification(name, color)

    # -- geometry --------------------------------------------------------------------------
    def geometries(self, g, index: int) -> list[Geometry]:
        if not isinstance(g, dict):
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "has no geometry object")), index)
        kind, coords = g.get("type"), g.get("coordinates")
        if kind == "Point":
            return [Geometry(Kind.POINT, self.positions([coords], index))]
        if kind == "MultiPoint":
            return [Geometry(Kind.POINT, p[None]) for p in self.positions(coords, index)]
        if kind == "LineString":
            return [_line(self.positions(coords, index))]
        if kind == "MultiLineString":
            return [_line(self.positions(c, index)) for c in self.parts(coords, index)]
        if kind == "Polygon":
            return [self.polygon(coords, index)]
        if kind == "MultiPolygon":
            return [self.polygon(c, index) for c in self.parts(coords, index)]
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "geometry type {kind!r} is not supported "
                                                                      "(Point, MultiPoint, LineString, "
                                                                      "MultiLineString, Polygon, MultiPolygon "
                                                                      "are)"), kind=str(kind)[:40]), index)

    @staticmethod
    def parts(coords, index: int) -> list:
        if not isinstance(coords, list) or not coords:
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "coordinates must be a non-empty list")), index)
        return coords

    def polygon(self, rings, index: int) -> Geometry:
        rings = [self.positions(r, index) for r in self.parts(rings, index)]
        for r in rings:
            if len(r) < 3:
                raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a polygon ring needs at least 3 "
                                                                              "positions (4 with the closing one)")), index)
        outline = rings[0]
        if len(rings) == 1 and _is_box(outline):
            return Geometry(Kind.RECTANGLE, np.stack([outline.min(axis=0), outline.max(axis=0)]))
        return Geometry(Kind.POLYGON, outline, tuple(rings[1:]))

    def positions(self, coords, index: int) -> np.ndarray:
        """A list of [x, y] (or [x, y, z]) number pairs as an (n, 2) array, checked and bounded."""
        if not isinstance(coords, list) or not coords:
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "coordinates must be a non-empty list of "
                                                                          "[x, y] positions")), index)
        if len(coords) > MAX_FEATURE_VERTICES:
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{coords_count} vertices; at most "
                                                                          "{max_feature_vertices} per shape"),
                                    coords_count=len(coords), max_feature_vertices=MAX_FEATURE_VERTICES), index)
        self.vertices += len(coords)
        if self.vertices > MAX_TOTAL_VERTICES:
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "more than {max_total_vertices} vertices "
                                                                          "in the file"),
                                    max_total_vertices=MAX_TOTAL_VERTICES), index)
        for p in coords:
            if (not isinstance(p, list) or not 2 <= len(p) <= 3
                    or not all(type(v) is float or type(v) is int for v in p)):
                raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a position must be [x, y] numbers, got "
                                                                              "{position}"),
                                        position=json.dumps(p)[:60]), index)
        try:
            a = np.array([p[:2] for p in coords], dtype=np.float64)
        except OverflowError:                                   # an integer with hundreds of digits
            a = np.array([[np.inf, np.inf]])
        if not np.isfinite(a).all():
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "coordinates must be finite numbers (no "
                                                                          "NaN or Infinity)")), index)
        if np.abs(a).max() > MAX_COORDINATE:
            raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "coordinates beyond {max_coordinate:.0e} "
                                                                          "pixels are not plausible"),
                                    max_coordinate=MAX_COORDINATE), index)
        return a


def _text(props: dict, key: str, index: int) -> str:
    value = props.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise GeoJSONError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "{key} must be text"), key=key), index)
    return value


def _line(points: np.ndarray) -> Geometry:
    if len(points) < 2:
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a line needs at least 2 positions")))
    return Geometry(Kind.LINE if len(points) == 2 else Kind.POLYLINE, points)


def _is_box(ring: np.ndarray) -> bool:
    """An axis-aligned rectangle as QuPath writes one: 4 corners, each edge horizontal or vertical."""
    r = ring[:-1] if len(ring) == 5 and (ring[0] == ring[-1]).all() else ring
    if len(r) != 4:
        return False
    d = np.diff(np.vstack([r, r[:1]]), axis=0)
    vertical = d[:, 0] == 0
    return bool(((d[:, 1] == 0) != vertical).all() and (vertical != np.roll(vertical, 1)).all())


def _restore(g: Geometry, shape: dict) -> Geometry:
    """Our original kind from ``reviewerShape``, while the exported geometry still matches it."""
    try:
        kind = Kind(shape.get("kind"))
        if kind in (Kind.RECTANGLE, Kind.ELLIPSE) and g.closed and not g.holes:
            original = Geometry(kind, np.asarray(shape.get("points"), dtype=np.float64))
            if np.abs(np.subtract(original.bbox, g.bbox)).max() <= _BBOX_SLACK:
                return original
        elif kind == Kind.FREEHAND and g.kind == Kind.POLYGON:
            return Geometry(kind, g.points, g.holes)
        elif kind == Kind.ARROW and g.kind == Kind.LINE:
            text = shape.get("text", "")
            return Geometry(kind, g.points, text=text if isinstance(text, str) else "")
        elif (kind == Kind.ANGLE and len(g.points) == 3 and g.kind == Kind.POLYLINE) or \
                (kind == Kind.POLYLINE and g.kind == Kind.LINE):
            return Geometry(kind, g.points)
    except (AnnotationError, ValueError, TypeError):
        pass
    return g


# -- export -----------------------------------------------------------------------------------
def _ring(points: np.ndarray) -> list:
    return np.vstack([points, points[:1]]).tolist()


def _geometry(g: Geometry) -> dict:
    if g.kind == Kind.POINT:
        return {"type": "Point", "coordinates": g.points[0].tolist()}
    if not g.closed:
        return {"type": "LineString", "coordinates": g.points.tolist()}
    if g.kind in (Kind.RECTANGLE, Kind.ELLIPSE):
        return {"type": "Polygon", "coordinates": [_ring(g.outline())]}
    return {"type": "Polygon", "coordinates": [_ring(r) for r in g.rings]}


def _shape(g: Geometry) -> dict | None:
    if g.kind in (Kind.RECTANGLE, Kind.ELLIPSE):
        return {"kind": g.kind.value, "points": g.points.tolist()}
    if g.kind == Kind.ARROW:
        return {"kind": "arrow", "text": g.text}
    if g.kind in (Kind.FREEHAND, Kind.ANGLE) or (g.kind == Kind.POLYLINE and len(g.points) == 2):
        return {"kind": g.kind.value}
    return None


def feature(a: Annotation) -> dict:
    props: dict = {"objectType": "annotation"}
    if a.name:
        props["name"] = a.name
    if a.classification is not None:
        props["classification"] = a.classification.to_dict()
    props["isLocked"] = a.locked
    if a.comment:
        props["comment"] = a.comment
    shape = _shape(a.geometry)
    if shape:
        props["reviewerShape"] = shape
    return {"type": "Feature", "id": str(uuid.UUID(hex=a.id)), "geometry": _geometry(a.geometry), "properties": props}


def to_geojson(annotations: Iterable[Annotation]) -> dict:
    return {"type": "FeatureCollection", "features": [feature(a) for a in annotations]}


def dumps_geojson(annotations: Iterable[Annotation], indent: int | None = None) -> str:
    """The text to write where the user chose; the caller writes it and records the export."""
    return json.dumps(to_geojson(annotations), indent=indent, ensure_ascii=False, allow_nan=False)
