"""A canary patient imported never appears in plaintext under the workspace, the temp dir or the logs."""
import os
import zipfile

import pydicom

from cli_helpers import reviewer
from support import FAST_KDF, PASSPHRASE
from casepackages import SIEMENS, build_package, write_sums
from reviewer.workspace import Workspace

CANARY_FAMILY, CANARY_GIVEN = "Qzxcanaryvoss", "Wilhelmina"


def _variants():
    out = set()
    for s in (CANARY_FAMILY, CANARY_GIVEN):
        for v in (s, s.upper(), s.lower()):
            out |= {v.encode("utf-8"), v.encode("utf-16-le")}
    return out


def scan(root):
    hits = []
    needles = _variants()
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            try:
                data = open(p, "rb").read()
            except OSError:
                continue
            if any(n in data for n in needles):
                hits.append(p)
    return hits


def test_canary_never_in_plaintext(tmp_path, _isolated_dirs):
    pkg = build_package(tmp_path / "src" / "pkg", family=CANARY_FAMILY, given=CANARY_GIVEN)
    for f in (pkg / "dicom").iterdir():
        ds = pydicom.dcmread(f)
        ds.PatientName = f"{CANARY_FAMILY}^{CANARY_GIVEN}"
        ds.save_as(f)
    write_sums(pkg)
    with zipfile.ZipFile(tmp_path / "src" / "pkg.zip", "w") as zf:
        for p in pkg.rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(pkg).as_posix())
    assert scan(pkg), "the canary must be in the source package"
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    for args in (["import", str(pkg)], ["cases"], ["cases", "--json"], ["audit", "verify"],
                 ["import", str(tmp_path / "src" / "pkg.zip")], ["import", str(pkg)]):
        r = reviewer(ws_root, *args, env=env)
        assert "Traceback" not in r.stderr
    # The case really is there, readable only through the keys.
    r = reviewer(ws_root, "cases", "--json", env=env)
    assert CANARY_FAMILY in r.stdout
    ws = Workspace.open(ws_root, PASSPHRASE)
    ws.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    ws.close()
    assert scan(ws_root) == []
    assert scan(tmp) == []
    assert scan(_isolated_dirs) == []
    assert any(_isolated_dirs.iterdir()), "the log must exist to be checked"
