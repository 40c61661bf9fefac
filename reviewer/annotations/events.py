"""Change notifications: synchronous callbacks, no Qt (napari's model/view split).

A Qt view wraps its listener to schedule a repaint; the model never knows who listens. A failing
listener is logged and the others still run: the change itself has already happened and is saved.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

from reviewer.annotations.model import Annotation

log = logging.getLogger(__name__)


class EventKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    UPDATED = "updated"
    SELECTION = "selection"


@dataclass(frozen=True)
class AnnotationEvent:
    kind: EventKind
    ids: tuple[str, ...]
    # the annotations as they are now (as they were, for REMOVED), so a view can tell which
    # target and region to repaint; empty for SELECTION
    annotations: tuple[Annotation, ...] = ()


Listener = Callable[[AnnotationEvent], None]


class Listeners:
    def __init__(self):
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Adds a listener; returns the function that removes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)
        return unsubscribe

    def emit(self, event: AnnotationEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("an annotation listener failed on a %s event", event.kind.value)
