import io

import pydicom
import pytest
from pydicom.dataset import Dataset

from reviewer.imaging.errors import DicomError
from reviewer.imaging.tags import filter_rows, read_tags, rows_of
from support import TESTDATA


def _file():
    return sorted((TESTDATA / "dicom" / "dicom2nifti" / "siemens" / "anatomical" / "001").iterdir())[0]


def test_tags_tree_with_meta_and_search():
    rows = read_tags(open(_file(), "rb"), "IM1")
    keywords = {r.keyword for r in rows}
    assert {"TransferSyntaxUID", "PatientName", "SeriesInstanceUID"} <= keywords
    assert all(r.keyword != "PixelData" for r in rows)
    hits = filter_rows(rows, "0020,0037")
    assert [r.keyword for r in hits] == ["ImageOrientationPatient"]


def test_sequences_nest_and_search_keeps_the_path():
    ds = Dataset()
    item = Dataset()
    item.CodeMeaning = "Chest"
    ds.AnatomicRegionSequence = [item]
    ds.PatientID = "X"
    rows = rows_of(ds)
    seq = next(r for r in rows if r.vr == "SQ")
    assert seq.children[0].children[0].value == "Chest"
    hits = filter_rows(rows, "chest")
    assert len(hits) == 1 and hits[0].children[0].children[0].keyword == "CodeMeaning"


def test_not_dicom_is_a_clear_error():
    with pytest.raises(DicomError, match="IM9: header unreadable"):
        read_tags(io.BytesIO(b"\0" * 10), "IM9")
