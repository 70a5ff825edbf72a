"""The passphrase of an encrypted workspace: typed to open it, chosen to encrypt it, changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chronology import passphrases
from chronology.encryption import MIN_PASSPHRASE
from chronology.workspace import Workspace, WrongPassphrase
from gui.common.errors import show_error

WRONG_TRIES = 3


class PassphraseDialog(QDialog):
    """Asks for a passphrase: ``open`` (one field), ``new`` (twice) or ``change`` (current, new
    twice). OK is enabled only when what is typed can be used."""

    def __init__(self, path: Path, mode: str = "open", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.path = path
        self._build_ui()
        self._connect()
        self._update()

    def _build_ui(self) -> None:
        titles = {
            "open": "Encrypted workspace",
            "new": "Encrypt workspace",
            "change": "Change passphrase",
        }
        self.setWindowTitle(titles[self.mode])
        intro = {
            "open": f"“{self.path.name}” is encrypted. Type its passphrase to open it.",
            "new": (
                f"“{self.path.name}” and its backups will be encrypted: without the passphrase "
                "nobody can read them, on this laptop or any other. Keep the passphrase safe: "
                "if it is lost, so is the caseload. Use a few words together, at least "
                f"{MIN_PASSPHRASE} characters."
            ),
            "change": (
                f"Type the current passphrase of “{self.path.name}”, then the new one twice. "
                "Its backups take the new passphrase too."
            ),
        }[self.mode]
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.current = self._field("Current passphrase")
        self.passphrase = self._field("Passphrase" if self.mode == "open" else "New passphrase")
        self.again = self._field("The same again")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        if self.mode == "change":
            form.addRow("Current passphrase:", self.current)
        form.addRow("Passphrase:" if self.mode == "open" else "New passphrase:", self.passphrase)
        if self.mode != "open":
            form.addRow("The same again:", self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            {"open": "Open", "new": "Encrypt", "change": "Change passphrase"}[self.mode]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        (self.current if self.mode == "change" else self.passphrase).setFocus()

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.current, self.passphrase, self.again):
            field.textChanged.connect(self._update)

    def _update(self) -> None:
        typed = self.passphrase.text()
        problem = ""
        if self.mode == "change" and not self.current.text():
            problem = "Type the current passphrase."
        elif self.mode != "open" and typed and len(typed) < MIN_PASSPHRASE:
            problem = f"At least {MIN_PASSPHRASE} characters."
        elif self.mode != "open" and self.again.text() and self.again.text() != typed:
            problem = "The two passphrases differ."
        ready = bool(typed) and not problem
        if self.mode != "open":
            ready = ready and self.again.text() == typed
        self.hint.setText(problem)
        self.ok_button.setEnabled(ready)

    def value(self) -> str:
        """The passphrase typed (the new one, when choosing or changing)."""
        return self.passphrase.text()

    def current_value(self) -> str:
        return self.current.text()


def ask_passphrase(parent: QWidget | None, path: Path) -> str | None:
    """Ask for an encrypted workspace's passphrase; None if the user cancels."""
    dialog = PassphraseDialog(path, "open", parent)
    try:
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def open_asking(path: Path, parent: QWidget | None, *, create: bool = False) -> Workspace:
    """Open a workspace, asking for its passphrase if it is encrypted (again if mistyped).

    Raises PassphraseNeeded if the user cancels, WrongPassphrase after three wrong tries (the
    caller then offers the latest backup), and WorkspaceError for any other refusal.
    """
    for attempt in range(1, WRONG_TRIES + 1):
        try:
            return Workspace.open(path, create=create, ask=lambda p: ask_passphrase(parent, p))
        except WrongPassphrase:
            passphrases.forget(path)
            if attempt == WRONG_TRIES or passphrases.from_environment():
                raise
            show_error(
                parent,
                "Wrong passphrase",
                f"That passphrase does not open “{path.name}”.",
                "Type it again (check Caps Lock); the workspace itself is unchanged.",
            )
    raise AssertionError("unreachable")
