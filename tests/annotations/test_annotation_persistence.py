"""Autosave to the encrypted workspace: round trip through a reopened workspace, O(1) saves,
undo/redo persisted, audit entries without comment text, and the schema migration."""
import json

import pytest

from reviewer.annotations import (Annotation, AnnotationError, AnnotationHierarchy, AnnotationStore, Classification, Geometry,
                                  Target)
from reviewer.store import MIGRATIONS
from reviewer.workspace import DB_FILE, Workspace

from annotation_samples import CASE, SLIDE, TUMOUR, Clock, insert_case, polygon, random_polygons
from support import PASSPHRASE

SECRET = "Patient reports pain near the left breast scar"   # comment text that must never be audited
SERIES = Target.series("1.2.840.113619.2.55.3", 37)


def every_kind(case_id=CASE):
    geoms = [
        (SLIDE, Geometry("point", [[10.5, 20.25]])),
        (SLIDE, Geometry("line", [[0, 0], [100.125, 3]])),
        (SLIDE, Geometry("polyline", [[0, 0], [10, 5], [20, 0]])),
        (SLIDE, Geometry("rectangle", [[5, 5], [50, 40]])),
        (SERIES, Geometry("ellipse", [[100, 120], [160, 170]])),
        (SLIDE, Geometry("polygon", [[0, 0], [100, 0], [100, 100], [0, 100]],
                         holes=([[10, 10], [20, 10], [20, 20]],))),
        (SLIDE, Geometry("freehand", [[1, 1], [2, 5], [7, 3], [4, 0.5]])),
        (SERIES, Geometry("arrow", [[10, 10], [40, 40]], text="new lesion")),
        (Target.series("1.2.3", "1.2.3.4.5"), Geometry("angle", [[0, 10], [0, 0], [10, 0]])),
    ]
    return [Annotation.create(case_id, t, g, author="dr.who", classification=TUMOUR, name=f"A{i}",
                              comment=SECRET if i == 5 else "", locked=(i == 3))
            for i, (t, g) in enumerate(geoms)]


@pytest.fixture
def store(workspace):
    insert_case(workspace.db)
    return AnnotationStore(workspace.db, workspace.audit)


def test_round_trip_through_reopened_workspace(workspace, store):
    h = AnnotationHierarchy.load(CASE, store, clock=Clock())
    items = h.add_many(every_kind())
    h.update(items[0].id, classification=Classification("Stroma", (150, 200, 150)))
    h.remove(items[1].id)
    h.translate(items[2].id, 3, 4)
    expected = list(h)
    root = workspace.root
    workspace.close()
    ws = Workspace.open(root, PASSPHRASE)
    try:
        loaded = AnnotationStore(ws.db, ws.audit).load(CASE)
        assert loaded == expected
        assert [a.id for a in loaded] == [a.id for a in expected]       # drawing order kept
        assert loaded[4].geometry.holes[0].tolist() == [[10, 10], [20, 10], [20, 20]]
        assert loaded[6].geometry.text == "new lesion" and loaded[2].locked
        again = AnnotationHierarchy.load(CASE, AnnotationStore(ws.db, ws.audit))
        assert again.by_target(SERIES) == [a for a in expected if a.target == SERIES]
    finally:
        ws.close()


def test_undo_and_redo_are_saved(workspace, store):
    h = AnnotationHierarchy.load(CASE, store, clock=Clock())
    a = h.add(polygon([[0, 0], [5, 0], [5, 5]]))
    h.remove(a.id)
    assert store.load(CASE) == []
    h.undo()
    assert store.load(CASE) == [a]
    h.undo()
    assert store.load(CASE) == []
    h.redo()
    with h.batch("Move"):
        for _ in range(5):
            h.translate(a.id, 1, 1)
    assert store.load(CASE)[0].geometry.points[0].tolist() == [5, 5]
    h.undo()
    assert store.load(CASE) == [a]


def test_one_change_writes_one_row(workspace, store):
    h = AnnotationHierarchy.load(CASE, store)
    h.add_many(random_polygons(500))
    target = list(h)[250]
    before = workspace.db.conn.total_changes
    h.update(target.id, name="only this one")
    assert workspace.db.conn.total_changes - before == 2            # the annotation row and one audit entry


def test_audit_entries_name_id_and_kind_only(workspace, store):
    h = AnnotationHierarchy.load(CASE, store)
    items = h.add_many(every_kind())
    h.update(items[5].id, comment=SECRET + " (edited)", name="Secret name")
    h.remove(items[5].id)
    h.undo()
    entries = [e for e in workspace.audit.entries() if e["action"].startswith("annotation.")]
    assert [e["action"] for e in entries[-3:]] == ["annotation.update", "annotation.remove", "annotation.add"]
    assert len(entries) == len(items) + 3
    for e in entries:
        assert e["target"] == CASE
        assert set(json.loads(e["details"])) == {"annotation", "kind"}
        assert SECRET not in e["details"] and "Secret" not in e["details"]
    assert json.loads(entries[-1]["details"]) == {"annotation": items[5].id, "kind": "polygon"}
    assert workspace.audit.verify().ok


def test_comment_is_not_readable_on_disk(workspace, store):
    h = AnnotationHierarchy.load(CASE, store)
    h.add_many(every_kind())
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in workspace.root.iterdir():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path.name


def test_cases_are_separate(workspace, store):
    insert_case(workspace.db, "case-0002")
    AnnotationHierarchy.load(CASE, store).add_many(every_kind())
    other = AnnotationHierarchy.load("case-0002", store)
    assert len(other) == 0
    other.add(polygon([[0, 0], [1, 0], [0, 1]], case_id="case-0002"))
    assert store.count(CASE) == 9 and store.count("case-0002") == 1


def test_migration_adds_the_table_to_a_version_1_workspace(workspace):
    v1_tables = {"cases", "documents", "series", "instances", "slides", "audit"}
    for table in set(workspace.db.table_names()) - v1_tables:     # back to what version 1 created
        workspace.db.execute(f"DROP TABLE {table}")
    for column in ("study_date", "series_number"):
        workspace.db.execute(f"ALTER TABLE series DROP COLUMN {column}")
    workspace.db.execute("PRAGMA user_version = 1")
    root = workspace.root
    workspace.close()
    ws = Workspace.open(root, PASSPHRASE)
    try:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert "annotations" in ws.db.table_names()
        assert (root / DB_FILE).exists()
    finally:
        ws.close()


def test_damaged_rows_give_a_clear_error(workspace, store):
    AnnotationHierarchy.load(CASE, store).add_many(every_kind())
    workspace.db.execute("UPDATE annotations SET coords = x'0000' WHERE kind = 'line'")
    with pytest.raises(AnnotationError, match="cannot be read"):
        store.load(CASE)
    workspace.db.execute("UPDATE annotations SET coords = zeroblob(16) WHERE kind = 'line'")
    with pytest.raises(AnnotationError, match="wrong number of vertices"):
        store.load(CASE)
