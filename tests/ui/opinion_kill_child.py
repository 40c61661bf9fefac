"""Child process of test_opinion_kill: the window on a workspace, the opinion editor open on the first
case, a phrase typed into a field; prints SAVED <revision> after each autosave and keeps running until
the test kills it (SIGKILL: no close event, no lock, no flush)."""
import sys

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.session import Session
from support import PASSPHRASE
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks


def main(root: str, phrase: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    session = Session(root)
    window = MainWindow(session, BackgroundTasks())
    window.resize(1440, 900)
    window.show()
    session.adopt(session.open_workspace(PASSPHRASE))
    window.open_case(session.workspace.cases.list()[0].id)
    ctl = window.opinion
    ctl.toggle_action.setChecked(True)
    ctl.saved.connect(lambda revision: print(f"SAVED {revision}", flush=True))
    field = ctl.editor.inputs["fields.history"]
    field.setFocus()
    QTest.keyClicks(field, phrase)
    print("TYPED", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
