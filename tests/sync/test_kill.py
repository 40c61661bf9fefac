"""`reviewer sync` killed with SIGKILL at random points: the workspace opens, holds no half case,
a re-run completes, and neither a case nor a submission is ever duplicated (DESIGN §3, issue 7)."""
import random
import signal
import subprocess
import sys
import time

import pytest

from sync_helpers import TOKEN
from sync_helpers import PDF, cli_env
from platform_cases import OWNER, add_case
from support import FAST_KDF, PASSPHRASE
from reviewer.sync import Outcome, queue_report
from reviewer.sync.partial import partial_ids
from reviewer.workspace import Workspace

KILLS = 22


def _cli(ws_root, env, *args, stdin=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "reviewer.cli", "--workspace", str(ws_root), *args], env=env,
                            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kw)


def _reports(double, sid):
    return [r for r in double.all("DiagnosticReport")
            if any(i.get("value") == f"urn:uuid:{sid}" for i in r.get("identifier", []))]


@pytest.mark.integration
def test_sync_killed_at_random_points(tmp_path, double, orthanc):
    rng = random.Random(20261124)
    study, series = next(iter(orthanc.studies.items()))
    n_instances = sum(len(s) for s in series.values())
    ws_root = tmp_path / "ws"
    Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    env = cli_env(tmp_path)
    p = _cli(ws_root, env, "sync", "configure", "--platform-url", double.base, "--owner", OWNER,
             "--token-stdin", "--parallel", "3", "--timeout", "5", stdin=True)
    out, err = p.communicate(TOKEN.encode() + b"\n", timeout=60)
    assert p.returncode == 0, err
    double.throttle_bps = 24 << 20

    def new_case(i):
        add_case(double, f"SO-KILL-{i:03d}", documents={"scan.bin": rng.randbytes(6 << 20), "note.txt": b"n" * 100},
                 study=study, dicomweb=orthanc.dicomweb, series=series)

    def queue_for_latest(ws, sids):
        done = {c.platform_case_id: c.id for c in ws.cases.list()}
        for case_id, cid in sorted(done.items()):
            if case_id not in sids:
                sids[case_id] = queue_report(ws, cid, PDF, Outcome(concordance="concordant"))

    new_case(999)
    t0 = time.monotonic()
    p = _cli(ws_root, env, "sync", "--quiet")
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err.decode()
    full = time.monotonic() - t0
    sids: dict[str, str] = {}

    killed_inside = 0
    for i in range(KILLS):
        new_case(i)
        ws = Workspace.open(ws_root, PASSPHRASE)
        queue_for_latest(ws, sids)
        ws.close()
        p = _cli(ws_root, env, "sync", "--quiet")
        time.sleep(rng.uniform(0.05, full * 1.05))
        p.send_signal(signal.SIGKILL)
        p.wait()
        ws = Workspace.open(ws_root, PASSPHRASE)      # opens, and collects what the kill left
        try:
            counts = dict(ws.db.execute("SELECT platform_case_id, count(*) FROM cases GROUP BY platform_case_id"))
            assert all(n == 1 for n in counts.values())
            if f"SO-KILL-{i:03d}" not in counts:
                killed_inside += 1
            for c in ws.cases.list():
                d = ws.cases.get(c.id)
                assert len(d.documents) == 2 and sum(s.instance_count for s in d.series) == n_instances
            assert ws.blobs.ids() <= ws.referenced_blobs()
            referenced_partials = {r[0] for r in ws.db.execute("SELECT blob_id FROM sync_transfers")}
            assert partial_ids(ws.blobs) <= referenced_partials
            assert ws.audit.verify().ok
        finally:
            ws.close()
        for sid in sids.values():
            assert len(_reports(double, sid)) <= 1, "a submission was duplicated"
    assert killed_inside >= 5, "the kills must land inside syncs, not only after them"

    double.throttle_bps = 0
    p = _cli(ws_root, env, "sync", "--quiet")
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err.decode()
    ws = Workspace.open(ws_root, PASSPHRASE)
    try:
        queue_for_latest(ws, sids)
    finally:
        ws.close()
    p = _cli(ws_root, env, "sync", "--quiet")
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err.decode()
    ws = Workspace.open(ws_root, PASSPHRASE)
    try:
        ids = [c.platform_case_id for c in ws.cases.list()]
        assert sorted(ids) == sorted({*(f"SO-KILL-{i:03d}" for i in range(KILLS)), "SO-KILL-999"})
        states = [r[0] for r in ws.db.execute("SELECT state FROM sync_outbox WHERE kind = 'report'")]
        assert states and all(s == "acknowledged" for s in states)
        assert ws.blobs.ids() == ws.referenced_blobs()
        assert not partial_ids(ws.blobs)
        assert ws.audit.verify().ok
    finally:
        ws.close()
    for sid in sids.values():
        assert len(_reports(double, sid)) == 1
    assert len(double.all("DiagnosticReport")) == len(sids)
    assert not double.invalid
