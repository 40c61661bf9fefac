import os
import shutil

import pytest

from reviewer.errors import IntegrityError
from reviewer.security.blobs import HEADER, TAG, BlobStore


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs", os.urandom(32), chunk_size=4096)


def test_round_trip_and_random_access(blobs):
    data = os.urandom(4096 * 10 + 123)
    blob_id = blobs.put(data)
    assert blobs.get(blob_id) == data
    with blobs.open(blob_id) as r:
        for off, n in [(0, 1), (4095, 2), (5000, 9000), (len(data) - 5, 100), (len(data), 10)]:
            assert r.pread(n, off) == data[off:off + n]
        r.seek(4100)
        assert r.read(10) == data[4100:4110]


def test_empty_and_exact_chunk_blobs(blobs):
    for data in (b"", os.urandom(4096), os.urandom(8192)):
        assert blobs.get(blobs.put(data)) == data


def test_no_plaintext_on_disk(blobs):
    marker = b"CANARY-PLAINTEXT-" * 100
    blob_id = blobs.put(marker)
    assert b"CANARY" not in blobs.path(blob_id).read_bytes()


def _flip(path, offset):
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("offset", [HEADER.size + 10, HEADER.size + 4096 + TAG + 7, -1])
def test_flipped_byte_is_detected_and_nothing_returned(blobs, offset):
    blob_id = blobs.put(os.urandom(3 * 4096))
    path = blobs.path(blob_id)
    _flip(path, offset if offset >= 0 else path.stat().st_size - 1)
    with pytest.raises(IntegrityError, match="integrity check"):
        blobs.get(blob_id)


def test_truncation_at_chunk_boundary_is_detected(blobs):
    blob_id = blobs.put(os.urandom(3 * 4096 + 10))
    path = blobs.path(blob_id)
    raw = path.read_bytes()
    path.write_bytes(raw[:HEADER.size + 2 * (4096 + TAG)])
    with pytest.raises(IntegrityError):
        blobs.get(blob_id)


def test_reordered_chunks_are_detected(blobs):
    blob_id = blobs.put(os.urandom(3 * 4096))
    path = blobs.path(blob_id)
    raw = path.read_bytes()
    s = 4096 + TAG
    h, c = raw[:HEADER.size], raw[HEADER.size:]
    path.write_bytes(h + c[s:2 * s] + c[:s] + c[2 * s:])
    with pytest.raises(IntegrityError):
        blobs.get(blob_id)


def test_chunks_swapped_between_blobs_are_detected(blobs):
    a, b = blobs.put(os.urandom(2 * 4096)), blobs.put(os.urandom(2 * 4096))
    pa, pb = blobs.path(a), blobs.path(b)
    ra, rb = pa.read_bytes(), pb.read_bytes()
    s = 4096 + TAG
    pa.write_bytes(ra[:HEADER.size] + rb[HEADER.size:HEADER.size + s] + ra[HEADER.size + s:])
    with pytest.raises(IntegrityError):
        blobs.get(a)


def test_whole_blob_moved_to_another_id_is_detected(blobs):
    a, b = blobs.put(b"a" * 100), blobs.put(b"b" * 100)
    shutil.copy(blobs.path(a), blobs.path(b))
    with pytest.raises(IntegrityError, match="does not belong"):
        blobs.get(b)


def test_wrong_key_reads_nothing(tmp_path):
    store = BlobStore(tmp_path / "b", os.urandom(32))
    blob_id = store.put(b"secret" * 1000)
    with pytest.raises(IntegrityError):
        BlobStore(tmp_path / "b", os.urandom(32)).get(blob_id)


def test_interrupted_write_leaves_no_blob(blobs):
    with pytest.raises(RuntimeError):
        with blobs.writer() as w:
            w.write(os.urandom(10000))
            raise RuntimeError("killed")
    assert blobs.ids() == set()
    assert list((blobs.root / "tmp").iterdir()) == []


def test_readinto_at_matches_plain_reads(blobs):
    import random
    data = os.urandom(4096 * 7 + 1234)
    blob_id = blobs.put(data)
    rng = random.Random(7)
    cases = [(0, len(data)), (0, 4096), (4096, 8192), (10, 5), (4095, 4098), (len(data) - 3, 10), (len(data), 5)]
    cases += [(rng.randrange(len(data)), rng.randrange(1, 20000)) for _ in range(200)]
    with blobs.open(blob_id) as r:
        for off, n in cases:
            buf = bytearray(n)
            got = r.readinto_at(off, buf)
            assert got == len(data[off:off + n]) and bytes(buf[:got]) == data[off:off + n]


def test_readinto_at_detects_tampering(blobs):
    blob_id = blobs.put(os.urandom(4096 * 3))
    _flip(blobs.path(blob_id), HEADER.size + 4096 + TAG + 5)
    with blobs.open(blob_id) as r, pytest.raises(IntegrityError):
        r.readinto_at(0, bytearray(4096 * 3))


def test_pread_from_many_threads_returns_the_right_bytes(tmp_path):
    """Slide tiles are read by a worker pool sharing one reader: no thread may see another's chunk."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from reviewer.security.blobs import BlobStore
    store = BlobStore(tmp_path / "blobs", os.urandom(32), chunk_size=4096)
    data = os.urandom(4096 * 64)
    blob_id = store.put(data)
    reader = store.open(blob_id)
    offsets = [(i * 977) % (len(data) - 100) for i in range(4000)]

    def check(offset):
        return reader.pread(100, offset) == data[offset:offset + 100]
    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(check, offsets))
