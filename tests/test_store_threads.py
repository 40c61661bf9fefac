"""The workspace's one database connection is shared by the GUI thread and background work: one
thread's statements must never join or break another thread's transaction."""
import threading

from reviewer import store


def test_transactions_from_two_threads_do_not_interleave(workspace):
    db = workspace.db
    db.execute("CREATE TABLE t (thread TEXT, n INTEGER)")
    errors = []

    def writer(name):
        try:
            for n in range(150):
                with store.transaction(db):
                    db.execute("INSERT INTO t VALUES (?, ?)", (name, n))
                    db["t"].insert_all([{"thread": name, "n": -n}])        # sqlite-utils' own atomic()
        except Exception as exc:      # collected: an exception in a thread would not fail the test
            errors.append(exc)

    def reader():
        try:
            for _ in range(300):
                db.execute("SELECT count(*) FROM t").fetchone()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"w{i}",)) for i in range(3)] + [threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 3 * 150 * 2
    assert not db.conn.in_transaction


def test_a_failed_transaction_releases_the_connection(workspace):
    db = workspace.db
    db.execute("CREATE TABLE u (x INTEGER UNIQUE)")
    try:
        with store.transaction(db):
            db.execute("INSERT INTO u VALUES (1)")
            db.execute("INSERT INTO u VALUES (1)")
    except Exception:
        pass
    done = []

    def other():
        with store.transaction(db):
            db.execute("INSERT INTO u VALUES (2)")
        done.append(1)
    t = threading.Thread(target=other)
    t.start()
    t.join(5)
    assert done == [1]                      # another thread could take the connection
    assert db.execute("SELECT x FROM u").fetchall() == [(2,)]
