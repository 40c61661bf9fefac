"""Resumable encrypted blobs and the multipart reader: the pieces resume rests on."""
import hashlib
import os

import pytest

from reviewer.security.blobs import HEADER, TAG
from reviewer.sync.errors import ServerError
from reviewer.sync.multipart import boundary_of, iter_parts
from reviewer.sync.partial import PartialBlob, partial_ids


def test_partial_resumes_and_reads_back_like_any_blob(workspace):
    data = os.urandom(1_000_003)
    h = hashlib.sha256()
    p = PartialBlob(workspace.blobs, on_plain=h.update)
    p.write(data[:300_000])
    p.close()                                   # a run ends mid-file
    h2 = hashlib.sha256()
    q = PartialBlob(workspace.blobs, p.blob_id, on_plain=h2.update)
    cs = workspace.blobs.chunk_size
    assert q.offset == (300_000 - 1) // cs * cs         # whole chunks only
    q.write(data[q.offset:])
    blob_id = q.finish()
    assert h2.hexdigest() == hashlib.sha256(data).hexdigest()
    assert workspace.blobs.get(blob_id) == data
    assert blob_id not in partial_ids(workspace.blobs)


def test_torn_chunk_is_cut_off(workspace):
    data = os.urandom(5 * workspace.blobs.chunk_size + 10)
    p = PartialBlob(workspace.blobs)
    p.write(data)
    p.close()
    stride = workspace.blobs.chunk_size + TAG
    with open(p.path, "r+b") as f:             # a crash tore the third chunk
        f.seek(HEADER.size + 2 * stride + 100)
        f.write(b"\0" * 50)
    q = PartialBlob(workspace.blobs, p.blob_id)
    assert q.offset == 2 * workspace.blobs.chunk_size
    q.write(data[q.offset:])
    assert workspace.blobs.get(q.finish()) == data


def test_partial_never_holds_plaintext(workspace):
    marker = b"PLAINTEXT-MARKER-" * 10000
    p = PartialBlob(workspace.blobs)
    p.write(marker)
    p.close()
    assert b"PLAINTEXT-MARKER" not in p.path.read_bytes()


def _multipart(parts, boundary="b0undary"):
    out = b"preamble\r\n"
    for body in parts:
        out += f"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n".encode() + body + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


@pytest.mark.parametrize("piece", [1, 7, 64, 4096, 1 << 20])
def test_multipart_stream(piece):
    a, b = os.urandom(50_000) + b"\r\n--b0undar", os.urandom(3)
    raw = _multipart([a, b])
    chunks = [raw[i:i + piece] for i in range(0, len(raw), piece)]
    got = {}
    for part, data in iter_parts(chunks, "b0undary"):
        got[part] = got.get(part, b"") + data
    assert got == {0: a, 1: b}


def test_multipart_truncated_and_wrong_type():
    raw = _multipart([os.urandom(1000)])
    with pytest.raises(ServerError, match="ended in the middle"):
        list(iter_parts([raw[:600]], "b0undary"))
    with pytest.raises(ServerError, match="not multipart/related"):
        boundary_of("application/json")
    assert boundary_of('multipart/related; type="application/dicom"; boundary=abc') == ("abc", "application/dicom")


def test_pipeline_hands_every_byte_over_before_end_returns(workspace):
    """Hashing runs on the blob's own thread; after end() the caller's hash has seen every byte, in
    order, whatever the piece sizes."""
    data = os.urandom(3 * (1 << 20) + 12345)
    h = hashlib.sha256()
    p = PartialBlob(workspace.blobs, on_plain=h.update)
    pos, sizes = 0, [1, 65536, 7, 1 << 20, 300_000, 65536 * 3 + 5]
    while pos < len(data):
        n = sizes[pos % len(sizes)]          # an irregular mix of piece sizes
        p.write(data[pos:pos + n])
        pos += n
    assert p.received == len(data)
    p.end()
    assert h.hexdigest() == hashlib.sha256(data).hexdigest()
    assert workspace.blobs.get(p.finish()) == data


def test_pipeline_error_reaches_the_caller_and_keeps_no_plaintext(workspace):
    seen = []

    def on_plain(data):
        seen.append(len(data))
        if sum(seen) > (1 << 20):
            raise OSError(28, "No space left on device")
    marker = b"PLAINTEXT-MARKER-" * 4096
    p = PartialBlob(workspace.blobs, on_plain=on_plain)
    with pytest.raises(OSError, match="No space"):
        for _ in range(200):
            p.write(marker)
        p.end()
    p.close()                                   # quiet: the partial stays for a later resume
    assert b"PLAINTEXT-MARKER" not in p.path.read_bytes()
    q = PartialBlob(workspace.blobs, p.blob_id)
    assert q.offset % workspace.blobs.chunk_size == 0 and q.offset <= (1 << 20)
    q.discard()
    assert not p.path.exists()
