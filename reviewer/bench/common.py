"""What every benchmark shares: the result row, the registry entry, sizes, and timing helpers.

DESIGN §6: absolute times on shared machines are noise, so each row carries a baseline measured in
the same run and is judged on the ratio.
"""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

MiB = 1 << 20


@dataclass(frozen=True)
class Row:
    """One result. ``ratio`` is value/baseline; ``ok`` is ratio <= target, None when informational."""
    name: str
    value: float
    unit: str
    baseline: float
    ratio: float
    target: float | None
    ok: bool | None

    @classmethod
    def measured(cls, name: str, value: float, baseline: float, unit: str, target: float | None) -> "Row":
        ratio = value / baseline if baseline > 0 else float("inf")
        return cls(name, value, unit, baseline, ratio, target, None if target is None else ratio <= target)

    def as_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "unit": self.unit, "baseline": self.baseline,
                "ratio": self.ratio, "target": self.target, "ok": self.ok}


@dataclass(frozen=True)
class Sizes:
    """How much work each benchmark does; tests shrink these, the defaults are the real suite."""
    read_bytes: int = 256 * MiB
    read_block: int = 8 * MiB
    read_repeats: int = 7
    import_bytes: int = 200 * MiB
    import_files: int = 8
    import_repeats: int = 3
    series_slices: int = 200        # synthetic CT for the series-load rows (bench/imaging.py)
    series_size: int = 512
    series_repeats: int = 5
    gui_frames: int = 200           # painted frames per GUI row (ui/bench.py)
    slide_width: int = 100_000      # synthetic pyramidal slide for the slide rows (bench/pathology.py)
    slide_height: int = 80_000
    slide_tiles: int = 200          # tiles / regions read per timed run
    slide_repeats: int = 5


@dataclass(frozen=True)
class Benchmark:
    """A registry entry: ``fn(workdir, sizes)`` returns the rows named in ``reports``."""
    name: str
    fn: Callable[[Path, Sizes], list[Row]]
    reports: tuple[str, ...] = field(default=())

    def selected(self, only: list[str] | None) -> bool:
        names = (self.name, *self.reports)
        return not only or any(o in n for o in only for n in names)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def drop_cache(path: Path) -> None:
    """Evicts the file from the page cache (no root needed): its next read comes from the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)                    # dirty pages cannot be dropped
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def random_pieces(total: int, piece: int = 8 * MiB):
    """Random bytes in pieces, so large test files never sit in memory whole (no patient data)."""
    done = 0
    while done < total:
        n = min(piece, total - done)
        yield os.urandom(n)
        done += n
