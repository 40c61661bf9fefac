"""`reviewer sync`: pull assignments and push the outbox headless; `reviewer sync configure` and
`reviewer sync status`. Settings live in the workspace; secrets are read from stdin into the OS keyring
(never from an argument, which other users could see in the process list)."""
from __future__ import annotations

import json
import signal
import sys
import time
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

OPTIONS = (("--platform-url", str, "FHIR R4 base URL of the platform"),
           ("--dicomweb-url", str, "DICOMweb base URL, when an ImagingStudy names no Endpoint"),
           ("--owner", str, "the specialist as the platform names Task.owner, e.g. Practitioner/123"),
           ("--ca-bundle", str, "PEM file of CA certificates to trust for the platform"),
           ("--inbox", str, "folder exchange: the inbox of case packages"),
           ("--outbox", str, "folder exchange: the outbox for signed reports"),
           ("--parallel", int, "parallel transfers (default 4)"),
           ("--timeout", float, "seconds before a silent server counts as timed out (default 30)"))


def register(subparsers) -> None:
    p = subparsers.add_parser("sync", help="sync with the platform: pull assigned cases, push signed reports")
    for flag, kind, text in OPTIONS:
        p.add_argument(flag, type=kind, help=text + " (this run only; `sync configure` stores it)")
    p.add_argument("--kind", choices=("fhir", "folder"), help="fhir (REST + DICOMweb) or folder exchange")
    p.add_argument("--no-pull", action="store_true", help="only push the outbox")
    p.add_argument("--no-push", action="store_true", help="only pull assignments")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=cmd_sync)
    sub = p.add_subparsers(dest="sync_command")
    c = sub.add_parser("configure", help="store the sync settings in the workspace and secrets in the OS keyring")
    for flag, kind, text in OPTIONS:
        c.add_argument(flag, type=kind, help=text)
    c.add_argument("--kind", choices=("fhir", "folder"))
    c.add_argument("--token-url", help="OAuth2 token endpoint (client-credentials grant)")
    c.add_argument("--client-id")
    c.add_argument("--scope")
    c.add_argument("--token-stdin", action="store_true", help="read a pasted bearer token from stdin into the keyring")
    c.add_argument("--client-secret-stdin", action="store_true", help="read the client secret from stdin into the keyring")
    c.add_argument("--forget-secrets", action="store_true", help="remove this platform's secrets from the keyring")
    c.set_defaults(handler=cmd_configure)
    s = sub.add_parser("status", help="online/offline, last sync, jobs and the outbox")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_status)


def _overrides(args) -> dict:
    keys = ("kind", "platform_url", "dicomweb_url", "owner", "ca_bundle", "inbox", "outbox", "parallel", "timeout",
            "token_url", "client_id", "scope")
    return {k: getattr(args, k, None) for k in keys if getattr(args, k, None) is not None}


def cmd_configure(args) -> int:
    from reviewer.cli import open_workspace
    from reviewer.security.keys import OsKeyring
    from reviewer.sync import credentials
    from reviewer.sync.settings import load_config, save_config
    ws = open_workspace(args)
    try:
        config = load_config(ws.db).updated(**_overrides(args))
        if args.ca_bundle:
            from reviewer.sync.httpclient import tls_context
            tls_context(args.ca_bundle)
        config.check()
        save_config(ws.db, config)
        if args.token_stdin or args.client_secret_stdin or args.forget_secrets:
            keyring = OsKeyring()
            if args.forget_secrets:
                credentials.forget(keyring, config)
            secret = sys.stdin.readline().strip() if (args.token_stdin or args.client_secret_stdin) else ""
            if (args.token_stdin or args.client_secret_stdin) and not secret:
                from reviewer.sync.errors import SyncError
                raise SyncError(Text(QT_TRANSLATE_NOOP("SyncErrors", "Nothing was read from stdin; pipe the "
                                                                     "secret in")))
            if args.token_stdin:
                credentials.store_token(keyring, config, secret)
            if args.client_secret_stdin:
                credentials.store_client_secret(keyring, config, secret)
        print(f"Sync settings stored ({config.kind}: {config.platform_url or config.inbox})")
    finally:
        ws.close()
    return 0


def _progress_printer(quiet: bool):
    last: dict[str, float] = {}

    def show(p) -> None:
        if quiet:
            return
        now = time.monotonic()
        if p.state in ("downloading", "importing") and now - last.get(p.platform_case_id, 0) < 1.0:
            return
        last[p.platform_case_id] = now
        eta = f", ETA {p.eta_seconds:.0f} s" if p.eta_seconds is not None and p.state == "downloading" else ""
        total = f"/{p.bytes_total / 1e6:.1f}" if p.bytes_total else ""
        print(f"{p.platform_case_id}: {p.state} {p.bytes_done / 1e6:.1f}{total} MB, "
              f"{p.files_done}/{p.files_total} files{eta}" + (f" — {p.message}" if p.message else ""),
              file=sys.stderr, flush=True)
    return show


def cmd_sync(args) -> int:
    from reviewer.cli import open_workspace
    from reviewer.sync import SyncOptions, load_config, open_engine
    ws = open_workspace(args)
    try:
        config = load_config(ws.db).updated(**_overrides(args))
        engine = open_engine(ws, config, progress=_progress_printer(args.quiet or args.json),
                             options=SyncOptions(pull=not args.no_pull, push=not args.no_push,
                                                 parallel=config.parallel))
        previous = {sig: signal.signal(sig, lambda *_: engine.cancel()) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            report = engine.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            engine.platform.close()
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"online": report.online, "new_cases": report.new_cases, "failed": report.failed,
                          "submitted": report.submitted, "outbox_pending": report.outbox_pending,
                          "cancelled": report.cancelled, "message": report.message}, indent=2))
    else:
        print(("Online. " if report.online else "Offline. ") + report.message)
        for case, why in report.failed.items():
            print(f"  {case}: {why}")
    if report.cancelled:
        return 130
    return 0 if report.ok else 1


def cmd_status(args) -> int:
    from reviewer.cli import open_workspace
    from reviewer.sync import overview
    ws = open_workspace(args)
    try:
        o = overview(ws)
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"online": o.status.online, "last_sync": o.status.last_sync, "message": o.status.message,
                          "jobs": [j.__dict__ for j in o.jobs],
                          "outbox": [{"id": i.id, "kind": i.kind, "state": i.state, "attempts": i.attempts,
                                      "last_error": i.last_error, "remote_ref": i.remote_ref} for i in o.outbox]},
                         indent=2))
        return 0
    state = {True: "online", False: "offline", None: "never synced"}[o.status.online]
    print(f"Sync: {state}; last sync {o.status.last_sync or '—'}; {o.status.message}")
    for j in o.jobs:
        print(f"  case {j.platform_case_id:<20} {j.state:<8} {j.last_error}")
    for i in o.outbox:
        print(f"  outbox {i.kind:<12} {i.state:<12} attempts {i.attempts} {i.last_error}")
    return 0
