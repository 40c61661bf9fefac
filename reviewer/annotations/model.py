"""What an annotation is: where it is drawn, its shape, its class and its words. Plain frozen data.

Changes never mutate an Annotation; ``AnnotationHierarchy`` replaces it with an edited copy, so
the before/after pair is the undo record and views may keep references safely.
"""
from __future__ import annotations

import dataclasses
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.geometry import Geometry, Kind
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

_ID = re.compile(r"[0-9a-f]{32}")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Target:
    """What an annotation is drawn on: a frame of a DICOM series, or a slide (level-0 pixels)."""
    kind: str                        # "series" | "slide"
    uid: str                         # SeriesInstanceUID, or the slide id
    frame: int | str | None = None   # series only: slice index or SOPInstanceUID; None = whole series

    def __post_init__(self):
        if self.kind not in ("series", "slide"):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation target is a series or a "
                                                                             "slide, not {kind!r}"), kind=self.kind))
        if not isinstance(self.uid, str) or not self.uid:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a {kind} target needs a non-empty id"),
                                       kind=self.kind))
        if self.kind == "slide" and self.frame is not None:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a slide target has no frame")))
        f = self.frame
        if not (f is None or (isinstance(f, int) and not isinstance(f, bool) and f >= 0)
                or (isinstance(f, str) and f)):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a frame is a slice index or a "
                                                                             "SOPInstanceUID, not {f!r}"), f=f))

    @classmethod
    def series(cls, uid: str, frame: int | str | None = None) -> "Target":
        return cls("series", uid, frame)

    @classmethod
    def slide(cls, slide_id: str) -> "Target":
        return cls("slide", slide_id)

    def to_dict(self) -> dict:
        if self.kind == "slide":
            return {"kind": "slide", "id": self.uid}
        return {"kind": "series", "uid": self.uid, "frame": self.frame}

    @classmethod
    def from_dict(cls, d: dict) -> "Target":
        if not isinstance(d, dict):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation target must be an object")))
        if d.get("kind") == "slide":
            return cls.slide(d.get("id"))
        return cls("series" if d.get("kind") == "series" else str(d.get("kind")), d.get("uid"), d.get("frame"))

    @property
    def key(self) -> str:
        """Canonical text form, stored in the database and usable as a dictionary key."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_key(cls, key: str) -> "Target":
        return cls.from_dict(json.loads(key))


@dataclass(frozen=True)
class Classification:
    name: str
    color: tuple[int, int, int]   # RGB 0-255

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a classification needs a name")))
        try:
            color = tuple(int(c) for c in self.color)
        except (TypeError, ValueError):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "classification {name!r}: colour must be "
                                                                             "three integers"),
                                       name=self.name)) from None
        if len(color) != 3 or not all(0 <= c <= 255 for c in color) or any(isinstance(c, bool) for c in self.color):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "classification {name!r}: colour must be "
                                                                             "three integers 0-255"), name=self.name))
        object.__setattr__(self, "color", color)

    def to_dict(self) -> dict:
        return {"name": self.name, "color": list(self.color)}


@dataclass(frozen=True)
class Annotation:
    id: str                      # uuid4 hex (32 characters)
    case_id: str
    target: Target
    geometry: Geometry
    created: datetime            # aware, UTC
    modified: datetime
    classification: Classification | None = None
    name: str = ""
    comment: str = ""            # free text: may hold clinical words, so never logged or audited
    author: str = ""
    locked: bool = False         # QuPath's isLocked: the shape cannot be moved or edited

    def __post_init__(self):
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation id is 32 lowercase hex "
                                                                             "digits, not {id!r}"), id=self.id))
        if not isinstance(self.case_id, str) or not self.case_id:
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation needs a case id")))
        if not isinstance(self.target, Target) or not isinstance(self.geometry, Geometry):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation needs a Target and a "
                                                                             "Geometry")))
        if self.classification is not None and not isinstance(self.classification, Classification):
            raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "a classification must be a "
                                                                             "Classification or None")))
        for label in ("name", "comment", "author"):
            if not isinstance(getattr(self, label), str):
                raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "an annotation {label} must be text"),
                                           label=label))

    @property
    def kind(self) -> Kind:
        return self.geometry.kind

    @classmethod
    def create(cls, case_id: str, target: Target, geometry: Geometry, *, author: str = "",
               classification: Classification | None = None, name: str = "", comment: str = "",
               locked: bool = False, id: str | None = None, now: datetime | None = None) -> "Annotation":
        at = now or utc_now()
        return cls(id or new_id(), case_id, target, geometry, at, at, classification, name, comment, author, locked)

    def replace(self, **changes) -> "Annotation":
        return dataclasses.replace(self, **changes)
