"""Key images: encrypted PNG + row, listed per case, audited, swept with nothing left behind."""
import zlib
import struct

import pytest

from casepackages import build_package
from reviewer.keyimages import KeyImageError, png_size
from reviewer.packages import import_path


def tiny_png(width=3, height=2) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def case_id(workspace, tmp_path):
    return import_path(workspace, build_package(tmp_path / "pkg", dicom_from=None)).case_id


def test_capture_list_read_caption_remove(workspace, case_id):
    png = tiny_png(5, 4)
    ki = workspace.key_images.add(case_id, png, source="series", target_key="series:1.2.3#0",
                                  caption="Left breast lesion, 21 mm", pixel_spacing_mm=0.7,
                                  details={"slice": 42, "window": [40, 400]})
    assert (ki.width, ki.height) == (5, 4)
    [listed] = workspace.key_images.list(case_id)
    assert listed == ki
    assert workspace.key_images.png(ki.id) == png
    workspace.key_images.set_caption(ki.id, "Revised caption")
    assert workspace.key_images.get(ki.id).caption == "Revised caption"
    actions = [e["action"] for e in workspace.audit.entries()]
    assert "keyimage.capture" in actions
    assert all("Left breast" not in str(e) for e in workspace.audit.entries())
    workspace.key_images.remove(ki.id)
    assert workspace.key_images.list(case_id) == []
    with pytest.raises(KeyImageError):
        workspace.key_images.png(ki.id)


def test_the_png_is_encrypted_on_disk(workspace, case_id):
    png = tiny_png(7, 7)
    workspace.key_images.add(case_id, png, source="slide", target_key="slide:abc")
    for f in (workspace.root / "blobs").rglob("*"):
        if f.is_file():
            assert b"IHDR" not in f.read_bytes()


def test_key_image_blobs_survive_the_orphan_sweep(workspace, case_id):
    ki = workspace.key_images.add(case_id, tiny_png(), source="series", target_key="series:x#0")
    with workspace.write_lock():
        workspace.collect_orphans()
    assert workspace.key_images.png(ki.id).startswith(b"\x89PNG")


@pytest.mark.parametrize("data", [b"", b"GIF89a" + b"\x00" * 30, tiny_png()[:20]])
def test_not_a_png_is_refused(data):
    with pytest.raises(KeyImageError):
        png_size(data)


def test_unknown_case_or_source_is_refused(workspace, case_id):
    with pytest.raises(KeyImageError, match="No case"):
        workspace.key_images.add("nope", tiny_png(), source="series", target_key="k")
    with pytest.raises(KeyImageError, match="source"):
        workspace.key_images.add(case_id, tiny_png(), source="video", target_key="k")
