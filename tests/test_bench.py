"""`reviewer bench`: row schema, ratio semantics, selection, clean-up and the --json interface.

Runs on tiny sizes; never asserts timing budgets (those are for the real machine, DESIGN §6).
"""
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.bench import Benchmark, Row, Sizes, default_benchmarks, run_benchmarks

TINY = Sizes(read_bytes=3 << 20, read_block=1 << 20, read_repeats=2,
             import_bytes=3 << 20, import_files=3, import_repeats=1,
             series_slices=4, series_size=64, series_repeats=1, gui_frames=3,
             slide_width=5000, slide_height=4000, slide_tiles=6, slide_repeats=1)
SERIES_ROWS = ["series_load_uncompressed", "series_load_uncompressed_warm", "series_load_vs_simpleitk",
               "first_slice", "series_memory", "oblique_mpr_p95", "series_load_compressed"]
SLIDE_ROWS = ["slide_tile_vs_decode_floor", "slide_tile_vs_openslide", "slide_first_viewport"]
SUMMARY_ROWS = ["summary_fact_precision", "summary_fact_recall", "summary_flag_precision", "summary_flag_recall",
                "summary_50_pages"]
FIELDS = ["name", "value", "unit", "baseline", "ratio", "target", "ok"]
ROOT = Path(__file__).resolve().parents[1]


def _check_row(d: dict) -> None:
    assert list(d) == FIELDS
    assert isinstance(d["name"], str) and isinstance(d["unit"], str)
    assert d["value"] > 0 and d["baseline"] > 0
    assert math.isclose(d["ratio"], d["value"] / d["baseline"], rel_tol=1e-9)
    if d["target"] is None:
        assert d["ok"] is None
    else:
        assert d["ok"] is (d["ratio"] <= d["target"])


def test_suite_runs_on_small_sizes_and_cleans_up(tmp_path):
    rows = run_benchmarks(sizes=TINY, scratch=tmp_path)
    assert [r.name for r in rows] == ["encrypted_read_cold", "encrypted_read_warm",
                                      "import_throughput", "import_mb_per_s", *SERIES_ROWS, *SLIDE_ROWS,
                                      "case_download_vs_raw", "case_download_mb_per_s", *SUMMARY_ROWS,
                                      "report_render_10_pages_6_images", "pades_sign"]
    by = {r.name: r for r in rows}
    assert (by["encrypted_read_cold"].unit, by["encrypted_read_cold"].target) == ("s", 1.3)
    assert by["encrypted_read_warm"].target is None
    assert (by["import_throughput"].unit, by["import_throughput"].target) == ("s", 2.0)
    assert (by["import_mb_per_s"].unit, by["import_mb_per_s"].target) == ("MB/s", None)
    assert {n: (by[n].unit, by[n].target) for n in SERIES_ROWS} == {
        "series_load_uncompressed": ("s", 2.0),        # time ratio: >= 50% of raw read throughput
        "series_load_uncompressed_warm": ("s", None),
        "series_load_vs_simpleitk": ("s", 1.0),
        "first_slice": ("s", 0.10),
        "series_memory": ("MiB", 1.3),
        "oblique_mpr_p95": ("ms", 1.0),                # baseline: the 5 ms budget
        "series_load_compressed": ("s", 1.25),         # time ratio: >= 80% of imagecodecs' throughput
    }
    assert by["first_slice"].baseline == by["series_load_uncompressed"].value
    assert by["oblique_mpr_p95"].baseline == 5.0
    assert by["series_memory"].baseline == pytest.approx(4 * 64 * 64 * 2 / (1 << 20))   # int16 HU voxels
    for d in json.loads(json.dumps([r.as_dict() for r in rows])):
        _check_row(d)
    assert list(tmp_path.iterdir()) == []


def test_row_semantics():
    assert Row.measured("x", 1.2, 1.0, "s", 1.3).ok is True
    assert Row.measured("x", 1.4, 1.0, "s", 1.3).ok is False
    info = Row.measured("x", 3.0, 2.0, "s", None)
    assert (info.ratio, info.ok) == (1.5, None)


def test_only_selects_by_benchmark_or_row_name(tmp_path):
    names = lambda only: [b.name for b in default_benchmarks() if b.selected(only)]  # noqa: E731
    assert names(["encrypted_read_warm"]) == ["encrypted_read_warm"]
    assert names(["warm"]) == ["encrypted_read_warm", "series_load_uncompressed"]
    assert names(["import_mb_per_s"]) == ["import_throughput"]
    assert names(["first_slice"]) == names(["simpleitk"]) == ["series_load_uncompressed"]
    assert names(["compressed"]) == ["series_load_uncompressed", "series_load_compressed"]
    assert names([]) == names(None) == [b.name for b in default_benchmarks()]
    assert [r.name for r in run_benchmarks(["encrypted_read_warm"], sizes=TINY, scratch=tmp_path)] == \
        ["encrypted_read_warm"]


def test_series_rows_without_simpleitk_skip_that_row_with_a_note(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "SimpleITK", None)        # import fails as if not installed
    rows = run_benchmarks(["first_slice"], sizes=TINY, scratch=tmp_path)
    assert [r.name for r in rows] == ["series_load_uncompressed", "series_load_uncompressed_warm", "first_slice",
                                      "series_memory", "oblique_mpr_p95"]
    assert "series_load_vs_simpleitk skipped: SimpleITK is not installed" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_extra_benchmarks_run_after_the_registry(tmp_path):
    extra = Benchmark("extra_row", lambda workdir, sizes: [Row.measured("extra_row", 2.0, 4.0, "ms", 1.0)])
    rows = run_benchmarks(["encrypted_read_warm", "extra"], sizes=TINY, scratch=tmp_path, extra=[extra])
    assert [r.name for r in rows] == ["encrypted_read_warm", "extra_row"]
    assert [r.name for r in run_benchmarks(sizes=TINY, scratch=tmp_path, benchmarks=[], extra=[extra])] == \
        ["extra_row"]


def test_scratch_is_removed_when_a_benchmark_fails(tmp_path):
    def broken(workdir, sizes):
        (workdir / "partial.bin").write_bytes(os.urandom(1024))
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError, match="boom"):
        run_benchmarks(sizes=TINY, scratch=tmp_path, benchmarks=[Benchmark("broken", broken)])
    assert list(tmp_path.iterdir()) == []


def test_cli_json_output(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "bench", "--json", "--only", "encrypted_read_warm"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [d["name"] for d in rows] == ["encrypted_read_warm"]
    _check_row(rows[0])
    assert list(tmp_path.iterdir()) == []
