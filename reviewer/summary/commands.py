"""`reviewer summary CASE|PACKAGE [--json]` (DESIGN §5): the structured summary of a case in the
workspace (audited) or of a case package folder on disk (no workspace needed)."""
from __future__ import annotations

import json
from pathlib import Path
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


def register(subparsers) -> None:
    p = subparsers.add_parser("summary", help="structured summary of a case or package: facts with sources, flags")
    p.add_argument("target", help="a case id in the workspace, or a case package folder")
    p.add_argument("--json", action="store_true", help="machine-readable output (schema in the README)")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages")
    p.set_defaults(handler=cmd_summary)


def _print_text(summary, skipped) -> None:
    print("Machine-prepared summary: verify every fact against its source.")
    if summary.flags:
        print(f"\nFlags ({len(summary.flags)}):")
        for f in summary.as_dict()["flags"]:
            print(f"  [{f['severity']}] {f['kind']}: {f['message']}")
    else:
        print("\nNo inconsistencies found.")
    kinds: dict[str, list] = {}
    for fact in summary.facts:
        if fact.kind not in ("section", "date", "document"):
            kinds.setdefault(fact.kind, []).append(fact)
    print(f"\nFacts ({len(summary.facts)}):")
    for kind, facts in sorted(kinds.items()):
        print(f"  {kind}:")
        for fact in facts:
            where = fact.source.document.rsplit("/", 1)[-1]
            loc = f" p{fact.source.page}" if fact.source.page else ""
            ctx = [k for k, v in fact.context.as_dict().items() if v]
            print(f"    {fact.normalized:<40} {where}{loc}" + (f"  ({', '.join(ctx)})" if ctx else ""))
    if summary.timeline:
        print("\nTimeline:")
        for e in summary.timeline:
            print(f"  {e.date}  {e.label}  ({e.document.rsplit('/', 1)[-1]})")
    for s in skipped:
        print(f"\nNot read: {s.document}: {s.reason}")


def cmd_summary(args) -> int:
    from reviewer.errors import ReviewerError
    from reviewer.summary.engine import WorkspaceCase, summarise_detailed
    path = Path(args.target)
    if path.is_dir():
        result = summarise_detailed(path, use_ocr=not args.no_ocr)
    elif path.suffix.lower() == ".zip" or "/" in args.target:
        raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "{target}: not a case package folder "
                                                                    "(unzip a package first)"), target=args.target))
    else:
        from reviewer.cli import open_workspace
        ws = open_workspace(args)
        try:
            result = summarise_detailed(WorkspaceCase(ws, args.target), use_ocr=not args.no_ocr)
        finally:
            ws.close()
    if args.json:
        d = result.summary.as_dict()
        d["skipped"] = [{"document": s.document, "reason": s.reason} for s in result.skipped]
        print(json.dumps(d, indent=2, ensure_ascii=False))
    else:
        _print_text(result.summary, result.skipped)
    return 0
