"""The hierarchy owns every change: events, undo/redo (incl. batches), locking, selection, queries."""
import pytest

from reviewer.annotations import (KEEP, Annotation, AnnotationError, AnnotationHierarchy, Classification,
                                  EventKind, Geometry, Target)
from reviewer.annotations.hierarchy import bbox_of

from annotation_samples import CASE, SLIDE, TUMOUR, Clock, polygon

SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10]]


class RecordingSink:
    def __init__(self):
        self.saved = []
        self.fail = False

    def save(self, case_id, change):
        if self.fail:
            raise OSError("disk full")
        self.saved.append(change)


@pytest.fixture
def sink():
    return RecordingSink()


@pytest.fixture
def h(sink):
    return AnnotationHierarchy(CASE, sink=sink, clock=Clock())


@pytest.fixture
def events(h):
    got = []
    h.on_change(got.append)
    return got


def kinds(events):
    return [(e.kind.value, e.ids) for e in events]


def test_add_update_remove_fire_events_and_save(h, sink, events):
    a = h.add(polygon(SQUARE))
    b = h.update(a.id, comment="suspicious", classification=TUMOUR)
    assert b.comment == "suspicious" and b.modified > a.modified and h.get(a.id) is b
    h.remove(a.id)
    assert kinds(events) == [("added", (a.id,)), ("updated", (a.id,)), ("removed", (a.id,))]
    assert events[1].annotations == (b,) and events[2].annotations == (b,)
    assert [e.action for c in sink.saved for e in c.edits] == ["add", "update", "remove"]
    assert len(h) == 0


def test_update_without_change_is_not_a_change(h, sink):
    a = h.add(polygon(SQUARE, name="A"))
    assert h.update(a.id, name="A", comment=KEEP) is a
    assert len(sink.saved) == 1


def test_undo_redo_sequence(h, sink, events):
    a = h.add(polygon(SQUARE))
    h.translate(a.id, 5, 5)
    h.update(a.id, name="lesion 1")
    assert h.undo_label == "Edit"
    assert h.undo() and h.get(a.id).name == ""
    assert h.undo() and h.get(a.id).geometry == a.geometry
    assert h.undo() and a.id not in h
    assert not h.undo() and not h.can_undo
    assert h.redo() and h.get(a.id) == a
    assert h.redo() and h.get(a.id).geometry.points[0].tolist() == [5, 5]
    assert h.can_redo
    h.update(a.id, comment="new branch")          # a new change clears redo
    assert not h.can_redo and not h.redo()
    assert len(sink.saved) == 3 + 3 + 2 + 1        # every do, undo and redo is saved
    assert [e.kind for e in events][:4] == [EventKind.ADDED, EventKind.UPDATED, EventKind.UPDATED, EventKind.UPDATED]


def test_batch_drag_is_one_undo_step_and_one_save(h, sink, events):
    a = h.add(polygon(SQUARE))
    b = h.add(polygon(SQUARE))
    saved_before = len(sink.saved)
    h.begin_batch("Move")
    for _ in range(10):
        h.translate([a.id, b.id], 1, 2)
    assert h.in_batch and not h.can_undo
    with pytest.raises(AnnotationError, match="in progress"):
        h.undo()
    assert len(sink.saved) == saved_before                    # nothing saved mid-drag
    assert sum(e.kind == EventKind.UPDATED for e in events) == 10   # but views followed it live
    h.end_batch()
    assert len(sink.saved) == saved_before + 1
    merged = sink.saved[-1]
    assert merged.label == "Move" and [e.before for e in merged.edits] == [a, b]
    assert h.get(a.id).geometry.points[0].tolist() == [10, 20]
    assert h.undo()
    assert h.get(a.id) == a and h.get(b.id) == b
    assert h.redo() and h.get(b.id).geometry.points[0].tolist() == [10, 20]


def test_nested_batch_and_context_manager_and_cancel(h, sink):
    a = h.add(polygon(SQUARE))
    with h.batch("Reshape"):
        h.move_vertex(a.id, 0, -1, -1)
        h.begin_batch("inner")
        h.insert_vertex(a.id, 4, -1, 5)
        h.end_batch()
        assert h.in_batch
    assert not h.in_batch and h.undo_label == "Reshape"
    assert len(h.get(a.id).geometry.points) == 5
    h.undo()
    assert h.get(a.id) == a
    n = len(sink.saved)
    h.begin_batch("Move")
    h.translate(a.id, 100, 100)
    h.cancel_batch()
    assert h.get(a.id) == a and len(sink.saved) == n and h.redo_label == "Reshape"   # cancel keeps redo
    with pytest.raises(RuntimeError):
        with h.batch("Move"):
            h.translate(a.id, 3, 3)
            raise RuntimeError("tool crashed")
    assert h.get(a.id) == a


def test_batch_add_then_edit_merges_to_one_add(h, sink):
    with h.batch("Draw"):
        a = h.add(polygon(SQUARE))
        h.insert_vertex(a.id, 2, 12, 5)
        h.move_vertex(a.id, 2, 13, 5)
    assert [e.action for e in sink.saved[-1].edits] == ["add"]
    assert sink.saved[-1].edits[0].after.geometry.points[2].tolist() == [13, 5]
    h.undo()
    assert len(h) == 0


def test_failed_save_changes_nothing(h, sink, events):
    a = h.add(polygon(SQUARE))
    sink.fail = True
    with pytest.raises(OSError):
        h.update(a.id, name="x")
    assert h.get(a.id) is a and len(events) == 1 and h.undo_label == "Add polygon"
    sink.fail = False
    h.begin_batch("Move")
    h.translate(a.id, 4, 4)
    sink.fail = True
    with pytest.raises(OSError):
        h.end_batch()
    assert h.get(a.id) == a and not h.in_batch


def test_vertex_edits_and_limits(h):
    a = h.add(polygon(SQUARE))
    h.delete_vertex(a.id, 0)
    assert len(h.get(a.id).geometry.points) == 3
    with pytest.raises(AnnotationError, match="3 or more"):
        h.delete_vertex(a.id, 0)
    line = h.add(Annotation.create(CASE, SLIDE, Geometry("line", [[0, 0], [1, 1]])))
    h.move_vertex(line.id, 1, 4, 4)
    assert h.get(line.id).geometry.points[1].tolist() == [4, 4]
    with pytest.raises(AnnotationError):
        h.insert_vertex(line.id, 1, 2, 2)


def test_locked_shapes_cannot_move_but_can_be_renamed_unlocked_deleted(h):
    a = h.add(polygon(SQUARE, locked=True))
    for attempt in (lambda: h.translate(a.id, 1, 1), lambda: h.move_vertex(a.id, 0, 1, 1),
                    lambda: h.update(a.id, geometry=Geometry("polygon", [[0, 0], [1, 0], [0, 1]]))):
        with pytest.raises(AnnotationError, match="locked"):
            attempt()
    h.update(a.id, name="margin")
    h.update(a.id, locked=False)
    h.translate(a.id, 1, 1)
    h.update(a.id, locked=True)
    h.remove(a.id)
    assert a.id not in h


def test_refuses_foreign_or_duplicate_annotations(h):
    a = h.add(polygon(SQUARE))
    with pytest.raises(AnnotationError, match="already"):
        h.add(a)
    with pytest.raises(AnnotationError, match="another case"):
        h.add(polygon(SQUARE, case_id="other"))
    with pytest.raises(AnnotationError, match="no annotation"):
        h.update("0" * 32, name="x")
    with pytest.raises(AnnotationError):
        h.translate(a.id, float("nan"), 0)


def test_selection_events_and_removal_deselects(h, sink, events):
    a, b = h.add(polygon(SQUARE)), h.add(polygon(SQUARE))
    h.select(a.id)
    h.select([b.id], extend=True)
    assert h.selection == {a.id, b.id} and h.selected() == [a, b]
    n = len(sink.saved)
    h.remove(a.id)
    assert h.selection == {b.id}
    assert kinds(events)[-2:] == [("removed", (a.id,)), ("selection", (b.id,))]
    h.clear_selection()
    assert kinds(events)[-1] == ("selection", ())
    assert len(sink.saved) == n + 1          # selection is never saved
    with pytest.raises(AnnotationError):
        h.select("f" * 32)


def test_listener_errors_do_not_break_the_model(h, caplog):
    seen = []

    def broken(event):
        raise ValueError("view bug")
    h.on_change(broken)
    unsubscribe = h.on_change(seen.append)
    a = h.add(polygon(SQUARE))
    assert a.id in h and len(seen) == 1 and "listener failed" in caplog.text
    unsubscribe()
    h.remove(a.id)
    assert len(seen) == 1


def test_queries_by_target_and_rect():
    other = Target.series("1.2.840.1", 12)
    h = AnnotationHierarchy(CASE)
    a = h.add(polygon(SQUARE))
    b = h.add(polygon([[100, 100], [110, 100], [110, 110]]))
    c = h.add(polygon(SQUARE, target=other))
    assert h.by_target(SLIDE) == [a, b] and h.by_target(other) == [c]
    assert set(h.targets()) == {SLIDE, other}
    assert h.query_rect(SLIDE, 5, 5, 50, 50) == [a]
    assert h.query_rect(SLIDE, -10, -10, 200, 200) == [a, b]
    assert h.query_rect(Target.slide("nothing"), 0, 0, 1, 1) == []
    h.translate(a.id, 1000, 1000)
    assert h.query_rect(SLIDE, 5, 5, 50, 50) == []
    assert h.query_rect(SLIDE, 990, 990, 1020, 1020) == [h.get(a.id)]
    assert h.by_target(SLIDE)[0].id == a.id               # an edit keeps the drawing order
    h.undo()
    assert h.query_rect(SLIDE, 5, 5, 50, 50) == [a]


def test_bbox_of_for_jump_to():
    assert bbox_of([]) is None
    assert bbox_of([polygon(SQUARE), polygon([[20, -5], [30, 0], [25, 5]])]) == (0, -5, 30, 10)


def test_add_many_is_one_step():
    h = AnnotationHierarchy(CASE)
    items = [polygon(SQUARE) for _ in range(5)]
    h.add_many(items)
    assert len(h) == 5 and h.undo_label == "Import annotations"
    h.undo()
    assert len(h) == 0
    with pytest.raises(AnnotationError, match="twice"):
        h.add_many([items[0], items[0]])


def test_classification_can_be_cleared(h):
    a = h.add(polygon(SQUARE, classification=Classification("Stroma", (150, 200, 150))))
    assert h.update(a.id, classification=None).classification is None
