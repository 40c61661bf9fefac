"""Key images: views the specialist captured (a CT slice with its measurements, a slide region with
its annotations) kept in the case for the report.

The picture is a PNG encrypted as a blob like every other file of the case; the row holds what the
report needs beside it (caption, size, millimetres per pixel for a scale bar) and where it came
from (series or slide, and the view: slice, window, zoom) so the report can say so and the viewer can
go back to it. Capture and removal are audited with ids only, never the caption (it may name the
patient's findings).
"""
from __future__ import annotations

import json
import struct
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from reviewer import store
from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

SOURCES = ("series", "slide")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_CAPTION = 500


class KeyImageError(ReviewerError):
    """A key image that cannot be stored or found."""


@dataclass(frozen=True)
class KeyImage:
    id: str
    case_id: str
    source: str                      # "series" | "slide"
    target_key: str                  # the annotation target key of the series/slide (Target.key)
    caption: str
    width: int
    height: int
    pixel_spacing_mm: float | None   # millimetres per PNG pixel, for a scale bar; None when unknown
    created: datetime
    details: dict = field(default_factory=dict)   # the view: slice index, window, zoom, annotation ids


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk; refuses anything that is not a PNG."""
    if len(png) < 24 or not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "A key image must be a PNG picture")))
    width, height = struct.unpack(">II", png[16:24])
    if not (0 < width <= 32768 and 0 < height <= 32768):
        raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "A key image of {width}×{height} pixels "
                                                                       "is out of range"), width=width, height=height))
    return width, height


def _row_to_image(r) -> KeyImage:
    return KeyImage(id=r[0], case_id=r[1], source=r[2], target_key=r[3], caption=r[4], width=r[5], height=r[6],
                    pixel_spacing_mm=r[7], created=datetime.fromisoformat(r[8]), details=json.loads(r[9]))


_COLUMNS = "id, case_id, source, target_key, caption, width, height, pixel_spacing_mm, created, details"


class KeyImageStore:
    """Adds, lists, reads and removes the key images of cases in one workspace."""

    def __init__(self, db, blobs, audit):
        self.db = db
        self.blobs = blobs
        self.audit = audit

    def add(self, case_id: str, png: bytes, *, source: str, target_key: str, caption: str = "",
            pixel_spacing_mm: float | None = None, details: dict | None = None) -> KeyImage:
        if source not in SOURCES:
            raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "Unknown key image source {source!r}; "
                                                                           "expected one of {join}"),
                                     source=source, join=', '.join(SOURCES)))
        if not self.db.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone():
            raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "No case {case_id} in this workspace"),
                                     case_id=case_id))
        width, height = png_size(png)
        if pixel_spacing_mm is not None and not (0 < pixel_spacing_mm < 1000):
            pixel_spacing_mm = None
        image = KeyImage(id=uuid.uuid4().hex, case_id=case_id, source=source, target_key=target_key,
                         caption=caption[:MAX_CAPTION], width=width, height=height,
                         pixel_spacing_mm=pixel_spacing_mm, created=datetime.now(timezone.utc),
                         details=dict(details or {}))
        blob_id = self.blobs.put(png)    # written before the row: a kill leaves an orphan blob, swept later
        with store.transaction(self.db):
            self.db.execute(
                f"INSERT INTO key_images ({_COLUMNS}, blob_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (image.id, case_id, source, target_key, image.caption, width, height, pixel_spacing_mm,
                 image.created.isoformat(), json.dumps(image.details), blob_id))
            self.audit.append("keyimage.capture", case_id, key_image=image.id, source=source)
        return image

    def list(self, case_id: str) -> list[KeyImage]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM key_images WHERE case_id = ? ORDER BY created, rowid",
                               (case_id,)).fetchall()
        return [_row_to_image(r) for r in rows]

    def get(self, key_image_id: str) -> KeyImage:
        r = self.db.execute(f"SELECT {_COLUMNS} FROM key_images WHERE id = ?", (key_image_id,)).fetchone()
        if r is None:
            raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "No key image {key_image_id}"),
                                     key_image_id=key_image_id))
        return _row_to_image(r)

    def png(self, key_image_id: str) -> bytes:
        r = self.db.execute("SELECT blob_id FROM key_images WHERE id = ?", (key_image_id,)).fetchone()
        if r is None:
            raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "No key image {key_image_id}"),
                                     key_image_id=key_image_id))
        return self.blobs.get(r[0])

    def set_caption(self, key_image_id: str, caption: str) -> None:
        with store.transaction(self.db):
            cur = self.db.execute("UPDATE key_images SET caption = ? WHERE id = ?", (caption[:MAX_CAPTION], key_image_id))
            if cur.rowcount == 0:
                raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "No key image {key_image_id}"),
                                         key_image_id=key_image_id))

    def remove(self, key_image_id: str) -> None:
        r = self.db.execute("SELECT case_id, blob_id FROM key_images WHERE id = ?", (key_image_id,)).fetchone()
        if r is None:
            raise KeyImageError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "No key image {key_image_id}"),
                                     key_image_id=key_image_id))
        with store.transaction(self.db):
            self.db.execute("DELETE FROM key_images WHERE id = ?", (key_image_id,))
            self.audit.append("keyimage.remove", r[0], key_image=key_image_id)
        self.blobs.delete(r[1])     # after the commit: a kill in between leaves an orphan, swept later
