"""Tool-button rows wrap instead of widening the window: the slide viewer fits beside the case list and
the opinion editor on a 1440-pixel screen (its action row alone used to need 786 pixels)."""
from PySide6.QtWidgets import QApplication, QToolButton, QVBoxLayout, QWidget

from viewers.flow_layout import FlowLayout
from viewers.pathology.slide_viewer import SlideViewer


def _no_overlap(buttons):
    rects = [b.geometry() for b in buttons]
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_buttons_wrap_onto_rows_within_the_width(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout()
    buttons = [QToolButton(text=f"Button number {i}") for i in range(8)]
    for b in buttons:
        flow.addWidget(b)
    outer = QVBoxLayout(host)
    outer.addLayout(flow)
    outer.addStretch(1)
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    host.resize(widest * 3 + 40, 400)
    host.show()
    QApplication.processEvents()
    rows = {b.geometry().top() for b in buttons}
    assert len(rows) == 3 and _no_overlap(buttons)
    assert all(b.geometry().right() <= host.width() for b in buttons)
    assert flow.heightForWidth(host.width()) >= 3 * buttons[0].sizeHint().height()


def test_the_slide_viewer_fits_a_narrow_pane(qtbot):
    viewer = SlideViewer()
    qtbot.addWidget(viewer)
    assert viewer.minimumSizeHint().width() < 600
    viewer.resize(580, 700)
    viewer.show()
    QApplication.processEvents()
    actions = list(viewer.buttons.values())
    assert _no_overlap(actions) and all(b.geometry().right() <= viewer.width() for b in actions)
    assert all(b.isVisible() for b in actions)
