"""The slide viewer in the main window: open from the encrypted store, zoom/pan, annotate, undo,
persistence, GeoJSON, error tiles, key images."""
import pytest
import tifffile
from PySide6.QtCore import QPoint, Qt

from casepackages import build_package
from reviewer.annotations import Kind, Target
from reviewer.packages import import_path
from reviewer.session import Session
from reviewer.workspace import Workspace
from support import FAST_KDF, PASSPHRASE
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks

BAD_TILE = (1, 1)      # level-0 (col, row) corrupted by the `corrupt` windows


@pytest.fixture(scope="module")
def slide_file(tmp_path_factory):
    from reviewer.demo.slide import SlideSpec, write_slide
    path = tmp_path_factory.mktemp("slide") / "small.tif"
    write_slide(path, 7, "SO-TEST-0001", "A1", SlideSpec(width=2048, height=1536, levels=3, canvas_period=512))
    return path


def _window(qtbot, tmp_path, data: bytes) -> MainWindow:
    root = tmp_path / "ws"
    ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    import_path(ws, build_package(tmp_path / "pkg", dicom_from=None, documents={
        "documents/report.txt": b"Pathology report.", "slides/A1.tif": data}))
    ws.close()
    session = Session(root)
    w = MainWindow(session, BackgroundTasks())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    session.adopt(session.open_workspace(PASSPHRASE))
    w.open_case(session.workspace.cases.list()[0].id)
    return w


def _open_slide(qtbot, w):
    w.case_view.select_first_slide()
    viewer = w.case_view.slide_viewer
    assert w.case_view.viewers.currentWidget() is viewer
    qtbot.waitUntil(lambda: viewer.view.handle is not None, timeout=20000)
    _settle(qtbot, viewer.view)
    return viewer


def _settle(qtbot, view):
    def done():
        view.repaint()
        return view.loaded() and not view.pending
    qtbot.waitUntil(done, timeout=20000)


@pytest.fixture
def window(qtbot, tmp_path, slide_file):
    return _window(qtbot, tmp_path, slide_file.read_bytes())


def test_open_zoom_pan_rotate(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    vp = view.viewport
    assert "3 levels" in viewer.status.text() and "0.250 µm/px" in viewer.status.text()
    assert any(e["action"] == "slide.view" for e in w.session.workspace.audit.entries())
    coarse = vp.level()
    assert coarse > 0
    qtbot.keyClick(view, Qt.Key_Plus)
    qtbot.keyClick(view, Qt.Key_Plus)
    qtbot.keyClick(view, Qt.Key_Plus)
    assert vp.level() < coarse
    _settle(qtbot, view)
    cx = vp.cx
    qtbot.keyClick(view, Qt.Key_Right)
    assert vp.cx > cx
    cx, cy = vp.cx, vp.cy
    qtbot.mousePress(view, Qt.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(view, QPoint(250, 260))
    qtbot.mouseRelease(view, Qt.LeftButton, pos=QPoint(250, 260))
    assert vp.cx > cx and vp.cy > cy           # the slide follows the pointer
    _settle(qtbot, view)
    qtbot.keyClick(view, Qt.Key_R, Qt.ControlModifier)
    assert vp.rotation == 90
    image = view.grab_region()
    assert not image.isNull()
    # Overview click jumps there.
    ov = view.overview_rect()
    qtbot.mouseClick(view, Qt.LeftButton, pos=QPoint(int(ov.left() + 3), int(ov.top() + 3)))
    assert vp.cx < 200 and vp.cy < 200
    w.show_worklist()
    assert view.handle is None


def _pt(view, x, y) -> QPoint:
    """A position laid out for a 500-pixel-wide view, squeezed into the left of the real one, so
    it never lands on the overview (top right), whatever the window's layout."""
    f = min(1.0, 0.6 * view.width() / 500)
    return QPoint(round(x * f), round(y))


def _drag(qtbot, view, a, b, steps=6, scaled=True):
    if scaled:
        a, b = (_pt(view, *a), _pt(view, *b))
        a, b = (a.x(), a.y()), (b.x(), b.y())
    qtbot.mousePress(view, Qt.LeftButton, pos=QPoint(*a))
    for i in range(1, steps + 1):
        qtbot.mouseMove(view, QPoint(a[0] + (b[0] - a[0]) * i // steps, a[1] + (b[1] - a[1]) * i // steps))
    qtbot.mouseRelease(view, Qt.LeftButton, pos=QPoint(*b))


def test_draw_each_kind_undo_and_reopen(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    case_id = w.case_view.detail.summary.id
    hierarchy = w.series_loader.hierarchy(case_id)
    target = Target.slide(w.case_view.detail.slides[0].id)
    viewer.set_tool("point")
    qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, 100, 100))
    viewer.set_tool("line")
    _drag(qtbot, view, (120, 120), (260, 180))
    viewer.set_tool("rectangle")
    _drag(qtbot, view, (300, 100), (380, 160))
    viewer.set_tool("ellipse")
    _drag(qtbot, view, (400, 100), (480, 170))
    viewer.set_tool("freehand")
    _drag(qtbot, view, (150, 300), (260, 380), steps=12)
    viewer.set_tool("polygon")
    for x, y in ((400, 300), (480, 310), (470, 400)):
        qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, x, y))
    qtbot.mouseDClick(view, Qt.LeftButton, pos=_pt(view, 420, 420))
    kinds = [a.kind for a in hierarchy.by_target(target)]
    assert kinds == [Kind.POINT, Kind.LINE, Kind.RECTANGLE, Kind.ELLIPSE, Kind.FREEHAND, Kind.POLYGON]
    assert all(a.classification and a.classification.name == "Tumour" for a in hierarchy.by_target(target))
    line = hierarchy.by_target(target)[1]
    qtbot.waitUntil(lambda: viewer.list.tree.topLevelItemCount() == 6)
    assert "µm" in viewer.list.tree.topLevelItem(1).text(2)
    area = viewer.list.tree.topLevelItem(2)
    assert area.text(2).endswith(" µm²") and area.toolTip(2).endswith(" µm²")
    # Undo / redo with the keyboard.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert len(hierarchy.by_target(target)) == 5
    qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert len(hierarchy.by_target(target)) == 6
    # Select with a click, move by dragging, change class, delete.
    viewer.set_tool("navigate")
    rect = hierarchy.by_target(target)[2]
    qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, 340, 100))
    assert hierarchy.selection == {rect.id}
    before = hierarchy.get(rect.id).geometry.bbox
    _drag(qtbot, view, (340, 100), (360, 130))
    after = hierarchy.get(rect.id).geometry.bbox
    assert after[0] > before[0] and after[1] > before[1]
    # the tool bar's class is for new shapes only; the list's editor sets the selected one's class
    viewer.class_box.setCurrentIndex(viewer.class_box.findText("Necrosis"))
    assert hierarchy.get(rect.id).classification.name == "Tumour"
    qtbot.waitUntil(lambda: viewer.list.editing == rect.id)
    box = viewer.list.class_box
    box.setCurrentIndex(box.findText("Stroma"))
    box.activated.emit(box.currentIndex())
    assert hierarchy.get(rect.id).classification.name == "Stroma"
    assert hierarchy.undo_label == "Set class"
    # Edit a vertex: drag the rectangle's first corner handle.
    sx, sy = view.viewport.slide_to_screen(*hierarchy.get(rect.id).geometry.points[0])
    _drag(qtbot, view, (round(sx), round(sy)), (round(sx) - 20, round(sy) - 10), scaled=False)
    assert hierarchy.get(rect.id).geometry.bbox[0] < after[0]
    qtbot.keyClick(view, Qt.Key_Delete)
    assert rect.id not in hierarchy
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert rect.id in hierarchy
    # Jump from the list.
    viewer.list._clicked(viewer.list.tree.topLevelItem(1))
    assert hierarchy.selection == {line.id}
    # Persistence: leave the case and come back; the annotations load from the store.
    w.show_worklist()
    w.open_case(case_id)
    viewer = _open_slide(qtbot, w)
    assert [a.kind for a in w.series_loader.hierarchy(case_id).by_target(target)] == kinds
    qtbot.waitUntil(lambda: viewer.list.tree.topLevelItemCount() == 6)


def test_geojson_round_trip(qtbot, window, tmp_path):
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    viewer.set_tool("rectangle")
    _drag(qtbot, view, (300, 100), (380, 160))
    viewer.set_tool("polygon")
    for x, y in ((400, 300), (480, 310), (470, 400)):
        qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, x, y))
    qtbot.keyClick(view, Qt.Key_Return)
    out = tmp_path / "a.geojson"
    assert viewer.export_geojson(str(out)) == 2
    assert '"objectType":"annotation"' in out.read_text().replace(" ", "")
    for a in viewer.layer.annotations():
        viewer.layer.hierarchy.remove(a.id)
    assert viewer.import_geojson(str(out)) == 2
    assert sorted(a.kind for a in viewer.layer.annotations()) == [Kind.POLYGON, Kind.RECTANGLE]


def _corrupt(data: bytes, path) -> bytes:
    path.write_bytes(data)
    with tifffile.TiffFile(path) as tf:
        page = tf.pages[0]
        cols = -(-page.imagewidth // page.tilewidth)
        i = BAD_TILE[1] * cols + BAD_TILE[0]
        off, n = page.dataoffsets[i], page.databytecounts[i]
    raw = bytearray(data)
    raw[off + 20:off + n] = bytes([0x5A]) * (n - 20)
    return bytes(raw)


def test_corrupt_tile_is_drawn_as_an_error_tile(qtbot, tmp_path, slide_file):
    w = _window(qtbot, tmp_path, _corrupt(slide_file.read_bytes(), tmp_path / "bad.tif"))
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    view.viewport.set_zoom(1.0)
    view.viewport.centre_on(256 * BAD_TILE[0] + 128, 256 * BAD_TILE[1] + 128)
    _settle(qtbot, view)
    assert (0, *BAD_TILE) in view.errors
    assert len(view.errors) == 1
    view.grab_region()          # painting an error tile does not raise


def test_snapshot_keeps_a_key_image(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    viewer.set_tool("rectangle")
    _drag(qtbot, viewer.view, (300, 100), (380, 160))
    qtbot.keyClick(viewer.view, Qt.Key_K)
    ws = w.session.workspace
    case_id = w.case_view.detail.summary.id
    items = ws.key_images.list(case_id)
    assert len(items) == 1 and items[0].source == "slide"
    ki = items[0]
    assert ki.target_key == Target.slide(w.case_view.detail.slides[0].id).key
    assert ki.pixel_spacing_mm and ki.details["annotations"]
    assert w.case_view.key_images_group.childCount() == 1


def test_comment_name_and_lock_are_edited_in_the_list_saved_encrypted_and_undoable(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    view, lst = viewer.view, viewer.list
    hierarchy = viewer.layer.hierarchy
    viewer.set_tool("rectangle")
    _drag(qtbot, view, (100, 100), (200, 180))
    rect = viewer.layer.annotations()[0]
    qtbot.waitUntil(lambda: lst.editing == rect.id and lst.details.isEnabled())
    # double-click the row: the cursor goes to the comment
    item = lst.tree.topLevelItem(0)
    lst.tree.itemDoubleClicked.emit(item, 0)
    assert lst.comment_edit.hasFocus()
    qtbot.keyClicks(lst.comment_edit, "Zephyr focus, grade 3")
    qtbot.keyClick(lst.comment_edit, Qt.Key_Return, Qt.ControlModifier)
    assert hierarchy.get(rect.id).comment == "Zephyr focus, grade 3"
    assert hierarchy.undo_label == "Edit comment"
    qtbot.waitUntil(lambda: lst.tree.topLevelItem(0).text(3) == "Zephyr focus, grade 3")
    lst.name_edit.setFocus()
    qtbot.keyClicks(lst.name_edit, "Focus A")
    qtbot.keyClick(lst.name_edit, Qt.Key_Return)
    assert hierarchy.get(rect.id).name == "Focus A"
    qtbot.waitUntil(lambda: lst.tree.topLevelItem(0).text(0) == "Focus A")
    viewer.undo()
    viewer.undo()
    assert hierarchy.get(rect.id).comment == "" and hierarchy.get(rect.id).name == ""
    qtbot.waitUntil(lambda: lst.comment_edit.toPlainText() == "")
    viewer.redo()
    assert hierarchy.get(rect.id).comment == "Zephyr focus, grade 3"
    qtbot.waitUntil(lambda: lst.comment_edit.toPlainText() == "Zephyr focus, grade 3")
    # hovering over the shape shows its name, class, area and comment
    x0, y0, x1, y1 = rect.geometry.bbox
    tip = viewer.layer.tooltip_at(*view.viewport.slide_to_screen((x0 + x1) / 2, (y0 + y1) / 2), view.viewport)
    assert "Focus A" not in tip and "Tumour" in tip and "µm²" in tip and "Zephyr focus, grade 3" in tip
    assert viewer.layer.tooltip_at(2, view.height() - 2, view.viewport) == ""
    # Escape while typing puts the saved comment back and stays in the case
    lst.comment_edit.setFocus()
    qtbot.keyClicks(lst.comment_edit, " and more")
    qtbot.keyClick(lst.comment_edit, Qt.Key_Escape)
    assert lst.comment_edit.toPlainText() == "Zephyr focus, grade 3" and w.case_view.isVisible()
    # locked: the shape no longer moves
    lst.locked_box.click()
    assert hierarchy.get(rect.id).locked
    before = hierarchy.get(rect.id).geometry.bbox
    viewer.set_tool("navigate")
    _drag(qtbot, view, (150, 140), (180, 170))
    assert hierarchy.get(rect.id).geometry.bbox == before
    # Delete in the list deletes the selected annotation; undo brings it back
    hierarchy.select(rect.id)
    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key_Delete)
    assert rect.id not in hierarchy
    viewer.undo()
    assert rect.id in hierarchy
    # the comment is in the encrypted database only, and never in the audit log
    ws = w.session.workspace
    assert not any("Zephyr" in str(e["details"]) for e in ws.audit.entries())
    for f in ws.root.rglob("*"):
        if f.is_file():
            assert b"Zephyr" not in f.read_bytes(), f
    case_id = w.case_view.detail.summary.id
    w.show_worklist()
    w.open_case(case_id)
    viewer = _open_slide(qtbot, w)
    again = viewer.layer.hierarchy.get(rect.id)
    assert again.comment == "Zephyr focus, grade 3" and again.locked


def test_label_macro_thumbnail_window(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    button = viewer.buttons["associated"]
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: viewer.associated is not None and viewer.associated.isVisible(), timeout=10000)
    dialog = viewer.associated
    assert "label" in dialog.panes
    pane = dialog.panes["label"]
    assert pane.image.width() > 0 and not pane.grab().isNull()
    assert f"{pane.image.width()} × {pane.image.height()} px" in dialog.captions["label"].text()
    assert any(e["action"] == "slide.associated.view" for e in w.session.workspace.audit.entries())
    w.show_worklist()                 # leaving the case closes it
    assert viewer.associated is None
    case_id = w.session.workspace.cases.list()[0].id
    w.open_case(case_id)
    viewer = _open_slide(qtbot, w)
    viewer.buttons["associated"].click()
    qtbot.waitUntil(lambda: viewer.associated is not None, timeout=10000)
    w.session.lock()                  # and so does a lock
    assert viewer.associated is None and viewer.view.handle is None


def test_each_kind_selects_moves_edits_and_deletes(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    vp = view.viewport
    hierarchy = viewer.layer.hierarchy
    viewer.set_tool("point")
    qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, 60, 250))
    viewer.set_tool("ellipse")
    _drag(qtbot, view, (100, 300), (200, 380))
    viewer.set_tool("polygon")
    for x, y in ((250, 250), (350, 260), (330, 360)):
        qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, x, y))
    qtbot.keyClick(view, Qt.Key_Escape)            # Escape drops a polygon being drawn
    assert viewer.layer.draft is None
    for x, y in ((250, 250), (350, 260), (330, 360)):
        qtbot.mouseClick(view, Qt.LeftButton, pos=_pt(view, x, y))
    qtbot.keyClick(view, Qt.Key_Return)
    viewer.set_tool("line")                        # a ruler shows its length while it is drawn
    qtbot.mousePress(view, Qt.LeftButton, pos=_pt(view, 60, 420))
    qtbot.mouseMove(view, _pt(view, 160, 420))
    assert viewer.layer.draft_text().endswith(" µm")
    view.repaint()
    qtbot.keyClick(view, Qt.Key_Escape)
    qtbot.mouseRelease(view, Qt.LeftButton, pos=_pt(view, 160, 420))
    assert viewer.layer.draft is None and len(viewer.layer.annotations()) == 3
    viewer.set_tool("freehand")
    qtbot.mousePress(view, Qt.LeftButton, pos=_pt(view, 380, 300))
    for x, y in ((400, 330), (420, 360), (440, 390), (460, 420), (420, 420), (380, 420), (380, 360)):
        qtbot.mouseMove(view, _pt(view, x, y))
    qtbot.mouseRelease(view, Qt.LeftButton, pos=_pt(view, 380, 310))
    point, ellipse, polygon, freehand = viewer.layer.annotations()
    assert [a.kind for a in (point, ellipse, polygon, freehand)] == [Kind.POINT, Kind.ELLIPSE, Kind.POLYGON,
                                                                      Kind.FREEHAND]
    viewer.set_tool("navigate")
    for a in (point, ellipse, polygon, freehand):
        x0, y0, x1, y1 = a.geometry.bbox
        cx, cy = vp.slide_to_screen(*(a.geometry.points.mean(axis=0) if a.kind == Kind.FREEHAND
                                      else ((x0 + x1) / 2, (y0 + y1) / 2)))
        qtbot.mouseClick(view, Qt.LeftButton, pos=QPoint(round(cx), round(cy)))
        assert hierarchy.selection == {a.id}, a.kind
        _drag(qtbot, view, (round(cx), round(cy)), (round(cx) + 10, round(cy) + 8), scaled=False)
        moved = hierarchy.get(a.id).geometry.bbox
        assert moved[0] == pytest.approx(x0 + 10 / vp.zoom, abs=1 / vp.zoom + 1e-6), a.kind
        viewer.undo()
        assert hierarchy.get(a.id).geometry.bbox == pytest.approx((x0, y0, x1, y1))
    # Escape during a drag puts the shape back, leaves no undo step and keeps the case open
    hierarchy.select(ellipse.id)
    label = hierarchy.undo_label
    cx, cy = vp.slide_to_screen(*ellipse.geometry.points.mean(axis=0))
    qtbot.mousePress(view, Qt.LeftButton, pos=QPoint(round(cx), round(cy)))
    qtbot.mouseMove(view, QPoint(round(cx) + 30, round(cy) + 20))
    assert hierarchy.get(ellipse.id).geometry.bbox != ellipse.geometry.bbox
    qtbot.keyClick(view, Qt.Key_Escape)
    qtbot.mouseRelease(view, Qt.LeftButton, pos=QPoint(round(cx) + 30, round(cy) + 20))
    assert hierarchy.get(ellipse.id).geometry.bbox == ellipse.geometry.bbox
    assert hierarchy.undo_label == label and w.case_view.isVisible()
    # a polygon's vertex moves, and the move is one undo step
    hierarchy.select(polygon.id)
    sx, sy = vp.slide_to_screen(*polygon.geometry.points[1])
    _drag(qtbot, view, (round(sx), round(sy)), (round(sx) + 15, round(sy) - 12), scaled=False)
    assert hierarchy.get(polygon.id).geometry.points[1][0] > polygon.geometry.points[1][0]
    assert hierarchy.undo_label == "Move vertex"
    viewer.undo()
    assert hierarchy.get(polygon.id).geometry.points.tolist() == polygon.geometry.points.tolist()
    # double-click on an edge adds a vertex there; Alt+click on a vertex removes it
    hierarchy.select(polygon.id)
    p0, p1 = polygon.geometry.points[0], polygon.geometry.points[1]
    mx, my = vp.slide_to_screen((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
    qtbot.mouseDClick(view, Qt.LeftButton, pos=QPoint(round(mx), round(my)))
    grown = hierarchy.get(polygon.id).geometry.points
    assert len(grown) == 4 and hierarchy.undo_label == "Add vertex"
    assert grown[1].tolist() == pytest.approx([(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2], abs=1 / vp.zoom)
    sx, sy = vp.slide_to_screen(*grown[1])
    qtbot.mouseClick(view, Qt.LeftButton, Qt.AltModifier, QPoint(round(sx), round(sy)))
    assert len(hierarchy.get(polygon.id).geometry.points) == 3 and hierarchy.undo_label == "Delete vertex"
    sx, sy = vp.slide_to_screen(*polygon.geometry.points[0])
    qtbot.mouseClick(view, Qt.LeftButton, Qt.AltModifier, QPoint(round(sx), round(sy)))
    assert len(hierarchy.get(polygon.id).geometry.points) == 3       # a triangle keeps its corners
    # delete from the tool bar, undo brings it back
    hierarchy.select(freehand.id)
    viewer.buttons["delete"].click()
    assert freehand.id not in hierarchy
    viewer.undo()
    assert freehand.id in hierarchy


def _broken_window(qtbot, tmp_path, data: bytes):
    w = _window(qtbot, tmp_path, data)
    w.case_view.select_first_slide()
    viewer = w.case_view.slide_viewer
    qtbot.waitUntil(lambda: viewer.status.text() == "Not shown", timeout=20000)
    return viewer


@pytest.mark.parametrize("what", ["garbage", "truncated"])
def test_broken_slide_file_gives_a_clear_message(qtbot, tmp_path, slide_file, what):
    data = slide_file.read_bytes()
    data = b"this is not a slide\n" * 50 if what == "garbage" else data[:300]
    viewer = _broken_window(qtbot, tmp_path, data)
    message = viewer.view.message
    assert message and "Traceback" not in message and "Something went wrong" not in message
    assert message.startswith("This slide cannot be shown")
    assert ("not a slide format" if what == "garbage" else "not a readable TIFF") in message
    assert viewer.view.handle is None and viewer.layer is None
    assert not viewer.view.grab().isNull()        # the message paints


def test_measurement_text_in_micrometres_and_square_millimetres():
    from reviewer.annotations import Annotation, Geometry, PixelSize
    from viewers.pathology.annotation_layer import measurement_text
    px = PixelSize.slide(0.25, 0.25)
    target = Target.slide("s")

    def text(kind, pts, compact=False):
        return measurement_text(Annotation.create("c", target, Geometry(kind, pts)), px, compact)
    assert text(Kind.LINE, [(0, 0), (3000, 4000)]) == "1,250.0 µm"
    assert text(Kind.RECTANGLE, [(0, 0), (4000, 4000)]) == "1 mm² (1,000,000 µm²)"
    assert text(Kind.RECTANGLE, [(0, 0), (4000, 4000)], compact=True) == "1 mm²"
    assert text(Kind.RECTANGLE, [(0, 0), (40, 80)]) == "200 µm²"
    assert text(Kind.POINT, [(5, 5)]) == ""
    assert measurement_text(Annotation.create("c", target, Geometry(Kind.LINE, [(0, 0), (30, 40)])), None) == "50.0 px"


def test_many_outlines_are_stroked_together_and_other_shapes_still_drawn(qtbot):
    import numpy as np
    from PySide6.QtGui import QImage, QPainter

    from reviewer.annotations import Annotation, AnnotationHierarchy, Classification, Geometry
    from reviewer.pathology.viewport import Viewport
    from viewers.pathology.annotation_layer import BULK, AnnotationLayer
    red, blue, green = Classification("Tumour", (255, 0, 0)), Classification("Margin", (0, 0, 255)), \
        Classification("Stroma", (0, 255, 0))
    target = Target.slide("s")
    shapes = [Annotation.create("c", target, Geometry(Kind.POLYGON, [(x, y), (x + 60, y), (x + 30, y + 50)]),
                                classification=red)
              for x in range(0, 4000, 160) for y in range(0, 3000, 150)]
    assert len(shapes) > BULK
    rect = Annotation.create("c", target, Geometry(Kind.RECTANGLE, [(1000, 1000), (3000, 2000)]), classification=blue)
    chosen = Annotation.create("c", target, Geometry(Kind.POLYGON, [(2000, 200), (3800, 200), (3800, 900)]),
                               classification=red)
    shapes.append(chosen)
    h = AnnotationHierarchy("c", shapes + [rect])
    layer = AnnotationLayer(h, target, None, "me", (red, blue, green))
    vp = Viewport(4000, 3000, [1.0], 400, 300)
    vp.fit()

    def colours():
        image = QImage(400, 300, QImage.Format_RGB32)
        image.fill(0)
        p = QPainter(image)
        layer.paint(p, vp)
        p.end()
        arr = np.frombuffer(image.constBits(), np.uint8).reshape(300, 400, 4)[:, :, :3]   # BGR
        return {"red": int(((arr[:, :, 2] > 200) & (arr[:, :, 0] < 60)).sum()),
                "blue": int(((arr[:, :, 0] > 200) & (arr[:, :, 2] < 60)).sum()),
                "yellow": int(((arr[:, :, 2] > 200) & (arr[:, :, 1] > 200) & (arr[:, :, 0] < 120)).sum())}
    first = colours()
    assert layer.drawn > BULK and first["red"] > 500 and first["blue"] > 100 and first["yellow"] == 0
    h.select(chosen.id)                        # the selection is drawn on top, in yellow
    assert colours()["yellow"] > 10
    h.update(rect.id, classification=green)    # a change reaches the cached list of other shapes
    h.clear_selection()
    assert colours()["blue"] == 0
    layer.close()


def test_tool_keys_shift_squares_and_undo_buttons(qtbot, window):
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    hierarchy = viewer.layer.hierarchy
    assert not viewer.buttons["undo"].isEnabled()
    qtbot.keyClick(view, Qt.Key_R)                 # QuPath's keys choose the tools
    assert viewer.layer.tool == "rectangle" and viewer.tool_buttons["rectangle"].isChecked()
    a, b = _pt(view, 100, 100), _pt(view, 220, 160)
    qtbot.mousePress(view, Qt.LeftButton, Qt.ShiftModifier, a)
    qtbot.mouseMove(view, b)
    qtbot.mouseRelease(view, Qt.LeftButton, Qt.ShiftModifier, b)
    square = viewer.layer.annotations()[-1]
    x0, y0, x1, y1 = square.geometry.bbox
    assert square.kind == Kind.RECTANGLE and x1 - x0 == pytest.approx(y1 - y0)
    qtbot.waitUntil(lambda: viewer.buttons["undo"].toolTip() == "Undo Add rectangle")
    qtbot.keyClick(view, Qt.Key_E)
    _drag(qtbot, view, (250, 100), (400, 101))     # a flat box is not a shape
    assert len(viewer.layer.annotations()) == 1
    qtbot.keyClick(view, Qt.Key_M)
    assert viewer.layer.tool == "navigate"
    # a drag ends as one undo step, and the buttons say so
    sx, sy = view.viewport.slide_to_screen((x0 + x1) / 2, (y0 + y1) / 2)
    _drag(qtbot, view, (round(sx), round(sy)), (round(sx) + 25, round(sy) + 5), scaled=False)
    assert hierarchy.undo_label == "Move"
    qtbot.waitUntil(lambda: viewer.buttons["undo"].toolTip() == "Undo Move")
    viewer.buttons["undo"].click()
    assert hierarchy.get(square.id).geometry.bbox == pytest.approx((x0, y0, x1, y1))
    qtbot.waitUntil(lambda: viewer.buttons["redo"].isEnabled())


def test_a_change_that_cannot_be_saved_is_reported_and_not_made(qtbot, window, monkeypatch):
    from reviewer.errors import ReviewerError
    w = window
    viewer = _open_slide(qtbot, w)
    view = viewer.view
    hierarchy = viewer.layer.hierarchy
    viewer.set_tool("rectangle")
    _drag(qtbot, view, (100, 100), (200, 180))
    rect = viewer.layer.annotations()[0]
    warnings = []
    monkeypatch.setattr("viewers.pathology.slide_viewer.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))

    def refuse(case_id, change):
        raise ReviewerError("The workspace database is read-only")
    monkeypatch.setattr(hierarchy._sink, "save", refuse)
    _drag(qtbot, view, (250, 100), (350, 180))              # a new shape: refused
    assert len(viewer.layer.annotations()) == 1
    viewer.set_tool("navigate")
    before = rect.geometry.bbox
    sx, sy = view.viewport.slide_to_screen((before[0] + before[2]) / 2, (before[1] + before[3]) / 2)
    _drag(qtbot, view, (round(sx), round(sy)), (round(sx) + 30, round(sy) + 20), scaled=False)   # a move: refused
    assert hierarchy.get(rect.id).geometry.bbox == before and not hierarchy.in_batch
    assert warnings == ["The workspace database is read-only"] * 2
    assert viewer.status.text() == "The workspace database is read-only"


def test_list_keeps_its_rows_for_a_selection_and_redoes_only_changed_ones(qtbot):
    from reviewer.annotations import Annotation, AnnotationHierarchy, Geometry, PixelSize
    from viewers.pathology.annotation_layer import AnnotationLayer
    from viewers.pathology.annotation_list import AnnotationList
    target = Target.slide("s")
    shapes = [Annotation.create("c", target, Geometry(Kind.RECTANGLE, [(i * 100, 0), (i * 100 + 40 + i, 40)]))
              for i in range(30)]
    h = AnnotationHierarchy("c", shapes)
    layer = AnnotationLayer(h, target, PixelSize.slide(0.5, 0.5), "me")
    lst = AnnotationList()
    qtbot.addWidget(lst)
    lst.set_layer(layer)
    first = [lst.tree.topLevelItem(i) for i in range(30)]
    h.select(shapes[5].id)
    lst.refresh()
    assert [lst.tree.topLevelItem(i) for i in range(30)] == first      # the same rows
    assert lst.tree.currentItem() is first[5] and lst.editing == shapes[5].id
    h.update(shapes[7].id, name="Focus B", comment="first line\nsecond")
    h.translate(shapes[5].id, 0, 0.5)
    lst.refresh()
    assert lst.tree.topLevelItem(7) is first[7] and first[7].text(0) == "Focus B" and first[7].text(3) == "first line"
    assert first[7].toolTip(3) == "first line\nsecond"
    h.update(shapes[5].id, geometry=Geometry(Kind.RECTANGLE, [(0, 0), (200, 200)]))
    lst.refresh()
    assert first[5].text(2) == "0.01 mm²" and first[5].toolTip(2) == "0.01 mm² (10,000 µm²)"
    h.remove(shapes[0].id)
    lst.refresh()
    assert lst.tree.topLevelItemCount() == 29 and lst.tree.topLevelItem(0).data(0, Qt.UserRole) == shapes[1].id
    layer.close()


def _outlines_frame(layer, vp):
    from PySide6.QtGui import QImage, QPainter
    image = QImage(vp.view_width, vp.view_height, QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    p = QPainter(image)
    layer.paint(p, vp)
    p.end()
    return image


def _pixels(image):
    import numpy as np
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())


def test_many_outlines_pan_from_one_overlay_image_that_matches_direct_drawing_and_follows_changes(qtbot, monkeypatch):
    """With thousands of outlines on screen the layer draws them once per zoom into an image and pans
    it; what is shown must equal stroking them directly, and a deleted shape must be gone at once."""
    import numpy as np

    import viewers.pathology.annotation_layer as layer_module
    from reviewer.annotations import Annotation, AnnotationHierarchy, Geometry
    from reviewer.pathology.viewport import Viewport
    from viewers.pathology.annotation_layer import AnnotationLayer
    target = Target.slide("s")
    rng = np.random.default_rng(3)
    shapes = []
    for _ in range(1500):
        cx, cy, r = rng.uniform(500, 19500), rng.uniform(500, 14500), rng.uniform(60, 300)
        t = np.linspace(0, 2 * np.pi, 13)[:-1]
        shapes.append(Annotation.create("c", target, Geometry(Kind.POLYGON, list(zip(cx + r * np.cos(t),
                                                                                     cy + r * np.sin(t))))))
    h = AnnotationHierarchy("c", shapes)
    layer = AnnotationLayer(h, target, None, "me")
    vp = Viewport(20000, 15000, view_width=800, view_height=600)
    vp.fit()
    vp.pan(-13.0, 7.0)
    cached = _pixels(_outlines_frame(layer, vp)).copy()
    assert layer._overlays                                  # the overlay image was used
    monkeypatch.setattr(layer_module, "OVERLAY_MAX_PIXELS", 0)
    direct = _pixels(_outlines_frame(layer, vp)).copy()
    monkeypatch.undo()
    differs = np.any(cached != direct, axis=-1) if cached.ndim == 3 else (cached != direct)
    assert direct.any() and differs.mean() < 0.002          # the same outlines, at most rounding apart
    vp.pan(-200.0, 90.0)                                    # panning reuses the image
    before = len(layer._overlays)
    _outlines_frame(layer, vp)
    assert len(layer._overlays) == before
    h.remove(shapes[0].id)                                  # a change drops it
    assert not layer._overlays
    layer.close()
