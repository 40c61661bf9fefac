"""The slide viewer panel: a tool bar (tools, class, rotate, undo, GeoJSON, key image, label and
macro), the tiled view and the annotation list. It shows what the loader gives it; it opens nothing
itself (the associated images are read by the loader, off the GUI thread, on ``associated_requested``)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from reviewer.annotations import AnnotationError
from reviewer.annotations.geojson import dumps_geojson, read_geojson
from viewers.flow_layout import FlowLayout
from viewers.pathology.annotation_layer import TOOLS, AnnotationLayer
from viewers.pathology.associated_images import AssociatedImagesDialog
from viewers.pathology.annotation_list import AnnotationList
from viewers.pathology.labels import class_label
from viewers.pathology.slide_view import TOOL_KEYS, SlideView
from viewers.i18n import shown
from viewers.png import png_bytes

TOOL_LABELS = {"navigate": QT_TRANSLATE_NOOP("SlideViewer", "Move"),
               "point": QT_TRANSLATE_NOOP("SlideViewer", "Point"),
               "line": QT_TRANSLATE_NOOP("SlideViewer", "Ruler"),
               "rectangle": QT_TRANSLATE_NOOP("SlideViewer", "Rectangle"),
               "ellipse": QT_TRANSLATE_NOOP("SlideViewer", "Ellipse"),
               "polygon": QT_TRANSLATE_NOOP("SlideViewer", "Polygon"),
               "freehand": QT_TRANSLATE_NOOP("SlideViewer", "Brush")}

# What an undo/redo would change, as the hierarchy names it ("Undo Move"); marked here so the tool tip is
# translated ("Move" and "Delete" are marked elsewhere in this module; an unknown name is shown as written).
UNDO_LABELS = (
    QT_TRANSLATE_NOOP("SlideViewer", "Move vertex"), QT_TRANSLATE_NOOP("SlideViewer", "Add vertex"),
    QT_TRANSLATE_NOOP("SlideViewer", "Delete vertex"), QT_TRANSLATE_NOOP("SlideViewer", "Edit"),
    QT_TRANSLATE_NOOP("SlideViewer", "Rename"), QT_TRANSLATE_NOOP("SlideViewer", "Set class"),
    QT_TRANSLATE_NOOP("SlideViewer", "Edit comment"), QT_TRANSLATE_NOOP("SlideViewer", "Lock"),
    QT_TRANSLATE_NOOP("SlideViewer", "Unlock"), QT_TRANSLATE_NOOP("SlideViewer", "Import GeoJSON"),
    QT_TRANSLATE_NOOP("SlideViewer", "Import annotations"), QT_TRANSLATE_NOOP("SlideViewer", "Add point"),
    QT_TRANSLATE_NOOP("SlideViewer", "Add line"), QT_TRANSLATE_NOOP("SlideViewer", "Add polyline"),
    QT_TRANSLATE_NOOP("SlideViewer", "Add rectangle"), QT_TRANSLATE_NOOP("SlideViewer", "Add ellipse"),
    QT_TRANSLATE_NOOP("SlideViewer", "Add polygon"), QT_TRANSLATE_NOOP("SlideViewer", "Add freehand"),
    QT_TRANSLATE_NOOP("SlideViewer", "Add arrow"), QT_TRANSLATE_NOOP("SlideViewer", "Add angle"))


class SlideViewer(QWidget):
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("SlideViewer", "Pathology")
    KEY_HELP = (
        ("Arrows / drag", QT_TRANSLATE_NOOP("SlideViewer", "Pan")),
        ("wheel, +, -", QT_TRANSLATE_NOOP("SlideViewer", "Zoom")),
        ("0, Home", QT_TRANSLATE_NOOP("SlideViewer", "Whole slide")),
        ("Ctrl+R, Ctrl+Shift+R", QT_TRANSLATE_NOOP("SlideViewer", "Rotate 90° clockwise / back")),
        ("M", QT_TRANSLATE_NOOP("SlideViewer", "Move tool")),
        (".", QT_TRANSLATE_NOOP("SlideViewer", "Point tool")),
        ("L", QT_TRANSLATE_NOOP("SlideViewer", "Line / ruler tool (µm)")),
        ("R", QT_TRANSLATE_NOOP("SlideViewer", "Rectangle tool")),
        ("E", QT_TRANSLATE_NOOP("SlideViewer", "Ellipse tool")),
        ("P", QT_TRANSLATE_NOOP("SlideViewer", "Polygon tool")),
        ("B", QT_TRANSLATE_NOOP("SlideViewer", "Brush (freehand) tool")),
        ("Shift+drag", QT_TRANSLATE_NOOP("SlideViewer", "Square / circle")),
        ("Double-click an edge, Alt+click", QT_TRANSLATE_NOOP("SlideViewer", "Add / remove a vertex")),
        ("K", QT_TRANSLATE_NOOP("SlideViewer", "Key image: this region with its annotations, for the report")),
        ("Return", QT_TRANSLATE_NOOP("SlideViewer", "Close the polygon being drawn")),
        ("Esc", QT_TRANSLATE_NOOP("SlideViewer", "Cancel the annotation being drawn")),
        ("Delete", QT_TRANSLATE_NOOP("SlideViewer", "Delete the selected annotation")),
        ("Ctrl+Z", QT_TRANSLATE_NOOP("SlideViewer", "Undo")),
        ("Ctrl+Y, Ctrl+Shift+Z", QT_TRANSLATE_NOOP("SlideViewer", "Redo")),
    )

    key_image_captured = Signal(bytes, dict)
    associated_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = SlideView()
        self.list = AnnotationList()
        self.status = QLabel()
        self.layer: AnnotationLayer | None = None
        self.associated: AssociatedImagesDialog | None = None
        self.tool_buttons: dict[str, QToolButton] = {}
        # Two rows, so the viewer fits a laptop screen: drawing tools and class, then actions (which wrap
        # when the viewer is narrow, beside the opinion editor).
        bar, actions = QHBoxLayout(), FlowLayout()
        group = QButtonGroup(self)
        for tool in TOOLS:
            label = QCoreApplication.translate("SlideViewer", TOOL_LABELS[tool])
            b = QToolButton(text=label, checkable=True)
            key = next((QKeySequence(k).toString() for k, t in TOOL_KEYS.items() if t == tool), "")
            b.setToolTip(self.tr("{0} tool").format(label) + (f" ({key})" if key else ""))
            b.clicked.connect(lambda _=False, t=tool: self.set_tool(t))
            group.addButton(b)
            bar.addWidget(b)
            self.tool_buttons[tool] = b
        self.tool_buttons["navigate"].setChecked(True)
        self.class_box = QComboBox(objectName="slideClass")
        self.class_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.class_box.setToolTip(self.tr("Class of new annotations (change a drawn one's class in the list)"))
        self.class_box.currentIndexChanged.connect(self._class_chosen)
        bar.addWidget(QLabel(self.tr("New:")))
        bar.addWidget(self.class_box)
        self.buttons = {}
        for name, text, slot in (("undo", self.tr("Undo"), self.undo), ("redo", self.tr("Redo"), self.redo),
                                 ("delete", self.tr("Delete"), self.delete),
                                 ("rotate", self.tr("Rotate 90°"), self.rotate),
                                 ("import", self.tr("Import GeoJSON…"), self.import_geojson),
                                 ("export", self.tr("Export GeoJSON…"), self.export_geojson),
                                 ("snapshot", self.tr("Key image (K)"), self.capture),
                                 ("associated", self.tr("Label && macro…"), self.associated_requested.emit)):
            b = QToolButton(text=text)
            b.clicked.connect(slot)
            actions.addWidget(b)
            self.buttons[name] = b
        self.buttons["rotate"].setToolTip(self.tr("Rotate 90° clockwise (Ctrl+R; Ctrl+Shift+R turns back)"))
        self.buttons["delete"].setToolTip(self.tr("Delete the selected annotations (Delete)"))
        bar.addStretch(1)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(self.list)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.view.snapshot_requested.connect(self.capture)
        self.list.jump.connect(self.jump_to)
        self.view.tool_requested.connect(self.set_tool)
        self.view.input_failed.connect(self._input_failed)
        self.list.failed.connect(self.status.setText)
        self._undo_timer = QTimer(self, singleShot=True, interval=0, timeout=self._update_undo)
        # Ctrl+Z / Ctrl+Y (and the platform's redo) anywhere in the viewer; the view handles them too
        # when it has focus, so a key the platform's Redo lacks still works there.
        taken = set()
        for seq, slot in ((QKeySequence.Undo, self.undo), (QKeySequence.Redo, self.redo),
                          (QKeySequence("Ctrl+Y"), self.redo)):
            for key in QKeySequence.keyBindings(seq) if not isinstance(seq, QKeySequence) else [seq]:
                if key.toString() not in taken:
                    taken.add(key.toString())
                    QShortcut(key, self, slot)

    # -- content ------------------------------------------------------------------------------
    def show_loading(self, text: str) -> None:
        self.clear()
        self.view.clear(self.tr("Opening {0}…").format(text))
        self.status.setText(self.tr("Opening the slide…"))

    def show_error(self, message: str) -> None:
        self.clear()
        self.view.clear(self.tr("This slide cannot be shown.") + "\n\n" + message)
        self.status.setText(self.tr("Not shown"))

    def show_slide(self, handle, overview, layer: AnnotationLayer | None) -> None:
        self.clear()
        self.view.set_slide(handle, overview)
        self.layer = layer
        self.view.layer = layer
        if layer is not None:
            layer._on_changed = self._annotations_changed
            self.class_box.blockSignals(True)
            self.class_box.clear()
            self.class_box.addItem(self.tr("No class"), None)
            for cls in layer.classes:
                pm = QPixmap(12, 12)
                pm.fill(QColor(*cls.color))
                self.class_box.addItem(QIcon(pm), class_label(cls.name), cls)
            self.class_box.setCurrentIndex(1 if layer.classes else 0)
            self.class_box.blockSignals(False)
            layer.tool = "navigate"
        self.tool_buttons["navigate"].setChecked(True)
        self.list.set_layer(layer)
        self._update_undo()
        info = handle.info
        w, h = info.dimensions
        mpp = f"{info.mpp[0]:.3f} µm/px" if info.mpp else self.tr("no pixel size")
        power = self.tr("{0}× scan").format(f"{info.objective_power:g}") if info.objective_power else \
            self.tr("unknown objective")
        self.status.setText(self.tr("{format} · {w} × {h} px · {levels} levels · {mpp} · {power}").format(
            format=info.format, w=f"{w:,}", h=f"{h:,}", levels=len(info.levels), mpp=mpp, power=power))
        names = ", ".join(info.associated)
        self.buttons["associated"].setEnabled(bool(info.associated))
        self.buttons["associated"].setToolTip(self.tr("Show the slide's {0}").format(names) if names
                                              else self.tr("This slide file holds no label, macro or thumbnail"))
        self.view.setFocus()

    def show_associated(self, title: str, images: dict, failed: dict) -> None:
        """Opens the label/macro/thumbnail window (images in memory only; it closes with the slide)."""
        self._close_associated()
        self.associated = AssociatedImagesDialog(title, images, failed, self)
        self.associated.show()

    def _close_associated(self) -> None:
        dialog, self.associated = self.associated, None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def clear(self) -> None:
        self._close_associated()
        if self.layer is not None:
            self.layer.close()
        self.layer = None
        self.view.layer = None
        self.view.clear()
        self.list.set_layer(None)

    def _input_failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, self.tr("Annotation not changed"), message)

    def _annotations_changed(self) -> None:
        self.view.update()
        self.list.schedule()
        self._undo_timer.start()      # after the change: an undo is announced before it is on the redo stack

    def _update_undo(self) -> None:
        """Undo/Redo say what they would undo, and are off when there is nothing to undo."""
        h = self.layer.hierarchy if self.layer is not None else None
        for name, can, label in (("undo", h is not None and h.can_undo, h.undo_label if h else None),
                                 ("redo", h is not None and h.can_redo, h.redo_label if h else None)):
            self.buttons[name].setEnabled(bool(can))
            self.buttons[name].setToolTip(f"{self.buttons[name].text()} {self.tr(label)}" if can and label else "")

    # -- actions ------------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        if self.layer is not None:
            self.layer.tool = tool
            self.layer.draft = None
        self.tool_buttons[tool].setChecked(True)
        self.view.setFocus()

    def _class_chosen(self, index: int) -> None:
        if self.layer is not None:
            try:
                self.layer.set_class(self.class_box.itemData(index))
            except AnnotationError as exc:
                self.status.setText(str(exc))

    def undo(self) -> None:
        if self.layer is not None:
            self.layer.undo()

    def redo(self) -> None:
        if self.layer is not None:
            self.layer.redo()

    def delete(self) -> None:
        if self.layer is not None:
            self.layer.delete_selected()

    def rotate(self) -> None:
        if self.view.viewport is not None:
            self.view.viewport.rotate(1)

    def jump_to(self, annotation) -> None:
        vp = self.view.viewport
        if vp is None:
            return
        x0, y0, x1, y1 = annotation.geometry.bbox
        w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
        vp.centre_on((x0 + x1) / 2, (y0 + y1) / 2)
        vp.set_zoom(min(vp.view_width / (w * 1.5), vp.view_height / (h * 1.5), 1.0))
        self.view.setFocus()

    def import_geojson(self, path: str | None = None) -> int:
        layer = self.layer
        if layer is None:
            return 0
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import annotations"), filter="GeoJSON (*.geojson *.json)")
        if not path:
            return 0
        try:
            result = read_geojson(path, case_id=layer.hierarchy.case_id, target=layer.target, author=layer.author,
                                  classes=layer.classes, taken_ids=layer.hierarchy)
            layer.hierarchy.add_many(result.annotations, "Import GeoJSON")
        except (OSError, AnnotationError) as exc:
            text = shown(exc.args[0]) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
            QMessageBox.warning(self, self.tr("Annotations not imported"), text)
            return 0
        skipped = self.tr(" ({0} objects skipped)").format(len(result.skipped)) if result.skipped else ""
        self.status.setText(self.tr("Imported {0} annotations").format(len(result.annotations)) + skipped)
        return len(result.annotations)

    def export_geojson(self, path: str | None = None) -> int:
        layer = self.layer
        if layer is None:
            return 0
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export annotations"), "annotations.geojson",
                                                  filter="GeoJSON (*.geojson)")
        if not path:
            return 0
        annotations = layer.annotations()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(dumps_geojson(annotations))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Annotations not exported"), str(exc))
            return 0
        self.status.setText(self.tr("Exported {0} annotations").format(len(annotations)))
        return len(annotations)

    def capture(self) -> None:
        """Emits the current region with its annotations as PNG, with what the report needs."""
        vp, handle = self.view.viewport, self.view.handle
        if vp is None or handle is None:
            return
        png = png_bytes(self.view.grab_region())
        mpp = handle.info.mpp
        x0, y0, x1, y1 = vp.visible_rect()
        details = {"zoom": vp.zoom, "rotation": vp.rotation, "centre": [vp.cx, vp.cy],
                   "region": [x0, y0, x1, y1], "level": vp.level(),
                   "mm_per_pixel": (mpp[0] / vp.zoom / 1000.0) if mpp else None,
                   "magnification": vp.magnification(handle.info.objective_power),
                   "annotations": [a.id for a in (self.layer.hierarchy.query_rect(self.layer.target, x0, y0, x1, y1)
                                                  if self.layer else [])][:500]}
        self.key_image_captured.emit(png, details)
