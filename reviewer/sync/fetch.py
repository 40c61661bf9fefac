"""Opening one file's byte stream at an offset: HTTP with Range, DICOMweb WADO-RS, or inline data.

Why a separate step: the engine only knows "give me the bytes from here"; whether the server honours
the Range (206) or starts over (200) is answered by ``Download.start``, and the engine then resumes
or restarts its encrypted partial accordingly.
"""
from __future__ import annotations

import base64
import contextlib
import re
from dataclasses import dataclass
from typing import Iterator

import httpx

from reviewer.sync.errors import ServerError
from reviewer.sync.httpclient import HttpClient, what
from reviewer.sync.multipart import boundary_of, iter_parts
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


@dataclass
class Download:
    start: int                      # where the bytes begin: the asked offset, or 0 when restarted
    chunks: Iterator[bytes]
    length: int | None = None       # bytes still to come, when the server said
    validator: str | None = None    # ETag (or Last-Modified): sent as If-Range when resuming


def _body(r: httpx.Response, where: str) -> Iterator[bytes]:
    try:
        yield from r.iter_raw()          # the network's own pieces: re-chunking costs a copy
    except (httpx.TransportError, httpx.StreamError) as exc:
        raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The download broke off ({where}: {name})"),
                               where=where, name=type(exc).__name__)) from None


@contextlib.contextmanager
def open_http(http: HttpClient, url: str, offset: int, validator: str | None = None) -> Iterator[Download]:
    headers = {"Accept": "*/*", "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if validator:
            headers["If-Range"] = validator
    with http.stream(url, headers) as r:
        start = 0
        if r.status_code == 206:
            m = _RANGE.fullmatch(r.headers.get("Content-Range", "").strip())
            if not m or int(m.group(1)) != offset:
                raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The server answered a range request "
                                                                       "with the wrong range ({what})"),
                                       what=what('GET', url)))
            start = offset
        length = r.headers.get("Content-Length")
        etag = r.headers.get("ETag") or ""
        strong = etag if etag and not etag.startswith("W/") else r.headers.get("Last-Modified")
        yield Download(start, _body(r, what("GET", url)), int(length) if length and length.isdigit() else None,
                       strong or None)


@contextlib.contextmanager
def open_wado(http: HttpClient, url: str, offset: int, validator: str | None = None) -> Iterator[Download]:
    """One instance by WADO-RS; multipart bodies cannot be resumed inside, so this always starts at 0."""
    accept = 'multipart/related; type="application/dicom"; transfer-syntax=*'
    with http.stream(url, {"Accept": accept}) as r:
        boundary, _ = boundary_of(r.headers.get("Content-Type", ""))

        def chunks() -> Iterator[bytes]:
            for part, data in iter_parts(_body(r, what("GET", url)), boundary):
                if part > 0:
                    raise ServerError(Text(QT_TRANSLATE_NOOP("SyncErrors", "The DICOMweb server sent more than one "
                                                                           "instance ({what})"), what=what('GET', url)))
                yield data
        yield Download(0, chunks())


@contextlib.contextmanager
def open_inline(data_b64: str, offset: int, validator: str | None = None) -> Iterator[Download]:
    data = base64.b64decode(data_b64)
    yield Download(offset, iter([data[offset:]]), len(data) - offset)
