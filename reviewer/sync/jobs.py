"""The sync job queue in the workspace database: one job per assigned case, one transfer row per file.

A job's plan (the case's Bundle, its files and the references a submission needs) is fetched once
and stored, so a resumed job fetches the same files under the same keys. Transfer rows name their
blob before the blob's first byte is written: a partial or finished blob is always referenced, and
the orphan sweep never takes one a later run can resume.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from reviewer import store
from reviewer.sync.model import Assignment, CasePlan, TransferItem
from reviewer.sync.partial import partial_ids, remove_partial


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Job:
    id: str
    platform_case_id: str
    task_ref: str
    state: str                  # pending | done | failed
    plan: dict | None
    case_id: str | None
    last_error: str


@dataclass(frozen=True)
class TransferRow:
    id: str
    item: TransferItem
    state: str                  # pending | done
    blob_id: str | None
    size: int | None
    sha256: str | None
    meta: dict


def _job(row: dict) -> Job:
    return Job(row["id"], row["platform_case_id"], row["task_ref"] or "", row["state"],
               json.loads(row["plan"]) if row["plan"] else None, row["case_id"], row["last_error"] or "")


def ensure_job(db, platform: str, a: Assignment) -> Job:
    with store.transaction(db):
        rows = list(db.query("SELECT * FROM sync_jobs WHERE platform = ? AND platform_case_id = ?",
                             [platform, a.platform_case_id]))
        if rows:
            return _job(rows[0])
        now = now_iso()
        db["sync_jobs"].insert({"id": uuid.uuid4().hex, "platform": platform, "platform_case_id": a.platform_case_id,
                                "task_ref": a.task_ref, "state": "pending", "created": now, "updated": now})
    return ensure_job(db, platform, a)


def save_plan(db, job: Job, plan: CasePlan) -> Job:
    """Stores the plan and its transfer rows in one transaction."""
    doc = {"bundle": plan.bundle, "refs": plan.refs, "package": str(plan.package) if plan.package else None}
    with store.transaction(db):
        db["sync_jobs"].update(job.id, {"plan": json.dumps(doc), "updated": now_iso()})
        db["sync_transfers"].insert_all([{
            "id": uuid.uuid4().hex, "job_id": job.id, "key": it.key, "rel": it.rel, "kind": it.kind,
            "spec": json.dumps({**asdict(it)}), "state": "pending", "attempts": 0} for it in plan.items],
            ignore=True, batch_size=500)
    return Job(job.id, job.platform_case_id, job.task_ref, job.state, doc, job.case_id, job.last_error)


def transfers(db, job_id: str) -> list[TransferRow]:
    out = []
    for r in db.query("SELECT * FROM sync_transfers WHERE job_id = ? ORDER BY rowid", [job_id]):
        out.append(TransferRow(r["id"], TransferItem(**json.loads(r["spec"])), r["state"], r["blob_id"],
                               r["size"], r["sha256"], json.loads(r["meta"] or "{}")))
    return out


def record_blob(db, row_id: str, blob_id: str, meta: dict) -> None:
    with store.transaction(db):
        db["sync_transfers"].update(row_id, {"blob_id": blob_id, "meta": json.dumps(meta)})


def transfer_done(db, row_id: str, blob_id: str, size: int, sha256: str, meta: dict) -> None:
    with store.transaction(db):
        db["sync_transfers"].update(row_id, {"state": "done", "blob_id": blob_id, "size": size, "sha256": sha256,
                                             "meta": json.dumps(meta)})


def transfer_reset(db, row_id: str) -> None:
    """After a refused file: the next try starts a new blob (never re-uses the id)."""
    with store.transaction(db):
        db["sync_transfers"].update(row_id, {"state": "pending", "blob_id": None, "meta": "{}"})


def forget_plan(db, job_id: str) -> None:
    """After a file was refused: the next run asks the platform again (its records may have been
    corrected). Blobs of this plan become unreferenced and are swept like any orphan."""
    with store.transaction(db):
        db.execute("DELETE FROM sync_transfers WHERE job_id = ?", [job_id])
        db.execute("UPDATE sync_jobs SET plan = NULL WHERE id = ?", [job_id])


def set_job(db, job_id: str, **values) -> None:
    with store.transaction(db):
        db["sync_jobs"].update(job_id, {**values, "updated": now_iso()})


def finish_job_in_tx(db, job_id: str, case_id: str) -> None:
    """Inside the case's commit: the job is done and its transfer rows are gone (the case rows now hold the blobs)."""
    db.execute("DELETE FROM sync_transfers WHERE job_id = ?", [job_id])
    db.execute("UPDATE sync_jobs SET state = 'done', case_id = ?, last_error = NULL, updated = ? WHERE id = ?",
               [case_id, now_iso(), job_id])


def sweep_partials(db, blobs) -> int:
    """Removes partial blobs no transfer row names (left by a job whose case arrived another way)."""
    wanted = {r[0] for r in db.execute("SELECT blob_id FROM sync_transfers WHERE blob_id IS NOT NULL")}
    gone = partial_ids(blobs) - wanted
    for blob_id in gone:
        remove_partial(blobs, blob_id)
    return len(gone)
