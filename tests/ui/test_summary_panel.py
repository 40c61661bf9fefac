"""The summary panel in the case view: flags first by severity, a fact's click opens its record at the
page with the span highlighted, decisions kept (audited) and shown again after reopening, the
machine-prepared notice, failures as a clear message, and nothing of the patient left after a lock."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from casepackages import build_package
from her2_records import CONSULT, PATHOLOGY
from reviewer.demo.records import Record, render
from reviewer.model import Document, Series
from reviewer.packages import import_path
from ui_support import window_on_workspace

LABS_1 = Record("labs-1.txt", "Lab results", "Blood count", "2026-09-01T08:00:00+02:00", (
    "Patient: Testpatient, Alice", "Date of birth: 1970-01-01", "Collected: 2026-09-01 08:10", "",
    "Hemoglobin                13.4  g/dL     12-15.5"))
LABS_2 = Record("labs-2.txt", "Lab results", "Blood count", "2026-11-03T08:00:00+02:00", (
    "Patient: Testpatient, Alice", "Date of birth: 1970-01-01", "Collected: 2026-11-03 08:10", "",
    "Hemoglobin                11.2  g/dL     12-15.5"))


def _fill(tmp_path):
    docs = {f"documents/{r.filename}": render(r) for r in (PATHOLOGY, CONSULT, LABS_1, LABS_2)}
    return lambda ws: import_path(ws, build_package(tmp_path / "pkg", documents=docs, dicom_from=None))


@pytest.fixture
def window(qtbot, tmp_path):
    return window_on_workspace(qtbot, tmp_path / "ws", _fill(tmp_path), size=(1440, 900))


def _ready(qtbot, w):
    w.case_view.side_tabs.setCurrentIndex(w.summary.tab_index)
    qtbot.waitUntil(lambda: w.summary.panel.complete, timeout=20000)
    return w.summary.panel


def _row(panel, kind, value):
    row = next(r for r in panel.rows.values() if r.row.kind == kind and r.row.value == value)
    QApplication.processEvents()                        # pending layout first, so positions are current
    panel.scroll.ensureWidgetVisible(row, 0, 80)      # scrolled to, as the user would (clicks land on screen)
    QApplication.processEvents()
    return row


def _plain(label):
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def _texts(widget):
    return " ".join(_plain(l) for l in widget.findChildren(QLabel) if l.isVisibleTo(widget))


def test_flags_first_by_severity_with_notice_and_sections(qtbot, window):
    w = window
    w.case_view.side_tabs.setCurrentIndex(w.summary.tab_index)
    panel = _ready(qtbot, w)
    assert panel.notice.isVisible() and "Machine-prepared" in panel.notice.text()
    assert "responsible" in panel.notice.text()
    cards = panel.flag_cards
    kinds = {c.view.flag.kind for c in cards}
    assert {"biomarker_conflict", "treatment_biomarker_conflict"} <= kinds
    ranks = [["high", "medium", "low"].index(c.view.flag.severity) for c in cards]
    assert ranks == sorted(ranks)
    layout = panel.scroll.widget().layout()
    first_card = layout.indexOf(cards[0])
    assert all(layout.indexOf(c) < layout.indexOf(r) for c in cards for r in panel.rows.values())
    assert first_card < min(layout.indexOf(r) for r in panel.rows.values())
    her2 = next(c for c in cards if c.view.flag.kind == "biomarker_conflict")
    assert "HER2" in her2.message.text() and "HER2: negative (IHC 1+" in _plain(her2.evidence)
    hb = _row(panel, "lab", "Hemoglobin")          # the trend over two dates
    assert [p.date for p in hb.row.trend.points] == ["2026-09-01", "2026-11-03"]
    assert "11.2" in _plain(hb.value) and "↓" in _plain(hb.note) and "13.4" in _plain(hb.note)
    assert "Do I need chemotherapy?" in _texts(panel.scroll.widget())
    assert any(e["action"] == "summary.run" for e in w.session.workspace.audit.entries())


def test_clicking_a_fact_opens_its_record_at_the_page_with_the_span(qtbot, window):
    w = window
    panel = _ready(qtbot, w)
    row = _row(panel, "her2", "negative")
    fact = row.row.primary
    row.value.linkActivated.emit(fact.id)               # what a click on the value does
    view = w.case_view.document_view
    assert w.case_view.viewers.currentWidget() is view
    qtbot.waitUntil(lambda: view.pdf is not None and any(p.boxes for p in view.pages), timeout=10000)
    page = next(p for p in view.pages if p.boxes)
    assert page.index == fact.source.page - 1
    assert view.pdf.page_text(page.index)[fact.source.start:fact.source.end] == fact.source.text
    assert fact.source.text.startswith("HER2: negative")
    selected = w.case_view.items.currentItem().data(0, Qt.UserRole)
    assert isinstance(selected, Document) and selected.path == "documents/pathology.pdf"
    # a text record: the evidence of the other side of the flag, selected in the text view
    card = next(c for c in panel.flag_cards if c.view.flag.kind == "biomarker_conflict")
    pos = next(f for f in card.view.evidence if f.source.document == "documents/consult.txt")
    card.evidence.linkActivated.emit(pos.id)
    qtbot.waitUntil(lambda: bool(view.text.extraSelections()), timeout=10000)
    assert view.text.extraSelections()[0].cursor.selectedText() == pos.source.text


def test_decisions_are_kept_audited_and_shown_after_reopening(qtbot, window):
    w = window
    panel = _ready(qtbot, w)
    ki67 = _row(panel, "ki67", "18%")
    qtbot.mouseClick(ki67.bar.buttons["confirmed"], Qt.LeftButton)
    her2 = _row(panel, "her2", "positive")
    qtbot.mouseClick(her2.bar.buttons["corrected"], Qt.LeftButton)
    assert her2.bar.editor.isVisible()
    qtbot.keyClicks(her2.bar.editor, "negative (IHC 1+)")
    qtbot.keyClick(her2.bar.editor, Qt.Key_Return)
    card = next(c for c in panel.flag_cards if c.view.flag.kind == "biomarker_conflict")
    QApplication.processEvents()
    panel.scroll.ensureWidgetVisible(card)
    QApplication.processEvents()
    qtbot.mouseClick(card.bar.buttons["rejected"], Qt.LeftButton)
    assert "Confirmed" in _plain(ki67.status) and "negative (IHC 1+)" in _plain(her2.status)
    assert card.bar.buttons["rejected"].isChecked() and "Rejected" in _plain(card.status)
    audit = [e for e in w.session.workspace.audit.entries() if e["action"] == "summary.decision"]
    assert len(audit) == len(ki67.ids) + len(her2.ids) + len(card.ids)
    assert all("IHC" not in e["details"] for e in audit)           # the corrected text stays in the database
    # close the case and open it again: the decisions are read back
    w.show_worklist()
    assert w.summary.panel.model is None
    w.open_case(w.session.workspace.cases.list()[0].id)
    panel = _ready(qtbot, w)
    assert _row(panel, "ki67", "18%").bar.buttons["confirmed"].isChecked()
    her2 = _row(panel, "her2", "positive")
    assert her2.decision.decision == "corrected" and "negative (IHC 1+)" in _plain(her2.status)
    card = next(c for c in panel.flag_cards if c.view.flag.kind == "biomarker_conflict")
    assert card.decision.decision == "rejected"


def test_lock_while_running_and_after_leaves_nothing_of_the_patient(qtbot, window):
    w = window
    panel = w.summary.panel
    assert panel.progress.isVisibleTo(panel) or panel.model is not None     # it runs in the background
    w.session.lock()                                                       # in flight: cancelled
    assert panel.model is None and not panel.rows and not panel.flag_cards
    w.tasks.wait(20000)
    qtbot.wait(50)
    assert panel.model is None and "Testpatient" not in _texts(panel) and "HER2" not in _texts(panel)
    w.session.adopt(w.session.open_workspace("correct horse battery staple"))
    w.open_case(w.session.workspace.cases.list()[0].id)
    _ready(qtbot, w)
    w.session.lock()                                                       # shown: cleared
    assert panel.model is None and "HER2" not in _texts(panel) and "Alice" not in _texts(panel)


def test_a_failure_is_a_clear_message_with_retry(qtbot, window, monkeypatch):
    w = window
    _ready(qtbot, w)
    from reviewer.errors import ReviewerError

    def broken(*a, **k):
        raise ReviewerError("The records of this case cannot be read")
    monkeypatch.setattr("ui.summary_controller.summarise_inputs", broken)
    w.open_case(w.session.workspace.cases.list()[0].id)
    panel = w.summary.panel
    qtbot.waitUntil(lambda: panel.error.isVisibleTo(panel), timeout=10000)
    assert "could not be prepared" in panel.error.text() and "cannot be read" in panel.error.text()
    assert panel.retry.isVisibleTo(panel) and panel.model is None
    monkeypatch.undo()
    qtbot.mouseClick(panel.retry, Qt.LeftButton)
    _ready(qtbot, w)
    assert not panel.error.isVisibleTo(panel)


def test_a_header_fact_opens_the_series_it_came_from(qtbot, tmp_path):
    def fill(ws):
        import_path(ws, build_package(tmp_path / "pkg", documents={f"documents/{CONSULT.filename}": render(CONSULT)}))
    w = window_on_workspace(qtbot, tmp_path / "ws", fill, size=(1440, 900))
    panel = _ready(qtbot, w)
    row = next(r for r in panel.rows.values() if any(f.source.dicom_tag for f in r.row.facts))
    header = next(f for f in row.row.facts if f.source.dicom_tag)
    assert "image header" in _plain(row.sources)
    row.sources.linkActivated.emit(header.id)
    selected = w.case_view.items.currentItem().data(0, Qt.UserRole)
    assert isinstance(selected, Series) and w.case_view.viewers.currentWidget() is w.case_view.series_viewer
    assert row.property("active") is True
    w.tasks.wait(20000)


def test_screenshot_view_summary_opens_a_source(tmp_path):
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage
    from reviewer.workspace import Workspace
    from support import FAST_KDF, PASSPHRASE
    ws = Workspace.create(tmp_path / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    try:
        _fill(tmp_path)(ws)
    finally:
        ws.close()
    png = tmp_path / "summary.png"
    env = {**os.environ, "REVIEWER_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "ui.launcher", "--workspace", str(tmp_path / "ws"), "--screenshot",
                        str(png), "--view", "summary"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(png))
    assert img.width() == 1440 and img.height() == 900
    # the span's highlight (amber over the white page) is on screen, in the record right of the panel
    amber = [(x, y) for x in range(500, 1440, 2) for y in range(100, 880, 2)
             if abs(QColor(img.pixel(x, y)).green() - 237) <= 3 and abs(QColor(img.pixel(x, y)).blue() - 179) <= 4
             and QColor(img.pixel(x, y)).red() >= 253]
    assert len(amber) > 50


def test_records_are_named_as_the_case_list_names_them(qtbot, window):
    """A synced record is stored as "documents/001.pdf"; the panel says what the case's list says (its
    title), in the evidence, the sources and the flag's message."""
    w = window
    panel = _ready(qtbot, w)
    model = panel.model
    panel.show_summary(model, {}, names={"documents/pathology.pdf": "Surgical pathology (A1)",
                                         "documents/consult.txt": "Oncology consult"})
    qtbot.waitUntil(lambda: panel.complete, timeout=20000)
    card = next(c for c in panel.flag_cards if c.view.flag.kind == "biomarker_conflict")
    evidence = _plain(card.evidence)
    assert "Surgical pathology (A1) p. 1" in evidence and "Oncology consult" in evidence
    assert "pathology.pdf" not in evidence and "consult.txt" not in card.message.text()
    her2 = _row(panel, "her2", "negative")
    assert "Surgical pathology (A1)" in _plain(her2.sources)
