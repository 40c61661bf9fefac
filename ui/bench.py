"""GUI benchmarks for `reviewer bench` (DESIGN §6): they need Qt, so they live here and the composition
root (ui/launcher.py) hands them to ``reviewer.bench.run_benchmarks`` as extra entries.

Rows (value = p95 milliseconds over ``Sizes.gui_frames`` frames; the baseline is the budget itself,
so ratio = p95 / budget, target 1.0):

- ``slice_frame_p95``: one frame while scrolling a 512×512 CT stack in a SliceView: next slice, a
  window/level change (the 8-bit lookup table is rebuilt), all overlays, painted into a ~900×700
  QImage with ``widget.render(image)``. Budget 4.0 ms (four linked viewports at 60 Hz).
- ``wl_drag_p95``: one window/level drag step (``SliceViewState.drag_window``) and the repaint.
  Budget 16.7 ms (one frame at 60 Hz).

- ``oblique_mpr_vs_vtk``: p95 of our 512×512 trilinear oblique reslice (``reviewer.imaging.mpr``) /
  p95 of VTK's ``vtkImageReslice`` (C++, multithreaded) on the same volume and planes, target 1.0:
  the field's standard implementation as the same-run floor for the absolute 5 ms budget
  (``oblique_mpr_p95`` in reviewer/bench/imaging.py). It lives here because reviewer/ never imports VTK.

Qt is imported only when a benchmark runs. When we create the QApplication ourselves it uses the
``offscreen`` platform (unless QT_QPA_PLATFORM says otherwise): the frames are painted into a QImage
by Qt's raster engine either way, and the suite must run on machines without a display. If Qt cannot
start, the rows are skipped with a note on stderr.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from reviewer.bench.common import Benchmark, Row, Sizes
from reviewer.bench.imaging import INTERCEPT, ct_frames, note

FRAME_BUDGET_MS = 4.0
DRAG_BUDGET_MS = 16.7
VIEW_SIZE = (900, 700)
WARMUP = 10


def _app():
    """The running QApplication, or a new offscreen one; None (with a note) when Qt cannot start."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        note(f"GUI rows skipped: Qt is not available ({type(exc).__name__})")
        return None
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            app = QApplication(["reviewer-bench"])
        except Exception as exc:    # noqa: BLE001 - any failure to start Qt means: skip the rows
            note(f"GUI rows skipped: Qt could not start ({type(exc).__name__})")
            return None
    return app


def _p95_ms(samples: list[float]) -> float:
    return float(np.percentile(np.asarray(samples) * 1000.0, 95))


def slice_frames(workdir: Path, sizes: Sizes) -> list[Row]:
    app = _app()
    if app is None:
        return []
    from PySide6.QtGui import QImage

    from reviewer.imaging.display import Window
    from reviewer.imaging.viewstate import SliceViewState
    from viewers.dicom.slice_view import SliceView, StackInfo

    size = sizes.series_size
    slices = max(2, min(sizes.series_slices, 64))      # frames cycle through the stack
    pixels = ct_frames(slices, size, seed=2) + np.int16(INTERCEPT)     # HU, int16
    state = SliceViewState(slices, size, size, (0.703125, 0.703125), Window(40, 400), "CT")
    info = StackInfo(row_cosine=(1.0, 0.0, 0.0), column_cosine=(0.0, 1.0, 0.0),
                     top_left=["Benchmark, Synthetic", "ID BENCH0001", "1970-01-01  O"],
                     top_right=["CT CHEST", "2024-01-02 10:10", "Benchmark 2.5 mm", "Series 3"],
                     slice_lines=lambda i: [f"Position {-100.0 + 2.5 * i:.1f} mm", "Thickness 2.5 mm"])
    view = SliceView()
    try:
        view.resize(*VIEW_SIZE)
        view.show()
        app.processEvents()
        view.set_stack(pixels, state, info)
        image = QImage(VIEW_SIZE[0], VIEW_SIZE[1], QImage.Format_ARGB32_Premultiplied)

        def scroll_frame(k: int) -> None:
            state.set_index((state.index + 1) % slices)
            state.set_window(Window(40 + (k % 50), 400 + 2 * (k % 50)))
            view.render(image)

        def drag_frame(k: int) -> None:
            state.drag_window(3.0 if (k // 20) % 2 == 0 else -3.0, 1.0 if (k // 20) % 2 == 0 else -1.0)
            view.render(image)

        rows = []
        for name, frame, budget in (("slice_frame_p95", scroll_frame, FRAME_BUDGET_MS),
                                    ("wl_drag_p95", drag_frame, DRAG_BUDGET_MS)):
            for k in range(WARMUP):
                frame(k)
            times = []
            for k in range(sizes.gui_frames):
                t0 = time.perf_counter()
                frame(k)
                times.append(time.perf_counter() - t0)
            app.processEvents()     # the update() requests the state changes queued
            rows.append(Row.measured(name, _p95_ms(times), budget, "ms", 1.0))
        return rows
    finally:
        view.close()
        view.deleteLater()
        app.processEvents()


def oblique_vs_vtk(workdir: Path, sizes: Sizes) -> list[Row]:
    try:
        import vtk
        from vtk.util import numpy_support
    except ImportError as exc:
        note(f"oblique_mpr_vs_vtk skipped: VTK is not available ({type(exc).__name__})")
        return []
    from reviewer.imaging.mpr import Plane, Reslicer, rotation
    size = sizes.series_size
    slices = max(8, sizes.series_slices)
    volume = ct_frames(slices, size, seed=3) + np.int16(INTERCEPT)
    spacing = (0.703125, 0.703125, 2.5)
    affine = np.diag([*spacing, 1.0])
    image = vtk.vtkImageData()
    image.SetDimensions(size, size, slices)
    image.SetSpacing(*spacing)
    image.GetPointData().SetScalars(numpy_support.numpy_to_vtk(volume.reshape(-1), deep=False,
                                                               array_type=vtk.VTK_SHORT))
    vtk_reslice = vtk.vtkImageReslice()
    vtk_reslice.SetInputData(image)
    vtk_reslice.SetInterpolationModeToLinear()
    vtk_reslice.SetOutputDimensionality(2)
    vtk_reslice.SetOutputScalarType(vtk.VTK_FLOAT)
    vtk_reslice.SetOutputExtent(0, 511, 0, 511, 0, 0)
    vtk_reslice.SetOutputSpacing(spacing[0], spacing[0], 1.0)
    vtk_reslice.SetOutputOrigin(-255.5 * spacing[0], -255.5 * spacing[0], 0.0)
    frames = max(10, sizes.gui_frames // 2)
    ours, theirs = [], []
    with Reslicer(volume, affine) as rs:
        centre = rs.centre()
        for k in range(WARMUP + frames):
            turn = rotation((0.0, 1.0, 0.0), np.radians(k % 30)) @ rotation((0.0, 0.0, 1.0), np.radians(20.0)) \
                @ rotation((1.0, 0.0, 0.0), np.radians(15.0))
            plane = Plane.make(centre, turn[:, 0], turn[:, 1])
            axes = vtk.vtkMatrix4x4()
            for r in range(3):
                for c in range(3):
                    axes.SetElement(r, c, float(turn[r, c]))
                axes.SetElement(r, 3, float(centre[r]))
            vtk_reslice.SetResliceAxes(axes)
            t0 = time.perf_counter()
            rs.oblique(plane, (512, 512), spacing[0])
            t1 = time.perf_counter()
            vtk_reslice.Update()
            t2 = time.perf_counter()
            if k >= WARMUP:
                ours.append(t1 - t0)
                theirs.append(t2 - t1)
    return [Row.measured("oblique_mpr_vs_vtk", _p95_ms(ours), _p95_ms(theirs), "ms", 1.0)]


def gui_benchmarks() -> list[Benchmark]:
    return [Benchmark("slice_frame_p95", slice_frames, reports=("wl_drag_p95",)),
            Benchmark("oblique_mpr_vs_vtk", oblique_vs_vtk)]
