"""The ``reviewer`` command (DESIGN §5). Exit codes: 0 ok, 1 a check failed, 2 a clear error."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from pathlib import Path

from reviewer.errors import ReviewerError, WorkspaceError
from reviewer.logs import setup_logging
from reviewer.paths import default_workspace
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

log = logging.getLogger("reviewer")

# Modules that add subcommands: each has ``register(subparsers)``, which adds its parsers with
# ``set_defaults(handler=fn)`` (fn(args) -> exit code). They import their heavy parts inside the
# handlers, so `reviewer --help` stays fast.
COMMAND_MODULES: tuple[str, ...] = ("reviewer.pathology.commands", "reviewer.sync.commands", "reviewer.summary.commands", "reviewer.reports.commands")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reviewer", description="Specialist review workstation for second opinions.")
    p.add_argument("--workspace", type=Path, default=None, help="workspace folder (default: the user data dir)")
    p.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file (first line)")
    p.add_argument("--passphrase-only", action="store_true",
                   help="when creating a workspace: no OS keyring, the passphrase alone protects it (weaker)")
    p.add_argument("--language", choices=("en", "ja"), default=None,
                   help="language of the window (default: the saved preference, else English)")
    p.add_argument("--screenshot", type=Path, metavar="PNG", help="draw the window offscreen to PNG and exit")
    p.add_argument("--view", default="worklist",
                   help="with --screenshot: unlock, worklist, case, series, mpr, 3d, compare, slide, summary, opinion, sync")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("demo", help="create the demo cases in the workspace")
    imp = sub.add_parser("import", help="import a case package folder/zip, or a DICOM folder")
    imp.add_argument("path", type=Path)
    cases = sub.add_parser("cases", help="list the cases in the workspace")
    cases.add_argument("--json", action="store_true")
    audit = sub.add_parser("audit", help="audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit log's hash chain")
    verify.add_argument("--json", action="store_true")
    dicom = sub.add_parser("dicom", help="DICOM files on disk")
    dicom_sub = dicom.add_subparsers(dest="dicom_command", required=True)
    info = dicom_sub.add_parser("info", help="series in PATH with geometry and warnings")
    info.add_argument("path", type=Path)
    info.add_argument("--json", action="store_true")
    sub.add_parser("keyring-check", help="exit 0 when an OS keyring is available")
    bench = sub.add_parser("bench", help="run the benchmark suite")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--only", action="append", default=[], help="run only benchmarks whose name contains this")
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return p


def read_passphrase(args) -> str:
    if args.passphrase_file:
        try:
            return args.passphrase_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError):
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("Errors", "Cannot read a passphrase from "
                                                                 "{passphrase_file}"),
                                     passphrase_file=args.passphrase_file)) from None
    if os.environ.get("REVIEWER_PASSPHRASE"):
        return os.environ["REVIEWER_PASSPHRASE"]
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass("Workspace passphrase: ")
    raise ReviewerError(Text(QT_TRANSLATE_NOOP("Errors", "No passphrase: use --passphrase-file or "
                                                         "REVIEWER_PASSPHRASE")))


def open_workspace(args, create: bool = False):
    from reviewer.workspace import Workspace, is_workspace
    root = args.workspace or default_workspace()
    passphrase = read_passphrase(args)
    if not is_workspace(root):
        if not create:
            raise WorkspaceError(Text(QT_TRANSLATE_NOOP("Errors", "{root} is not a workspace; `reviewer demo` "
                                                                  "or `reviewer import` creates one"), root=root))
        ws = Workspace.create(root, passphrase, passphrase_only=args.passphrase_only)
        print(f"Created a new workspace at {root}" + (" (passphrase-only mode)" if args.passphrase_only else ""),
              file=sys.stderr)
        return ws
    return Workspace.open(root, passphrase)


def cmd_demo(args) -> int:
    import shutil

    from reviewer.demo import DEMO_CASE_IDS, write_demo_packages
    from reviewer.packages import import_path
    ws = open_workspace(args, create=True)
    try:
        existing = {c.platform_case_id for c in ws.cases.list()} & set(DEMO_CASE_IDS)
        for case_id in sorted(existing):
            print(f"{case_id}: already in the workspace")
        if existing == set(DEMO_CASE_IDS):
            return 0
        # Demo data is synthetic; it is staged inside the workspace folder and removed at once.
        staging = ws.staging_dir()
        try:
            for pkg in write_demo_packages(staging, skip=existing):
                r = import_path(ws, pkg)
                print(f"{r.platform_case_id}: imported {r.files} files, {r.bytes / 1e6:.1f} MB in {r.seconds:.1f} s")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        ws.close()
    return 0


def cmd_import(args) -> int:
    from reviewer.packages import import_path
    ws = open_workspace(args, create=True)
    try:
        r = import_path(ws, args.path)
        log.info("imported case %s: %d files, %d bytes", r.case_id, r.files, r.bytes)
        print(f"Imported case {r.platform_case_id}: {r.files} files, {r.bytes / 1e6:.1f} MB "
              f"in {r.seconds:.1f} s ({r.bytes / 1e6 / max(r.seconds, 1e-9):.0f} MB/s)")
        if r.skipped:
            print(f"Skipped {len(r.skipped)} files that are not DICOM: " + ", ".join(r.skipped[:10])
                  + (" …" if len(r.skipped) > 10 else ""))
    finally:
        ws.close()
    return 0


def case_json(c) -> dict:
    return {"id": c.platform_case_id, "patient": c.patient.name, "specialty": c.specialty,
            "question": c.question, "priority": c.priority,
            "due": c.due.isoformat() if c.due else None, "status": c.status}


def cmd_cases(args) -> int:
    from reviewer import store
    ws = open_workspace(args)
    try:
        cases = ws.cases.list()
        with store.transaction(ws.db):
            ws.audit.append("cases.list", ws.keyfile.workspace_id, count=len(cases))
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"cases": [case_json(c) for c in cases]}, indent=2, ensure_ascii=False))
        return 0
    for c in cases:
        due = c.due.strftime("%Y-%m-%d %H:%M") if c.due else "—"
        print(f"{c.platform_case_id:<20} {c.priority:<8} due {due:<17} {c.status:<12} {c.specialty:<18} {c.patient.name}")
    if not cases:
        print("No cases in this workspace.")
    return 0


def cmd_audit_verify(args) -> int:
    ws = open_workspace(args)
    try:
        report = ws.audit.verify()
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"ok": report.ok, "entries": report.entries, "head": report.head,
                          "broken_at": report.broken_at, "reason": report.reason}))
    elif report.ok:
        print(f"Audit chain intact: {report.entries} entries, head {report.head}")
    else:
        print(f"Audit chain BROKEN at entry {report.broken_at}: {report.reason} "
              f"({report.entries} entries verified before it)")
    return 0 if report.ok else 1


def cmd_dicom_info(args) -> int:
    """Reads DICOM files on disk (no workspace needed); exit 1 when some files could not be read."""
    from reviewer.imaging.info import dicom_info, format_info_text
    if not args.path.exists():
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("Errors", "{path}: no such file or folder"), path=args.path))
    info = dicom_info(args.path)
    print(json.dumps(info, indent=2) if args.json else format_info_text(info))
    return 1 if info["errors"] and not info["series"] else 0


def cmd_keyring_check(args) -> int:
    from reviewer.security.keys import OsKeyring
    k = OsKeyring()
    print(f"OS keyring available: {k.backend_name}")
    return 0


def cmd_bench(args, extra_benchmarks: tuple | list = ()) -> int:
    """Runs `reviewer bench`; ``extra_benchmarks`` (Benchmark entries) come from the composition
    root: the GUI rows need Qt, which reviewer/ never imports. Notes (skipped rows) go to stderr."""
    from reviewer.bench import run_benchmarks
    rows = run_benchmarks(args.only, extra=extra_benchmarks)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], indent=2))
    else:
        for r in rows:
            mark = "ok " if r.ok else ("—  " if r.ok is None else "OVER")
            print(f"{mark} {r.name:<44} {r.value:10.3f} {r.unit:<6} baseline {r.baseline:10.3f} "
                  f"ratio {r.ratio:6.3f} target {r.target}")
    return 0 if all(r.ok is not False for r in rows) else 1


COMMANDS = {"demo": cmd_demo, "import": cmd_import, "cases": cmd_cases, "keyring-check": cmd_keyring_check,
            "bench": cmd_bench}


def run(args: argparse.Namespace, extra_benchmarks: tuple | list = ()) -> int:
    """Runs a headless subcommand; the GUI (no subcommand) is started by `ui.launcher`.

    ``extra_benchmarks``: Benchmark entries `bench` runs after the built-in ones (the GUI rows,
    passed in by ui/launcher.py)."""
    setup_logging(args.workspace)
    if args.command is None:
        print("reviewer: the workstation window is started by the `reviewer` console script", file=sys.stderr)
        return 2
    try:
        if args.command == "audit":
            return cmd_audit_verify(args)
        if args.command == "dicom":
            return cmd_dicom_info(args)
        if args.command == "bench":
            return cmd_bench(args, extra_benchmarks)
        handler = getattr(args, "handler", None)
        if handler is not None:
            return handler(args)
        return COMMANDS[args.command](args)
    except ReviewerError as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:   # never a traceback: it may quote paths or data
        log.error("unexpected %s in `%s`", type(exc).__name__, args.command)
        print(f"reviewer: unexpected internal error ({type(exc).__name__}) in `{args.command}`; "
              "the workspace is unchanged", file=sys.stderr)
        return 3


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
