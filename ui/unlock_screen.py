"""Unlock (or first-time create) screen. The passphrase goes to Session in a worker thread."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from reviewer.session import Session
from ui.errors import message_for
from ui.tasks import BackgroundTasks


class UnlockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, session: Session, tasks: BackgroundTasks, parent=None):
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.setObjectName("unlockScreen")
        self.setAttribute(Qt.WA_StyledBackground, True)
        card = QFrame(objectName="unlockCard")
        card.setFixedWidth(460)
        self.title = QLabel(objectName="unlockTitle")
        self.info = QLabel(wordWrap=True, objectName="unlockInfo")
        self.passphrase = QLineEdit(echoMode=QLineEdit.Password, placeholderText=self.tr("Passphrase"))
        self.confirm = QLineEdit(echoMode=QLineEdit.Password, placeholderText=self.tr("Repeat the passphrase"))
        self.passphrase_only = QCheckBox(self.tr("No OS keyring on this machine: protect the workspace with the "
                                                 "passphrase only (weaker)"))
        self.error = QLabel(wordWrap=True, objectName="unlockError")
        self.button = QPushButton(objectName="unlockButton")
        self.button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Repeat"), self.confirm)
        self._confirm_label = form.labelForField(self.confirm)
        box = QVBoxLayout(card)
        for w in (self.title, self.info):
            box.addWidget(w)
        box.addLayout(form)
        box.addWidget(self.passphrase_only)
        box.addWidget(self.error)
        box.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignHCenter)
        outer.addStretch(2)
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.confirm.returnPressed.connect(self.submit)
        self.refresh()

    def refresh(self) -> None:
        """Shows unlock or create mode; with no keyring, says so and needs the explicit choice."""
        creating = not self.session.exists
        self.title.setText(self.tr("Create your encrypted workspace") if creating else self.tr("Workspace locked"))
        problem = self.session.keyring_problem() if creating else None
        text = (self.tr("Workspace: {folder}").format(folder=self.session.root) + "\n"
                + (self.tr("Choose a passphrase (at least 8 characters). It cannot be recovered.")
                   if creating else self.tr("Enter your passphrase to unlock.")))
        if problem:
            text += "\n\n" + problem
        self.info.setText(text)
        self.confirm.setVisible(creating)
        self._confirm_label.setVisible(creating)
        self.passphrase_only.setVisible(creating and problem is not None)
        self.passphrase_only.setChecked(False)
        self.button.setText(self.tr("Create workspace") if creating else self.tr("Unlock"))
        self.error.clear()
        self.passphrase.clear()
        self.confirm.clear()
        self.button.setEnabled(True)
        self.passphrase.setFocus()

    def submit(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            return
        creating = not self.session.exists
        if creating and passphrase != self.confirm.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        if creating and self.passphrase_only.isVisible() and not self.passphrase_only.isChecked():
            self.error.setText(self.tr("No OS keyring is available: tick the passphrase-only option to continue, "
                                       "or start a keyring and reopen."))
            return
        only = creating and self.passphrase_only.isChecked()
        self.button.setEnabled(False)
        self.error.setText(self.tr("Creating…") if creating else self.tr("Unlocking…"))
        work = ((lambda: self.session.create_workspace(passphrase, only)) if creating
                else (lambda: self.session.open_workspace(passphrase)))
        self.tasks.run(work, self._done, self._failed)

    def _done(self, workspace) -> None:
        self.session.adopt(workspace)
        self.passphrase.clear()
        self.confirm.clear()
        self.error.clear()
        self.button.setEnabled(True)
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.error.setText(message_for(exc))
        self.passphrase.selectAll()
        self.passphrase.setFocus()
