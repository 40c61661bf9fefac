"""Keyboard help, display preferences and remembered layouts on the real main window."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.preferences import PreferenceStore
from reviewer.session import Session
from ui.app import dress
from ui.appearance import Appearance, stylesheet
from ui.main_window import MainWindow
from ui.shortcut_help import ShortcutHelp, collect, undocumented_shortcuts
from ui.tasks import BackgroundTasks


@pytest.fixture
def dressed(qtbot, tmp_path, workspace):
    root = workspace.root
    workspace.close()
    app = QApplication.instance()
    before = app.styleSheet()
    appearance = Appearance(app, PreferenceStore(tmp_path / "prefs.json"))
    w = MainWindow(Session(root), BackgroundTasks())
    qtbot.addWidget(w)
    dress(app, w, appearance)
    w.resize(1200, 800)
    w.show()
    yield w, appearance
    app.setStyleSheet(before)
    appearance.scale_font(None)


def test_help_lists_menu_actions_and_viewer_keys(dressed, qtbot):
    w, _ = dressed
    rows = collect(w)
    texts = {text for _, _, text in rows}
    assert "Lock now" in texts and "Keyboard shortcuts" in texts and "Larger text" in texts
    assert any("Key image" in t for t in texts)            # a viewer's key, from its KEY_HELP
    sections = {s for s, _, _ in rows}
    assert {"Application", "Imaging: 2D view", "Imaging: tools"} <= sections
    dialog = ShortcutHelp(w)
    dialog.filter.setText("undo")
    shown = dialog.rows()
    assert shown and all("undo" in (k + t).lower() for k, t in shown)


def test_every_shortcut_in_the_window_is_described(dressed):
    w, _ = dressed
    assert undocumented_shortcuts(w) == []


def test_text_size_and_contrast_are_applied_and_kept(dressed, tmp_path):
    w, appearance = dressed
    app = QApplication.instance()
    base = app.font().pointSizeF()
    appearance.scale_font(1.1)
    appearance.scale_font(1.1)
    assert app.font().pointSizeF() == pytest.approx(base * 1.21, rel=0.02)
    assert "font-size: 15.7px" in app.styleSheet()          # 13 px × 1.21
    appearance.set_theme("high-contrast")
    assert "#ffff00" in app.styleSheet()
    again = PreferenceStore(tmp_path / "prefs.json").load()
    assert again.theme == "high-contrast" and again.font_scale == pytest.approx(1.21)
    assert "#ffff00" not in stylesheet("standard", 1.0)


def test_pane_sizes_are_remembered(qtbot, dressed, tmp_path):
    w, appearance = dressed
    split = w.case_view.split
    split.setSizes([500, 400, 300])
    wanted = split.sizes()
    w.close()                                  # closing saves the layout
    app = QApplication.instance()
    w2 = MainWindow(Session(tmp_path / "ws"), BackgroundTasks())
    qtbot.addWidget(w2)
    dress(app, w2, Appearance(app, PreferenceStore(tmp_path / "prefs.json")))
    assert w2.case_view.split.sizes() == wanted


def test_tab_goes_from_the_item_list_to_the_image(qtbot, dressed):
    """Toolbar buttons have keys and stay out of the Tab chain, so the image is one or two Tabs away."""
    w, _ = dressed
    viewer = w.case_view.series_viewer
    viewer._enable(True)
    w.stack.setCurrentWidget(w.case_view)
    w.case_view.viewers.setCurrentWidget(viewer)
    chain, widget = [], w.case_view.items
    for _ in range(8):
        widget = widget.nextInFocusChain()
        while not (widget.isVisible() and widget.focusPolicy() & Qt.TabFocus):
            widget = widget.nextInFocusChain()
        chain.append(widget)
        if widget is viewer.view:
            break
    assert viewer.view in chain and len(chain) <= 6
    assert viewer.invert not in chain and viewer.tools["length"] not in chain
