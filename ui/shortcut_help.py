"""The keyboard help overlay (F1): every shortcut the window has, gathered from the window itself.

Nothing is listed by hand here. Menu and window actions bring their own text and shortcut;
viewers describe the keys they handle in a ``KEY_HELP`` class attribute next to their key handlers
(``KEY_HELP_TITLE`` names the section). tests/ui/test_shortcut_help.py checks that every QShortcut
in the window is described, so the list cannot drift from the code.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)


def _native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.NativeText)


def collect(window: QWidget) -> list[tuple[str, str, str]]:
    """(section, keys, what it does) for the window's actions and its viewers' keys, sorted by section."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    app_section = QCoreApplication.translate("ShortcutHelp", "Application")
    for action in window.findChildren(QAction):
        keys = ", ".join(_native(s) for s in action.shortcuts() if not s.isEmpty())
        text = action.text().replace("&", "").rstrip("…").strip()
        if keys and text and (keys, text) not in seen:
            seen.add((keys, text))
            rows.append((app_section, keys, text))
    classes = []
    for widget in [window, *window.findChildren(QWidget)]:
        cls = type(widget)
        if getattr(cls, "KEY_HELP", None) and cls not in classes:
            classes.append(cls)
    for cls in classes:
        section = QCoreApplication.translate(cls.__name__, getattr(cls, "KEY_HELP_TITLE", cls.__name__))
        for keys, text in cls.KEY_HELP:
            rows.append((section, keys, QCoreApplication.translate(cls.__name__, text)))
    return rows


def described_keys(window: QWidget) -> set[str]:
    """Every key combination the help lists, one entry per combination (for the completeness test)."""
    out = set()
    for _, keys, _ in collect(window):
        for part in keys.replace(" / ", ", ").split(", "):
            out.add(part.strip())
    return out


_STANDARD = (QKeySequence.Undo, QKeySequence.Redo, QKeySequence.Copy, QKeySequence.Paste, QKeySequence.Cut,
             QKeySequence.Delete, QKeySequence.ZoomIn, QKeySequence.ZoomOut, QKeySequence.Find, QKeySequence.Quit)


def _alternates(described: set[str]) -> set[str]:
    """The platform's other bindings of a standard key (Alt+Backspace for Undo…) whose first binding is
    described: listing the first is how the help names them."""
    out = set()
    for std in _STANDARD:
        bindings = [_native(b) for b in QKeySequence.keyBindings(std)]
        if bindings and bindings[0] in described:
            out.update(bindings[1:])
    return out


def undocumented_shortcuts(window: QWidget) -> list[str]:
    """QShortcuts in the window whose key no help row mentions."""
    described = described_keys(window)
    described |= _alternates(described)
    missing = []
    for shortcut in window.findChildren(QShortcut):
        key = _native(shortcut.key())
        if key and key not in described:
            missing.append(f"{key} in {type(shortcut.parent()).__name__}")
    return sorted(set(missing))


class ShortcutHelp(QDialog):
    """A searchable list of shortcuts, grouped by where they work."""

    def __init__(self, window: QWidget):
        super().__init__(window, objectName="shortcutHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter = QLineEdit(placeholderText=self.tr("Search shortcuts…"), clearButtonEnabled=True)
        self.tree = QTreeWidget(objectName="shortcutTree")
        self.tree.setHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.setRootIsDecorated(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self._fill(collect(window))
        self.resize(720, 640)

    def _fill(self, rows) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for section, keys, text in rows:
            group = groups.get(section)
            if group is None:
                group = groups[section] = QTreeWidgetItem(self.tree, [section])
                group.setFirstColumnSpanned(True)
                f = group.font(0)
                f.setBold(True)
                group.setFont(0, f)
                group.setFlags(Qt.ItemIsEnabled)
            QTreeWidgetItem(group, [keys, text])
        self.tree.expandAll()

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                item = group.child(j)
                hit = not needle or needle in item.text(0).casefold() or needle in item.text(1).casefold()
                item.setHidden(not hit)
                visible += hit
            group.setHidden(visible == 0)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if not group.child(j).isHidden():
                    out.append((group.child(j).text(0), group.child(j).text(1)))
        return out


def install(window: QWidget, menu) -> QAction:
    """Adds Help ▸ Keyboard shortcuts (F1) to the window."""
    action = QAction(QCoreApplication.translate("ShortcutHelp", "&Keyboard shortcuts"), window,
                     shortcut=QKeySequence(Qt.Key_F1))
    action.setShortcutContext(Qt.ApplicationShortcut)
    action.triggered.connect(lambda: ShortcutHelp(window).exec())
    menu.addAction(action)
    return action
