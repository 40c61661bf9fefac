"""``reviewer identity …`` and ``reviewer report …`` (DESIGN §5). Heavy imports stay in the handlers.

Exit codes: 0 ok; 1 a check failed (verify: not intact, not covering the whole file, or untrusted);
2 a clear error (ReviewerError, handled by reviewer.cli).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


def register(sub) -> None:
    ident = sub.add_parser("identity", help="signing identities (X.509 certificate and key)")
    isub = ident.add_subparsers(dest="identity_command", required=True)
    p = isub.add_parser("create-test", help="a self-signed identity, not for clinical use")
    p.set_defaults(handler=cmd_identity_create_test)
    p = isub.add_parser("import", help="import a certificate and key from a PKCS#12 file")
    p.add_argument("p12", type=Path)
    p.add_argument("--password-file", type=Path, help="the PKCS#12 password (first line); "
                                                      "default: REVIEWER_P12_PASSWORD, else none")
    p.add_argument("--credentials", default="", help="shown in the visible signature, e.g. 'MD, Consultant radiologist'")
    p.set_defaults(handler=cmd_identity_import)
    p = isub.add_parser("add-pkcs11", help="use a key on a PKCS#11 token (PIN from --pin-file or REVIEWER_PIN)")
    p.add_argument("--module", required=True, help="path of the PKCS#11 library")
    p.add_argument("--token", required=True, help="token label")
    p.add_argument("--key", required=True, help="key label")
    p.add_argument("--cert", help="certificate label (default: the key label)")
    p.add_argument("--pin-file", type=Path)
    p.add_argument("--credentials", default="")
    p.set_defaults(handler=cmd_identity_add_pkcs11)
    p = isub.add_parser("list", help="the identities of the workspace")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_identity_list)

    rep = sub.add_parser("report", help="opinion reports: render, sign, verify")
    rsub = rep.add_subparsers(dest="report_command", required=True)
    p = rsub.add_parser("render", help="render an opinion of a case as PDF")
    p.add_argument("case", help="platform case id (as `reviewer cases` lists it)")
    p.add_argument("--opinion", type=Path, required=True, help="opinion JSON (see report_templates/examples)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--version", type=int, default=None, help="version number to print (default: marked draft)")
    p.set_defaults(handler=cmd_report_render)
    p = rsub.add_parser("sign", help="sign a PDF with the workspace identity (PAdES)")
    p.add_argument("pdf", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--reason", default="Second-opinion report")
    p.add_argument("--location", default="")
    p.add_argument("--tsa", help="RFC 3161 timestamp authority URL (PAdES B-T)")
    p.add_argument("--identity", help="identity id (default: the default identity)")
    p.add_argument("--pin-file", type=Path, help="token PIN for a PKCS#11 identity (or REVIEWER_PIN)")
    p.set_defaults(handler=cmd_report_sign)
    p = rsub.add_parser("verify", help="verify the signatures of a PDF (no workspace needed)")
    p.add_argument("pdf", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[],
                   help="trusted root certificate (PEM or DER); repeatable")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_report_verify)


def _secret_file(path: Path | None, env: str) -> str | None:
    if path:
        try:
            return path.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError):
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "Cannot read a secret from {path}"),
                                     path=path)) from None
    return os.environ.get(env) or None


def _ws_and_passphrase(args):
    from reviewer.cli import open_workspace, read_passphrase
    passphrase = read_passphrase(args)
    return open_workspace(args), passphrase


def _print_identity(i) -> None:
    print(f"{i.id}  {i.kind:<7} {i.subject}  valid {i.not_before:%Y-%m-%d} – {i.not_after:%Y-%m-%d}"
          + ("  [TEST - not for clinical use]" if i.is_test else "") + ("  (default)" if i.is_default else ""))


def cmd_identity_create_test(args) -> int:
    from reviewer.reports.signing import IdentityStore
    ws, passphrase = _ws_and_passphrase(args)
    try:
        i = IdentityStore(ws).create_test(passphrase)
    finally:
        ws.close()
    _print_identity(i)
    return 0


def cmd_identity_import(args) -> int:
    from reviewer.reports.signing import IdentityStore
    try:
        data = args.p12.read_bytes()
    except OSError:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{p12}: cannot be read"), p12=args.p12)) from None
    password = _secret_file(args.password_file, "REVIEWER_P12_PASSWORD")
    ws, passphrase = _ws_and_passphrase(args)
    try:
        i = IdentityStore(ws).import_pkcs12(data, password, passphrase, credentials=args.credentials)
    finally:
        ws.close()
    _print_identity(i)
    return 0


def cmd_identity_add_pkcs11(args) -> int:
    from reviewer.reports.signing import IdentityStore
    pin = _secret_file(args.pin_file, "REVIEWER_PIN")
    if not pin:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No token PIN: use --pin-file or "
                                                                   "REVIEWER_PIN")))
    ws, _ = _ws_and_passphrase(args)
    try:
        i = IdentityStore(ws).add_pkcs11(args.module, pin, token_label=args.token, key_label=args.key,
                                         cert_label=args.cert, credentials=args.credentials)
    finally:
        ws.close()
    _print_identity(i)
    return 0


def cmd_identity_list(args) -> int:
    from reviewer.reports.signing import IdentityStore
    ws, _ = _ws_and_passphrase(args)
    try:
        ids = IdentityStore(ws).list()
    finally:
        ws.close()
    if args.json:
        print(json.dumps([{"id": i.id, "kind": i.kind, "subject": i.subject, "issuer": i.issuer,
                           "not_before": i.not_before.isoformat(), "not_after": i.not_after.isoformat(),
                           "test": i.is_test, "default": i.is_default} for i in ids], indent=2, ensure_ascii=False))
    else:
        for i in ids:
            _print_identity(i)
        if not ids:
            print("No signing identity in this workspace.")
    return 0


def _case_id(ws, platform_case_id: str) -> str:
    for c in ws.cases.list():
        if c.platform_case_id == platform_case_id:
            return c.id
    raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No case {platform_case_id} in this workspace"),
                             platform_case_id=platform_case_id))


def cmd_report_render(args) -> int:
    from reviewer import store
    from reviewer.reports.opinion import Opinion, check_ready_to_sign
    from reviewer.reports.render import ReportRenderer, images_for
    from reviewer.reports.templates import load_template
    try:
        text = args.opinion.read_text(encoding="utf-8")
    except OSError:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{opinion}: cannot be read"),
                                 opinion=args.opinion)) from None
    opinion = Opinion.from_json(text, args.opinion.name)
    template = load_template(opinion.specialty, opinion.language)
    ws, _ = _ws_and_passphrase(args)
    try:
        case_id = _case_id(ws, args.case)
        case = ws.cases.get(case_id)
        images = images_for(opinion, ws.key_images)
        result = ReportRenderer().render(case, opinion, template, images, args.out, version=args.version)
        with store.transaction(ws.db):
            ws.audit.append("report.render", case_id, pages=result.pages, sha256=result.sha256)
        problems = check_ready_to_sign(opinion, template, case=case,
                                       available_images={k.id for k in ws.key_images.list(case_id)})
    finally:
        ws.close()
    print(f"Wrote {args.out}: {result.pages} pages, SHA-256 {result.sha256}")
    for p in problems:
        print(f"not ready to sign: {p.message}", file=sys.stderr)
    return 0


def cmd_report_sign(args) -> int:
    from reviewer.reports.signing import IdentityStore
    try:
        pdf = args.pdf.read_bytes()
    except OSError:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{pdf}: cannot be read"), pdf=args.pdf)) from None
    ws, passphrase = _ws_and_passphrase(args)
    try:
        ids = IdentityStore(ws)
        ident = ids.get(args.identity)
        secret = passphrase
        if ident.kind == "pkcs11":
            secret = _secret_file(args.pin_file, "REVIEWER_PIN")
            if not secret:
                raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "This identity is on a PKCS#11 token: "
                                                                           "give its PIN (--pin-file or "
                                                                           "REVIEWER_PIN)")))
        session = ids.unlock(secret, ident.id)
        try:
            signed = session.sign(pdf, secret=secret, reason=args.reason, location=args.location, tsa_url=args.tsa)
        finally:
            session.close()
    finally:
        ws.close()
    args.out.write_bytes(signed)
    print(f"Signed {args.out} as {ident.subject}" + (" (TEST identity - not for clinical use)" if ident.is_test else ""))
    return 0


def cmd_report_verify(args) -> int:
    from reviewer.reports.verify import verify_pdf
    if not args.pdf.is_file():
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{pdf}: no such file"), pdf=args.pdf))
    for t in args.trust:
        if not t.is_file():
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{t}: no such certificate file"), t=t))
    try:
        result = verify_pdf(args.pdf, args.trust)
    except ValueError:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("ReportErrors", "A --trust file is not a certificate (PEM "
                                                                   "or DER)"))) from None
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    elif not result.signed:
        print(f"{args.pdf}: not signed" + (f" ({'; '.join(result.problems)})" if result.problems else ""))
    else:
        for s in result.signatures:
            print(f"Signature {s.field}: {s.signer}, signed {s.signing_time or 'at an unknown time'} ({s.level})")
            print(f"  intact: {'yes' if s.intact else 'NO'}; whole document covered: "
                  f"{'yes' if s.covers_whole_document else 'NO'}; certificate trusted: {'yes' if s.trusted else 'no'}")
            for p in s.problems:
                print(f"  - {p}")
    return 0 if result.ok else 1
