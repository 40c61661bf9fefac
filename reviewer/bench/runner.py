"""Runs the benchmark registry in a scratch folder that is removed afterwards, even on error.

The registry is built by ``default_benchmarks()`` each time (no import-time registration); later
benchmarks are added to that list.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from reviewer.bench.common import Benchmark, Row, Sizes


def default_benchmarks() -> list[Benchmark]:
    from reviewer.bench.importing import import_throughput
    from reviewer.bench.storage import encrypted_read_cold, encrypted_read_warm
    return [
        Benchmark("encrypted_read_cold", encrypted_read_cold),
        Benchmark("encrypted_read_warm", encrypted_read_warm),
        Benchmark("import_throughput", import_throughput, reports=("import_mb_per_s",)),
    ]


def run_benchmarks(only: list[str] | None = None, *, sizes: Sizes = Sizes(),
                   benchmarks: list[Benchmark] | None = None, scratch: Path | None = None) -> list[Row]:
    """Runs the selected benchmarks (name or reported row name contains one of ``only``).

    Scratch files (random bytes only) go to a temporary folder under ``scratch`` (default: the
    system temp dir, which must be on a real disk for cold reads to mean anything).
    """
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-", dir=scratch) as tmp:
        for i, b in enumerate(benchmarks if benchmarks is not None else default_benchmarks()):
            if b.selected(only):
                workdir = Path(tmp) / f"{i:02d}-{b.name}"
                workdir.mkdir()
                rows.extend(b.fn(workdir, sizes))
    return rows
