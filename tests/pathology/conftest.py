import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import TESTDATA  # noqa: E402

from slide_samples import NDPI, SVS, real_slide  # noqa: E402,F401


@pytest.fixture(scope="session")
def demo_slide(tmp_path_factory) -> Path:
    """The demo generator's slide at a small size (same layout as the full 40960 x 30720 one)."""
    from reviewer.demo.slide import SlideSpec, write_slide
    path = tmp_path_factory.mktemp("demo") / "demo.tif"
    write_slide(path, 7, "SO-DEMO-0001", "A1", SlideSpec(width=3072, height=2304, levels=4, canvas_period=1024))
    return path


@pytest.fixture(scope="session")
def dicom_wsi(tmp_path_factory) -> Path:
    """A two-level DICOM WSI series (level 0 TILED_FULL, level 1 TILED_SPARSE with a missing tile)."""
    from wsi_samples import texture, write_dicom_wsi
    folder = tmp_path_factory.mktemp("dicom-wsi")
    write_dicom_wsi(folder, texture(700, 900), tile=128, levels=3, sparse_levels=(1,), drop_tiles=((1, 1, 1),))
    return folder

