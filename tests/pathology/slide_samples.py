"""The real slides of ../shared/testdata used by the pathology tests (a module of its own: test modules
of several folders cannot share a `conftest` import)."""
from pathlib import Path

import pytest

from support import TESTDATA

SLIDES = TESTDATA / "slides"
SVS = SLIDES / "CMU-1-Small-Region.svs"
NDPI = SLIDES / "test3-DAPI-2-(387).ndpi"


def real_slide(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"test data {path.name} is not available")
    return path
