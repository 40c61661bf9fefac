"""Faults: server stopped mid-transfer, hashes that do not match, 401/403/5xx/timeouts/garbage."""
import threading
import time

import pytest

from sync_helpers import engine, fhir_config, keyring_with_token, run
from platform_cases import add_case
from fhir_double import Fault
from reviewer.sync import AuthError, ServerError
from reviewer.sync.partial import partial_ids

BIG = 12 << 20


def _payload(n: int, seed: int) -> bytes:
    import random
    return random.Random(seed).randbytes(n)


def test_server_stopped_mid_transfer_then_resumed(workspace, double):
    data = _payload(BIG, 1)
    ids = add_case(double, "SO-FAULT-STOP", documents={"scan.bin": data, "note.txt": b"note"})
    double.throttle_bps = 8 << 20                   # ~1.5 s for the big file
    config = fhir_config(double)
    keyring = keyring_with_token(config)
    seen = []
    e = engine(workspace, config, keyring, progress=seen.append)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("r", e.run()))
    t.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(p.bytes_done > BIG // 3 for p in seen):
        time.sleep(0.02)
    double.stop()                                    # cuts the connection mid-file
    t.join(60)
    e.platform.close()
    r = result["r"]
    assert not r.ok
    assert not [c for c in workspace.cases.list() if c.platform_case_id == "SO-FAULT-STOP"]
    assert partial_ids(workspace.blobs), "the partial download is kept for resuming"
    done = [p for p in seen if p.state == "downloading"]
    assert done and done[-1].bytes_total >= BIG and any(p.eta_seconds for p in done)

    double.start()
    double.throttle_bps = 0
    double.requests.clear()
    r = run(workspace, config, keyring)
    assert r.ok and r.new_cases == ["SO-FAULT-STOP"], r
    ranges = [q.range for q in double.requests if ids["binaries"]["scan.bin"] in q.path]
    assert ranges and ranges[0].startswith("bytes=") and int(ranges[0][6:-1]) > 0, ranges
    case = next(c for c in workspace.cases.list() if c.platform_case_id == "SO-FAULT-STOP")
    docs = {d.title: d for d in workspace.cases.get(case.id).documents}
    assert workspace.blobs.get(docs["scan.bin"].blob_id) == data
    import hashlib
    assert docs["scan.bin"].size == BIG
    row = workspace.db.execute("SELECT sha256 FROM documents WHERE id = ?", [docs["scan.bin"].id]).fetchone()
    assert row[0] == hashlib.sha256(data).hexdigest()
    assert not partial_ids(workspace.blobs)
    assert workspace.blobs.ids() == workspace.referenced_blobs()


def test_file_changed_on_server_is_not_resumed_into(workspace, double):
    """If-Range: when the file changed since the first part, the server sends it whole and the client
    starts a new blob (a key and nonce never cover two plaintexts); the plan's hash then refuses it."""
    data = _payload(4 << 20, 2)
    ids = add_case(double, "SO-FAULT-IFRANGE", documents={"scan.bin": data})
    bid = ids["binaries"]["scan.bin"]
    double.throttle_bps = 4 << 20
    config = fhir_config(double)
    keyring = keyring_with_token(config)
    seen = []
    e = engine(workspace, config, keyring, progress=seen.append)
    t = threading.Thread(target=e.run)
    t.start()
    while not any(p.bytes_done > (1 << 20) for p in seen):
        time.sleep(0.02)
    double.stop()
    t.join(30)
    e.platform.close()
    first = partial_ids(workspace.blobs)
    assert first
    double.state.binaries[bid] = (_payload(4 << 20, 99), "text/plain")
    double.start()
    double.throttle_bps = 0
    double.requests.clear()
    r = run(workspace, config, keyring)
    resumed = [q for q in double.requests if bid in q.path and q.range]
    assert resumed and resumed[0].if_range.startswith('"'), "the resume must carry If-Range"
    assert "SHA-1 does not match" in r.failed["SO-FAULT-IFRANGE"]
    assert not (partial_ids(workspace.blobs) & first)
    assert workspace.cases.list() == []


def test_hash_mismatch_is_refused_and_fetched_again(workspace, double):
    data = _payload(1 << 20, 3)
    ids = add_case(double, "SO-FAULT-HASH", documents={"scan.bin": data})
    double.corrupt[ids["binaries"]["scan.bin"]] = 1
    config = fhir_config(double)
    r = run(workspace, config)
    assert r.ok, r
    case = next(c for c in workspace.cases.list() if c.platform_case_id == "SO-FAULT-HASH")
    doc = workspace.cases.get(case.id).documents[0]
    assert workspace.blobs.get(doc.blob_id) == data
    assert len([q for q in double.requests if ids["binaries"]["scan.bin"] in q.path]) == 2


def test_hash_always_wrong_is_never_imported(workspace, double):
    data = _payload(1 << 20, 4)
    ids = add_case(double, "SO-FAULT-HASH2", documents={"scan.bin": data})
    double.corrupt[ids["binaries"]["scan.bin"]] = 99
    r = run(workspace, fhir_config(double))
    assert "SO-FAULT-HASH2" in r.failed
    assert "SHA-1 does not match" in r.failed["SO-FAULT-HASH2"] and "not imported" in r.failed["SO-FAULT-HASH2"]
    assert workspace.cases.list() == []
    assert workspace.blobs.ids() == workspace.referenced_blobs()
    assert not partial_ids(workspace.blobs)
    double.corrupt.clear()
    assert run(workspace, fhir_config(double)).new_cases == ["SO-FAULT-HASH2"]


def test_401_says_the_token_is_refused(workspace, double):
    add_case(double, "SO-FAULT-401", documents={"a.txt": b"a"})
    config = fhir_config(double)
    with pytest.raises(AuthError, match="refused the token.*HTTP 401"):
        run(workspace, config, keyring_with_token(config, "wrong-token"))


def test_403_says_permission(workspace, double):
    double.faults.append(Fault(r"GET /fhir/Task\?", status=403, times=-1))
    with pytest.raises(AuthError, match="denied access.*HTTP 403.*permission"):
        run(workspace, fhir_config(double))


def test_no_token_in_keyring(workspace, double):
    from sync_fakes import FakeKeyring
    with pytest.raises(AuthError, match="No platform token"):
        run(workspace, fhir_config(double), FakeKeyring())


def test_5xx_is_retried_then_succeeds(workspace, double):
    add_case(double, "SO-FAULT-500", documents={"a.txt": b"a" * 1000})
    double.faults.append(Fault(r"GET /fhir/Task\?", status=503, times=2))
    double.faults.append(Fault(r"GET /fhir/Binary/", status=500, times=1))
    r = run(workspace, fhir_config(double))
    assert r.ok and r.new_cases == ["SO-FAULT-500"]


def test_5xx_forever_gives_a_clear_message(workspace, double):
    double.faults.append(Fault(r"GET /fhir/Task\?", status=500, times=-1))
    with pytest.raises(ServerError, match=r"HTTP 500 on GET Task on 127\.0\.0\.1"):
        run(workspace, fhir_config(double))


def test_garbage_body_retried_then_clear_message(workspace, double):
    double.faults.append(Fault(r"GET /fhir/Task\?", garbage=True, times=-1))
    with pytest.raises(ServerError, match="not JSON"):
        run(workspace, fhir_config(double))


def test_timeout_retried_then_clear_message(workspace, double):
    double.faults.append(Fault(r"GET /fhir/Task\?", delay=1.0, times=-1))
    config = fhir_config(double, timeout=0.3)
    with pytest.raises(ServerError, match="timed out"):
        run(workspace, config)


def test_timeout_once_then_succeeds(workspace, double):
    add_case(double, "SO-FAULT-TIMEOUT", documents={"a.txt": b"a"})
    double.faults.append(Fault(r"GET /fhir/DocumentReference/", delay=1.0, times=1))
    assert run(workspace, fhir_config(double, timeout=0.3)).new_cases == ["SO-FAULT-TIMEOUT"]


def test_rejected_submission_is_marked_not_retried(workspace, double):
    from sync_helpers import PDF
    from reviewer.sync import Outcome, overview, queue_report
    add_case(double, "SO-FAULT-422", documents={"a.txt": b"a"})
    config = fhir_config(double)
    run(workspace, config)
    case_id = workspace.cases.list()[0].id
    queue_report(workspace, case_id, PDF, Outcome(concordance="concordant"))
    double.faults.append(Fault(r"POST /fhir/DiagnosticReport", status=422, times=1))
    r = run(workspace, config)
    items = [i for i in overview(workspace).outbox if i.kind == "report"]
    assert items[0].state == "rejected" and "HTTP 422" in items[0].last_error
    assert r.failed


def test_outbox_backoff(workspace, double):
    from sync_helpers import PDF
    from reviewer.sync import Outcome, overview, queue_report
    add_case(double, "SO-FAULT-BACKOFF", documents={"a.txt": b"a"})
    config = fhir_config(double)
    run(workspace, config)
    case_id = workspace.cases.list()[0].id
    queue_report(workspace, case_id, PDF, Outcome(concordance="concordant"))
    double.faults.append(Fault(r"POST /fhir/DiagnosticReport", status=503, times=-1))
    run(workspace, config)
    item = next(i for i in overview(workspace).outbox if i.kind == "report")
    assert item.state == "pending" and item.attempts == 1 and item.next_attempt_at > time.time() + 20
    double.faults.clear()
    r = run(workspace, config, respect_backoff=True)          # not due yet: waits
    assert r.submitted == 0 and r.outbox_pending == 1
    r = run(workspace, config)                                  # "Sync now": tries at once
    assert r.submitted == 1
    assert len(double.all("DiagnosticReport")) == 1


def test_search_follows_next_links(workspace, double):
    """Paging: a Task search answered in pages of two is read to the end."""
    from reviewer.sync import make_platform
    for i in range(5):
        add_case(double, f"SO-PAGE-{i}")
    config = fhir_config(double)
    platform = make_platform(config, keyring_factory=lambda: keyring_with_token(config))
    try:
        found = list(platform._search("Task", {"owner": "Practitioner/spec-1", "_count": "2"}))
    finally:
        platform.close()
    assert len(found) == 5 and len([q for q in double.requests if q.path.startswith("/fhir/Task")]) == 3


def test_token_only_sent_to_trusted_origins(double):
    from reviewer.sync.httpclient import HttpClient
    c = HttpClient(trusted={double.base}, token=lambda: "secret-token")
    try:
        assert c._headers(double.base + "/Task", None)["Authorization"] == "Bearer secret-token"
        assert "Authorization" not in c._headers("https://cdn.example.org/file.pdf", None)
        assert "Authorization" not in c._headers(double.base.replace("127.0.0.1", "127.0.0.2") + "/Task", None)
    finally:
        c.close()


def test_one_file_failing_is_reported_not_taken_for_a_cancel(workspace, double):
    """The transfers stopped because one file failed are no cancellation: the run reports that file's
    problem (it used to say "Sync cancelled", which nobody had asked for)."""
    docs = {"bad.bin": _payload(64 << 10, 5), **{f"big{i}.bin": _payload(2 << 20, 10 + i) for i in range(3)}}
    ids = add_case(double, "SO-FAULT-ONE", documents=docs)
    double.corrupt[ids["binaries"]["bad.bin"]] = 99
    double.throttle_bps = 2 << 20                  # the big files are still in flight when the bad one fails
    r = run(workspace, fhir_config(double))
    assert not r.cancelled, r.message
    assert "SHA-1 does not match" in r.failed["SO-FAULT-ONE"]
    assert workspace.cases.list() == []
