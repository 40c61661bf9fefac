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
             import_bytes=3 << 20, import_files=3, import_repeats=1)
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
                                      "import_throughput", "import_mb_per_s"]
    by = {r.name: r for r in rows}
    assert (by["encrypted_read_cold"].unit, by["encrypted_read_cold"].target) == ("s", 1.3)
    assert by["encrypted_read_warm"].target is None
    assert (by["import_throughput"].unit, by["import_throughput"].target) == ("s", 2.0)
    assert (by["import_mb_per_s"].unit, by["import_mb_per_s"].target) == ("MB/s", None)
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
    assert names(["warm"]) == ["encrypted_read_warm"]
    assert names(["import_mb_per_s"]) == ["import_throughput"]
    assert names([]) == names(None) == [b.name for b in default_benchmarks()]
    assert [r.name for r in run_benchmarks(["warm"], sizes=TINY, scratch=tmp_path)] == ["encrypted_read_warm"]


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
