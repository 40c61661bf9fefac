"""An import killed (SIGKILL) at random points leaves a workspace that opens and holds no half case."""
import os
import random
import signal
import subprocess
import sys
import time

from support import FAST_KDF, PASSPHRASE
from casepackages import build_package
from reviewer.workspace import Workspace

KILLS = 24


def _start_import(ws_root, pkg):
    env = dict(os.environ, REVIEWER_PASSPHRASE=PASSPHRASE)
    return subprocess.Popen([sys.executable, "-m", "reviewer.cli", "--workspace", str(ws_root), "import", str(pkg)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_import_killed_at_random_points(tmp_path):
    rng = random.Random(20261123)
    big = rng.randbytes(24 << 20)
    docs = {"documents/report.txt": b"report", "documents/scan.bin": big, "documents/notes.txt": b"notes"}
    expected_docs = len(docs)
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()

    def package(i):
        return build_package(tmp_path / f"pkg{i}", case_id=f"SO-KILL-{i:03d}", documents=docs)

    t0 = time.monotonic()
    p = _start_import(ws_root, package(999))
    assert p.wait(timeout=120) == 0, p.stderr.read()
    full = time.monotonic() - t0
    ws = Workspace.open(ws_root, PASSPHRASE)
    expected_instances = ws.db.execute("SELECT count(*) FROM instances").fetchone()[0]
    ws.close()

    committed = killed_midway = 0
    for i in range(KILLS):
        pkg = package(i)
        p = _start_import(ws_root, pkg)
        time.sleep(rng.uniform(0.05, full * 1.05))
        p.send_signal(signal.SIGKILL)
        p.wait()
        ws = Workspace.open(ws_root, PASSPHRASE)      # opens, and collects what the kill left
        try:
            ids = [r[0] for r in ws.db.execute("SELECT id FROM cases WHERE platform_case_id = ?", [f"SO-KILL-{i:03d}"])]
            if ids:
                committed += 1
                detail = ws.cases.get(ids[0])
                assert len(detail.documents) == expected_docs
                assert sum(s.instance_count for s in detail.series) == expected_instances
                assert ws.blobs.get(next(d.blob_id for d in detail.documents if d.path.endswith("scan.bin"))) == big
            else:
                killed_midway += 1
            assert ws.blobs.ids() == ws.referenced_blobs(), "orphan blobs were left behind"
            assert ws.audit.verify().ok
        finally:
            ws.close()
    assert killed_midway >= 5, "the kills must land inside imports, not only after them"
    # A re-run after the kills completes.
    p = _start_import(ws_root, package(0) if not (tmp_path / "pkg0").exists() else tmp_path / "pkg0")
    p.wait(timeout=120)
    ws = Workspace.open(ws_root, PASSPHRASE)
    assert ws.db.execute("SELECT count(*) FROM cases WHERE platform_case_id = 'SO-KILL-000'").fetchone()[0] == 1
    ws.close()
