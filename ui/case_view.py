"""A case's contents: who the patient is, the questions, and its documents, series and slides.

The patient banner is always on top so that a wrong-patient mix-up is hard. Viewers for each kind
of item come with their own issues; here the items are listed and identified.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QSizePolicy, QSplitter, QStackedWidget, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from datetime import datetime, timezone

from reviewer.keyimages import KeyImage
from reviewer.model import CaseDetail, Document, Series, Slide
from ui.key_image_panel import KeyImagePanel
from viewers.dicom.compare_view import CompareView
from viewers.documents.document_view import DocumentView
from viewers.dicom.series_viewer import SeriesViewer
from viewers.pathology.slide_viewer import SlideViewer
from reviewer.worklist import age_years, priority_text, sex_text, short_datetime
from viewers.i18n import language


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


class PatientBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent, objectName="patientBanner")
        self.name = QLabel(objectName="bannerName")
        self.details = QLabel(objectName="bannerDetails")
        self.case = QLabel(objectName="bannerCase", alignment=Qt.AlignRight | Qt.AlignVCenter)
        layout = QHBoxLayout(self)
        col = QVBoxLayout()
        col.addWidget(self.name)
        col.addWidget(self.details)
        layout.addLayout(col, 1)
        layout.addWidget(self.case)

    def show_case(self, detail: CaseDetail | None) -> None:
        if detail is None:
            for w in (self.name, self.details, self.case):
                w.clear()
            return
        s = detail.summary
        p = s.patient
        self.name.setText(p.name)
        age = age_years(p.birth_date, datetime.now(timezone.utc))
        lang = language()
        birth = short_datetime(p.birth_date, lang) if p.birth_date else "—"
        born = self.tr("{date} ({age} y)").format(date=birth, age=age) if age is not None else birth
        self.details.setText(self.tr("Born {born}   ·   Sex {sex}   ·   MRN {mrn}").format(
            born=born, sex=sex_text(p.sex, lang), mrn=p.mrn or "—"))
        self.case.setText(f"<b>{s.platform_case_id}</b><br>{s.specialty} · {priority_text(s.priority, lang)}")


class CaseView(QWidget):
    back = Signal()
    series_selected = Signal(object)     # model.Series
    message = Signal(str)                # a short confirmation for the status bar
    document_selected = Signal(object)   # model.Document
    slide_selected = Signal(object)      # model.Slide

    def __init__(self, parent=None):
        super().__init__(parent)
        self.detail: CaseDetail | None = None
        self.banner = PatientBanner(self)
        self.back_button = QPushButton(self.tr("← Worklist"), objectName="backButton")
        self.back_button.setToolTip(self.tr("Back to the worklist (Esc)"))
        self.question = QLabel(wordWrap=True, objectName="caseQuestion", textInteractionFlags=Qt.TextSelectableByMouse)
        self.items = QTreeWidget(objectName="caseItems")
        self.items.setColumnCount(4)
        self.items.setHeaderLabels([self.tr("Item"), self.tr("Kind"), self.tr("Date / count"), self.tr("Size")])
        self.items.setSelectionMode(QAbstractItemView.SingleSelection)
        self.items.setRootIsDecorated(True)
        self.items.setUniformRowHeights(False)
        self.items.setIconSize(QSize(48, 48))
        self.placeholder = QLabel(self.tr("Select an item. Its viewer opens here."), alignment=Qt.AlignCenter,
                                  objectName="viewerPlaceholder", wordWrap=True)
        self.series_viewer = SeriesViewer()
        self.viewers = QStackedWidget()
        self.viewers.addWidget(self.placeholder)
        self.viewers.addWidget(self.series_viewer)
        self.key_image_panel = KeyImagePanel()
        self.viewers.addWidget(self.key_image_panel)
        self.compare_view = CompareView()
        self.viewers.addWidget(self.compare_view)
        self.document_view = DocumentView()
        self.viewers.addWidget(self.document_view)
        self.slide_viewer = SlideViewer()
        self.viewers.addWidget(self.slide_viewer)
        self.key_images_group: QTreeWidgetItem | None = None
        # Three panes: the case (items, summary) | the viewers | the opinion. Side panels and the
        # opinion editor are built by their controllers and placed here (add_side_panel,
        # set_opinion_panel), so this view stays a layout and knows none of their logic.
        self.split = QSplitter(Qt.Horizontal, objectName="caseSplit")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.question)
        lv.addWidget(self.items, 1)
        self.side_tabs = QTabWidget(objectName="caseSideTabs")
        self.side_tabs.addTab(left, self.tr("Case"))
        self.side_tabs.setMinimumWidth(300)   # the question and the item list stay readable beside two viewports
        self.opinion_pane = QStackedWidget(objectName="opinionPane")
        self.opinion_pane.addWidget(QLabel(self.tr("The opinion editor opens here."), alignment=Qt.AlignCenter,
                                           objectName="viewerPlaceholder", wordWrap=True))
        self.split.addWidget(self.side_tabs)
        self.split.addWidget(self.viewers)
        self.split.addWidget(self.opinion_pane)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(1, False)
        self.split.setSizes([480, 900, 0])
        self.opinion_pane.hide()              # no stray handle at the right edge until it is asked for
        split = self.split
        top = QGridLayout()
        top.addWidget(self.back_button, 0, 0, Qt.AlignTop)
        top.addWidget(self.banner, 0, 1)
        top.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        # Only the viewer on screen sets the pane's minimum size (QStackedLayout skips Ignored pages), so a
        # wide toolbar of a hidden viewer never widens the window beyond the screen.
        self.viewers.currentChanged.connect(self._fit_viewer_pages)
        self._fit_viewer_pages()
        self.back_button.clicked.connect(self.back)
        self.items.currentItemChanged.connect(self._selected)

    def show_case(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        self.banner.show_case(detail)
        self.items.clear()
        self.key_images_group = None
        self.series_viewer.clear()
        self.document_view.clear()
        self.slide_viewer.clear()
        self.viewers.setCurrentWidget(self.placeholder)
        self.placeholder.setText(self.tr("Select an item. Its viewer opens here."))
        if detail is None:
            self.question.clear()
            return
        qs = "".join(f"<li>{q}</li>" for q in detail.questions)
        first = "; ".join(detail.first_opinion) or "—"
        lang = language()
        question, asks, opinion = self.tr("Question:"), self.tr("The patient asks:"), self.tr("First opinion:")
        markup = (f"<b>{question}</b> {detail.summary.question}"
                  + (f"<br><b>{asks}</b><ul style='margin:0'>{qs}</ul>" if qs else "<br>")
                  + f"<b>{opinion}</b> {first}")
        self.question.setText(markup)
        groups = (
            (self.tr("Documents"), [(d.title, d.kind, short_datetime(d.date, lang), _size(d.size), d)
                                    for d in detail.documents]),
            (self.tr("Imaging series"), [
                (s.description or self.tr("Series …{uid} (no description)").format(uid=s.series_uid[-8:]),
                 s.modality, self.tr("{date} · {n} images").format(
                     date=short_datetime(s.study_date, lang) if s.study_date else self.tr("no date"),
                     n=s.instance_count), "", s)
                for s in detail.series]),
            (self.tr("Slides"), [(s.title, self.tr("Whole-slide image"), "", _size(s.size), s) for s in detail.slides]),
            (self.tr("Key images"), []),
        )
        for n, (title, rows) in enumerate(groups):
            group = QTreeWidgetItem(self.items, [f"{title} ({len(rows)})"])
            f = group.font(0)
            f.setBold(True)
            group.setFont(0, f)
            group.setFlags(group.flags() & ~Qt.ItemIsSelectable)
            for row in rows:
                item = QTreeWidgetItem(group, [str(x) for x in row[:4]])
                if len(row) > 4:
                    item.setData(0, Qt.UserRole, row[4])
            group.setExpanded(True)
            if n == len(groups) - 1:
                self.key_images_group = group
        for c in range(4):
            self.items.resizeColumnToContents(c)

    def _fit_viewer_pages(self, _index: int = 0) -> None:
        current = self.viewers.currentWidget()
        for i in range(self.viewers.count()):
            page = self.viewers.widget(i)
            policy = QSizePolicy.Preferred if page is current else QSizePolicy.Ignored
            page.setSizePolicy(policy, policy)
        self.viewers.updateGeometry()

    # -- panes -----------------------------------------------------------------------------
    def add_side_panel(self, widget: QWidget, title: str) -> int:
        """Adds a tab beside "Case" in the left pane (the summary panel) and returns its index."""
        return self.side_tabs.addTab(widget, title)

    def set_opinion_panel(self, widget: QWidget) -> None:
        """Puts the opinion editor in the right pane (shown by show_opinion_pane)."""
        self.opinion_pane.addWidget(widget)
        self.opinion_pane.setCurrentWidget(widget)

    def show_opinion_pane(self, visible: bool = True) -> None:
        sizes = self.split.sizes()
        total = sum(sizes)
        if visible and (self.opinion_pane.isHidden() or sizes[2] == 0):
            self.opinion_pane.show()
            left = min(sizes[0], 420)
            self.split.setSizes([left, max(total - left - 520, 300), 520])
        elif not visible:
            self.opinion_pane.hide()

    def opinion_pane_visible(self) -> bool:
        return not self.opinion_pane.isHidden() and self.split.sizes()[2] > 0

    def select_payload(self, match) -> bool:
        """Selects (and so opens in its viewer) the first item whose payload satisfies match(payload):
        how the summary opens a fact's source document, series or slide."""
        for i in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(i)
            for j in range(group.childCount()):
                payload = group.child(j).data(0, Qt.UserRole)
                if payload is not None and match(payload):
                    if self.items.currentItem() is group.child(j):
                        self._selected(group.child(j), None)
                    else:
                        self.items.setCurrentItem(group.child(j))
                    return True
        return False

    def _selected(self, item, _previous) -> None:
        if item is None or item.parent() is None:
            return
        payload = item.data(0, Qt.UserRole)
        if isinstance(payload, Series):
            self.viewers.setCurrentWidget(self.series_viewer)
            self.series_selected.emit(payload)
            return
        if isinstance(payload, Document):
            self.viewers.setCurrentWidget(self.document_view)
            self.document_selected.emit(payload)
            return
        if isinstance(payload, Slide):
            self.viewers.setCurrentWidget(self.slide_viewer)
            self.slide_selected.emit(payload)
            return
        if isinstance(payload, KeyImage):
            self.key_image_panel.show_key_image(payload, item.data(1, Qt.UserRole))
            self.viewers.setCurrentWidget(self.key_image_panel)
            return
        self.viewers.setCurrentWidget(self.placeholder)
        self.placeholder.setText(f"{item.text(0)}\n{item.text(1)}\n\n" + self.tr("This item has no viewer."))

    def set_key_images(self, items: list[tuple[KeyImage, QPixmap]]) -> None:
        """Lists the case's key images (the last group) with small pictures."""
        group = self.key_images_group
        if group is None:
            return
        group.takeChildren()
        title = self.tr("Key images")
        group.setText(0, f"{title} ({len(items)})")
        lang = language()
        for ki, pixmap in items:
            item = QTreeWidgetItem(group, [ki.caption or self.tr("(no caption)"), self.tr("Key image"),
                                           lang.datetime(ki.created.astimezone()), ""])
            item.setData(0, Qt.UserRole, ki)
            item.setData(1, Qt.UserRole, pixmap)
            item.setIcon(0, QIcon(pixmap.scaled(48, 48, Qt.KeepAspectRatio, Qt.SmoothTransformation)))

    def show_series_viewer(self) -> None:
        self.viewers.setCurrentWidget(self.series_viewer)
        self.series_viewer.view.setFocus()

    def select_first_slide(self) -> None:
        for i in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(i)
            for j in range(group.childCount()):
                if isinstance(group.child(j).data(0, Qt.UserRole), Slide):
                    self.items.setCurrentItem(group.child(j))
                    return

    def show_compare_view(self) -> None:
        self.viewers.setCurrentWidget(self.compare_view)

    def notify(self, text: str) -> None:
        self.message.emit(text)

    def set_thumbnail(self, series_id: str, image) -> None:
        img = np.ascontiguousarray(image)
        fmt = QImage.Format_RGB888 if img.ndim == 3 else QImage.Format_Grayscale8
        qimg = QImage(img.data, img.shape[1], img.shape[0], img.strides[0], fmt).copy()
        for item in self._series_items():
            if item.data(0, Qt.UserRole).id == series_id:
                item.setIcon(0, QIcon(QPixmap.fromImage(qimg)))

    def _series_items(self):
        for i in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(i)
            for j in range(group.childCount()):
                if isinstance(group.child(j).data(0, Qt.UserRole), Series):
                    yield group.child(j)

    def select_first_series(self) -> None:
        for item in self._series_items():
            self.items.setCurrentItem(item)
            return
