"""Loading series from the encrypted workspace: same voxels as from disk, progressive, nothing written."""
from __future__ import annotations

import builtins
import os

import imagecodecs
import numpy as np
import pytest
from pydicom.encaps import encapsulate
from pydicom.uid import generate_uid

from synthetic import image_dataset, save, write_ct_series

from reviewer.errors import ReviewerError
from reviewer.imaging.volume import load_files, load_volume
from reviewer.packages.importer import import_path


def _only_series(ws):
    [case] = ws.cases.list()
    [series] = ws.cases.get(case.id).series
    return series


@pytest.fixture
def ct(tmp_path):
    return write_ct_series(tmp_path / "ct", slices=20, size=64, shuffle=True, seed=5)


def test_store_load_equals_disk_load(workspace, ct):
    files, hu = ct
    import_path(workspace, files[0].parent)
    series = _only_series(workspace)
    vol = load_volume(series, workspace.blobs)
    disk = load_files(files)
    assert np.array_equal(vol.array, hu.astype(np.int16)) and np.array_equal(vol.array, disk.array)
    assert vol.geometry == disk.geometry and vol.is_volume and not vol.errors


def test_store_load_writes_nothing(workspace, ct, monkeypatch):
    files, _ = ct
    import_path(workspace, files[0].parent)
    series = _only_series(workspace)
    writes = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *a, **kw):
        if any(c in mode for c in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *a, **kw)

    def spy_os_open(path, flags, *a, **kw):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(str(path))
        return real_os_open(path, flags, *a, **kw)

    before = sorted((p, p.stat().st_size) for p in workspace.root.rglob("*") if p.is_file())
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    load_volume(series, workspace.blobs)
    monkeypatch.undo()
    assert writes == []
    assert sorted((p, p.stat().st_size) for p in workspace.root.rglob("*") if p.is_file()) == before


def test_first_slice_arrives_before_most_files_are_opened(workspace, ct, monkeypatch):
    files, _ = ct
    import_path(workspace, files[0].parent)
    series = _only_series(workspace)
    events = []
    real = workspace.blobs.open
    monkeypatch.setattr(workspace.blobs, "open", lambda blob_id: (events.append("open"), real(blob_id))[1])
    vol = load_volume(series, workspace.blobs, on_slice=lambda i, done, total, img: events.append(("slice", i)))
    first = next(n for n, e in enumerate(events) if e != "open")
    assert events[:first].count("open") <= 3                  # first, last (direction), then the slice itself
    assert sorted(e[1] for e in events if e != "open") == list(range(20))
    assert vol.array.shape == (20, 64, 64)


def test_compressed_series_from_store(workspace, tmp_path):
    uid = generate_uid()
    rng = np.random.default_rng(0)
    expected = []
    for k in range(6):
        px = rng.integers(0, 4096, (1, 48, 48)).astype(np.uint16)
        ds = image_dataset(px, syntax="1.2.840.10008.1.2.4.90", bits_stored=12, series_uid=uid,
                           position=(0.0, 0.0, float(5 - k)), RescaleSlope="1", RescaleIntercept="-1024")
        ds.PixelData = encapsulate([imagecodecs.jpeg2k_encode(px[0], level=0, codecformat="j2k", reversible=True)])
        ds.InstanceNumber = str(k + 1)
        save(ds, tmp_path / "j2k" / f"{k}.dcm")
        expected.append(px[0].astype(np.int16) - 1024)
    import_path(workspace, tmp_path / "j2k")
    vol = load_volume(_only_series(workspace), workspace.blobs)
    assert np.array_equal(vol.array, np.stack(expected[::-1]))


def test_locked_workspace_gives_a_plain_error(workspace, ct):
    files, _ = ct
    import_path(workspace, files[0].parent)
    series = _only_series(workspace)
    workspace.blobs.lock()
    with pytest.raises(ReviewerError, match="locked"):
        load_volume(series, workspace.blobs)
