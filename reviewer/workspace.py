"""A workspace: one directory holding the encrypted database, the encrypted blobs and the key file.

Open needs the passphrase (and the device secret from the OS keyring unless passphrase-only mode
was chosen). ``lock()`` drops the keys and closes everything; a locked workspace reads nothing.
Writers (import, demo) take an exclusive file lock; under it, blobs left by an interrupted write
(never referenced by a committed row) are removed.
"""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Text

import contextlib
import fcntl
import getpass
import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from reviewer import store
from reviewer.cases import CaseRepository
from reviewer.errors import WorkspaceError
from reviewer.keyimages import KeyImageStore
from reviewer.security.audit import AuditLog
from reviewer.security.blobs import BlobStore
from reviewer.security.keys import DeviceSecretStore, KdfParams, KeyFile, OsKeyring

KEY_FILE = "workspace.json"
DB_FILE = "workspace.db"
BLOB_DIR = "blobs"
LOCK_FILE = "write.lock"

STAGING_PREFIX = ".staging-"

DeviceFactory = Callable[[], DeviceSecretStore]


def _pid_alive(text: str) -> bool:
    try:
        os.kill(int(text), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def is_workspace(root: Path) -> bool:
    return (Path(root) / KEY_FILE).is_file()


class Workspace:
    def __init__(self, root: Path, keyfile: KeyFile, db, blobs: BlobStore, actor: str):
        self.root = root
        self.keyfile = keyfile
        self.db = db
        self.blobs = blobs
        self.audit = AuditLog(db, actor)
        self.cases = CaseRepository(db)
        self.key_images = KeyImageStore(db, blobs, self.audit)
        self.locked = False

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, passphrase: str, *, passphrase_only: bool = False,
               device_factory: DeviceFactory = OsKeyring, kdf: KdfParams = KdfParams(),
               actor: str | None = None) -> "Workspace":
        root = Path(root)
        if is_workspace(root):
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{root} is already a workspace"), root=root))
        if root.exists() and any(p.name not in (DB_FILE, BLOB_DIR, LOCK_FILE, "logs") for p in root.iterdir()):
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{root} is not empty; choose an empty folder "
                                                                  "for a new workspace"), root=root))
        device = None if passphrase_only else device_factory()
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        keyfile, keys = KeyFile.create(passphrase, device, kdf, created)
        for stale in (root / DB_FILE, root / (DB_FILE + "-wal"), root / (DB_FILE + "-shm")):
            stale.unlink(missing_ok=True)   # left by a create that was interrupted
        _atomic_write(root / KEY_FILE, keyfile.to_json())
        ws = cls(root, keyfile, store.connect(root / DB_FILE, keys.database),
                 BlobStore(root / BLOB_DIR, keys.blobs), actor or getpass.getuser())
        with store.transaction(ws.db):
            ws.audit.append("workspace.create", keyfile.workspace_id, device_secret=keyfile.device_store)
        return ws

    @classmethod
    def open(cls, root: Path, passphrase: str, *, device_factory: DeviceFactory = OsKeyring,
             actor: str | None = None) -> "Workspace":
        root = Path(root)
        if not is_workspace(root):
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{root} is not a workspace (no {key_file}); "
                                                                  "create one first"), root=root, key_file=KEY_FILE))
        keyfile = KeyFile.from_json((root / KEY_FILE).read_text(encoding="utf-8"), str(root / KEY_FILE))
        device = None if keyfile.device_store == "none" else device_factory()
        keys = keyfile.unlock(passphrase, device)
        ws = cls(root, keyfile, store.connect(root / DB_FILE, keys.database),
                 BlobStore(root / BLOB_DIR, keys.blobs), actor or getpass.getuser())
        with contextlib.suppress(BlockingIOError):
            with ws.write_lock(wait=False):
                ws.collect_orphans()
        with store.transaction(ws.db):
            ws.audit.append("workspace.unlock", keyfile.workspace_id)
        return ws

    def lock(self) -> None:
        """Drops the keys and closes the database; the object reads nothing afterwards."""
        if self.locked:
            return
        with contextlib.suppress(Exception):
            with store.transaction(self.db):
                self.audit.append("workspace.lock", self.keyfile.workspace_id)
        self.blobs.lock()
        self.db.conn.close()
        self.locked = True

    close = lock

    # -- writers ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def write_lock(self, wait: bool = True, timeout: float = 60.0) -> Iterator[None]:
        fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not wait:
                        raise
                    if time.monotonic() > deadline:
                        raise WorkspaceError(Text(QT_TRANSLATE_NOOP(
                            "Errors", "Another program is writing to this workspace; try again later"))) from None
                    time.sleep(0.1)
            yield
        finally:
            os.close(fd)

    def staging_dir(self) -> Path:
        """A scratch folder inside the workspace, swept once its process is gone."""
        import tempfile
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.root))

    def referenced_blobs(self) -> set[str]:
        """Blob ids held by any committed row: every column named ``blob_id`` or ``*_blob`` in any table,
        so a table added by a later migration is covered without being listed here."""
        ids: set[str] = set()
        tables = [r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in (r[1] for r in self.db.execute(f'PRAGMA table_info("{table}")')):
                if column == "blob_id" or column.endswith("_blob"):
                    ids.update(r[0] for r in self.db.execute(
                        f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'))
        return ids

    def collect_orphans(self) -> int:
        """Removes blobs no committed row references: the remains of an interrupted write.

        Call only under ``write_lock``: an import in progress holds it.
        """
        removed = self.blobs.clean_tmp()
        for staging in self.root.glob(f"{STAGING_PREFIX}*"):   # left by an interrupted `reviewer demo`
            if not _pid_alive(staging.name[len(STAGING_PREFIX):].split("-", 1)[0]):
                shutil.rmtree(staging, ignore_errors=True)
                removed += 1
        orphans = self.blobs.ids() - self.referenced_blobs()
        for blob_id in orphans:
            self.blobs.delete(blob_id)
        return removed + len(orphans)
