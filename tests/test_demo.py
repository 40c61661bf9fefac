"""The demo case generator: package format, integrity, imaging, slide, planted evidence.

The three packages are generated once for the module (about half a minute); determinism
is checked on the cheaper builders (spine, neurology, the CT generator, a small slide).
"""
from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pydicom
import pytest
import tifffile

from reviewer.demo import DEMO_CASE_IDS, case_neuro, case_spine, ct, write_demo_packages
from reviewer.demo.slide import SlideSpec, write_slide

FAKE_FAMILIES = {"Testpatient", "Demo-Example", "Synthetic-Sample"}
KINDS = {"identity_mismatch", "laterality_conflict", "biomarker_conflict",
         "treatment_biomarker_conflict", "stage_inconsistency", "grade_inconsistency",
         "chronology", "lab_diagnosis_conflict", "implausible_value", "missing_record",
         "duplicate_document"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    paths = write_demo_packages(tmp_path_factory.mktemp("demo"))
    return {p.name: p for p in paths}


def _bundle(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def _resources(root: Path, kind: str) -> list[dict]:
    return [e["resource"] for e in _bundle(root)["entry"]
            if e["resource"]["resourceType"] == kind]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _document_text(path: Path) -> str | None:
    if path.suffix == ".pdf":
        tool = shutil.which("pdftotext")
        if tool is None:
            return None
        return subprocess.run([tool, str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
    return path.read_text(encoding="utf-8")


def test_three_packages_with_the_expected_layout(packages):
    assert sorted(packages) == ["breast-oncology", "neurology", "spine-surgery"]
    for root in packages.values():
        for name in ("manifest.json", "planted_inconsistencies.json", "SHA256SUMS"):
            assert (root / name).is_file()
        assert any((root / "documents").iterdir())
        assert any((root / "dicom").rglob("*.dcm"))
    assert (packages["breast-oncology"] / "slides" / "S26-04417-A1.tif").is_file()
    assert not list(packages["breast-oncology"].parent.glob(".*partial"))


def test_sha256sums_cover_every_file_and_match(packages):
    for root in packages.values():
        listed = {}
        for line in (root / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, rel = line.split("  ", 1)
            listed[rel] = digest
        files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        assert set(listed) == files - {"SHA256SUMS"}
        for rel, digest in listed.items():
            assert _sha256(root / rel) == digest, rel


def test_bundle_resources_and_references(packages):
    priorities = set()
    for root in packages.values():
        bundle = _bundle(root)
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
        urls = {e["fullUrl"] for e in bundle["entry"]}
        assert all(u.startswith("urn:uuid:") for u in urls) and len(urls) == len(bundle["entry"])
        refs = []

        def walk(node):
            if isinstance(node, dict):
                if "reference" in node:
                    refs.append(node["reference"])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(bundle)
        assert refs and set(refs) <= urls

        (task,) = _resources(root, "Task")
        (patient,) = _resources(root, "Patient")
        (request,) = _resources(root, "ServiceRequest")
        assert task["identifier"][0]["system"] == "https://platform.example/case-id"
        assert task["identifier"][0]["value"].startswith("SO-2026-")
        assert task["status"] in {"ready", "requested", "in-progress"}
        assert task["intent"] == "order" and task["owner"]["display"] == "Dr. Demo Specialist"
        priorities.add(task["priority"])
        due = datetime.fromisoformat(task["restriction"]["period"]["end"])
        assert due.tzinfo is not None
        assert "2026-11-24" <= due.date().isoformat() <= "2026-12-10"
        assert task["for"]["reference"].startswith("urn:uuid:")
        assert request["performerType"]["text"] and request["reasonCode"][0]["text"]
        assert len(request["note"]) >= 3
        assert patient["identifier"][0]["type"]["text"] == "MRN"
        assert _resources(root, "Condition")
        assert _resources(root, "ImagingStudy")
        questions = (root / "documents" / "patient-questions.txt").read_text(encoding="utf-8")
        for note in request["note"]:
            assert note["text"] in questions
    assert priorities == {"urgent", "routine", "asap"}


def test_patients_are_obviously_fake(packages):
    for root in packages.values():
        (patient,) = _resources(root, "Patient")
        assert patient["name"][0]["family"] in FAKE_FAMILIES
        assert patient["identifier"][0]["value"].startswith("DEMO-")


def test_document_references_match_their_files(packages):
    seen_slide = False
    for root in packages.values():
        refs = _resources(root, "DocumentReference")
        urls = set()
        for ref in refs:
            att = ref["content"][0]["attachment"]
            data = (root / att["url"]).read_bytes()
            assert att["size"] == len(data)
            assert att["hash"] == base64.b64encode(hashlib.sha1(data).digest()).decode()
            assert ref["status"] == "current" and ref["type"]["text"] and att["title"]
            datetime.fromisoformat(ref["date"])
            urls.add(att["url"])
            seen_slide |= ref["type"]["text"] == "Whole-slide image"
        files = {p.relative_to(root).as_posix()
                 for d in ("documents", "slides") for p in (root / d).rglob("*") if p.is_file()}
        assert urls == files
    assert seen_slide


def test_imaging_studies_match_the_dicom_files(packages):
    for root in packages.values():
        uids = {}
        for path in (root / "dicom").rglob("*.dcm"):
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            uids.setdefault((ds.StudyInstanceUID, ds.SeriesInstanceUID), set()).add(
                ds.SOPInstanceUID)
        (patient,) = _resources(root, "Patient")
        for study in _resources(root, "ImagingStudy"):
            study_uid = study["identifier"][0]["value"].removeprefix("urn:oid:")
            assert study["numberOfSeries"] == len(study["series"])
            assert study["numberOfInstances"] == sum(s["numberOfInstances"] for s in study["series"])
            for se in study["series"]:
                sops = uids[(study_uid, se["uid"])]
                assert len(sops) == se["numberOfInstances"]
                assert {i["uid"] for i in se["instance"]} == sops
                assert se["modality"]["system"] == "http://dicom.nema.org/resources/ontology/DCM"
                assert se["bodySite"]["display"]
        ds = pydicom.dcmread(next((root / "dicom").rglob("*.dcm")), stop_before_pixels=True)
        assert str(ds.PatientName) == f"{patient['name'][0]['family']}^{patient['name'][0]['given'][0]}"
        assert ds.PatientID == patient["identifier"][0]["value"]
        assert ds.PatientBirthDate == patient["birthDate"].replace("-", "")
        assert ds.PatientSex == patient["gender"][0].upper()
        assert ds.Manufacturer == "SyntheticDemo"
        assert ds.file_meta.TransferSyntaxUID == pydicom.uid.ExplicitVRLittleEndian


def _series(folder: Path) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(p) for p in sorted(folder.glob("*.dcm"))]


def test_ct_series_geometry_and_content(packages):
    slices = _series(packages["breast-oncology"] / "dicom" / "ct-chest-2.5mm")
    assert len(slices) >= 120
    z = [float(ds.ImagePositionPatient[2]) for ds in slices]
    steps = np.diff(z)
    assert np.all(steps < 0) and np.allclose(steps, -2.5)
    for i, ds in enumerate(slices, start=1):
        assert ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.2" and ds.Modality == "CT"
        assert ds.InstanceNumber == i and (ds.Rows, ds.Columns) == (512, 512)
        assert [float(v) for v in ds.ImageOrientationPatient] == [1, 0, 0, 0, 1, 0]
        assert float(ds.SliceThickness) == 2.5 and float(ds.PixelSpacing[0]) == pytest.approx(0.703125)
        assert ds.PixelRepresentation == 1 and ds.BitsAllocated == 16
        assert float(ds.RescaleSlope) == 1 and float(ds.RescaleIntercept) == -1024
        assert (float(ds.WindowCenter), float(ds.WindowWidth)) == (40, 400)
        assert ds.BodyPartExamined == "CHEST"
        assert ds.FrameOfReferenceUID == slices[0].FrameOfReferenceUID
        assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
    # Hounsfield units make sense: air outside, lungs, soft tissue, enhanced vessels, bone.
    mid = slices[len(slices) // 2]
    hu = mid.pixel_array.astype(np.int32) * int(mid.RescaleSlope) + int(mid.RescaleIntercept)
    assert hu[5, 5] < -900
    assert (hu < -700).mean() > 0.3 and (hu > 600).sum() > 500 and ((hu > 180) & (hu < 320)).sum() > 500
    # The lesion is in the LEFT breast (patient left = +x = image right), not the right.
    lesion = slices[ct.LESION_INDEX]
    hu = lesion.pixel_array.astype(np.int32) - 1024
    x0, y0 = (float(v) for v in lesion.ImagePositionPatient[:2])
    col = int((ct.LESION_CENTER[0] - x0) / ct.PIXEL_SPACING)
    mirror = int((-ct.LESION_CENTER[0] - x0) / ct.PIXEL_SPACING)
    row = int((ct.LESION_CENTER[1] - y0) / ct.PIXEL_SPACING)
    left = hu[row - 8:row + 9, col - 8:col + 9]
    right = hu[row - 8:row + 9, mirror - 8:mirror + 9]
    assert 70 < np.median(left) < 140
    assert np.median(right) < 0


def test_mr_series(packages):
    sag = _series(packages["spine-surgery"] / "dicom" / "sag-t2")
    ax = _series(packages["spine-surgery"] / "dicom" / "ax-t2")
    flair = _series(packages["neurology"] / "dicom" / "ax-flair")
    assert (len(sag), len(ax), len(flair)) == (15, 24, 28)
    assert [float(v) for v in sag[0].ImageOrientationPatient] == [0, 1, 0, 0, 0, -1]
    assert (sag[0].Rows, sag[0].Columns) == (320, 320) and (ax[0].Rows, flair[0].Rows) == (256, 256)
    assert sag[0].FrameOfReferenceUID == ax[0].FrameOfReferenceUID
    for series in (sag, ax, flair):
        assert all(ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.4" for ds in series)
        assert series[0].pixel_array.dtype == np.uint16 and series[0].pixel_array.max() > 300
        positions = np.array([[float(v) for v in ds.ImagePositionPatient] for ds in series])
        normal = np.cross(*(np.array([float(v) for v in series[0].ImageOrientationPatient])
                            .reshape(2, 3)))
        assert np.all(np.diff(positions @ normal) != 0)


def _tile(page: tifffile.TiffPage, fh, index: int) -> np.ndarray:
    fh.seek(page.dataoffsets[index])
    data = fh.read(page.databytecounts[index])
    tile, _, _ = page.decode(data, index, jpegtables=page.jpegtables)
    return tile.reshape(tile.shape[-3:])


def test_slide_is_a_tiled_jpeg_pyramid_of_tissue(packages):
    path = packages["breast-oncology"] / "slides" / "S26-04417-A1.tif"
    with tifffile.TiffFile(path) as tf:
        assert tf.is_bigtiff
        series = tf.series[0]
        levels = series.levels
        assert len(levels) >= 4
        h0, w0 = levels[0].shape[:2]
        assert w0 >= 40000 and h0 >= 30000 and levels[0].shape[2] == 3
        for k, level in enumerate(levels[1:], start=1):
            assert level.shape[:2] == (-(-h0 // 2 ** k), -(-w0 // 2 ** k))
        page0 = levels[0].pages[0]
        assert page0.is_tiled and (page0.tilelength, page0.tilewidth) == (256, 256)
        assert page0.compression == tifffile.COMPRESSION.JPEG
        x_res = page0.tags["XResolution"].value
        assert page0.tags["ResolutionUnit"].value == tifffile.RESUNIT.CENTIMETER
        assert 1e4 * x_res[1] / x_res[0] == pytest.approx(0.25)
        assert any(s.pages[0].description == "label" for s in tf.series[1:])

        # A level-0 tile in the tumour: tissue colours, smooth texture (not noise).
        tiles_x = -(-w0 // 256)
        fh = tf.filehandle
        tile = _tile(page0, fh, int(0.52 * h0 / 256) * tiles_x + int(0.40 * w0 / 256))
        assert tile.shape == (256, 256, 3) and tile.mean() < 225
        grey = tile.astype(np.float64).mean(-1)
        corr = np.corrcoef(grey[:, :-1].ravel(), grey[:, 1:].ravel())[0, 1]
        assert corr > 0.5

        # At 10x the tumour region shows purple (haematoxylin) and pink (eosin) pixels.
        page2 = levels[2].pages[0]
        tiles_x2 = -(-levels[2].shape[1] // 256)
        cy, cx = int(0.52 * levels[2].shape[0] / 256), int(0.40 * levels[2].shape[1] / 256)
        rgb = np.concatenate([_tile(page2, fh, (cy + dy) * tiles_x2 + cx + dx).reshape(-1, 3)
                              for dy in (-1, 0) for dx in (-1, 0)]).astype(int)
        r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
        purple = (b > g + 25) & (r < 200) & (g < 150)
        pink = (r > 195) & (g < r - 35) & (b > g + 10)
        assert purple.mean() > 0.005 and pink.mean() > 0.05
        # Background far from the tissue is white.
        corner = _tile(page0, fh, 0)
        assert corner.min() > 230


def test_small_slide_is_deterministic(tmp_path):
    spec = SlideSpec(width=2048, height=1536, levels=3, canvas_period=512)
    a, b = tmp_path / "a.tif", tmp_path / "b.tif"
    write_slide(a, 7, "SO-TEST", "A1", spec)
    write_slide(b, 7, "SO-TEST", "A1", spec)
    assert a.read_bytes() == b.read_bytes()
    with tifffile.TiffFile(a) as tf:
        assert [lvl.shape for lvl in tf.series[0].levels] == [(1536, 2048, 3), (768, 1024, 3),
                                                              (384, 512, 3)]


def test_planted_inconsistencies_have_evidence_in_the_documents(packages):
    pdf_checked = False
    for root in packages.values():
        planted = json.loads((root / "planted_inconsistencies.json").read_text("utf-8"))
        assert planted["inconsistencies"]
        for item in planted["inconsistencies"]:
            assert item["kind"] in KINDS and item["message"] and item["evidence"]
            for ev in item["evidence"]:
                text = _document_text(root / ev["document"])
                if text is None:
                    continue
                pdf_checked |= ev["document"].endswith(".pdf")
                assert ev["text"] in text, (ev["document"], ev["text"])
    kinds = {item["kind"] for root in packages.values() for item in
             json.loads((root / "planted_inconsistencies.json").read_text("utf-8"))["inconsistencies"]}
    assert {"biomarker_conflict", "treatment_biomarker_conflict", "laterality_conflict",
            "missing_record", "identity_mismatch"} <= kinds
    if shutil.which("pdftotext"):
        assert pdf_checked


def test_spine_and_neurology_builders_are_byte_deterministic(packages, tmp_path):
    for case in (case_spine, case_neuro):
        again = case.build(tmp_path, 20261123)
        original = packages[case.KEY]
        for name in ("SHA256SUMS", "manifest.json", "planted_inconsistencies.json"):
            assert (again / name).read_bytes() == (original / name).read_bytes()


def test_ct_generator_is_deterministic():
    first = hashlib.sha256()
    second = hashlib.sha256()
    for digest in (first, second):
        for s in ct.chest_ct(20261123):
            digest.update(s.hu.tobytes())
    assert first.digest() == second.digest()


def test_demo_package_does_not_import_gui_toolkits():
    code = ("import sys, reviewer.demo; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'vtk', 'vtkmodules')]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_existing_foreign_folder_is_not_overwritten(tmp_path):
    (tmp_path / "breast-oncology").mkdir()
    (tmp_path / "breast-oncology" / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        write_demo_packages(tmp_path)
    assert (tmp_path / "breast-oncology" / "keep.txt").read_text() == "mine"


def test_demo_packages_import_into_a_workspace(packages, workspace):
    """The demo goes through the same verified import as any package; the worklist shows all three."""
    from reviewer.packages import import_path
    for path in packages.values():
        import_path(workspace, path)
    cases = {c.platform_case_id: c for c in workspace.cases.list()}
    assert set(cases) == set(DEMO_CASE_IDS)
    breast = workspace.cases.get(cases["SO-2026-0147"].id)
    assert len(breast.slides) == 1 and any(s.instance_count >= 120 for s in breast.series)
    kinds = {p["kind"] for p in breast.planted_inconsistencies}
    assert {"biomarker_conflict", "laterality_conflict", "treatment_biomarker_conflict"} <= kinds
    assert len({c.priority for c in cases.values()}) == 3


def test_demo_skips_cases_already_present(tmp_path):
    assert write_demo_packages(tmp_path, skip=DEMO_CASE_IDS) == []
