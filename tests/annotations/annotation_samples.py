"""Builders shared by the annotation tests and the timing script."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from reviewer.annotations import Annotation, Classification, Geometry, Target

CASE = "case-0001"
SLIDE = Target.slide("slide-1")
T0 = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
TUMOUR = Classification("Tumour", (200, 0, 0))


class Clock:
    """A deterministic clock: each call is one second later."""

    def __init__(self, start: datetime = T0):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def insert_case(db, case_id: str = CASE) -> None:
    db.execute("INSERT INTO cases (id, platform_case_id, patient_name, status, imported_at, source_kind) "
               "VALUES (?, ?, 'Test, Patient', 'ready', '2026-01-01T00:00:00+00:00', 'test')", [case_id, case_id])


def blob(cx: float, cy: float, r: float, n: int = 24, rng: np.random.Generator | None = None) -> np.ndarray:
    """A star-shaped (so simple) polygon of n vertices around (cx, cy); regular without ``rng``."""
    if rng is None:
        t, rad = np.linspace(0, 2 * np.pi, n, endpoint=False), np.full(n, r)
    else:
        t, rad = np.sort(rng.uniform(0, 2 * np.pi, n)), r * (0.6 + 0.4 * rng.uniform(size=n))
    return np.column_stack([cx + rad * np.cos(t), cy + rad * np.sin(t)])


def polygon(points, *, case_id: str = CASE, target: Target = SLIDE, **kw) -> Annotation:
    return Annotation.create(case_id, target, Geometry("polygon", points), now=T0, **kw)


def random_polygons(count: int, width: float = 100_000, height: float = 80_000, vertices: int = 24,
                    seed: int = 1, target: Target = SLIDE, case_id: str = CASE) -> list[Annotation]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(20, 400)
        out.append(Annotation.create(case_id, target, Geometry("polygon", blob(cx, cy, r, vertices, rng)),
                                     classification=TUMOUR, author="tester", now=T0))
    return out
