"""Timing of the annotation model at slide scale (not a test; prints wall times).

Run: .venv/bin/python tests/annotations/time_annotations.py [--count 10000] [--vertices 24]
Builds COUNT random polygons over a 100,000 x 80,000 slide, saves them into a temporary encrypted
workspace, reopens it, and times: loading the case, saving one change, query_rect of a 1600 x 1000
viewport at several downsamples (with the level-of-detail outlines a viewer would draw), and
simplifying every polygon at a coarse tolerance.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotation_samples import CASE, SLIDE, insert_case, random_polygons  # noqa: E402
from support import FAST_KDF, PASSPHRASE  # noqa: E402

from reviewer.annotations import AnnotationHierarchy, AnnotationStore  # noqa: E402
from reviewer.annotations.simplify import LevelOfDetail  # noqa: E402
from reviewer.workspace import Workspace  # noqa: E402

W, H = 100_000, 80_000
VIEW = (1600, 1000)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def pct(values, q) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--vertices", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    items = random_polygons(args.count, W, H, args.vertices, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
        insert_case(ws.db)
        t0 = time.perf_counter()
        AnnotationHierarchy.load(CASE, AnnotationStore(ws.db, ws.audit)).add_many(items)
        print(f"import {args.count} x {args.vertices}-vertex polygons (one change, audited): "
              f"{ms(time.perf_counter() - t0)}")
        ws.close()

        ws = Workspace.open(root, PASSPHRASE)
        store = AnnotationStore(ws.db, ws.audit)
        loads, rows = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            loaded = store.load(CASE)
            t1 = time.perf_counter()
            h = AnnotationHierarchy(CASE, loaded, sink=store)
            t2 = time.perf_counter()
            rows.append(t1 - t0)
            loads.append(t2 - t0)
        print(f"load case (reopened workspace), best of {args.repeat}: {ms(min(loads))} "
              f"(database + parse {ms(min(rows))}, indexing {ms(min(loads) - min(rows))}); budget 1000 ms")

        ids = [a.id for a in h]
        saves = []
        for i in range(50):
            t0 = time.perf_counter()
            h.translate(ids[i * 97 % len(ids)], 1.0, 0.0)
            saves.append(time.perf_counter() - t0)
        print(f"save one change (move, synchronous=FULL): p50 {ms(pct(saves, 50))}  p95 {ms(pct(saves, 95))}")

        rng = np.random.default_rng(0)
        print(f"query_rect of a {VIEW[0]}x{VIEW[1]} viewport + level-of-detail outlines "
              f"(tolerance = downsample):")
        for downsample in (1, 4, 16, 64, 100):
            vw, vh = VIEW[0] * downsample, VIEW[1] * downsample
            q_times, lod_cold, lod_warm, found = [], [], [], []
            for _ in range(200):
                x0, y0 = rng.uniform(-vw / 2, W - vw / 2), rng.uniform(-vh / 2, H - vh / 2)
                t0 = time.perf_counter()
                hits = h.query_rect(SLIDE, x0, y0, x0 + vw, y0 + vh)
                t1 = time.perf_counter()
                q_times.append(t1 - t0)
                found.append(len(hits))
            # level of detail for the last viewport: first draw (cold cache), then a redraw
            t0 = time.perf_counter()
            h.simplified_many(hits, downsample)
            lod_cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            h.simplified_many(hits, downsample)
            lod_warm.append(time.perf_counter() - t0)
            print(f"  downsample {downsample:4d}: {statistics.mean(found):8.0f} annotations in view; query "
                  f"p50 {ms(pct(q_times, 50))} p95 {ms(pct(q_times, 95))}; outlines for {len(hits)}: "
                  f"first {ms(lod_cold[0])}, cached {ms(lod_warm[0])}")

        for tol in (8, 32, 128):
            lod = LevelOfDetail()
            t0 = time.perf_counter()
            rings = lod.simplified_many(loaded, tol)
            elapsed = time.perf_counter() - t0
            kept = sum(len(r[0]) for r in rings) / len(rings)
            print(f"simplify all {len(loaded)} at tolerance {tol:3d} px: {ms(elapsed)} "
                  f"(mean vertices {args.vertices} -> {kept:.1f})")
        ws.close()


if __name__ == "__main__":
    main()
