"""The workspace's one database connection is shared by the app's threads (GUI, sync transfers, signing):
a read on one thread never opens a transaction, and a transaction waits for another thread's instead of
failing with "cannot start a transaction within a transaction" (it stopped a sync as if cancelled)."""
import threading

from reviewer import store


def test_a_query_opens_no_transaction(workspace):
    seen = []
    workspace.db.conn.set_trace_callback(seen.append)
    try:
        rows = list(workspace.db.query("SELECT action FROM audit ORDER BY seq"))
    finally:
        workspace.db.conn.set_trace_callback(None)
    assert rows and not workspace.db.conn.in_transaction
    assert not any("SAVEPOINT" in s.upper() or s.upper().startswith("BEGIN") for s in seen), seen


def test_a_transaction_waits_for_another_threads(workspace):
    ws = workspace
    inside, release, errors = threading.Event(), threading.Event(), []

    def long_write():
        try:
            with store.transaction(ws.db):
                ws.audit.append("test.long", "c1")
                inside.set()
                release.wait(10)
        except Exception as exc:          # noqa: BLE001 - reported below
            errors.append(exc)
    t = threading.Thread(target=long_write)
    t.start()
    assert inside.wait(10)
    assert list(ws.db.query("SELECT 1 AS one")) == [{"one": 1}]      # reads go on meanwhile
    threading.Timer(0.2, release.set).start()
    with store.transaction(ws.db):                                     # waits, then runs
        ws.audit.append("test.after", "c1")
    t.join(10)
    assert errors == []
    actions = [e["action"] for e in ws.audit.entries()]
    assert actions.index("test.long") < actions.index("test.after")
    assert ws.audit.verify().ok


def test_reads_and_writes_from_many_threads_never_collide(workspace):
    ws = workspace
    errors, stop = [], threading.Event()

    def reader():
        try:
            while not stop.is_set():
                list(ws.db.query("SELECT count(*) AS n FROM audit"))
        except Exception as exc:          # noqa: BLE001
            errors.append(exc)

    def writer(name):
        try:
            for _ in range(60):
                with store.transaction(ws.db):
                    ws.audit.append("test.write", name)
                ws.db["sync_settings"].upsert({"key": name, "value": "x"}, pk="key")     # sqlite-utils' atomic()
        except Exception as exc:          # noqa: BLE001
            errors.append(exc)
    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(f"w{i}",)) for i in range(3)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join(60)
    stop.set()
    for t in readers:
        t.join(10)
    assert errors == []
    assert sum(1 for e in ws.audit.entries() if e["action"] == "test.write") == 180
