import json

import pytest
import sqlcipher3

from support import FAST_KDF, PASSPHRASE
from reviewer.errors import IntegrityError, KeyringUnavailable, WorkspaceError, WrongPassphrase
from reviewer.security.keys import KdfParams, OsKeyring
from reviewer.workspace import DB_FILE, KEY_FILE, Workspace


class MemoryKeyring:
    """A stand-in device-secret store for unit tests; the real Secret Service is tested in
    tests/integration/test_keyring.py."""
    name = "os-keyring"

    def __init__(self):
        self.secrets = {}

    def get(self, account):
        return self.secrets.get(account)

    def set(self, account, secret):
        self.secrets[account] = secret


def test_wrong_passphrase_reads_nothing(tmp_path):
    Workspace.create(tmp_path / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF).close()
    with pytest.raises(WrongPassphrase, match="not correct"):
        Workspace.open(tmp_path / "ws", "wrong passphrase!")
    ws = Workspace.open(tmp_path / "ws", PASSPHRASE)
    assert ws.cases.list() == []
    ws.close()


def test_database_is_encrypted_and_wrong_key_fails(workspace):
    raw = (workspace.root / DB_FILE).read_bytes()
    assert b"SQLite format 3" not in raw
    conn = sqlcipher3.connect(str(workspace.root / DB_FILE))
    conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT * FROM cases").fetchall()


def test_flipped_database_page_is_detected(tmp_path):
    ws = Workspace.create(tmp_path / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    path = tmp_path / "ws" / DB_FILE
    raw = bytearray(path.read_bytes())
    assert len(raw) >= 8192
    raw[4096 + 100] ^= 0x40          # inside the second page
    path.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError, match="corrupt or was altered|integrity"):
        ws = Workspace.open(tmp_path / "ws", PASSPHRASE)
        ws.cases.list()
        ws.audit.verify()


def test_no_keyring_needs_explicit_choice(tmp_path):
    def no_keyring():
        raise KeyringUnavailable("No OS keyring is available on this machine.")
    with pytest.raises(KeyringUnavailable, match="No OS keyring"):
        Workspace.create(tmp_path / "ws", PASSPHRASE, device_factory=no_keyring, kdf=FAST_KDF)
    assert not (tmp_path / "ws" / KEY_FILE).exists()


def test_os_keyring_refuses_fail_backend(monkeypatch):
    import keyring
    from keyring.backends import fail
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="passphrase-only"):
        OsKeyring()


def test_device_secret_is_required_and_cannot_be_edited_away(tmp_path):
    ring = MemoryKeyring()
    Workspace.create(tmp_path / "ws", PASSPHRASE, device_factory=lambda: ring, kdf=FAST_KDF).close()
    Workspace.open(tmp_path / "ws", PASSPHRASE, device_factory=lambda: ring).close()
    with pytest.raises(KeyringUnavailable, match="holds no device secret"):
        Workspace.open(tmp_path / "ws", PASSPHRASE, device_factory=MemoryKeyring)
    # Downgrading the key file to passphrase-only does not open it either.
    kf = tmp_path / "ws" / KEY_FILE
    doc = json.loads(kf.read_text())
    doc["device_secret"] = {"store": "none", "note": "passphrase-only mode, chosen explicitly"}
    kf.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        Workspace.open(tmp_path / "ws", PASSPHRASE, device_factory=lambda: ring)


def test_default_kdf_is_memory_hard():
    assert KdfParams().memory_kib >= 64 * 1024 and KdfParams().iterations >= 3


def test_short_passphrase_refused(tmp_path):
    with pytest.raises(WorkspaceError, match="at least 8"):
        Workspace.create(tmp_path / "ws", "short", passphrase_only=True, kdf=FAST_KDF)


def test_create_refuses_existing_and_non_empty(tmp_path, workspace):
    with pytest.raises(WorkspaceError, match="already a workspace"):
        Workspace.create(workspace.root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(WorkspaceError, match="not empty"):
        Workspace.create(tmp_path / "other", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)


def test_audit_chain_verifies_and_detects_tampering(workspace):
    from reviewer import store
    with store.transaction(workspace.db):
        for i in range(5):
            workspace.audit.append("case.open", f"case-{i}")
    report = workspace.audit.verify()
    assert report.ok and report.entries == 6
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        workspace.db.execute("UPDATE audit SET target = 'x' WHERE seq = 3")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        workspace.db.execute("DELETE FROM audit WHERE seq = 6")
    # Someone with the key drops the guard and rewrites history: the chain shows where.
    workspace.db.execute("DROP TRIGGER audit_no_update")
    workspace.db.execute("UPDATE audit SET target = 'case-x' WHERE seq = 3")
    report = workspace.audit.verify()
    assert not report.ok and report.broken_at == 3 and "altered" in report.reason
    workspace.db.execute("DROP TRIGGER audit_no_delete")
    workspace.db.execute("DELETE FROM audit WHERE seq = 2")
    assert workspace.audit.verify().broken_at == 3


def test_locked_workspace_reads_nothing(workspace):
    workspace.lock()
    assert workspace.locked
    with pytest.raises(Exception):
        workspace.cases.list()
    with pytest.raises(Exception):
        workspace.blobs.put(b"x")


def test_staging_of_a_dead_process_is_swept_and_a_live_one_kept(workspace):
    live = workspace.staging_dir()
    dead = workspace.root / ".staging-999999999-abc"
    dead.mkdir()
    (dead / "x").write_text("synthetic")
    with workspace.write_lock():
        workspace.collect_orphans()
    assert live.exists() and not dead.exists()


def test_a_failing_migration_is_reported_as_such_and_changes_nothing(workspace, monkeypatch):
    from reviewer import store
    from reviewer.errors import WorkspaceError
    from reviewer.workspace import Workspace
    from support import PASSPHRASE

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        db.execute("CREATE TABLE cases (x)")          # fails: the table exists

    root = workspace.root
    workspace.close()
    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, broken))
    with pytest.raises(WorkspaceError, match=f"to {len(store.MIGRATIONS)} failed .*nothing was changed"):
        Workspace.open(root, PASSPHRASE)
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:-1])
    ws = Workspace.open(root, PASSPHRASE)
    try:
        assert "half_done" not in ws.db.table_names()
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    finally:
        ws.close()
