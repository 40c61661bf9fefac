"""Changes as data (command pattern): each edit is a before/after pair, so undo is the inverse.

Recording whole before/after annotations rather than operations makes every change trivially
invertible, mergeable (a drag of 200 mouse moves becomes one edit per annotation) and persistable
(the store writes the "after" of each edit).
"""
from __future__ import annotations

from dataclasses import dataclass

from reviewer.annotations.model import Annotation


@dataclass(frozen=True)
class Edit:
    before: Annotation | None     # None: the edit adds the annotation
    after: Annotation | None      # None: the edit removes it

    @property
    def id(self) -> str:
        return (self.after or self.before).id

    @property
    def action(self) -> str:
        """"add", "remove" or "update" (the audit log's words)."""
        if self.before is None:
            return "add"
        return "remove" if self.after is None else "update"

    def inverse(self) -> "Edit":
        return Edit(self.after, self.before)


@dataclass(frozen=True)
class Change:
    """One undo step."""
    label: str                    # for "Undo Move", "Redo Delete"
    edits: tuple[Edit, ...]

    def inverse(self) -> "Change":
        return Change(self.label, tuple(e.inverse() for e in reversed(self.edits)))

    def merged(self) -> "Change":
        """One edit per annotation: its first "before" and last "after"; no-ops dropped."""
        first: dict[str, Edit] = {}
        for e in self.edits:
            prev = first.get(e.id)
            first[e.id] = e if prev is None else Edit(prev.before, e.after)
        return Change(self.label, tuple(e for e in first.values() if e.before is not e.after))


class History:
    """Unlimited undo and redo within a session; a new change clears the redo stack."""

    def __init__(self):
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def push(self, change: Change) -> None:
        self._undo.append(change)
        self._redo.clear()

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def peek_undo(self) -> Change | None:
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Change | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> None:
        """The top undo change was undone (and saved): it moves to the redo stack."""
        self._redo.append(self._undo.pop())

    def redone(self) -> None:
        self._undo.append(self._redo.pop())

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
