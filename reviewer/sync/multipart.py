"""Streaming reader for multipart/related bodies (DICOMweb WADO-RS, RFC 2046).

Why streaming: a DICOM instance can be hundreds of megabytes (a whole-slide image); its bytes go
straight to the encrypted store, never whole in memory and never to a temporary file.
"""
from __future__ import annotations

from email.message import Message
from typing import Iterable, Iterator

from reviewer.sync.errors import ServerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

MAX_PART_HEADERS = 16 << 10


def boundary_of(content_type: str) -> tuple[str, str]:
    """(boundary, type parameter) of a multipart/related Content-Type; ServerError when absent."""
    m = Message()
    m["Content-Type"] = content_type
    if m.get_content_type() != "multipart/related":
        raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb server answered "
                                                               "{content_type}, not multipart/related"),
                               content_type=m.get_content_type()))
    boundary = m.get_param("boundary")
    if not boundary:
        raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb server's multipart answer has no "
                                                               "boundary")))
    return str(boundary), str(m.get_param("type") or "")


def iter_parts(chunks: Iterable[bytes], boundary: str) -> Iterator[tuple[int, bytes]]:
    """Yields (part index, body bytes) pieces in order; part headers are checked and dropped."""
    first = b"--" + boundary.encode()
    delim = b"\r\n" + first
    buf = bytearray()
    it = iter(chunks)

    def more() -> bool:
        for c in it:
            if c:
                buf.extend(c)
                return True
        return False

    # Preamble up to the first boundary line.
    while (i := buf.find(first)) < 0:
        if len(buf) > MAX_PART_HEADERS or not more():
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb answer holds no multipart "
                                                                   "boundary")))
    del buf[:i + len(first)]
    part = 0
    while True:
        while len(buf) < 2:
            if not more():
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb answer ends inside a "
                                                                       "boundary line")))
        if buf[:2] == b"--":
            return
        while (j := buf.find(b"\r\n\r\n")) < 0:
            if len(buf) > MAX_PART_HEADERS or not more():
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb answer has unreadable part "
                                                                       "headers")))
        head = bytes(buf[:j]).lower()
        if b"content-type" in head and b"application/dicom" not in head:
            raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb answer holds a part that is "
                                                                   "not application/dicom")))
        del buf[:j + 4]
        keep = len(delim) - 1
        while True:
            k = buf.find(delim)
            if k >= 0:
                if k:
                    yield part, bytes(buf[:k])
                del buf[:k + len(delim)]
                break
            if len(buf) > keep:
                out = bytes(buf[:len(buf) - keep])
                del buf[:len(buf) - keep]
                yield part, out
            if not more():
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb answer ended in the middle "
                                                                       "of an instance")))
        part += 1
