"""Runs the benchmark registry in a scratch folder that is removed afterwards, even on error.

The registry is built by ``default_benchmarks()`` each time (no import-time registration); later
benchmarks are added to that list. Benchmarks that need Qt (GUI frame times) live in ``ui/bench.py``
and are passed in by the composition root (``ui/launcher.py``) as ``extra``, since reviewer/ never
imports Qt.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Sequence

from reviewer.bench.common import Benchmark, Row, Sizes


def default_benchmarks() -> list[Benchmark]:
    from reviewer.bench.imaging import series_load_compressed, series_load_uncompressed
    from reviewer.bench.importing import import_throughput
    from reviewer.bench.pathology import slide_benchmarks
    from reviewer.bench.reports import report_rows
    from reviewer.bench.storage import encrypted_read_cold, encrypted_read_warm
    from reviewer.bench.summary import summary_rows
    from reviewer.bench.sync import case_download_vs_raw
    return [
        Benchmark("encrypted_read_cold", encrypted_read_cold),
        Benchmark("encrypted_read_warm", encrypted_read_warm),
        Benchmark("import_throughput", import_throughput, reports=("import_mb_per_s",)),
        # one synthetic CT serves six rows (writing and importing it is most of the cost)
        Benchmark("series_load_uncompressed", series_load_uncompressed,
                  reports=("series_load_uncompressed_warm", "series_load_vs_simpleitk", "first_slice",
                           "series_memory", "oblique_mpr_p95")),
        Benchmark("series_load_compressed", series_load_compressed),
        Benchmark("slide_access", slide_benchmarks,
                  reports=("slide_tile_vs_decode_floor", "slide_tile_vs_openslide", "slide_first_viewport")),
        Benchmark("case_download_vs_raw", case_download_vs_raw, reports=("case_download_mb_per_s",)),
        Benchmark("summary", summary_rows,
                  reports=("summary_fact_precision", "summary_fact_recall", "summary_flag_precision",
                           "summary_flag_recall", "summary_50_pages")),
        Benchmark("report_render_10_pages_6_images", report_rows, reports=("pades_sign",)),
    ]


def run_benchmarks(only: list[str] | None = None, *, sizes: Sizes = Sizes(),
                   benchmarks: list[Benchmark] | None = None, scratch: Path | None = None,
                   extra: Sequence[Benchmark] = ()) -> list[Row]:
    """Runs the selected benchmarks (name or reported row name contains one of ``only``).

    Scratch files (random bytes only) go to a temporary folder under ``scratch`` (default: the
    system temp dir, which must be on a real disk for cold reads to mean anything). ``extra`` is
    appended to the registry (GUI benchmarks from the composition root). A benchmark that cannot run
    here (a missing optional package, no Qt) returns no rows and says why on stderr.
    """
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-", dir=scratch) as tmp:
        registry = [*(benchmarks if benchmarks is not None else default_benchmarks()), *extra]
        for i, b in enumerate(registry):
            if b.selected(only):
                workdir = Path(tmp) / f"{i:02d}-{b.name}"
                workdir.mkdir()
                rows.extend(b.fn(workdir, sizes))
    return rows
