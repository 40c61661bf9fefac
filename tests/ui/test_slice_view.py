import subprocess
import sys
import textwrap

import numpy as np
from PySide6.QtCore import QPoint, Qt

from reviewer.imaging.display import Window
from reviewer.imaging.viewstate import SliceViewState
from viewers.dicom.slice_view import SliceView, StackInfo


def _view(qtbot):
    vol = np.full((20, 128, 128), -1000, np.int16)
    vol[:, 32:96, 32:96] = 40
    state = SliceViewState(20, 128, 128, (1.0, 1.0), Window(40, 400), "CT")
    v = SliceView()
    qtbot.addWidget(v)
    v.resize(400, 400)
    v.show()
    v.set_stack(vol, state, StackInfo(top_left=["Testpatient, Alice"], row_cosine=(1, 0, 0), column_cosine=(0, 1, 0)))
    return v, state


def test_keys_and_mouse_drive_the_state(qtbot):
    v, s = _view(qtbot)
    start = s.index
    qtbot.keyClick(v, Qt.Key_Down)
    assert s.index == start + 1
    qtbot.keyClick(v, Qt.Key_End)
    assert s.index == 19
    qtbot.keyClick(v, Qt.Key_4)            # Lung preset
    assert s.window == Window(-600, 1500)
    qtbot.keyClick(v, Qt.Key_0)
    assert s.window == Window(40, 400)
    qtbot.keyClick(v, Qt.Key_I)
    assert s.invert
    qtbot.mousePress(v, Qt.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseMove(v, QPoint(260, 180))
    qtbot.mouseRelease(v, Qt.LeftButton, pos=QPoint(260, 180))
    assert s.window.width > 400 and s.window.centre > 40


def test_window_reaches_the_screen(qtbot):
    v, s = _view(qtbot)
    img = v.grab().toImage()
    centre = img.pixelColor(200, 200).red()       # tissue at 40 HU, window 40/400 → mid-grey
    assert 120 <= centre <= 135
    s.set_window(Window(-600, 1500))
    assert v.grab().toImage().pixelColor(200, 200).red() > centre


def test_message_instead_of_image(qtbot):
    v = SliceView()
    qtbot.addWidget(v)
    v.show_message("IM0001.dcm: not a DICOM file")
    v.resize(300, 300)
    assert v.grab().width() == 300


def test_thousands_of_paints_do_not_crash():
    """Guards against Qt-binding refcount bugs (PySide6 6.12.0 aborted after ~1000 paints)."""
    code = textwrap.dedent("""
        import os; os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import numpy as np
        from PySide6.QtWidgets import QApplication
        from PySide6.QtGui import QImage
        app = QApplication([])
        from viewers.dicom.slice_view import SliceView, StackInfo
        from reviewer.imaging.viewstate import SliceViewState
        v = SliceView(); v.resize(300, 300)
        s = SliceViewState(4, 64, 64)
        v.set_stack(np.zeros((4, 64, 64), np.int16), s, StackInfo(warnings=["w"]))
        img = QImage(v.size(), QImage.Format_RGB32)
        for i in range(3000):
            s.scroll(1 if i % 8 < 4 else -1); v.render(img)
        print("ok")
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]
