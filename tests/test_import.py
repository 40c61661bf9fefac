import io
import json
import os
import stat
import zipfile

import pytest

from casepackages import SIEMENS, build_package, write_sums
from reviewer.errors import PackageRejected
from reviewer.packages import Limits, import_path


def snapshot(ws):
    """What a user could see of the workspace: rows and blobs."""
    tables = {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("cases", "documents", "series", "instances", "slides")}
    return tables, ws.blobs.ids()


def test_package_folder_imports_completely(workspace, tmp_path):
    pkg = build_package(tmp_path / "pkg")
    r = import_path(workspace, pkg)
    assert r.platform_case_id == "SO-TEST-0001"
    [case] = workspace.cases.list()
    assert case.patient.name == "Testpatient, Alice" and case.priority == "urgent"
    assert case.specialty == "Medical oncology" and case.question == "Is chemotherapy needed?"
    detail = workspace.cases.get(case.id)
    assert {d.path for d in detail.documents} == {"documents/pathology.txt", "documents/questions.txt"}
    [series] = detail.series
    assert series.instance_count == len([f for f in SIEMENS.iterdir() if f.suffix != ".gz"])
    doc = next(d for d in detail.documents if d.path.endswith("pathology.txt"))
    assert workspace.blobs.get(doc.blob_id) == (pkg / doc.path).read_bytes()
    assert [e["action"] for e in workspace.audit.entries()][-1] == "case.import"


def test_zip_package_with_top_folder(workspace, tmp_path):
    pkg = build_package(tmp_path / "pkg")
    z = tmp_path / "pkg.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in pkg.rglob("*"):
            if p.is_file():
                zf.write(p, "case-0001/" + p.relative_to(pkg).as_posix())
    import_path(workspace, z)
    assert len(workspace.cases.list()) == 1


@pytest.mark.parametrize("breakage, message", [
    ("flip_document", "SHA-1 does not match"),
    ("flip_dicom", "SHA-256 does not match"),
    ("wrong_size", "bytes, but the manifest says"),
    ("missing_file", "missing from the package"),
    ("uncovered_file", "not covered by any hash"),
    ("bad_json", "not valid JSON"),
    ("traversal_url", "leaves the package"),
    ("absolute_url", "absolute path"),
    ("no_task", "exactly one Task"),
])
def test_bad_package_rejected_whole_workspace_unchanged(workspace, tmp_path, breakage, message):
    pkg = build_package(tmp_path / "pkg")
    manifest = json.loads((pkg / "manifest.json").read_text())
    docs = [e["resource"] for e in manifest["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    if breakage == "flip_document":
        p = pkg / "documents/questions.txt"
        p.write_bytes(p.read_bytes().replace(b"Do", b"Dx"))
        write_sums(pkg)
    elif breakage == "flip_dicom":
        p = sorted((pkg / "dicom").iterdir())[-1]
        raw = bytearray(p.read_bytes())
        raw[-10] ^= 1
        p.write_bytes(bytes(raw))
    elif breakage == "wrong_size":
        docs[1]["content"][0]["attachment"]["size"] += 1
    elif breakage == "missing_file":
        (pkg / "documents/questions.txt").unlink()
    elif breakage == "uncovered_file":
        (pkg / "documents/extra.txt").write_text("not listed")
    elif breakage == "bad_json":
        (pkg / "manifest.json").write_text("{not json")
    elif breakage == "traversal_url":
        docs[0]["content"][0]["attachment"]["url"] = "documents/../../etc/passwd"
    elif breakage == "absolute_url":
        docs[0]["content"][0]["attachment"]["url"] = "/etc/passwd"
    elif breakage == "no_task":
        manifest["entry"] = [e for e in manifest["entry"] if e["resource"]["resourceType"] != "Task"]
    if breakage in ("wrong_size", "traversal_url", "absolute_url", "no_task"):
        (pkg / "manifest.json").write_text(json.dumps(manifest))
        write_sums(pkg)
    before = snapshot(workspace)
    with pytest.raises(PackageRejected, match=message):
        import_path(workspace, pkg)
    assert snapshot(workspace) == before
    assert list((workspace.blobs.root / "tmp").iterdir()) == []


def test_symlink_in_package_refused(workspace, tmp_path):
    pkg = build_package(tmp_path / "pkg")
    (pkg / "documents" / "link.txt").symlink_to("/etc/passwd")
    with pytest.raises(PackageRejected, match="symbolic links are refused"):
        import_path(workspace, pkg)


def _zip_with(tmp_path, name, entries, symlink=None):
    z = tmp_path / name
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for arc, data in entries.items():
            zf.writestr(arc, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return z


@pytest.mark.parametrize("entries, symlink, message", [
    ({"manifest.json": "{}", "../evil.txt": "x"}, None, "leaves the package"),
    ({"manifest.json": "{}", "/abs/evil.txt": "x"}, None, "absolute path"),
    ({"manifest.json": "{}", "C:/evil.txt": "x"}, None, "absolute path"),
    ({"manifest.json": "{}", "a\\..\\evil.txt": "x"}, None, "backslash"),
    ({"manifest.json": "{}"}, "documents/link", "symbolic link"),
    ({"manifest.json": "{}", "documents/bomb.txt": b"\0" * (64 << 20)}, None, "zip bomb"),
])
def test_hostile_zip_refused(workspace, tmp_path, entries, symlink, message):
    z = _zip_with(tmp_path, "hostile.zip", entries, symlink)
    before = snapshot(workspace)
    with pytest.raises(PackageRejected, match=message):
        import_path(workspace, z)
    assert snapshot(workspace) == before


def test_zip_entry_lying_about_its_size_is_stopped(workspace, tmp_path):
    """A zip whose central directory understates an entry's size: reading stops at the declared size."""
    pkg = build_package(tmp_path / "pkg", dicom_from=None)
    z = tmp_path / "liar.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_STORED) as zf:
        for p in sorted(pkg.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(pkg).as_posix())
    raw = z.read_bytes()
    # Patch the central directory's uncompressed size of questions.txt down to 3 bytes.
    name = b"documents/questions.txt"
    cd = raw.rfind(b"PK\x01\x02", 0, raw.find(name, raw.find(b"PK\x01\x02")) + 1)
    cd = raw.find(b"PK\x01\x02" + raw[cd + 4:cd + 24], cd)
    i = raw.find(name, raw.find(b"PK\x01\x02"))
    header = i - 46
    patched = bytearray(raw)
    patched[header + 24:header + 28] = (3).to_bytes(4, "little")
    z.write_bytes(bytes(patched))
    with pytest.raises(PackageRejected):
        import_path(workspace, z)
    assert workspace.cases.list() == []


def test_oversized_file_refused(workspace, tmp_path):
    pkg = build_package(tmp_path / "pkg", dicom_from=None)
    with pytest.raises(PackageRejected, match="per-file limit"):
        import_path(workspace, pkg, limits=Limits(max_file_bytes=10))


def test_duplicate_case_refused(workspace, tmp_path):
    import_path(workspace, build_package(tmp_path / "a"))
    with pytest.raises(PackageRejected, match="already in the workspace"):
        import_path(workspace, build_package(tmp_path / "b"))


def test_dicom_folder_import_makes_a_case(workspace):
    r = import_path(workspace, SIEMENS.parent)
    [case] = workspace.cases.list()
    assert case.specialty == "Radiology" and r.files == 8
    assert r.skipped and all(s.endswith(".nii.gz") for s in r.skipped)


def test_dicom_folder_with_two_patients_refused(workspace, tmp_path):
    import pydicom
    folder = tmp_path / "mixed"
    folder.mkdir()
    files = sorted(f for f in SIEMENS.iterdir() if f.suffix != ".gz")
    for i, f in enumerate(files[:2]):
        ds = pydicom.dcmread(f)
        if i:
            ds.PatientID = "OTHER-PATIENT"
        ds.save_as(folder / f"im{i}.dcm")
    with pytest.raises(PackageRejected, match="more than one patient"):
        import_path(workspace, folder)


def test_not_a_package_is_a_clear_error(workspace, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("hello")
    with pytest.raises(PackageRejected, match="no manifest.json and no DICOM"):
        import_path(workspace, tmp_path / "notes")
    (tmp_path / "junk.zip").write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(PackageRejected, match="not a readable zip"):
        import_path(workspace, tmp_path / "junk.zip")
