"""The SQLCipher database, used through sqlite-utils, with versioned migrations.

Every page is encrypted and authenticated (HMAC-SHA512) by SQLCipher; a flipped byte on disk turns
into an IntegrityError naming the database, never into wrong data.
"""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Callable

import sqlcipher3
import sqlite_utils

from reviewer.errors import IntegrityError, WorkspaceError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

Migration = Callable[[sqlite_utils.Database], None]


def _v1(db: sqlite_utils.Database) -> None:
    db.executescript("""
    CREATE TABLE cases (
        id TEXT PRIMARY KEY, platform_case_id TEXT NOT NULL, patient_name TEXT NOT NULL,
        patient_birth_date TEXT, patient_sex TEXT, patient_mrn TEXT, specialty TEXT,
        question TEXT, priority TEXT, due TEXT, status TEXT NOT NULL, imported_at TEXT NOT NULL,
        source_kind TEXT NOT NULL, manifest_blob TEXT, details TEXT NOT NULL DEFAULT '{}');
    CREATE UNIQUE INDEX cases_platform_id ON cases(platform_case_id);
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), title TEXT, kind TEXT,
        content_type TEXT, date TEXT, size INTEGER, sha256 TEXT, blob_id TEXT NOT NULL, path TEXT);
    CREATE INDEX documents_case ON documents(case_id);
    CREATE TABLE series (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), series_uid TEXT,
        study_uid TEXT, modality TEXT, description TEXT, instance_count INTEGER);
    CREATE INDEX series_case ON series(case_id);
    CREATE TABLE instances (
        id TEXT PRIMARY KEY, series_id TEXT NOT NULL REFERENCES series(id), sop_uid TEXT,
        instance_number INTEGER, size INTEGER, sha256 TEXT, blob_id TEXT NOT NULL, path TEXT);
    CREATE INDEX instances_series ON instances(series_id);
    CREATE TABLE slides (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), title TEXT,
        size INTEGER, sha256 TEXT, blob_id TEXT NOT NULL, path TEXT);
    CREATE INDEX slides_case ON slides(case_id);
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """)


def _v2(db: sqlite_utils.Database) -> None:
    """Annotations (reviewer.annotations): one row per annotation, rewritten in place on each change;
    removal sets ``deleted`` so an undo can bring the row back. ``coords`` holds the vertices as
    little-endian float64 x, y pairs (outline, then holes), which loads 10,000 outlines fast;
    ``geometry`` the rest of the shape as JSON (hole sizes, arrow text)."""
    db.executescript("""
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), target_key TEXT NOT NULL,
        kind TEXT NOT NULL, coords BLOB NOT NULL, geometry TEXT NOT NULL, properties TEXT NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX annotations_case ON annotations(case_id, deleted);
    """)


def _v3(db: sqlite_utils.Database) -> None:
    """Key images (reviewer.keyimages): a PNG blob per captured view, with what the report shows beside it.
    Series get their study date and number, so a prior and a current series of the same name are told apart."""
    db.executescript("""
    CREATE TABLE key_images (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), source TEXT NOT NULL,
        target_key TEXT NOT NULL, caption TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
        pixel_spacing_mm REAL, created TEXT NOT NULL, details TEXT NOT NULL, blob_id TEXT NOT NULL);
    CREATE INDEX key_images_case ON key_images(case_id);
    ALTER TABLE series ADD COLUMN study_date TEXT;
    ALTER TABLE series ADD COLUMN series_number INTEGER;
    """)


def _sync(db: sqlite_utils.Database) -> None:
    """Sync with the platform (reviewer.sync): its settings and status, one job per assigned case with
    one row per file to fetch (``blob_id`` names the file's partial, then finished, blob, so a finished
    download survives a crash and the orphan sweep), and the outbox of submissions awaiting acknowledgement."""
    db.executescript("""
    CREATE TABLE sync_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sync_jobs (
        id TEXT PRIMARY KEY, platform TEXT NOT NULL, platform_case_id TEXT NOT NULL, task_ref TEXT,
        state TEXT NOT NULL, plan TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        case_id TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);
    CREATE UNIQUE INDEX sync_jobs_case ON sync_jobs(platform, platform_case_id);
    CREATE TABLE sync_transfers (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES sync_jobs(id), key TEXT NOT NULL,
        rel TEXT NOT NULL, kind TEXT NOT NULL, spec TEXT NOT NULL, state TEXT NOT NULL,
        blob_id TEXT, size INTEGER, sha256 TEXT, meta TEXT, attempts INTEGER NOT NULL DEFAULT 0);
    CREATE UNIQUE INDEX sync_transfers_key ON sync_transfers(job_id, key);
    CREATE TABLE sync_outbox (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL,
        payload TEXT NOT NULL, pdf_blob TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0, last_error TEXT, remote_ref TEXT, created TEXT NOT NULL,
        acknowledged_at TEXT);
    CREATE INDEX sync_outbox_state ON sync_outbox(state, next_attempt_at);
    """)


def _reports(db: sqlite_utils.Database) -> None:
    """Opinions and reports (reviewer.reports). Opinions (one draft per case, JSON, rewritten on every autosave with a revision counter),
    signed report versions (the opinion as signed, the signed PDF's blob and SHA-256, the SHA-256 an
    addendum cites), and signing identities (certificate; wrapped key blob or PKCS#11 location). Signed versions are
    immutable: triggers refuse UPDATE and DELETE, like the audit log."""
    db.executescript("""
    CREATE TABLE opinions (
        case_id TEXT PRIMARY KEY REFERENCES cases(id), report_id TEXT NOT NULL, specialty TEXT NOT NULL,
        language TEXT NOT NULL, draft TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL);
    CREATE TABLE report_versions (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), report_id TEXT NOT NULL,
        version INTEGER NOT NULL, kind TEXT NOT NULL, opinion TEXT NOT NULL, pdf_sha256 TEXT NOT NULL,
        pdf_blob TEXT NOT NULL, cites_sha256 TEXT, identity_id TEXT, signer TEXT NOT NULL, signed_at TEXT NOT NULL,
        UNIQUE (case_id, version));
    CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions
        BEGIN SELECT RAISE(ABORT, 'a signed report version is immutable'); END;
    CREATE TRIGGER report_versions_no_delete BEFORE DELETE ON report_versions
        BEGIN SELECT RAISE(ABORT, 'a signed report version is immutable'); END;
    CREATE TABLE identities (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, subject TEXT NOT NULL,
        credentials TEXT NOT NULL DEFAULT '', issuer TEXT NOT NULL, serial TEXT NOT NULL, not_before TEXT NOT NULL,
        not_after TEXT NOT NULL, cert_der BLOB NOT NULL, key_blob TEXT, key_params TEXT, pkcs11 TEXT,
        is_test INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL);
    """)


def _summary_decisions(db: sqlite_utils.Database) -> None:
    """The specialist's decisions on summary facts and flags (reviewer.summary.decisions): one row per
    decision, never updated; the latest row per target is the current decision, the others its history.
    ``correction`` holds the corrected value (inside the encrypted database)."""
    db.executescript("""
    CREATE TABLE summary_decisions (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL, decision TEXT NOT NULL, correction TEXT, note TEXT,
        decided_at TEXT NOT NULL, actor TEXT NOT NULL);
    CREATE INDEX summary_decisions_case ON summary_decisions(case_id, target_id, decided_at);
    """)


# Append only: a workspace records the number of migrations applied (PRAGMA user_version).
MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3, _sync, _summary_decisions, _reports)


_CORRUPT = ("file is not a database", "malformed", "hmac", "decrypt")


def _translate(exc: sqlcipher3.DatabaseError) -> Exception:
    """Page-authentication failures become IntegrityError; constraint errors stay as they are."""
    if isinstance(exc, sqlcipher3.IntegrityError) or not any(w in str(exc).lower() for w in _CORRUPT):
        return exc
    return IntegrityError(Text(QT_TRANSLATE_NOOP("Errors", "The workspace database failed its integrity check "
                                                           "({exc}): it is corrupt or was altered. Nothing was "
                                                           "read from it."), exc=exc))


def _guard(method):
    """Runs a cursor call under its connection's lock (see CheckedConnection) and reports corruption
    clearly."""
    def call(self, *args, **kwargs):
        try:
            with self.connection.tx_lock:
                return method(self, *args, **kwargs)
        except sqlcipher3.DatabaseError as exc:
            new = _translate(exc)
            if new is exc:
                raise
            raise new from None
    call.__name__ = method.__name__
    return call


class CheckedCursor(sqlcipher3.Cursor):
    execute = _guard(sqlcipher3.Cursor.execute)
    executemany = _guard(sqlcipher3.Cursor.executemany)
    executescript = _guard(sqlcipher3.Cursor.executescript)
    fetchone = _guard(sqlcipher3.Cursor.fetchone)
    fetchmany = _guard(sqlcipher3.Cursor.fetchmany)
    fetchall = _guard(sqlcipher3.Cursor.fetchall)
    __next__ = _guard(sqlcipher3.Cursor.__next__)

    def __iter__(self):
        return self


class CheckedConnection(sqlcipher3.Connection):
    """Every statement goes through CheckedCursor, so corruption anywhere is reported clearly.

    The app's threads share this one connection (the GUI, a sync's transfer threads, a signing job), and
    a transaction belongs to the connection, not to a thread: ``tx_lock`` (held per statement, and for
    the whole of a transaction) lets one thread's transaction finish before another begins, instead of
    the second failing with "cannot start a transaction within a transaction", and keeps another
    thread's statement from joining it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tx_lock = threading.RLock()

    def cursor(self, factory=CheckedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq):
        return self.cursor().executemany(sql, seq)

    def executescript(self, script):
        return self.cursor().executescript(script)


class Database(sqlite_utils.Database):
    """sqlite-utils' Database for a connection shared by threads.

    sqlite-utils 4 runs every ``query()`` inside a SAVEPOINT, which opens a transaction on the shared
    connection: a panel reading sync progress on the GUI thread then made a transfer thread's
    ``BEGIN IMMEDIATE`` fail (the sync stopped as if cancelled). Here a query is a plain statement,
    and ``atomic()`` (table inserts and updates) waits for another thread's transaction like
    ``transaction`` does."""

    def query(self, sql: str, params=None):
        cursor = self.conn.execute(sql, params if params is not None else ())
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows - use execute() for other statements")
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self):
        with _tx_lock(self):
            with super().atomic():
                yield self


def _tx_lock(db: sqlite_utils.Database):
    lock = getattr(db.conn, "tx_lock", None)
    return lock if lock is not None else contextlib.nullcontext()


def connect(path: Path, key: bytes) -> sqlite_utils.Database:
    """Opens (or creates) the encrypted database and brings its schema up to date."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30,
                              factory=CheckedConnection)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        db = Database(conn)
        migrate(db)
        # sqlite-utils probes ON CONFLICT support on first insert by creating and dropping a table; a
        # DROP fails while another thread's read is in progress, so the probe runs now, before any thread.
        _ = db.supports_on_conflict
        return db
    except (sqlcipher3.DatabaseError, IntegrityError) as exc:
        conn.close()
        raise IntegrityError(
            Text(QT_TRANSLATE_NOOP("Errors", "The workspace database {name} cannot be read: it is corrupt or "
                                             "was altered ({exc}). Nothing was read from it."),
                 name=path.name, exc=exc)) from None


def migrate(db: sqlite_utils.Database) -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "The workspace database has schema version "
                                                              "{version}; this program knows up to "
                                                              "{migrations_count}. Update the program."),
                                  version=version, migrations_count=len(MIGRATIONS)))
    for target in range(version + 1, len(MIGRATIONS) + 1):
        try:
            with transaction(db):
                MIGRATIONS[target - 1](db)
                db.execute(f"PRAGMA user_version = {target}")
        except sqlcipher3.OperationalError as exc:      # rolled back: the database is as it was
            if isinstance(_translate(exc), IntegrityError):
                raise
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "Updating the workspace database from schema "
                                                                  "version {value} to {target} failed ({exc}); "
                                                                  "nothing was changed. Report this to support."),
                                      value=target - 1, target=target, exc=exc)) from None
    return len(MIGRATIONS)


class transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: a killed write leaves nothing half done.
    Another thread's transaction on the shared connection is waited for (CheckedConnection.tx_lock)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._lock = _tx_lock(db)

    def __enter__(self):
        self._lock.__enter__()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self.db

    def __exit__(self, exc_type, exc, tb):
        try:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._lock.__exit__(None, None, None)


