"""Every series of dicom2nifti's failing/ set, through the real window: shown as a 2D stack or a plain
message, with its warning visible on the image, within 5 s each — never a crash or a hang."""
import shutil
import time

import pytest

from reviewer.packages import import_path
from support import TESTDATA
from ui_support import window_on_workspace

FAILING = TESTDATA / "dicom" / "dicom2nifti" / "failing"
SERIES = sorted(p for p in FAILING.glob("*/*") if p.is_dir())
EXPECTED_WORDS = {       # what the warning on the image must speak of, per failure kind
    "gantrytilting": "gantry tilt",
    "notavolume": "not a volume",
    "slicecount": "too few",
    "sliceincrement": "missing",
    "sliceorientation": "orientation",
}


@pytest.mark.skipif(not SERIES, reason="failing/ test data not present")
@pytest.mark.parametrize("folder", SERIES, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_failing_series_is_shown_with_its_warning(qtbot, tmp_path, folder):
    shutil.copytree(folder, tmp_path / "in" / folder.name)
    w = window_on_workspace(qtbot, tmp_path / "ws", lambda ws: import_path(ws, tmp_path / "in"))
    viewer = w.case_view.series_viewer
    for series in w.case_view.detail.series:
        t0 = time.perf_counter()
        w.case_view.series_selected.emit(series)
        qtbot.waitUntil(lambda: viewer.volume is not None or viewer.status.text() == "Not shown", timeout=5000)
        assert time.perf_counter() - t0 < 5.0
        if viewer.volume is None:                    # refused: a plain message says why
            assert viewer.view.message and "Traceback" not in viewer.view.message
            continue
        warnings = viewer.view.info.warnings
        assert warnings, f"{folder}: loaded without a warning"
        word = EXPECTED_WORDS[folder.parent.name]
        assert word in " ".join(warnings).lower()
        # The warning is drawn on the image: the painted view differs where the warning line goes.
        image = viewer.view.grab().toImage()
        assert any(image.pixelColor(x, 40).red() > 200 and image.pixelColor(x, 40).blue() < 150
                   for x in range(0, image.width(), 2)), "the warning is not drawn"
        if not viewer.volume.is_volume:
            assert "2D stack" in viewer.status.text()
