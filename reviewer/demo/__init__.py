"""Synthetic demo cases: three complete case packages (DESIGN section 4) with imaging,
a whole-slide image, records and planted inconsistencies.

    paths = write_demo_packages(out_dir, seed=20261123)

Everything is derived from the seed (no clock, no global random state), so a fixed seed
gives byte-identical packages. Patients are fictitious and obviously so.
"""
from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path

from . import case_breast, case_neuro, case_spine

DEFAULT_SEED = 20261123
_CASES = (case_breast, case_spine, case_neuro)
DEMO_CASE_IDS = tuple(c.CASE_ID for c in _CASES)

__all__ = ["DEFAULT_SEED", "DEMO_CASE_IDS", "write_demo_packages"]


def write_demo_packages(out_dir: Path, seed: int = DEFAULT_SEED, skip: Collection[str] = ()) -> list[Path]:
    """Write the three demo case package folders under out_dir; return their paths.

    Each package is built in a hidden sibling folder and renamed into place when complete,
    so an interrupted run never leaves a half-written package. Cases whose platform id is in
    ``skip`` (already in the workspace) are not generated. A previous demo package of
    the same name (a folder holding manifest.json) is replaced; any other existing
    non-empty folder of that name is left alone and FileExistsError is raised.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in _CASES:
        if case.CASE_ID in skip:
            continue
        final = out_dir / case.KEY
        if final.exists() and any(final.iterdir()) and not (final / "manifest.json").is_file():
            raise FileExistsError(f"{final} exists and is not a demo case package")
        staging = out_dir / f".{case.KEY}.partial"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir()
        built = case.build(staging, seed)
        if final.exists():
            shutil.rmtree(final)
        built.rename(final)
        shutil.rmtree(staging, ignore_errors=True)
        paths.append(final)
    return paths
