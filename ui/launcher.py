"""Console-script entry: headless subcommands go to `reviewer.cli`; no subcommand opens the window."""
from __future__ import annotations

import sys

from reviewer import cli


def main(argv: list[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.command == "bench":
        from ui.bench import gui_benchmarks     # Qt itself is imported only when those rows run
        return cli.run(args, extra_benchmarks=gui_benchmarks())
    if args.command is not None:
        return cli.run(args)
    from ui.app import main as gui_main   # Qt is imported only when the window is wanted
    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
