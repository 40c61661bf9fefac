"""Annotations in the encrypted workspace database: each change saved at once, one row per edit.

``save`` writes only the rows a change touches (an upsert, or ``deleted = 1`` so an undo can bring
the row back) plus one audit entry per edit, in one transaction: O(1) in the case's size, and a
killed app loses nothing that was committed. ``load`` reads a case with one query; vertices are
stored as raw float64 (not JSON), joined into one buffer and checked in one pass, and every
geometry is a read-only view of that buffer, which keeps 10,000 polygons well under a second.
Audit entries carry the annotation id and kind only, never names or comments.
"""
from __future__ import annotations

import json
from datetime import datetime

import numpy as np

from reviewer import store
from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.geometry import OUTLINED, VERTEX_COUNTS, Geometry, Kind
from reviewer.annotations.history import Change
from reviewer.annotations.model import Annotation, Classification, Target
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

_UPSERT = ("INSERT INTO annotations (id, case_id, target_key, kind, coords, geometry, properties, created, modified, "
           "deleted) VALUES (?,?,?,?,?,?,?,?,?,0) ON CONFLICT(id) DO UPDATE SET case_id=excluded.case_id, "
           "target_key=excluded.target_key, kind=excluded.kind, coords=excluded.coords, geometry=excluded.geometry, "
           "properties=excluded.properties, created=excluded.created, modified=excluded.modified, deleted=0")
_DELETE = "UPDATE annotations SET deleted = 1 WHERE id = ? AND case_id = ?"
_LOAD = ("SELECT id, target_key, kind, coords, geometry, properties, created, modified FROM annotations "
         "WHERE case_id = ? AND deleted = 0 ORDER BY rowid")
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_F8 = np.dtype("<f8")


def _shape(g: Geometry) -> str:
    d: dict = {}
    if g.holes:
        d["holes"] = [len(h) for h in g.holes]
    if g.text:
        d["text"] = g.text
    return _DUMPS(d)


def _properties(a: Annotation) -> str:
    p: dict = {}
    if a.classification is not None:
        p["classification"] = a.classification.to_dict()
    for key in ("name", "comment", "author"):
        if getattr(a, key):
            p[key] = getattr(a, key)
    if a.locked:
        p["locked"] = True
    return _DUMPS(p)


def row(a: Annotation) -> tuple:
    g = a.geometry
    coords = np.concatenate(g.rings).astype(_F8, copy=False).tobytes() if g.holes else g.points.astype(_F8).tobytes()
    return (a.id, a.case_id, a.target.key, a.kind.value, coords, _shape(g), _properties(a),
            a.created.isoformat(), a.modified.isoformat())


class AnnotationStore:
    """Implements ``ChangeSink`` for ``AnnotationHierarchy`` over a workspace's db and audit log."""

    def __init__(self, db, audit):
        self.db = db
        self.audit = audit

    def save(self, case_id: str, change: Change) -> None:
        upserts, deletes = [], []
        for e in change.edits:
            if e.after is None:
                deletes.append((e.id, case_id))
            elif e.after.case_id != case_id:
                raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "annotation {id} belongs to another case"),
                                           id=e.id))
            else:
                upserts.append(row(e.after))
        with store.transaction(self.db):
            if upserts:
                self.db.conn.executemany(_UPSERT, upserts)
            if deletes:
                self.db.conn.executemany(_DELETE, deletes)
            for e in change.edits:
                a = e.after or e.before
                self.audit.append(f"annotation.{e.action}", case_id, annotation=e.id, kind=a.kind.value)

    def count(self, case_id: str) -> int:
        return self.db.execute("SELECT count(*) FROM annotations WHERE case_id = ? AND deleted = 0",
                               [case_id]).fetchone()[0]

    def load(self, case_id: str) -> list[Annotation]:
        """The case's annotations in drawing order (oldest first)."""
        rows = self.db.execute(_LOAD, [case_id]).fetchall()
        if not rows:
            return []
        ids, keys, kinds, coords, shapes, props, created, modified = zip(*rows)
        try:
            shapes = json.loads("[" + ",".join(shapes) + "]")
            props = json.loads("[" + ",".join(props) + "]")
            kinds = [Kind(k) for k in kinds]
            geometries = _geometries(kinds, coords, shapes)
        except (ValueError, TypeError, KeyError) as exc:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "the saved annotations of case {case_id} "
                                                                             "cannot be read ({exc})"),
                                       case_id=case_id, exc=exc)) from None
        targets: dict[str, Target] = {}
        classes: dict[str, Classification] = {}
        out = []
        for i, geometry in enumerate(geometries):
            p = props[i]
            target = targets.get(keys[i])
            if target is None:
                target = targets[keys[i]] = Target.from_key(keys[i])
            cls = p.get("classification")
            if cls is not None:
                ckey = f"{cls['name']}\0{cls['color']}"
                cls = classes.get(ckey) or classes.setdefault(ckey, Classification(cls["name"], cls["color"]))
            out.append(Annotation(ids[i], case_id, target, geometry, datetime.fromisoformat(created[i]),
                                  datetime.fromisoformat(modified[i]), cls, p.get("name", ""), p.get("comment", ""),
                                  p.get("author", ""), bool(p.get("locked", False))))
        return out


def _geometries(kinds: list[Kind], coords: tuple[bytes, ...], shapes: list[dict]) -> list[Geometry]:
    """All rows' vertices as views of one read-only buffer, checked (finite, vertex counts) at once."""
    sizes = np.fromiter((len(c) for c in coords), dtype=np.int64, count=len(coords))
    if (sizes % 16).any():
        raise ValueError("a coordinate record is truncated")
    xy = np.frombuffer(b"".join(coords), dtype=_F8).reshape(-1, 2)
    if not np.isfinite(xy).all():
        raise ValueError("non-finite coordinates")
    ring_sizes = [s.get("holes", ()) for s in shapes]
    n = sizes // 16
    outline = n - np.fromiter((sum(h) for h in ring_sizes), dtype=np.int64, count=len(n))
    lo = np.array([VERTEX_COUNTS[k][0] for k in kinds])
    hi = np.array([VERTEX_COUNTS[k][1] for k in kinds])
    if ((outline < lo) | (outline > hi)).any():
        raise ValueError("a shape has the wrong number of vertices")
    starts = np.cumsum(n) - n
    # bounding boxes of the outlines only, in one pass: reduce over [start, start + outline) pairs
    bounds = np.column_stack([starts, starts + outline]).ravel()
    padded = np.vstack([xy, xy[:1]])
    x0 = np.minimum.reduceat(padded[:, 0], bounds)[::2]
    y0 = np.minimum.reduceat(padded[:, 1], bounds)[::2]
    x1 = np.maximum.reduceat(padded[:, 0], bounds)[::2]
    y1 = np.maximum.reduceat(padded[:, 1], bounds)[::2]
    boxes = np.column_stack([x0, y0, x1, y1]).tolist()
    out = []
    for i, (start, count) in enumerate(zip(starts.tolist(), outline.tolist())):
        holes: tuple[np.ndarray, ...] = ()
        if ring_sizes[i]:
            if kinds[i] not in OUTLINED:
                raise ValueError(f"a {kinds[i].value} has holes")
            at, parts = start + count, []
            for m in ring_sizes[i]:
                parts.append(xy[at:at + m])
                at += m
            holes = tuple(parts)
        out.append(Geometry.trusted(kinds[i], xy[start:start + count], holes, shapes[i].get("text", ""),
                                    tuple(boxes[i])))
    return out
