"""Composition root: builds the session, the background pool and the window, and passes them in."""
from __future__ import annotations

import os
import sys

from reviewer.logs import setup_logging
from reviewer.paths import default_workspace
from reviewer.preferences import PreferenceStore, default_preferences_path
from reviewer.security.keys import OsKeyring
from reviewer.session import Session



def build(args, app):
    from ui.idle import IdleLock
    from ui.main_window import MainWindow
    from ui.tasks import BackgroundTasks
    from ui import i18n
    from ui.appearance import Appearance
    # Preferences first: the language must be set before the first widget is built.
    appearance = Appearance(app, PreferenceStore(default_preferences_path()))
    translators = i18n.install(app, getattr(args, "language", None) or appearance.prefs.language)
    session = Session(args.workspace or default_workspace(), device_factory=OsKeyring)
    from reviewer.pathology import TileCache, default_registry
    tasks = BackgroundTasks()
    window = MainWindow(session, tasks, slide_registry=default_registry(), tile_cache=TileCache(512 << 20))
    window.translators, window.appearance = translators, appearance    # kept alive with the window
    idle = IdleLock(session, parent=window)
    app.installEventFilter(idle)
    dress(app, window, appearance, remember_layout=not args.screenshot)  # screenshots: fixed size and layout
    return window, session


def dress(app, window, appearance, *, remember_layout: bool = True) -> None:
    """Theme, text size, the Display and Help menus, and remembered layouts, on a built window."""
    from ui import shortcut_help
    appearance.apply()
    appearance.install_menu(window)
    shortcut_help.install(window, window.menuBar().addMenu(app.translate("MainWindow", "&Help")))
    if remember_layout:
        appearance.remember(window, {"case_panes": window.case_view.split})


def main(args) -> int:
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    setup_logging(args.workspace)
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Second-opinion review workstation")
    window, session = build(args, app)
    if args.screenshot:
        from ui.screenshots import screenshot
        return screenshot(window, session, args)
    window.resize(1440, 900)
    window.show()
    return app.exec()
