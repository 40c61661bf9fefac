"""Prior vs current: loads the chosen series beside the one on screen and shows both, linked.

The older study goes on the left, the newer on the right (the radiologist's habit). The series on
screen is reused; only the other one is loaded, in the background.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


import itertools

from reviewer import store
from reviewer.imaging.compare import CompareError, SliceDepths, SliceLink
from reviewer.imaging.volume import LoadCancelled, load_volume
from reviewer.model import CaseDetail, Series
from ui.errors import message_for
from ui.series_loader import stack_info
from viewers.dicom.compare_view import CompareView, PaneContent
from viewers.dicom.series_viewer import display_state


def choice_text(series: Series) -> str:
    date = series.study_date or QCoreApplication.translate("Compare", "no date")
    return f"{date} · {series.modality} {series.description}".strip() + " " + QCoreApplication.translate(
        "Compare", "({n} images)").format(n=series.instance_count)


def _pane(series: Series, volume, patient, role: str) -> PaneContent:
    pixels, state = display_state(volume)
    date = series.study_date or QCoreApplication.translate("Compare", "date unknown")
    title = f"{role} · {date} · {series.modality} {series.description}".strip()
    return PaneContent(title, pixels, state, stack_info(volume, patient))


def link_for(left_volume, right_volume) -> tuple[SliceLink | None, str]:
    try:
        return SliceLink(SliceDepths.of(left_volume.geometry), SliceDepths.of(right_volume.geometry)), ""
    except CompareError as exc:
        return None, str(exc)


class CompareController:
    def __init__(self, session, tasks, case_view, series_loader):
        self.session, self.tasks, self.case_view, self.series_loader = session, tasks, case_view, series_loader
        self.view: CompareView = case_view.compare_view
        self._ticket = itertools.count(1)
        self.current = 0
        case_view.series_viewer.compare_requested.connect(self.compare_with)
        self.view.closed.connect(self.close)

    def offer(self, case: CaseDetail, shown: Series) -> None:
        """Fills the viewer's "Compare" menu with the case's other image series."""
        others = [s for s in case.series if s.id != shown.id]
        self.case_view.series_viewer.set_compare_choices([(choice_text(s), s) for s in others])

    def cancel(self) -> None:
        self.current = next(self._ticket)
        self.view.clear()

    def close(self) -> None:
        self.cancel()
        self.case_view.show_series_viewer()

    def compare_with(self, other: Series) -> None:
        case, shown = self.case_view.detail, self.series_loader.loaded
        volume = self.case_view.series_viewer.volume
        if case is None or shown is None or volume is None:
            return
        ticket = self.current = next(self._ticket)
        ws = self.session.workspace
        self.case_view.series_viewer.status.setText(QCoreApplication.translate(
            "Compare", "Loading {series} to compare…").format(series=other.description or other.modality))

        def done(other_volume):
            if ticket != self.current:
                return
            pairs = sorted([(shown, volume), (other, other_volume)], key=lambda p: p[0].study_date or "")
            (ls, lv), (rs, rv) = pairs
            roles = ((QCoreApplication.translate("Compare", "Prior"), QCoreApplication.translate("Compare", "Current"))
                     if ls.study_date != rs.study_date else
                     (QCoreApplication.translate("Compare", "Left"), QCoreApplication.translate("Compare", "Right")))
            patient = case.summary.patient
            link, why_not = link_for(lv, rv)
            self.view.show_pair(_pane(ls, lv, patient, roles[0]), _pane(rs, rv, patient, roles[1]), link, why_not)
            self.case_view.show_compare_view()
            self.case_view.series_viewer.status.setText("")
            with store.transaction(ws.db):
                ws.audit.append("series.compare", case.summary.id, series_uids=[ls.series_uid, rs.series_uid])

        def failed(exc):
            if ticket != self.current or isinstance(exc, LoadCancelled):
                return
            self.case_view.series_viewer.status.setText(
                QCoreApplication.translate("Compare", "Cannot compare: {reason}").format(reason=message_for(exc)))

        def work():
            return load_volume(other, ws.blobs, on_slice=lambda *a: ticket == self.current)

        self.tasks.run(work, done, failed)
