"""One case's annotations, and the only way to change them (QuPath's PathObjectHierarchy).

Every change goes through here: it is saved through the sink first (so a change that cannot be
saved does not happen), then applied to memory and the indexes, recorded for undo, and announced
to listeners. A batch (a drag) is applied and announced live but saved and recorded once, at its
end, as one undo step.
"""
from __future__ import annotations

import contextlib
import math
from datetime import datetime
from typing import Callable, Iterable, Iterator, Protocol

import numpy as np

from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.events import AnnotationEvent, EventKind, Listener, Listeners
from reviewer.annotations.geometry import Geometry
from reviewer.annotations.history import Change, Edit, History
from reviewer.annotations.model import Annotation, Classification, Target, utc_now
from reviewer.annotations.simplify import LevelOfDetail, Rings
from reviewer.annotations.spatial import DEFAULT_CELL, GridIndex
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


class ChangeSink(Protocol):
    """Where committed changes go (``AnnotationStore``); raising refuses the change."""

    def save(self, case_id: str, change: Change) -> None: ...


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()   # "leave this field as it is" in ``update``; immutable, so safe to share


def _ids(ids: str | Iterable[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else list(dict.fromkeys(ids))


class AnnotationHierarchy:
    def __init__(self, case_id: str, annotations: Iterable[Annotation] = (), *, sink: ChangeSink | None = None,
                 clock: Callable[[], datetime] = utc_now, cell_size: float = DEFAULT_CELL):
        self.case_id = case_id
        self._sink = sink
        self._clock = clock
        self._cell = cell_size
        self._items: dict[str, Annotation] = {}
        self._by_target: dict[Target, dict[str, None]] = {}
        self._spatial: dict[Target, GridIndex] = {}
        self._lod = LevelOfDetail()
        self._selection: frozenset[str] = frozenset()
        self._history = History()
        self._listeners = Listeners()
        self._batch_depth = 0
        self._batch_label = ""
        self._pending: list[Edit] = []
        for a in annotations:
            self._check_new(a)
            self._insert(a)

    @classmethod
    def load(cls, case_id: str, store, **kwargs) -> "AnnotationHierarchy":
        """The case's saved annotations, with every later change saved to ``store``."""
        return cls(case_id, store.load(case_id), sink=store, **kwargs)

    # -- queries ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(list(self._items.values()))

    def __contains__(self, annotation_id: str) -> bool:
        return annotation_id in self._items

    def get(self, annotation_id: str) -> Annotation:
        try:
            return self._items[annotation_id]
        except KeyError:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "no annotation {annotation_id} in case "
                                                                             "{case_id}"),
                                       annotation_id=annotation_id, case_id=self.case_id)) from None

    def targets(self) -> list[Target]:
        return [t for t, ids in self._by_target.items() if ids]

    def by_target(self, target: Target) -> list[Annotation]:
        """In drawing order (oldest first)."""
        return [self._items[i] for i in self._by_target.get(target, ())]

    def query_rect(self, target: Target, x0: float, y0: float, x1: float, y1: float) -> list[Annotation]:
        """Annotations on ``target`` whose bounding boxes meet the rectangle (full-resolution
        pixels), in drawing order: what a viewport needs to draw."""
        index = self._spatial.get(target)
        if index is None:
            return []
        return [self._items[i] for i in index.query(x0, y0, x1, y1)]

    def simplified(self, annotation: Annotation, tolerance_px: float) -> Rings:
        """Rings to draw at a zoom where ``tolerance_px`` full-resolution pixels fit in one screen
        pixel (tolerance = downsample); cached until the annotation's shape changes."""
        return self._lod.simplified(annotation, tolerance_px)

    def simplified_many(self, annotations: Iterable[Annotation], tolerance_px: float) -> list[Rings]:
        return self._lod.simplified_many(annotations, tolerance_px)

    @property
    def selection(self) -> frozenset[str]:
        return self._selection

    def selected(self) -> list[Annotation]:
        return [a for i, a in self._items.items() if i in self._selection]

    # -- listeners and undo state ------------------------------------------------------------
    def on_change(self, listener: Listener) -> Callable[[], None]:
        """Subscribes ``listener(AnnotationEvent)``; returns the unsubscribe function."""
        return self._listeners.subscribe(listener)

    @property
    def can_undo(self) -> bool:
        return self._history.peek_undo() is not None and not self.in_batch

    @property
    def can_redo(self) -> bool:
        return self._history.peek_redo() is not None and not self.in_batch

    @property
    def undo_label(self) -> str | None:
        return self._history.undo_label

    @property
    def redo_label(self) -> str | None:
        return self._history.redo_label

    @property
    def in_batch(self) -> bool:
        return self._batch_depth > 0

    # -- changes -----------------------------------------------------------------------------
    def add(self, annotation: Annotation, label: str | None = None) -> Annotation:
        self._check_new(annotation)
        self._commit(Change(label or f"Add {annotation.kind.value}", (Edit(None, annotation),)))
        return annotation

    def add_many(self, annotations: Iterable[Annotation], label: str = "Import annotations") -> tuple[Annotation, ...]:
        """Adds all as one change (one undo step), e.g. a GeoJSON import."""
        annotations = tuple(annotations)
        seen: set[str] = set()
        for a in annotations:
            self._check_new(a)
            if a.id in seen:
                raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "annotation {id} is listed twice"),
                                           id=a.id))
            seen.add(a.id)
        if annotations:
            self._commit(Change(label, tuple(Edit(None, a) for a in annotations)))
        return annotations

    def remove(self, ids: str | Iterable[str], label: str = "Delete") -> None:
        edits = tuple(Edit(self.get(i), None) for i in _ids(ids))
        if edits:
            self._commit(Change(label, edits))

    def update(self, annotation_id: str, *, geometry: Geometry | _Keep = KEEP,
               classification: Classification | None | _Keep = KEEP, name: str | _Keep = KEEP,
               comment: str | _Keep = KEEP, locked: bool | _Keep = KEEP, label: str = "Edit") -> Annotation:
        """Replaces the given fields; a geometry change is refused while the annotation is locked."""
        old = self.get(annotation_id)
        fields = {k: v for k, v in (("geometry", geometry), ("classification", classification), ("name", name),
                                    ("comment", comment), ("locked", locked)) if v is not KEEP}
        if "geometry" in fields:
            if not isinstance(geometry, Geometry):
                raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation's geometry must be a "
                                                                                 "Geometry")))
            self._check_unlocked(old, unlocking=fields.get("locked") is False)
        if "locked" in fields:
            fields["locked"] = bool(fields["locked"])
        if all(getattr(old, k) == v for k, v in fields.items()):
            return old
        new = old.replace(modified=self._clock(), **fields)
        self._commit(Change(label, (Edit(old, new),)))
        return new

    def translate(self, ids: str | Iterable[str], dx: float, dy: float, label: str = "Move") -> None:
        if not (math.isfinite(dx) and math.isfinite(dy)):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a move needs finite offsets")))
        now = self._clock()
        edits = []
        for i in _ids(ids):
            old = self.get(i)
            self._check_unlocked(old)
            edits.append(Edit(old, old.replace(geometry=old.geometry.translated(dx, dy), modified=now)))
        if edits and (dx or dy):
            self._commit(Change(label, tuple(edits)))

    def move_vertex(self, annotation_id: str, index: int, x: float, y: float, ring: int = 0) -> Annotation:
        old = self.get(annotation_id)
        self._check_unlocked(old)
        return self._reshape(old, old.geometry.with_vertex(index, x, y, ring), "Move vertex")

    def insert_vertex(self, annotation_id: str, index: int, x: float, y: float, ring: int = 0) -> Annotation:
        old = self.get(annotation_id)
        self._check_unlocked(old)
        return self._reshape(old, old.geometry.with_inserted_vertex(index, x, y, ring), "Add vertex")

    def delete_vertex(self, annotation_id: str, index: int, ring: int = 0) -> Annotation:
        old = self.get(annotation_id)
        self._check_unlocked(old)
        return self._reshape(old, old.geometry.without_vertex(index, ring), "Delete vertex")

    def select(self, ids: str | Iterable[str], *, extend: bool = False) -> None:
        """Selection is view state: announced, never saved, never an undo step."""
        wanted = _ids(ids)
        unknown = [i for i in wanted if i not in self._items]
        if unknown:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "no annotation {unknown} in case "
                                                                             "{case_id}"),
                                       unknown=unknown[0], case_id=self.case_id))
        self._set_selection((self._selection | set(wanted)) if extend else frozenset(wanted))

    def clear_selection(self) -> None:
        self._set_selection(frozenset())

    # -- undo / redo / batch -------------------------------------------------------------------
    def undo(self) -> bool:
        self._refuse_in_batch(QT_TRANSLATE_NOOP("AnnotationErrors", "undo"))
        change = self._history.peek_undo()
        if change is None:
            return False
        self._save_apply(change.inverse())
        self._history.undone()
        return True

    def redo(self) -> bool:
        self._refuse_in_batch(QT_TRANSLATE_NOOP("AnnotationErrors", "redo"))
        change = self._history.peek_redo()
        if change is None:
            return False
        self._save_apply(change)
        self._history.redone()
        return True

    def begin_batch(self, label: str = "Edit") -> None:
        """Starts merging changes (a drag); nested batches join the outermost one."""
        if self._batch_depth == 0:
            self._batch_label = label
            self._pending = []
        self._batch_depth += 1

    def end_batch(self) -> None:
        """Saves the merged batch as one change and one undo step. If saving fails, memory goes
        back to where the batch began and the error propagates."""
        if self._batch_depth == 0:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "end_batch without begin_batch")))
        self._batch_depth -= 1
        if self._batch_depth:
            return
        change = Change(self._batch_label, tuple(self._pending)).merged()
        self._pending = []
        if not change.edits:
            return
        try:
            if self._sink is not None:
                self._sink.save(self.case_id, change)
        except BaseException:
            self._apply(change.inverse())
            raise
        self._history.push(change)

    def cancel_batch(self) -> None:
        """Reverts everything since ``begin_batch`` (Escape during a drag); nothing is saved."""
        if self._batch_depth == 0:
            return
        change = Change(self._batch_label, tuple(self._pending)).merged()
        self._batch_depth, self._pending = 0, []
        if change.edits:
            self._apply(change.inverse())

    @contextlib.contextmanager
    def batch(self, label: str = "Edit"):
        """``with hierarchy.batch("Move"): ...``: ends the batch, or cancels it on an error."""
        self.begin_batch(label)
        try:
            yield self
        except BaseException:
            self.cancel_batch()
            raise
        self.end_batch()

    # -- internals ---------------------------------------------------------------------------
    def _check_new(self, a: Annotation) -> None:
        if not isinstance(a, Annotation):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "only Annotation objects can be added")))
        if a.case_id != self.case_id:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "annotation {id} belongs to another case"),
                                       id=a.id))
        if a.id in self._items:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "annotation {id} is already in case "
                                                                             "{case_id}"),
                                       id=a.id, case_id=self.case_id))

    @staticmethod
    def _check_unlocked(a: Annotation, unlocking: bool = False) -> None:
        if a.locked and not unlocking:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "annotation {value} is locked; unlock it "
                                                                             "to change its shape"),
                                       value=a.name or a.id))

    def _refuse_in_batch(self, what: str) -> None:
        if self.in_batch:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "cannot {what} while an edit is in "
                                                                             "progress; finish or cancel it first"),
                                       what=what))

    def _reshape(self, old: Annotation, geometry: Geometry, label: str) -> Annotation:
        new = old.replace(geometry=geometry, modified=self._clock())
        self._commit(Change(label, (Edit(old, new),)))
        return new

    def _commit(self, change: Change) -> None:
        if self.in_batch:
            self._apply(change)
            self._pending.extend(change.edits)
            return
        self._save_apply(change)
        self._history.push(change)

    def _save_apply(self, change: Change) -> None:
        if self._sink is not None:
            self._sink.save(self.case_id, change)   # raises before memory changes
        self._apply(change)

    def _insert(self, a: Annotation) -> None:
        self._items[a.id] = a
        self._by_target.setdefault(a.target, {})[a.id] = None
        index = self._spatial.get(a.target)
        if index is None:
            index = self._spatial[a.target] = GridIndex(self._cell)
        index.insert(a.id, a.geometry.bbox)

    def _delete(self, a: Annotation) -> None:
        del self._items[a.id]
        del self._by_target[a.target][a.id]
        self._spatial[a.target].remove(a.id)
        self._lod.forget(a.id)

    def _apply(self, change: Change) -> None:
        for e in change.edits:
            if e.before is not None and e.after is not None and e.before.target == e.after.target:
                self._items[e.id] = e.after              # keeps its place in every order
                if e.after.geometry is not e.before.geometry:
                    self._spatial[e.after.target].update(e.id, e.after.geometry.bbox)
                    self._lod.forget(e.id)
                continue
            if e.before is not None:
                self._delete(e.before)
            if e.after is not None:
                self._insert(e.after)
        self._announce(change.edits)

    def _announce(self, edits: tuple[Edit, ...]) -> None:
        groups: dict[EventKind, dict[str, Annotation]] = {}
        kinds = {"add": EventKind.ADDED, "remove": EventKind.REMOVED, "update": EventKind.UPDATED}
        for e in edits:
            groups.setdefault(kinds[e.action], {})[e.id] = e.after or e.before
        for kind in (EventKind.REMOVED, EventKind.ADDED, EventKind.UPDATED):
            if kind in groups:
                g = groups[kind]
                self._listeners.emit(AnnotationEvent(kind, tuple(g), tuple(g.values())))
        gone = self._selection - self._items.keys()
        if gone:
            self._set_selection(self._selection - gone)

    def _set_selection(self, ids: frozenset[str]) -> None:
        ids = frozenset(ids)
        if ids != self._selection:
            self._selection = ids
            self._listeners.emit(AnnotationEvent(EventKind.SELECTION, tuple(sorted(ids))))


def bbox_of(annotations: Iterable[Annotation]) -> tuple[float, float, float, float] | None:
    """Union of bounding boxes, for "jump to" and "zoom to fit"."""
    boxes = np.array([a.geometry.bbox for a in annotations])
    if not len(boxes):
        return None
    return (float(boxes[:, 0].min()), float(boxes[:, 1].min()), float(boxes[:, 2].max()), float(boxes[:, 3].max()))
