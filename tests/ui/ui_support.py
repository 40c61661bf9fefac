"""A main window on a fresh passphrase-only workspace, for the GUI tests."""
from pathlib import Path
from typing import Callable

from reviewer.session import Session
from reviewer.workspace import Workspace
from support import FAST_KDF, PASSPHRASE
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks


def window_on_workspace(qtbot, root: Path, fill: Callable[[Workspace], None], size=(1300, 850),
                        open_first_case: bool = True, **window_kwargs) -> MainWindow:
    """Creates a workspace at ``root``, lets ``fill(ws)`` import into it, then shows an unlocked window
    (with the first case open unless told otherwise); ``window_kwargs`` go to MainWindow."""
    ws = Workspace.create(root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    try:
        fill(ws)
    finally:
        ws.close()
    session = Session(root)
    w = MainWindow(session, BackgroundTasks(), **window_kwargs)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    session.adopt(session.open_workspace(PASSPHRASE))
    if open_first_case:
        w.open_case(session.workspace.cases.list()[0].id)
    return w
