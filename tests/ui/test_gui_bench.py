"""GUI rows of `reviewer bench` (ui/bench.py): names, schema, registration through the launcher, and
skipping without Qt. Tiny sizes; never asserts timing budgets (DESIGN §6)."""
import json
import math
import sys

from reviewer.bench import Sizes, run_benchmarks
from ui import launcher
from ui.bench import gui_benchmarks

TINY = Sizes(series_slices=3, series_size=64, gui_frames=3, slide_width=2048, slide_height=1536, slide_tiles=4)


def _check(rows):
    assert [r.name for r in rows] == ["slice_frame_p95", "wl_drag_p95", "case_switch_p95", "oblique_mpr_vs_vtk",
                                      "slide_pan_fov_p95", "slide_annotations_frame_p95", "slide_annotations_load"]
    by = {r.name: r for r in rows}
    assert {n: (r.unit, r.baseline, r.target) for n, r in by.items() if n != "oblique_mpr_vs_vtk"} == {
        "slice_frame_p95": ("ms", 4.0, 1.0), "wl_drag_p95": ("ms", 16.7, 1.0), "case_switch_p95": ("ms", 100.0, 1.0),
        "slide_pan_fov_p95": ("ms", 50.0, 1.0), "slide_annotations_frame_p95": ("ms", 33.0, 1.0),
        "slide_annotations_load": ("s", 1.0, 1.0)}
    assert (by["oblique_mpr_vs_vtk"].unit, by["oblique_mpr_vs_vtk"].target) == ("ms", 1.0)
    for r in rows:
        assert r.value > 0 and math.isclose(r.ratio, r.value / r.baseline) and r.ok is (r.ratio <= r.target)


def test_gui_rows_on_small_sizes(qtbot, tmp_path):
    _check(run_benchmarks(sizes=TINY, scratch=tmp_path, benchmarks=[], extra=gui_benchmarks()))
    assert list(tmp_path.iterdir()) == []


def test_launcher_passes_the_gui_rows_to_bench(qtbot, monkeypatch, capsys):
    import reviewer.bench.runner as runner
    real = runner.run_benchmarks
    monkeypatch.setattr("reviewer.bench.run_benchmarks",
                        lambda only, extra=(), **kw: real(only, extra=extra, sizes=TINY, **kw))
    assert launcher.main(["bench", "--json", "--only", "wl_drag"]) in (0, 1)     # 1: a budget is over
    rows = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in rows] == ["slice_frame_p95", "wl_drag_p95"]


def test_gui_rows_are_skipped_with_a_note_without_qt(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "PySide6.QtWidgets", None)     # `from PySide6.QtWidgets import …` fails
    rows = run_benchmarks(sizes=TINY, scratch=tmp_path, benchmarks=[], extra=gui_benchmarks())
    assert [r.name for r in rows] == ["oblique_mpr_vs_vtk"]          # VTK's row needs no Qt
    assert "GUI rows skipped: Qt is not available" in capsys.readouterr().err
