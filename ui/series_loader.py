"""Loads the series the user picks into the viewer, in the background, first slice first.

A newer selection cancels the load in flight (its callback returns False), so scrolling through
the series list never queues work.
"""
from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from reviewer import store
from reviewer.annotations import AnnotationHierarchy, AnnotationStore, PixelSize, Target
from reviewer.imaging.display import Window
from reviewer.imaging.overlay import overlay_text
from viewers.i18n import language, render
from reviewer.imaging.tags import read_tags
from reviewer.imaging.thumbnail import thumbnail
from reviewer.imaging.volume import LoadCancelled, load_volume
from reviewer.model import CaseDetail, Series
from ui.errors import message_for
from ui.tasks import BackgroundTasks
from viewers.dicom.measure_layer import MeasureLayer
from viewers.dicom.series_viewer import SeriesViewer
from viewers.dicom.slice_view import StackInfo


class SeriesLoader:
    def __init__(self, session, tasks: BackgroundTasks, viewer: SeriesViewer):
        self.session, self.tasks, self.viewer = session, tasks, viewer
        self._ticket = itertools.count(1)
        self.current = 0            # the series load in flight
        self.case_ticket = 0        # the case whose thumbnails are being made
        self.loaded: Series | None = None
        self._hierarchies: dict[str, AnnotationHierarchy] = {}
        self.loaded_series: list = []   # callbacks(case, series) once a series is on screen

    def hierarchy(self, case_id: str) -> AnnotationHierarchy:
        """The case's annotations, loaded once per unlocked session; every change is saved at once."""
        if case_id not in self._hierarchies:
            ws = self.session.workspace
            self._hierarchies[case_id] = AnnotationHierarchy.load(case_id, AnnotationStore(ws.db, ws.audit))
        return self._hierarchies[case_id]

    def cancel(self) -> None:
        """Stops the load and the thumbnails in flight (case closed, workspace locked)."""
        self.current = next(self._ticket)
        self.case_ticket = next(self._ticket)
        self._hierarchies.clear()

    def thumbnails(self, case: CaseDetail, show) -> None:
        """Makes each series' thumbnail in the background; ``show(series_id, image)`` on the GUI thread."""
        ws, ticket = self.session.workspace, self.case_ticket

        def work(report):
            for s in case.series:
                if ticket != self.case_ticket:
                    return
                try:
                    report(s.id, thumbnail(s, ws.blobs))
                except Exception:   # a series that cannot be shown gets no thumbnail; opening it says why
                    continue

        self.tasks.run(work, lambda _: None, lambda exc: None,
                       lambda sid, img: ticket == self.case_ticket and show(sid, img))

    def load(self, case: CaseDetail, series: Series) -> None:
        ticket = self.current = next(self._ticket)
        ws = self.session.workspace
        self.viewer.show_loading(series.description or series.modality)
        patient = case.summary.patient
        preview = StackInfo(top_left=[patient.name, f"MRN {patient.mrn or '—'}"],
                            top_right=[f"{series.modality} {series.description}".strip()])
        seen = {"first": False}

        def work(report):
            def on_slice(index, done, total, image):
                if ticket != self.current:
                    return False
                if not seen["first"]:
                    seen["first"] = True
                    report("first", image.copy(), done, total)
                elif done % 16 == 0 or done == total:
                    report("progress", None, done, total)
                return True
            return load_volume(series, ws.blobs, on_slice=on_slice)

        def progress(kind, image, done, total):
            if ticket != self.current:
                return
            if kind == "first":
                self.viewer.show_preview(image, done, total, preview, Window(40, 400) if series.modality == "CT"
                                         else _auto(image))
            else:
                self.viewer.status.setText(QCoreApplication.translate(
                    "SeriesViewer", "Loading {done} / {total} images…").format(done=done, total=total))

        def done(volume):
            if ticket != self.current:
                return
            info = stack_info(volume, patient)
            self.viewer.tag_source = _tag_source(ws.blobs, series, volume)
            self.viewer.show_volume(volume, info, self._layer(case, series, volume))
            self.loaded = series
            for callback in self.loaded_series:
                callback(case, series)
            with store.transaction(ws.db):
                ws.audit.append("series.view", case.summary.id, series_uid=series.series_uid)

        def failed(exc):
            if ticket != self.current or isinstance(exc, LoadCancelled):
                return
            self.viewer.show_error(message_for(exc))

        self.tasks.run(work, done, failed, progress)


    def _layer(self, case: CaseDetail, series: Series, volume) -> MeasureLayer:
        g = volume.geometry
        return MeasureLayer(
            self.hierarchy(case.summary.id), lambda index: Target.series(series.series_uid, index),
            PixelSize.dicom((g.spacing[1], g.spacing[0])), volume.array,
            "HU" if series.modality == "CT" else "", self.session.workspace.audit.actor,
            ask_text=lambda: QInputDialog.getText(
                self.viewer, QCoreApplication.translate("SeriesViewer", "Arrow"),
                QCoreApplication.translate("SeriesViewer", "Text of the arrow:"))[0])


def stack_info(volume, patient) -> StackInfo:
    """The overlay lines and orientation of a loaded volume."""
    text = overlay_text(volume, patient)
    g = volume.geometry
    lang = language()        # once per volume: slice_lines runs in every paint
    return StackInfo(top_left=[render(x, lang) for x in text.top_left], top_right=list(text.top_right),
                     slice_lines=lambda i: [render(x, lang) for x in text.slice_lines(i)],
                     warnings=[render(w, lang) for w in text.warnings],
                     row_cosine=tuple(g.direction_array[:, 0]) if g.known else None,
                     column_cosine=tuple(g.direction_array[:, 1]) if g.known else None)


def _tag_source(blobs, series: Series, volume):
    """Reads the header of the instance behind a displayed slice, from its encrypted blob."""
    def tags(index: int):
        ref = volume.stack.frames[index]
        label = QCoreApplication.translate("SliceView", "Image {n} / {total}").format(n=index + 1,
                                                                                   total=len(volume.stack.frames))
        with blobs.open(series.blob_ids[ref.instance]) as f:
            rows = read_tags(f, label)
        where = QCoreApplication.translate("TagBrowser", "instance {n}").format(n=ref.instance + 1)
        if ref.frame:
            where += ", " + QCoreApplication.translate("TagBrowser", "frame {n}").format(n=ref.frame + 1)
        return f"{label} · {where}", rows
    return tags


def _auto(image):
    from reviewer.imaging.display import auto_window
    return auto_window(image) if image.ndim == 2 else Window(128, 256)
