import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fhir_double import FhirTestDouble  # noqa: E402
from orthanc import ORTHANC, OrthancServer, dicomweb_plugin  # noqa: E402
from support import TESTDATA  # noqa: E402

from sync_helpers import TOKEN  # noqa: E402,F401
SERIES_DIRS = ("dicom2nifti/siemens/anatomical/001",)
EXTRA_FILES = ("misc/MR-MONO2-8-16x-heart",)


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory):
    if not Path(ORTHANC).exists() or not dicomweb_plugin():
        pytest.skip("Orthanc with its DICOMweb plugin is not installed (Debian: orthanc, orthanc-dicomweb)")
    server = OrthancServer(tmp_path_factory.mktemp("orthanc")).start()
    try:
        for d in SERIES_DIRS:
            for f in sorted((TESTDATA / "dicom" / d).iterdir()):
                if f.suffix != ".gz":
                    server.upload(f)
        for name in EXTRA_FILES:
            for f in sorted((TESTDATA / "dicom").glob(name + "*")):
                server.upload(f)
        yield server
    finally:
        server.stop()


@pytest.fixture
def double():
    d = FhirTestDouble(token=TOKEN).start()
    yield d
    d.stop()
