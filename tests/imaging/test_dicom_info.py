"""``dicom_info``: the documented JSON shape, geometry values, errors, and the text rendering."""
from __future__ import annotations

import json

import numpy as np
import pytest

from support import TESTDATA
from synthetic import write_ct_series

from reviewer.imaging.errors import DicomError
from reviewer.imaging.info import dicom_info, format_info_text

SERIES_KEYS = {"series_uid", "modality", "description", "rows", "columns", "slices", "spacing", "origin",
               "direction", "affine", "transfer_syntaxes", "warnings"}


def test_shape_and_values(tmp_path):
    write_ct_series(tmp_path / "ct", slices=6, size=32, shuffle=True)
    (tmp_path / "ct" / "notes.txt").write_text("not an image")
    d = dicom_info(tmp_path / "ct")
    assert set(d) == {"series", "errors"}
    json.dumps(d)
    [s] = d["series"]
    assert set(s) == SERIES_KEYS
    assert (s["modality"], s["description"], s["rows"], s["columns"], s["slices"]) == ("CT", "Chest 2.5 mm", 32, 32, 6)
    assert s["spacing"] == [0.7, 0.7, 2.5] and s["origin"] == [-180.0, -180.0, -100.0]
    assert s["direction"] == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    assert np.allclose(s["affine"], [[0.7, 0, 0, -180], [0, 0.7, 0, -180], [0, 0, 2.5, -100], [0, 0, 0, 1]])
    assert s["transfer_syntaxes"] == ["1.2.840.10008.1.2.1"] and s["warnings"] == []
    assert d["errors"] == [{"file": "notes.txt", "message": "not a DICOM file (no DICM marker and no recognisable header)"}]


def test_single_file_and_warnings_as_objects():
    d = dicom_info(TESTDATA / "dicom/dicom2nifti/failing/gantrytilting/001/IM-0001-0001.dcm")
    [s] = d["series"]
    assert s["slices"] == 1 and s["warnings"][0]["kind"] == "not_a_volume"
    d = dicom_info(TESTDATA / "dicom/dicom2nifti/failing/gantrytilting/001")
    assert [w["kind"] for w in d["series"][0]["warnings"]] == ["gantry_tilt"]


def test_whole_testdata_tree_lists_every_bad_file_without_raising():
    d = dicom_info(TESTDATA / "dicom")
    assert len(d["series"]) > 50
    assert all(e["file"].endswith((".gz", "LICENSE")) for e in d["errors"])


def test_text_rendering(tmp_path):
    write_ct_series(tmp_path / "ct", slices=3, size=16)
    (tmp_path / "ct" / "broken.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"\2\0\x10\0UI")
    text = format_info_text(dicom_info(tmp_path / "ct"))
    assert "16 × 16 pixels × 3 slices" in text and "axial" in text and "Explicit VR Little Endian" in text
    assert "1 file could not be read" in text and "broken.dcm" in text


def test_missing_path_is_a_plain_error(tmp_path):
    with pytest.raises(DicomError, match="no such file"):
        dicom_info(tmp_path / "nope")
