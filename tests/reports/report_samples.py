"""Small inputs for the report tests: a PNG, a case with accented Latin and Japanese names (a module of
its own: test modules of several folders cannot share a `conftest` import)."""
import io
import struct
import zlib
from datetime import datetime, timezone

from reviewer.model import CaseDetail, CaseSummary, Patient


def make_png(width=64, height=48, colour_type=2, seed=1) -> bytes:
    """A small synthetic PNG (grey, RGB or RGBA) without Pillow."""
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    rows = []
    for y in range(height):
        rows.append(b"\x00" + bytes(((x * 7 + y * 3 + seed * 31 + c * 50) % 256)
                                    for x in range(width) for c in range(channels)))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


def synthetic_case(name="Nagy, Zsófia 山田 花子", questions=("Is the cancer only in one place?",)) -> CaseDetail:
    return CaseDetail(CaseSummary("3f2a9c1e0b7d4e55", "SO-2026-00042", Patient(name, "1974-03-09", "female", "MRN-77120"),
                                  "radiology", "", "urgent", None, "ready", datetime.now(timezone.utc)),
                      questions=tuple(questions), first_opinion=("Invasive ductal carcinoma, left breast.",))
