"""Records in the case view: a PDF's pages rendered off the GUI thread with a span highlighted where
it is drawn, a text record with its span selected, a broken PDF as a clear message."""
import sys
from pathlib import Path

import pytest

from casepackages import build_package
from reviewer.packages import import_path
from ui_support import window_on_workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from test_pdf_pages import two_page_pdf  # noqa: E402

TEXT = "CT chest report.\nFindings: spiculated mass in the RIGHT breast, 2.0 cm.\nImpression: known primary.\n"


@pytest.fixture
def window(qtbot, tmp_path):
    docs = {"documents/pathology.pdf": two_page_pdf(), "documents/ct-report.txt": TEXT.encode(),
            "documents/broken.pdf": b"%PDF-1.4 this is not really a pdf"}
    return window_on_workspace(qtbot, tmp_path / "ws", lambda ws: import_path(
        ws, build_package(tmp_path / "pkg", documents=docs, dicom_from=None)))


def _doc(w, name):
    return next(d for d in w.case_view.detail.documents if d.path.endswith(name))


def test_pdf_pages_render_and_a_span_is_highlighted(qtbot, window):
    w = window
    view = w.case_view.document_view
    doc = _doc(w, "pathology.pdf")
    w.documents.load(w.case_view.detail, doc, span=None)
    qtbot.waitUntil(lambda: view.pdf is not None and len(view.pages) == 2, timeout=10000)
    qtbot.waitUntil(lambda: view.pages[0].image is not None, timeout=10000)
    text = view.pdf.page_text(1)
    start = text.index("HER2: negative")
    w.documents.load(w.case_view.detail, doc, span=(2, start, start + 14))     # same record: highlight only
    assert len(view.pages[1].boxes) == 1 and view.pages[0].boxes == []
    qtbot.waitUntil(lambda: view.pages[1].image is not None, timeout=10000)
    assert any(e["action"] == "document.view" for e in w.session.workspace.audit.entries())


def test_selecting_a_text_record_shows_it_with_the_span(qtbot, window):
    w = window
    view = w.case_view.document_view
    item = next(w.case_view.items.topLevelItem(0).child(i) for i in range(w.case_view.items.topLevelItem(0).childCount())
                if w.case_view.items.topLevelItem(0).child(i).data(0, 0x0100).path.endswith("ct-report.txt"))
    w.case_view.items.setCurrentItem(item)
    assert w.case_view.viewers.currentWidget() is view
    qtbot.waitUntil(lambda: view.text.toPlainText() == TEXT, timeout=10000)
    start = TEXT.index("RIGHT breast")
    w.documents.load(w.case_view.detail, _doc(w, "ct-report.txt"), span=(1, start, start + 12))
    [sel] = view.text.extraSelections()
    assert sel.cursor.selectedText() == "RIGHT breast"


def test_a_broken_pdf_is_a_clear_message(qtbot, window):
    w = window
    view = w.case_view.document_view
    w.documents.load(w.case_view.detail, _doc(w, "broken.pdf"))
    qtbot.waitUntil(lambda: "not a readable PDF" in view.message.text(), timeout=10000)
    assert view.stack.currentWidget() is view.message
