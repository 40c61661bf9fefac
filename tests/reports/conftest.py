import io

import pytest

from casepackages import build_package
from report_samples import make_png, synthetic_case  # noqa: F401
from reviewer.packages import import_path


@pytest.fixture(scope="session")
def renderer():
    from reviewer.reports.render import ReportRenderer
    return ReportRenderer()


@pytest.fixture
def case_id(workspace, tmp_path):
    return import_path(workspace, build_package(tmp_path / "pkg", dicom_from=None)).case_id


@pytest.fixture(scope="session")
def test_key():
    from reviewer.reports.signing import make_test_certificate
    return make_test_certificate()


@pytest.fixture(scope="session")
def signer(test_key):
    from reviewer.reports.signing import TEST_SUBJECT, ReviewSigner, session_key_signer
    return ReviewSigner(TEST_SUBJECT, "Test credentials", session_key_signer(*test_key))


@pytest.fixture(scope="session")
def example_pdf(renderer):
    from reviewer.reports.opinion import Opinion
    from reviewer.reports.render import ReportImage
    from reviewer.reports.templates import load_template
    from reviewer.paths import report_template
    o = Opinion.from_json(report_template("examples", "radiology.en.json").read_text(encoding="utf-8"))
    buf = io.BytesIO()
    renderer.render(synthetic_case(), o, load_template("radiology", "en"),
                    [ReportImage(make_png(), "Axial image", 0.5)], buf, version=1)
    return buf.getvalue()
