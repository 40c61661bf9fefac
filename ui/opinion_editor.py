"""The opinion editor: a form generated from the case's report template, beside a live preview of the
PDF.

The form is built from the template's data (sections of typed fields, concordance choices, one answer
per question of the patient, key images with captions, outcome, limitations) so a new specialty or a
reworded field needs no code. Every edit writes into the editor's ``Opinion`` and emits ``changed``;
the controller (ui/opinion_controller.py) saves, checks and renders. Fields named by a ready-to-sign
problem get their label marked, and the problem list takes the specialist to the field.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QSizePolicy, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QRadioButton, QScrollArea, QSplitter,
                               QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from reviewer.reports.opinion import ImageRef, Opinion, Problem
from reviewer.reports.templates import SURGERY_VALUES, Field, Template
from viewers.documents.document_view import DocumentView
from viewers.i18n import shown

_STYLE = """
QLabel#opinionTitle { font-size: 15px; font-weight: 600; color: #1c2b39; }
QLabel#opinionState { color: #44515e; }
QLabel#opinionState[signed="true"] { color: #1b5e20; font-weight: 600; }
QLabel#sectionHeading { font-size: 13px; font-weight: 600; color: #1f4e79; padding-top: 8px;
                        border-bottom: 1px solid #c9d1da; }
QLabel#fieldLabel[missing="true"] { color: #b3261e; }
QLabel#fieldHelp, QLabel#questionText { color: #5a6672; }
QListWidget#opinionProblems { background: #fff4f2; border: 1px solid #f0c4bd; color: #8c1d18; }
QLabel#problemsTitle { color: #8c1d18; font-weight: 600; }
QLabel#problemsTitle[ready="true"] { color: #1b5e20; }
"""

LONG_LINES = 4
WIDE_PANE = 1000      # pixels from which the preview goes beside the form rather than below it


def _combo() -> QComboBox:
    """A choice box that shrinks with the pane (long choice labels are elided, shown in full when open)."""
    c = QComboBox()
    c.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(12)
    c.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    return c


class GrowingText(QPlainTextEdit):
    """A text box as tall as its text (between ``lines`` and three times that), so a long form scrolls
    as one page instead of many small boxes each with its own scroll bar."""

    def __init__(self, text: str = "", lines: int = LONG_LINES, parent=None):
        super().__init__(text, parent)
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.textChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        rows = max(self.lines, min(int(self.document().size().height()) + 1, self.lines * 3))
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * rows + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.fontMetrics().lineSpacing() * self.lines + 14)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()           # rewrapped: the number of lines changed


class InsertKeyImagesDialog(QDialog):
    """Lists the case's key images (CT slices, slide snapshots) with pictures and captions; returns the
    ids the specialist ticked."""

    def __init__(self, items: list, already: set[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert key images"))
        self.list = QListWidget(objectName="keyImageChoices")
        self.list.setIconSize(QSize(96, 96))
        self.list.setSelectionMode(QAbstractItemView.NoSelection)
        for ki, pixmap in items:
            source = self.tr("slide") if ki.source == "slide" else self.tr("imaging")
            text = f"{ki.caption or self.tr('(no caption)')}\n{source} · {ki.width}×{ki.height} px"
            if ki.id in already:
                text += "\n" + self.tr("already in the report")
            item = QListWidgetItem(QIcon(pixmap), text)
            item.setData(Qt.UserRole, ki.id)
            item.setFlags((item.flags() | Qt.ItemIsUserCheckable) & ~Qt.ItemIsSelectable)
            if ki.id in already:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            item.setCheckState(Qt.Unchecked)
            self.list.addItem(item)
        info = QLabel(self.tr("Capture key images from the image viewer (K) or the slide viewer first.")
                      if not items else self.tr("Tick the images to add to the report:"), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.Checked]


class OpinionEditor(QWidget):
    changed = Signal()                 # the opinion was edited (the controller saves and re-renders)
    insert_images_requested = Signal()
    sign_requested = Signal()
    addendum_requested = Signal()
    template_requested = Signal(str)   # "specialty.language" picked in the template box

    def __init__(self, parent=None):
        super().__init__(parent, objectName="opinionEditor")
        self.setStyleSheet(_STYLE)
        self.template: Template | None = None
        self._opinion: Opinion | None = None
        self.read_only = False
        self.inputs: dict[str, QWidget] = {}      # problem path ("fields.staging", "answers[1]", ...) → input
        self.labels: dict[str, QLabel] = {}       # same keys → the label marked when missing
        self._loading = False
        self._image_pixmaps: dict[str, QPixmap] = {}

        self.title = QLabel(objectName="opinionTitle")
        self.state = QLabel(objectName="opinionState", wordWrap=True)
        self.template_box = QComboBox(objectName="opinionTemplate")
        self.template_box.setToolTip(self.tr("Report template (specialty and language)"))
        self.template_box.activated.connect(lambda _: self.template_requested.emit(self.template_box.currentData()))
        self.insert_button = QPushButton(self.tr("Insert key images…"), objectName="insertKeyImages")
        self.preview_button = QToolButton(text=self.tr("Preview"), checkable=True, checked=True,
                                          objectName="previewToggle")
        self.preview_button.setToolTip(self.tr("Show or hide the live PDF preview"))
        self.sign_button = QPushButton(self.tr("Sign…"), objectName="signButton")
        self.sign_button.setToolTip(self.tr("Review the PDF and sign it (Ctrl+Shift+S)"))
        self.addendum_button = QPushButton(self.tr("Addendum…"), objectName="addendumButton")
        self.addendum_button.setToolTip(self.tr("Amend the signed report with a new signed version that cites it"))
        self.problems_title = QLabel(objectName="problemsTitle")
        self.problems = QListWidget(objectName="opinionProblems", wordWrap=True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.problems.itemActivated.connect(self._focus_problem)
        self.problems.itemClicked.connect(self._focus_problem)

        self.scroll = QScrollArea(widgetResizable=True, objectName="opinionScroll")
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(300)
        self.preview = DocumentView()
        self.preview.setObjectName("opinionPreview")
        self.preview.show_message(self.tr("The preview of the report appears here."))
        self.preview.setMinimumSize(160, 120)
        self.preview.title.setWordWrap(False)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.template_box)
        lv.addLayout(head)
        lv.addWidget(self.state)
        buttons = QHBoxLayout()
        for b in (self.insert_button, self.preview_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.sign_button)
        lv.addLayout(buttons)
        lv.addWidget(self.problems_title)
        lv.addWidget(self.problems)
        lv.addWidget(self.scroll, 1)
        self.split = QSplitter(Qt.Vertical, objectName="opinionSplit")   # see resizeEvent
        self.split.addWidget(left)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.split)
        self.insert_button.clicked.connect(self.insert_images_requested)
        self.sign_button.clicked.connect(self.sign_requested)
        self.addendum_button.clicked.connect(self.addendum_requested)
        self.preview_button.toggled.connect(self.preview.setVisible)
        self.clear()

    def resizeEvent(self, event) -> None:
        """Form beside the preview when the pane is wide, above it when narrow (the pages stay readable)."""
        super().resizeEvent(event)
        want = Qt.Horizontal if self.width() >= WIDE_PANE else Qt.Vertical
        if self.split.orientation() != want:
            self.split.setOrientation(want)
            self.balance()

    def balance(self) -> None:
        """Gives the form a little more than half of the pane, the preview the rest."""
        total = sum(self.split.sizes()) or (self.width() if self.split.orientation() == Qt.Horizontal
                                            else self.height())
        self.split.setSizes([int(total * 0.58), total - int(total * 0.58)])

    # -- content ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.template, self._opinion = None, None
        self._rebuild_form()
        self.title.setText(self.tr("Opinion"))
        self.state.setText(self.tr("Open a case to write its opinion."))
        self.problems.clear()
        self.problems_title.clear()
        self.preview.clear()
        self.preview.show_message(self.tr("The preview of the report appears here."))
        for b in (self.insert_button, self.sign_button, self.addendum_button, self.template_box):
            b.setEnabled(False)

    def set_templates(self, keys: list[tuple[str, str]]) -> None:
        """The template files the specialist can choose from, as (specialty, language)."""
        self.template_box.clear()
        specialties = {"oncology": self.tr("Oncology"), "pathology": self.tr("Pathology"),
                       "radiology": self.tr("Radiology")}
        languages = {"en": self.tr("English"), "ja": self.tr("Japanese")}
        for specialty, language in keys:
            label = (f"{specialties.get(specialty, specialty.capitalize())} · "    # names translated above
                     f"{languages.get(language, language)}")
            self.template_box.addItem(label, f"{specialty}.{language}")

    def load(self, opinion: Opinion, template: Template, *, read_only: bool, images: dict[str, QPixmap],
             state_text: str = "") -> None:
        """Shows ``opinion`` (the editor edits this object in place) in a form built from ``template``."""
        self._loading = True
        try:
            self.template, self._opinion, self.read_only = template, opinion, read_only
            self._image_pixmaps = dict(images)
            self.title.setText(template.title)
            i = self.template_box.findData(template.key)
            self.template_box.setCurrentIndex(i)
            self._rebuild_form()
            self.set_state(state_text)
            self.insert_button.setEnabled(not read_only)
            self.sign_button.setEnabled(not read_only)
            self.addendum_button.setEnabled(read_only)
            self.template_box.setEnabled(not read_only and opinion.addendum is None)
        finally:
            self._loading = False

    def opinion(self) -> Opinion | None:
        """A copy of the opinion as edited (safe to hand to a background render)."""
        return None if self._opinion is None else Opinion.from_json(self._opinion.to_json())

    def set_state(self, text: str, signed: bool | None = None) -> None:
        self.state.setText(text)
        self.state.setProperty("signed", "true" if (self.read_only if signed is None else signed) else "false")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)

    def show_problems(self, problems: list[Problem]) -> None:
        """Lists what stops signing and marks the labels of those fields."""
        self.problems.clear()
        missing = set()
        for p in problems:
            item = QListWidgetItem("• " + shown(p.message))
            item.setData(Qt.UserRole, p.where)
            self.problems.addItem(item)
            missing.add(self._input_key(p.where))
        for key, label in self.labels.items():
            label.setProperty("missing", "true" if key in missing else "false")
            label.style().unpolish(label)
            label.style().polish(label)
        if self.read_only:
            self.problems_title.setText("")
        elif problems:
            self.problems_title.setText(self.tr("Before signing, complete (%n item(s)):", "", len(problems)))
        else:
            self.problems_title.setText(self.tr("Complete: ready to sign."))
        self.problems_title.setProperty("ready", "false" if problems else "true")
        self.problems_title.style().unpolish(self.problems_title)
        self.problems_title.style().polish(self.problems_title)
        self.problems.setVisible(bool(problems) and not self.read_only)
        rows = min(len(problems), 4)
        self.problems.setFixedHeight(rows * (self.problems.fontMetrics().height() + 2) + 8)

    def show_preview(self, pages, title: str) -> None:
        """Shows rendered pages (an open reviewer.documents.PdfPages), keeping the scroll position."""
        bar = self.preview.scroll.verticalScrollBar()
        keep = bar.value()
        width = max(self.preview.width() - 2 * 12 - 22, 120)   # page gaps and the scroll bar
        scale = min(1.4, width / max(pages.sizes[0][0], 1)) if pages.sizes else 1.0
        self.preview.show_pdf(pages, title, scale=scale)
        bar.setValue(keep)
        self.preview._render_visible()

    def add_images(self, refs: list[tuple[str, str, QPixmap]]) -> None:
        """Adds key images (id, caption, picture) to the report, after those already in it."""
        if self._opinion is None or self.read_only:
            return
        have = {r.key_image_id for r in self._opinion.images}
        for ki_id, caption, pixmap in refs:
            if ki_id not in have:
                self._opinion.images.append(ImageRef(ki_id, caption))
                self._image_pixmaps[ki_id] = pixmap
        self._rebuild_form()
        self._emit()

    # -- the form --------------------------------------------------------------------------
    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _rebuild_form(self) -> None:
        """A new form for the current template and opinion (the old one is dropped whole)."""
        bar = self.scroll.verticalScrollBar()
        keep = bar.value()
        self.form_host = QWidget(objectName="opinionForm")
        self.form_layout = QVBoxLayout(self.form_host)
        self.form_layout.setContentsMargins(8, 4, 12, 12)
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.scroll.setWidget(self.form_host)
        self.inputs, self.labels = {}, {}
        t, o = self.template, self._opinion
        if t is None or o is None:
            self.form_layout.addStretch(1)
            return
        loading, self._loading = self._loading, True
        try:
            if o.addendum is not None:
                self._addendum_part(o)
            self._concordance_part(t, o)
            for section in t.sections:
                self._heading(section.heading)
                form = self._form()
                for f in section.fields:
                    self._field_row(form, f, o)
            self._answers_part(t, o)
            self._images_part(t, o)
            self._outcome_part(t, o)
            self.form_layout.addStretch(1)
            for w in self.inputs.values():
                self._set_read_only(w, self.read_only)
        finally:
            self._loading = loading
        bar.setValue(keep)

    def _heading(self, text: str) -> None:
        self.form_layout.addWidget(QLabel(text, objectName="sectionHeading"))

    def _form(self) -> QFormLayout:
        box = QWidget()
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.setContentsMargins(0, 2, 0, 2)
        self.form_layout.addWidget(box)
        return form

    def _label(self, key: str, text: str, required: bool, help_text: str = "", wrap: bool = False) -> QLabel:
        label = QLabel((text + (" *" if required else "")), objectName="fieldLabel", wordWrap=wrap)
        if help_text:
            label.setToolTip(help_text)
        self.labels[key] = label
        return label

    def _text(self, text: str, lines: int, store: Callable[[str], None]) -> "GrowingText":
        """A growing text box whose every edit is stored into the opinion and announced."""
        w = GrowingText(text, lines)

        def changed():
            store(w.toPlainText())
            self._emit()
        w.textChanged.connect(changed)
        return w

    def _bind(self, key: str, widget: QWidget, label: QLabel | None = None) -> QWidget:
        self.inputs[key] = widget
        if label is not None:
            label.setBuddy(widget)
        return widget

    def _field_row(self, form: QFormLayout, f: Field, o: Opinion) -> None:
        key = f"fields.{f.id}"
        label = self._label(key, f.label, f.required, f.help)
        value = o.fields.get(f.id)

        def store(v):
            if v in ("", None, []):
                o.fields.pop(f.id, None)
            else:
                o.fields[f.id] = v
            self._emit()
        if f.type in ("text", "date"):
            w = QLineEdit(str(value or ""))
            if f.type == "date":
                w.setPlaceholderText(self.tr("YYYY-MM-DD"))
            elif f.help:
                w.setPlaceholderText(f.help)
            w.textEdited.connect(lambda text: store(text))
        elif f.type in ("longtext", "list"):
            text = "\n".join(value) if f.type == "list" and isinstance(value, list) else str(value or "")
            w = GrowingText(text, 2 if f.type == "list" else LONG_LINES)
            w.setPlaceholderText(f.help or (self.tr("One item per line") if f.type == "list" else ""))
            if f.type == "list":
                w.textChanged.connect(lambda w=w: store([line for line in w.toPlainText().split("\n") if line.strip()]))
            else:
                w.textChanged.connect(lambda w=w: store(w.toPlainText()))
        elif f.type == "choice":
            w = _combo()
            w.addItem(self.tr("— choose —"), "")
            for c in f.choices:
                w.addItem(c.label, c.value)
            w.setCurrentIndex(max(0, w.findData(value or "")))
            w.currentIndexChanged.connect(lambda _, w=w: store(w.currentData()))
        elif f.type == "multichoice":
            w = QWidget()
            v = QVBoxLayout(w)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            boxes = []
            chosen = set(value or [])
            for c in f.choices:
                cb = QCheckBox(c.label, checked=c.value in chosen)
                cb.setProperty("value", c.value)
                boxes.append(cb)
                v.addWidget(cb)
            for cb in boxes:
                cb.toggled.connect(lambda _: store([b.property("value") for b in boxes if b.isChecked()]))
        elif f.type == "bool":
            w = QCheckBox(self.tr("Yes"), checked=bool(value))
            w.toggled.connect(lambda on: store(bool(on)))
        elif f.type == "table":
            w = self._table(f, value if isinstance(value, list) else [], store)
        else:
            return
        form.addRow(label, self._bind(key, w, label))

    def _table(self, f: Field, rows: list, store) -> QWidget:
        host = QWidget()
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        table = QTableWidget(len(rows), len(f.columns))
        table.setHorizontalHeaderLabels([c.label + (" *" if c.required else "") for c in f.columns])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            for c, col in enumerate(f.columns):
                table.setItem(r, c, QTableWidgetItem(str(row.get(col.id, "")) if isinstance(row, dict) else ""))
        table.resizeRowsToContents()
        table.setMinimumHeight(90)
        table.setMaximumHeight(60 + 28 * max(3, len(rows) + 1))

        def collect():
            out = []
            for r in range(table.rowCount()):
                row = {col.id: (table.item(r, c).text() if table.item(r, c) else "") for c, col in enumerate(f.columns)}
                if any(x.strip() for x in row.values()):
                    out.append(row)
            store(out)
        table.itemChanged.connect(lambda _: None if self._loading else collect())
        add = QPushButton(self.tr("Add row"))
        remove = QPushButton(self.tr("Remove row"))
        add.clicked.connect(lambda: (table.insertRow(table.rowCount()), table.setCurrentCell(table.rowCount() - 1, 0)))
        remove.clicked.connect(lambda: (table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None,
                                        collect()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        v.addWidget(table)
        v.addLayout(row)
        host.table = table
        host.row_buttons = (add, remove)
        return host

    def _addendum_part(self, o: Opinion) -> None:
        self._heading(self.tr("Addendum"))
        form = self._form()
        form.addRow(QLabel(self.tr("Amends signed version %1, SHA-256 %2…").replace("%1", str(o.addendum.cites_version))
                           .replace("%2", o.addendum.cites_sha256[:16]), wordWrap=True, objectName="fieldHelp"))
        label = self._label("addendum", self.tr("Reason for the addendum"), True)
        w = self._text(o.addendum.reason, 2, lambda text: setattr(o.addendum, "reason", text))
        form.addRow(label, self._bind("addendum", w, label))

    def _concordance_part(self, t: Template, o: Opinion) -> None:
        spec = t.concordance
        self._heading(spec.heading)
        form = self._form()
        label = self._label("concordance", f"{spec.scale}", spec.required, spec.help)
        combo = _combo()
        combo.addItem(self.tr("— choose —"), "")
        for c in spec.choices:
            combo.addItem(c.label, c.value)
        combo.setCurrentIndex(max(0, combo.findData(o.concordance.choice)))

        def choose(_):
            o.concordance.choice = combo.currentData()
            self._emit()
        combo.currentIndexChanged.connect(choose)
        form.addRow(label, self._bind("concordance", combo, label))
        clabel = self._label("concordance.comment", t.label("comment"), False,
                             self.tr("Required when there is a discrepancy"))
        comment = self._text(o.concordance.comment, 3, lambda text: setattr(o.concordance, "comment", text))
        form.addRow(clabel, self._bind("concordance.comment", comment, clabel))

    def _answers_part(self, t: Template, o: Opinion) -> None:
        self._heading(t.answers.heading)
        form = self._form()
        if not o.answers:
            form.addRow(QLabel(self.tr("The case asks no questions."), objectName="fieldHelp"))
        for i, a in enumerate(o.answers, 1):
            key = f"answers[{i}]"
            label = self._label(key, f"{t.label('question')} {i}: {a.question}", t.answers.required, wrap=True)
            label.setObjectName("fieldLabel")
            w = self._text(a.answer, 3, lambda text, a=a: setattr(a, "answer", text))
            form.addRow(label)                     # the question over the whole width, the answer below
            form.addRow(self._bind(key, w, label))

    def _images_part(self, t: Template, o: Opinion) -> None:
        self._heading(t.images.heading)
        form = self._form()
        label = self._label("images", self.tr("Images in the report"), t.images.required, t.images.help)
        if not o.images:
            form.addRow(label, self._bind("images", QLabel(self.tr("None yet: “Insert key images…” adds them."),
                                                           objectName="fieldHelp")))
        for i, ref in enumerate(o.images, 1):
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            pic = QLabel()
            pixmap = self._image_pixmaps.get(ref.key_image_id)
            if pixmap is not None and not pixmap.isNull():
                pic.setPixmap(pixmap.scaled(72, 72, Qt.KeepAspectRatio, Qt.SmoothTransformation))
            else:
                pic.setText(self.tr("(missing)"))
            pic.setFixedSize(76, 76)
            caption = QLineEdit(ref.caption, placeholderText=self.tr("Caption in the report"))
            caption.setCursorPosition(0)
            caption.setToolTip(ref.caption)

            def store(text, ref=ref):
                ref.caption = text
                self._emit()
            caption.textEdited.connect(store)
            remove = QToolButton(text="✕")
            remove.setToolTip(self.tr("Remove this image from the report (it stays in the case)"))
            remove.clicked.connect(lambda _=False, ref=ref: self._remove_image(ref))
            h.addWidget(pic)
            h.addWidget(caption, 1)
            h.addWidget(remove)
            key = f"images[{i}]"
            ilabel = self._label(key, f"{t.label('image')} {i}", False)
            self._bind(key, caption, ilabel)
            self.inputs[key + ".remove"] = remove
            form.addRow(ilabel, row)
        if o.images:
            self.labels["images"] = label

    def _remove_image(self, ref: ImageRef) -> None:
        if self._opinion is not None and not self.read_only:
            self._opinion.images = [r for r in self._opinion.images if r is not ref]
            self._rebuild_form()
            self._emit()

    def _outcome_part(self, t: Template, o: Opinion) -> None:
        oc = t.outcome
        self._heading(oc.heading)
        form = self._form()
        for name, text in (("diagnosis_changed", oc.diagnosis_changed), ("treatment_changed", oc.treatment_changed)):
            key = f"outcome.{name}"
            label = self._label(key, text, oc.required)
            host = QWidget()
            h = QHBoxLayout(host)
            h.setContentsMargins(0, 0, 0, 0)
            yes, no = QRadioButton(t.label("yes")), QRadioButton(t.label("no"))
            group = QButtonGroup(host)
            group.addButton(yes)
            group.addButton(no)
            current = getattr(o.outcome, name)
            yes.setChecked(current is True)
            no.setChecked(current is False)

            def store(_=False, name=name, yes=yes, no=no):
                setattr(o.outcome, name, True if yes.isChecked() else False if no.isChecked() else None)
                self._emit()
            yes.toggled.connect(store)
            no.toggled.connect(store)
            h.addWidget(yes)
            h.addWidget(no)
            h.addStretch(1)
            host.yes, host.no = yes, no
            form.addRow(label, self._bind(key, host, label))
        key = "outcome.surgery"
        label = self._label(key, oc.surgery, oc.required)
        combo = _combo()
        combo.addItem(t.label("not_stated"), "")
        for v in SURGERY_VALUES:
            combo.addItem(oc.surgery_label(v), v)
        combo.setCurrentIndex(max(0, combo.findData(o.outcome.surgery)))

        def surgery(_):
            o.outcome.surgery = combo.currentData()
            self._emit()
        combo.currentIndexChanged.connect(surgery)
        form.addRow(label, self._bind(key, combo, label))

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _set_read_only(w: QWidget, ro: bool) -> None:
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setReadOnly(ro)
        elif hasattr(w, "table"):
            w.table.setEditTriggers(QAbstractItemView.NoEditTriggers if ro else QAbstractItemView.AllEditTriggers)
            for b in w.row_buttons:
                b.setVisible(not ro)
        elif isinstance(w, QLabel):
            pass
        else:
            w.setEnabled(not ro)

    @staticmethod
    def _input_key(where: str) -> str:
        """The input a problem path belongs to: "fields.biomarkers[2].result" → "fields.biomarkers"."""
        base = where.split("[")[0] if where.startswith("fields.") else where
        return base

    def focus_first(self) -> None:
        """Puts the cursor where work remains: the first missing part, else the concordance."""
        key = self._input_key(self.problems.item(0).data(Qt.UserRole)) if self.problems.count() else "concordance"
        w = self.inputs.get(key) or self.inputs.get("concordance")
        if w is not None:
            self.scroll.ensureWidgetVisible(w, 20, 40)
            (getattr(w, "table", None) or getattr(w, "yes", None) or w).setFocus(Qt.OtherFocusReason)

    def _focus_problem(self, item: QListWidgetItem) -> None:
        w = self.inputs.get(self._input_key(item.data(Qt.UserRole)))
        if w is None:
            return
        self.scroll.ensureWidgetVisible(w, 20, 40)
        target = getattr(w, "table", None) or getattr(w, "yes", None) or w
        target.setFocus(Qt.OtherFocusReason)


