"""Transfer syntaxes: how a file's dataset and pixel data are encoded.

Why a table: decoding is chosen by transfer syntax alone; an unknown or unsupported syntax must
give a plain reason instead of a failed guess.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TransferSyntax:
    uid: str
    name: str
    little_endian: bool = True
    explicit_vr: bool = True
    deflated: bool = False          # the whole dataset after the file meta is deflated
    codec: str | None = None        # None: native pixels; else the frame codec (see decode.py)

    @property
    def encapsulated(self) -> bool:
        return self.codec is not None


IMPLICIT_LE = TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", explicit_vr=False)
EXPLICIT_LE = TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian")
EXPLICIT_BE = TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", little_endian=False)

_ALL = [
    IMPLICIT_LE,
    EXPLICIT_LE,
    EXPLICIT_BE,
    TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated=True),
    TransferSyntax("1.2.840.10008.1.2.4.50", "JPEG Baseline (8-bit)", codec="jpeg"),
    TransferSyntax("1.2.840.10008.1.2.4.51", "JPEG Extended (12-bit)", codec="jpeg"),
    TransferSyntax("1.2.840.10008.1.2.4.57", "JPEG Lossless", codec="jpeg"),
    TransferSyntax("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", codec="jpeg"),
    TransferSyntax("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", codec="jpegls"),
    TransferSyntax("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", codec="jpegls"),
    TransferSyntax("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", codec="jpeg2k"),
    TransferSyntax("1.2.840.10008.1.2.4.91", "JPEG 2000", codec="jpeg2k"),
    TransferSyntax("1.2.840.10008.1.2.4.201", "HTJ2K Lossless", codec="htj2k"),
    TransferSyntax("1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", codec="htj2k"),
    TransferSyntax("1.2.840.10008.1.2.4.203", "HTJ2K", codec="htj2k"),
    TransferSyntax("1.2.840.10008.1.2.5", "RLE Lossless", codec="rle"),
    TransferSyntax("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", codec="deflate"),
]
SYNTAXES: dict[str, TransferSyntax] = {ts.uid: ts for ts in _ALL}

# Known but not decodable here: the reason shown to the user.
UNSUPPORTED: dict[str, str] = {
    "1.2.840.10008.1.2.4.100": "MPEG-2 video", "1.2.840.10008.1.2.4.100.1": "MPEG-2 video",
    "1.2.840.10008.1.2.4.101": "MPEG-2 video", "1.2.840.10008.1.2.4.101.1": "MPEG-2 video",
    "1.2.840.10008.1.2.4.102": "MPEG-4 video", "1.2.840.10008.1.2.4.102.1": "MPEG-4 video",
    "1.2.840.10008.1.2.4.103": "MPEG-4 video", "1.2.840.10008.1.2.4.103.1": "MPEG-4 video",
    "1.2.840.10008.1.2.4.104": "MPEG-4 video", "1.2.840.10008.1.2.4.104.1": "MPEG-4 video",
    "1.2.840.10008.1.2.4.105": "MPEG-4 video", "1.2.840.10008.1.2.4.105.1": "MPEG-4 video",
    "1.2.840.10008.1.2.4.106": "MPEG-4 video", "1.2.840.10008.1.2.4.106.1": "MPEG-4 video",
    "1.2.840.10008.1.2.4.107": "HEVC video", "1.2.840.10008.1.2.4.108": "HEVC video",
    "1.2.840.10008.1.2.4.92": "JPEG 2000 multi-component", "1.2.840.10008.1.2.4.93": "JPEG 2000 multi-component",
    "1.2.840.10008.1.2.4.94": "JPIP referenced pixel data", "1.2.840.10008.1.2.4.95": "JPIP referenced pixel data",
    "1.2.840.10008.1.2.4.204": "HTJ2K JPIP referenced pixel data",
    "1.2.840.10008.1.2.4.205": "HTJ2K JPIP referenced pixel data",
    "1.2.840.10008.1.2.4.110": "JPEG XL", "1.2.840.10008.1.2.4.111": "JPEG XL", "1.2.840.10008.1.2.4.112": "JPEG XL",
    "1.2.840.10008.1.2.4.52": "retired JPEG process", "1.2.840.10008.1.2.4.53": "retired JPEG process",
    "1.2.840.10008.1.2.4.55": "retired JPEG process",
    "1.2.840.10008.1.2.6.1": "RFC 2557 MIME encapsulation", "1.2.840.10008.1.2.6.2": "XML encoding",
    "1.2.840.10008.1.2.4.60": "retired JPEG process", "1.2.840.10008.1.2.4.62": "retired JPEG process",
}


def lookup(uid: str) -> TransferSyntax | None:
    """The syntax for ``uid``, or None when it is unknown or not decodable (see ``why_unsupported``)."""
    return SYNTAXES.get(uid.strip().rstrip("\x00"))


def why_unsupported(uid: str) -> str:
    uid = uid.strip().rstrip("\x00")
    kind = UNSUPPORTED.get(uid)
    if kind:
        return f"transfer syntax {uid} ({kind}) is not supported"
    return f"unknown transfer syntax {uid[:64]!r}"
