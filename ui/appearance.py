"""Theme, font size and remembered layouts, applied to the running app and kept in the preferences.

Stylesheet sizes are in pixels (so that the app looks the same on every screen), which means the
application font alone cannot scale them: the stylesheet is rewritten with every `font-size`
multiplied by the chosen scale. Layouts (window geometry, the case view's panes) are Qt's own
state bytes, saved when they change and when the window closes.
"""
from __future__ import annotations

import re

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

from reviewer.paths import resource
from reviewer.preferences import Preferences, PreferenceStore

FONT_STEP = 1.1
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def stylesheet(theme: str, scale: float) -> str:
    """The app's stylesheet for a theme, with every font size multiplied by scale."""
    parts = [resource("style.qss")]
    if theme == "high-contrast":
        parts.append(resource("high-contrast.qss"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in parts if p.is_file())
    return _FONT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * scale:.1f}px", text)


class Appearance(QObject):
    """Owns the preferences while the app runs: applies them and saves each change at once."""

    def __init__(self, app: QApplication, store: PreferenceStore, parent: QObject | None = None):
        super().__init__(parent)
        self.app, self.store = app, store
        self.prefs: Preferences = store.load()
        self._base_point_size = app.font().pointSizeF()
        self._tracked: dict[str, QSplitter] = {}
        self._window: QMainWindow | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=400, timeout=self._save_layouts)

    # -- theme and font ----------------------------------------------------------------------
    def apply(self) -> None:
        self.app.setStyleSheet(stylesheet(self.prefs.theme, self.prefs.font_scale))
        font = QFont(self.app.font())
        if self._base_point_size > 0:
            font.setPointSizeF(self._base_point_size * self.prefs.font_scale)
        self.app.setFont(font)

    def set_theme(self, theme: str) -> None:
        self._update(replace(self.prefs, theme=theme))

    def scale_font(self, factor: float | None) -> None:
        """factor None resets to 100 %."""
        prefs = self.prefs.scaled(factor) if factor else replace(self.prefs, font_scale=1.0)
        self._update(prefs)

    def set_language(self, language: str) -> None:
        """Takes effect at the next start: every window is built in one language."""
        self._update(replace(self.prefs, language=language), apply=False)

    def _update(self, prefs: Preferences, apply: bool = True) -> None:
        self.prefs = prefs
        self.store.save(prefs)
        if apply:
            self.apply()

    # -- layouts -----------------------------------------------------------------------------
    def remember(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        """Restores the window's geometry and the splitters' sizes, and saves them as they change."""
        self._window = window
        if "window" in self.prefs.layouts:
            window.restoreGeometry(self.prefs.layouts["window"])
        for name, splitter in splitters.items():
            self._tracked[name] = splitter
            state = self.prefs.layouts.get(name)
            if state:
                splitter.restoreState(state)
            splitter.splitterMoved.connect(lambda *_: self._save_timer.start())
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self._window and event.type() == QEvent.Close:
            self._save_layouts()
        return False

    def _save_layouts(self) -> None:
        prefs = self.prefs
        if self._window is not None:
            prefs = prefs.with_layout("window", bytes(self._window.saveGeometry().data()))
        for name, splitter in self._tracked.items():
            prefs = prefs.with_layout(name, bytes(splitter.saveState().data()))
        self.prefs = prefs
        self.store.save(prefs)

    # -- menu --------------------------------------------------------------------------------
    def install_menu(self, window: QMainWindow) -> list[QAction]:
        """Adds the View ▸ theme, text size and language entries; returns the actions."""
        menu = window.menuBar().addMenu(self.tr("&Display"))
        bigger = QAction(self.tr("Larger text"), window, shortcut=QKeySequence.ZoomIn,
                         triggered=lambda: self.scale_font(FONT_STEP))
        smaller = QAction(self.tr("Smaller text"), window, shortcut=QKeySequence.ZoomOut,
                          triggered=lambda: self.scale_font(1 / FONT_STEP))
        reset = QAction(self.tr("Text size 100 %"), window, shortcut=QKeySequence("Ctrl+0"),
                        triggered=lambda: self.scale_font(None))
        contrast = QAction(self.tr("High contrast"), window, checkable=True, shortcut=QKeySequence("Ctrl+Shift+H"),
                           checked=self.prefs.theme == "high-contrast")
        contrast.toggled.connect(lambda on: self.set_theme("high-contrast" if on else "standard"))
        actions = [bigger, smaller, reset, contrast]
        for a in actions:
            menu.addAction(a)
        language = menu.addMenu(self.tr("Language (after restart)"))
        group = QActionGroup(window)
        for code, name in (("en", "English"), ("ja", "日本語")):
            a = QAction(name, window, checkable=True, checked=self.prefs.language == code)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            language.addAction(a)
        return actions
