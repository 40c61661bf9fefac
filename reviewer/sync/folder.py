"""Folder exchange, for sites without an API: an inbox of case packages and an outbox of reports on a
drive or share.

Pulling a package is the ordinary import (same verification, same tables). A submission becomes a
folder ``<outbox>/<case id>/<submission id>/`` holding ``report.pdf`` and ``DiagnosticReport.json``,
written under a hidden name and renamed when complete: the platform side never sees half a report,
and a retry finding the folder in place counts it as acknowledged (no duplicate).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from reviewer.errors import PackageRejected
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.packages.manifest import parse_manifest
from reviewer.packages.sources import open_source
from reviewer.sync.errors import Offline, SyncError
from reviewer.sync.fhir import diagnostic_report
from reviewer.sync.model import Ack, Assignment, CasePlan, Submission
from reviewer.sync.settings import SyncConfig

MAX_MANIFEST = 64 << 20


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:100] or "case"


def _write_atomic(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


class FolderPlatform:
    name = "folder"

    def __init__(self, config: SyncConfig):
        self.inbox = Path(config.inbox)
        self.outbox = Path(config.outbox)

    def close(self) -> None:
        pass

    def check(self) -> None:
        unreachable = {"inbox": QT_TRANSLATE_NOOP("SyncErrors", "The exchange inbox folder {path} is not reachable "
                                                  "(drive not mounted?)"),
                       "outbox": QT_TRANSLATE_NOOP("SyncErrors", "The exchange outbox folder {path} is not reachable "
                                                   "(drive not mounted?)")}
        for d, what in ((self.inbox, "inbox"), (self.outbox, "outbox")):
            if not d.is_dir():
                raise Offline(Text(unreachable[what], path=str(d)))

    def assignments(self) -> list[Assignment]:
        out = []
        for p in sorted(self.inbox.iterdir()):
            if p.name.startswith(".") or not (p.is_dir() or p.suffix.lower() == ".zip"):
                continue
            try:
                src = open_source(p)
                try:
                    if "manifest.json" not in src.files or src.files["manifest.json"] > MAX_MANIFEST:
                        continue
                    with src.open("manifest.json") as f:
                        m = parse_manifest(f.read(), src.label)
                finally:
                    src.close()
            except (PackageRejected, OSError):
                continue        # not (yet) a complete package: a copy still in progress, or foreign
            out.append(Assignment(m.platform_case_id, str(p), m.status))
        return out

    def plan(self, a: Assignment) -> CasePlan:
        return CasePlan(package=Path(a.task_ref))

    def open(self, item, offset: int, validator: str | None = None):
        raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Folder exchange imports whole packages; it has "
                                                             "no separate files to fetch")))

    def set_status(self, task_ref: str, status: str) -> None:
        """A package carries no live status; the report in the outbox is the answer."""

    def submit(self, s: Submission) -> Ack:
        case_dir = self.outbox / _safe(s.platform_case_id)
        final = case_dir / _safe(s.submission_id)
        if (final / "DiagnosticReport.json").is_file():
            return Ack(str(final))
        try:
            case_dir.mkdir(parents=True, exist_ok=True)
            tmp = case_dir / f".{_safe(s.submission_id)}.partial"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            _write_atomic(tmp / "report.pdf", s.pdf)
            report = diagnostic_report(s, f"urn:uuid:{s.submission_id}")
            _write_atomic(tmp / "DiagnosticReport.json", json.dumps(report, indent=2).encode())
            os.replace(tmp, final)
        except OSError as exc:
            raise Offline(Text(QT_TRANSLATE_NOOP("SyncErrors", "The exchange outbox could not be written "
                                                               "({name}); will retry"),
                               name=type(exc).__name__)) from None
        return Ack(str(final))
