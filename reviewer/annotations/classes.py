"""The default annotation classes, kept as data in resources/annotation_classes.json.

Read on each call (it is tiny): the composition root holds the result, nothing is cached here.
"""
from __future__ import annotations

import json
from pathlib import Path

from reviewer.annotations.errors import AnnotationError
from reviewer.annotations.model import Classification
from reviewer.paths import resource
from reviewer.i18n import QT_TRANSLATE_NOOP, Text


def load_classes(path: Path | None = None) -> tuple[Classification, ...]:
    path = path or resource("annotation_classes.json")
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(Classification(c["name"], tuple(c["color"])) for c in data["classes"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnnotationError(Text(QT_TRANSLATE_NOOP("AnnotationErrors", "The annotation classes file {name} "
                                                                         "cannot be read ({exc})"),
                                   name=Path(path).name, exc=exc)) from None


def find_class(classes: tuple[Classification, ...], name: str) -> Classification | None:
    """Case-insensitive lookup, so an imported "tumour" gets the Tumour colour."""
    folded = name.casefold()
    return next((c for c in classes if c.name.casefold() == folded), None)
