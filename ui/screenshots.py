"""`reviewer --screenshot PNG --view V`: stages one view of the window offscreen and saves it.

For checks and documentation. Each stager opens what its view needs from the workspace (the demo
cases, typically); `opinion` and `slide` may add key images or a draft to a case that has none.
"""
from __future__ import annotations

import sys

from reviewer.cli import read_passphrase
from reviewer.errors import ReviewerError


def screenshot(window, session, args) -> int:
    """Draws the requested view offscreen to a PNG (for checks and documentation) and exits."""
    from PySide6.QtWidgets import QApplication
    if args.view not in STAGERS:
        print(f"reviewer: --view must be one of {', '.join(VIEWS)}", file=sys.stderr)
        return 2
    window.resize(1440, 900)
    window.show()
    if args.view != "unlock":
        try:
            session.adopt(session.open_workspace(read_passphrase(args)))
        except ReviewerError as exc:
            print(f"reviewer: {exc}", file=sys.stderr)
            return 2
        STAGERS[args.view](window, session)
    for _ in range(5):
        QApplication.processEvents()
    ok = window.grab().save(str(args.screenshot))
    window.sync.cancel()
    window.tasks.wait(60000)
    session.lock()
    if not ok:
        print(f"reviewer: could not write {args.screenshot}", file=sys.stderr)
        return 2
    print(f"Wrote {args.screenshot}")
    return 0


def _show_case(window, session) -> None:
    cases = sorted(session.workspace.cases.list(), key=lambda c: c.priority_rank)
    if cases:
        window.open_case(cases[0].id)


def _show_imaging(tab: int):
    """The case with the longest series, that series loaded, on the 2D, MPR or 3D tab."""
    def show(window, session) -> None:
        from PySide6.QtWidgets import QApplication
        cases = [c for c in session.workspace.cases.list() if session.workspace.cases.get(c.id).series]
        if not cases:
            return
        window.open_case(max(cases, key=lambda c: max(s.instance_count for s in
                                                        session.workspace.cases.get(c.id).series)).id)
        window.case_view.select_first_series()
        _settle(window)
        window.case_view.series_viewer.tabs.setCurrentIndex(tab)
        for _ in range(20):
            QApplication.processEvents()
    return show


def _settle(window) -> None:
    from PySide6.QtWidgets import QApplication
    window.tasks.wait(60000)
    for _ in range(20):
        QApplication.processEvents()


def _show_compare(window, session) -> None:
    """Opens the first case with series from two study dates and compares the newest with a prior."""
    for c in session.workspace.cases.list():
        series = session.workspace.cases.get(c.id).series
        if len({s.study_date for s in series}) > 1:
            window.open_case(c.id)
            window.case_view.select_first_series()
            _settle(window)
            actions = window.case_view.series_viewer.compare_menu.actions()
            if actions:
                actions[0].trigger()
                _settle(window)
                compare = window.case_view.compare_view
                current = compare.states[1]
                if current is not None:
                    current.set_index(current.slices * 2 // 3)
            return


def _show_slide(window, session) -> None:
    """Opens the first case with a slide, shows the slide, zooms in a bit and waits for its tiles."""
    import time

    from PySide6.QtWidgets import QApplication
    for c in sorted(session.workspace.cases.list(), key=lambda c: c.priority_rank):
        if session.workspace.cases.get(c.id).slides:
            window.open_case(c.id)
            window.case_view.select_first_slide()
            _settle(window)
            view = window.case_view.slide_viewer.view
            if view.viewport is not None:
                view.viewport.zoom_by(2.5)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    view.repaint()
                    QApplication.processEvents()
                    if view.loaded() and not view.pending:
                        break
                    time.sleep(0.02)
            return


def _show_opinion(window, session) -> None:
    """The oncology demo case with the opinion editor and its preview. A case without key images gets one
    of its slide and one of its CT; a case without an opinion gets report_templates/examples/oncology.<en|ja>.json
    in the new draft's language (answers to the case's own questions). An existing draft or signed report is shown as it is."""
    from reviewer.paths import report_template
    from reviewer.reports.drafts import OpinionStore
    from reviewer.reports.opinion import Answer, Opinion
    ws = session.workspace
    cases = [c for c in ws.cases.list() if "onco" in c.specialty.lower()]
    if not cases:
        return
    case_id = cases[0].id
    cv = window.case_view
    if not ws.key_images.list(case_id):
        _show_slide(window, session)                 # opens the case with a slide, tiles loaded
        if cv.detail is not None and cv.detail.summary.id == case_id:
            cv.slide_viewer.capture()
    if cv.detail is None or cv.detail.summary.id != case_id:
        window.open_case(case_id)
    cv.select_first_series()
    _settle(window)
    if len(ws.key_images.list(case_id)) < 2:
        cv.series_viewer.capture_key_image()
    ctl = window.opinion
    if OpinionStore(ws).draft_state(case_id) is None:
        lang = ctl.editor.template.language if ctl.editor.template is not None else "en"   # the UI's language
        example = Opinion.from_json(report_template("examples", f"oncology.{lang}.json").read_text(encoding="utf-8"))
        given = [a.answer for a in example.answers]
        example.answers = [Answer(q, given[i] if i < len(given) else "") for i, q in enumerate(cv.detail.questions)]
        ctl.replace_content(example)
        ctl.add_key_images(ctl.key_image_ids())
        ctl.flush()
    ctl.toggle_action.setChecked(True)
    ctl.render_preview()
    for _ in range(3):
        _settle(window)
        ctl.editor.preview.wait_rendered()
def _show_sync(window, session=None) -> None:
    """The worklist with its sync panel. When sync is set up, "Sync now" is pressed and the window is
    drawn once a case is a fifth fetched (or the run ended), so the progress bars show."""
    import time

    from PySide6.QtWidgets import QApplication
    window.show_worklist()
    if not window.sync.sync_now():
        return
    deadline = time.monotonic() + 30
    while window.sync.running and time.monotonic() < deadline:
        QApplication.processEvents()
        if any(r.state == "downloading" and (r.fraction or 0) >= 0.2 for r in window.sync.board.rows()):
            break
        time.sleep(0.02)
    for _ in range(5):
        QApplication.processEvents()
def _show_summary(window, session) -> None:
    """Opens the oncology case (else the first), shows its summary and clicks the first flag's evidence
    that is a span of a record, so the record opens there with the span highlighted."""
    import time

    from PySide6.QtWidgets import QApplication
    cases = sorted(session.workspace.cases.list(), key=lambda c: ("oncology" not in c.specialty.lower(),
                                                                   c.priority_rank))
    if not cases:
        return
    window.open_case(cases[0].id)
    view = window.case_view
    view.side_tabs.setCurrentIndex(window.summary.tab_index)
    panel = window.summary.panel
    deadline = time.monotonic() + 60
    while not panel.complete and time.monotonic() < deadline:
        window.tasks.wait(200)
        QApplication.processEvents()
    if not panel.complete:
        return
    evidence = [f for fv in panel.model.flags for f in fv.evidence if f.source.start is not None
                and f.source.document.endswith(".pdf")]
    if evidence:
        panel.source_requested.emit(evidence[0].id)
        _settle(window)
        view.document_view.wait_rendered()
        _settle(window)


STAGERS = {
    "unlock": None, "worklist": lambda window, session: None, "case": _show_case,
    "series": _show_imaging(0), "mpr": _show_imaging(1), "3d": _show_imaging(2),
    "compare": _show_compare, "slide": _show_slide, "summary": _show_summary, "opinion": _show_opinion,
    "sync": _show_sync,
}
VIEWS = tuple(STAGERS)
