"""The sign dialog: shows exactly what will be signed — the rendered pages, the signer, the reason —
and asks for the passphrase or token PIN again (intent to sign).

The dialog is a view: the controller renders the PDF and signs in the background, and tells the
dialog what happened (``show_prepared``, ``show_not_ready``, ``signing_failed``). It emits ``sign``
with the secret and the reason; it never keeps the secret after that.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QVBoxLayout, QWidget)

from reviewer.reports.opinion import Problem
from viewers.documents.document_view import DocumentView
from viewers.i18n import language, shown

_STYLE = """
QLabel#signHeading { font-size: 15px; font-weight: 600; color: #1c2b39; }
QLabel#signTestWarning { color: #ffffff; background: #b3261e; padding: 6px; border-radius: 4px; font-weight: 600; }
QLabel#signError { color: #b3261e; }
QLabel#signRefused { color: #8c1d18; font-weight: 600; }
QListWidget#signProblems { background: #fff4f2; border: 1px solid #f0c4bd; color: #8c1d18; }
QLabel#signValue { color: #1c2b39; }
"""


class SignDialog(QDialog):
    sign = Signal(str, str, str)       # secret (passphrase or PIN), reason, location

    def __init__(self, identity, *, title: str, parent=None, reason: str = "Second-opinion report"):
        super().__init__(parent, objectName="signDialog")
        self.setStyleSheet(_STYLE)
        self.setWindowTitle(self.tr("Sign the report"))
        self.identity = identity
        self.prepared = None
        self.pages_view = DocumentView()
        self.pages_view.setObjectName("signPages")
        self.pages_view.show_message(self.tr("Preparing the report to sign…"))

        self.heading = QLabel(title, objectName="signHeading", wordWrap=True)
        self.what = QLabel(objectName="signValue", wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.signer = QLabel(objectName="signValue", wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.test_warning = QLabel(self.tr("TEST IDENTITY — NOT FOR CLINICAL USE. This signature has no legal "
                                           "value."), objectName="signTestWarning", wordWrap=True)
        self.reason = QLineEdit(reason, objectName="signReason")
        self.location = QLineEdit(objectName="signLocation", placeholderText=self.tr("optional"))
        pin = identity.kind == "pkcs11"
        self.secret_label = QLabel(self.tr("Token PIN") if pin else self.tr("Workspace passphrase"))
        self.secret = QLineEdit(objectName="signSecret", echoMode=QLineEdit.Password)
        self.secret.setPlaceholderText(self.tr("Type it again to sign") if not pin else self.tr("The PIN of the token"))
        self.intent = QLabel(self.tr("By typing your %1 and pressing Sign you sign this report as shown, "
                                     "page by page. A signed version cannot be changed; later changes are "
                                     "signed addenda.").replace("%1", self.tr("PIN") if pin else self.tr("passphrase")),
                             wordWrap=True, objectName="fieldHelp")
        self.error = QLabel(objectName="signError", wordWrap=True)
        self.refused = QLabel(objectName="signRefused", wordWrap=True)
        self.problems = QListWidget(objectName="signProblems", wordWrap=True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.sign_button = self.buttons.addButton(self.tr("Sign"), QDialogButtonBox.AcceptRole)
        self.sign_button.setObjectName("signConfirm")
        self.sign_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.sign_button.clicked.connect(self._sign)
        self.secret.returnPressed.connect(self._sign)
        self.secret.textChanged.connect(lambda _: self._update_button())

        side = QWidget()
        side.setMinimumWidth(340)
        side.setMaximumWidth(420)
        v = QVBoxLayout(side)
        v.setContentsMargins(8, 0, 0, 0)
        v.addWidget(self.heading)
        v.addWidget(self.test_warning)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)
        form.addRow(self.tr("Document"), self.what)
        form.addRow(self.tr("Signer"), self.signer)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Location"), self.location)
        v.addLayout(form)
        line = QFrame(frameShape=QFrame.HLine)
        v.addWidget(line)
        v.addWidget(self.refused)
        v.addWidget(self.problems, 1)
        v.addWidget(self.intent)
        v.addWidget(self.secret_label)
        v.addWidget(self.secret)
        v.addWidget(self.error)
        v.addStretch(1)
        v.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages_view, 1)
        layout.addWidget(side)
        self.problems.hide()
        self.refused.hide()
        self.test_warning.setVisible(identity.is_test)
        i = identity
        lang = language()
        valid = f"{lang.date(i.not_before)} – {lang.date(i.not_after)}"
        self.signer.setText(f"<b>{i.subject}</b>" + (f"<br>{i.credentials}" if i.credentials else "")
                            + "<br>" + self.tr("Issued by %1").replace("%1", i.issuer)
                            + "<br>" + self.tr("Valid %1").replace("%1", valid)
                            + "<br>" + (self.tr("Key on a PKCS#11 token") if pin
                                        else self.tr("Key kept encrypted in the workspace")))
        self.what.setText(self.tr("Preparing…"))
        self.resize(1180, 820)

    # -- what the controller tells -----------------------------------------------------------
    def show_prepared(self, prepared, pages) -> None:
        """The exact PDF that the Sign button signs: its pages, version and SHA-256."""
        self.prepared = prepared
        self.what.setText(self.tr("Version %1 · %2 page(s)").replace("%1", str(prepared.version))
                          .replace("%2", str(prepared.pages))
                          + "<br><span style='font-family:monospace'>SHA-256 " + prepared.sha256[:32] + "<br>"
                          + prepared.sha256[32:] + "</span>")
        width = max(self.pages_view.width() - 60, 400)
        self.pages_view.show_pdf(pages, self.tr("What you sign: version %1").replace("%1", str(prepared.version)),
                                 scale=min(1.2, width / max(pages.sizes[0][0], 1)))
        self._update_button()
        self.secret.setFocus()

    def show_not_ready(self, problems: list[Problem]) -> None:
        """Refuses: lists what is missing; nothing can be signed from here."""
        self.refused.setText(self.tr("The opinion cannot be signed yet. Complete:"))
        self.refused.show()
        self.problems.clear()
        for p in problems:
            self.problems.addItem("• " + shown(p.message))
        self.problems.show()
        self.what.setText(self.tr("Not prepared: required parts are missing"))
        self.pages_view.show_message(self.tr("Nothing to sign until the opinion is complete."))
        for w in (self.secret, self.reason, self.location, self.intent, self.secret_label):
            w.setEnabled(False)
        self.sign_button.setEnabled(False)

    def show_failure(self, message: str) -> None:
        self.pages_view.show_message(message)
        self.what.setText(self.tr("Not prepared"))
        self.sign_button.setEnabled(False)

    def signing_failed(self, message: str) -> None:
        self.error.setText(message)
        self.secret.clear()
        self._busy(False)
        self.secret.setFocus()

    # -- internals --------------------------------------------------------------------------
    def _update_button(self) -> None:
        self.sign_button.setEnabled(self.prepared is not None and bool(self.secret.text())
                                    and self.secret.isEnabled())

    def _busy(self, busy: bool) -> None:
        for w in (self.secret, self.reason, self.location):
            w.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Signing…"))
        self._update_button()

    def _sign(self) -> None:
        if self.prepared is None or not self.secret.text() or not self.sign_button.isEnabled():
            return
        secret = self.secret.text()
        self.secret.clear()
        self._busy(True)
        self.sign.emit(secret, self.reason.text().strip(), self.location.text().strip())

    def reject(self) -> None:
        if self.buttons.isEnabled():      # not while a signature is being made
            super().reject()

    def closeEvent(self, event) -> None:
        if not self.buttons.isEnabled():
            event.ignore()
            return
        super().closeEvent(event)
