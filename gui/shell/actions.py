"""The window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from gui.common.keys import redo_keys


class ActionTargets(Protocol):
    """What the actions call: the window's slots and its undo group (the main window is one)."""

    undo_group: QUndoGroup

    def new_workspace(self) -> None: ...
    def choose_workspace(self) -> None: ...
    def encrypt_workspace(self) -> None: ...
    def change_passphrase(self) -> None: ...
    def import_files(self, paths: list[str] | None = None) -> None: ...
    def export(self) -> None: ...
    def find(self) -> None: ...
    def new_case(self) -> None: ...
    def case_details(self) -> None: ...
    def show_quarantine(self) -> None: ...
    def show_import_history(self) -> None: ...
    def show_risks(self) -> None: ...
    def show_duplicates(self) -> None: ...
    def show_proceedings(self) -> None: ...
    def show_significance(self) -> None: ...
    def show_court_events(self) -> None: ...
    def show_contact_details(self) -> None: ...
    def show_agencies(self) -> None: ...
    def show_supervision(self) -> None: ...
    def team_view(self) -> None: ...
    def set_show_inactive(self, show: bool) -> None: ...
    def about(self) -> None: ...
    def next_pane(self) -> None: ...
    def previous_pane(self) -> None: ...


@dataclass
class Actions:
    new_workspace: QAction
    open_workspace: QAction
    encrypt: QAction
    change_passphrase: QAction
    import_files: QAction
    export: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    new_case: QAction
    case_details: QAction
    quarantine: QAction
    import_history: QAction
    risks: QAction
    duplicates: QAction
    proceedings: QAction
    significance: QAction
    court_events: QAction
    contact_details: QAction
    agencies: QAction
    supervision: QAction
    team_view: QAction
    show_inactive: QAction
    about: QAction
    next_pane: QAction
    previous_pane: QAction
    recent_menu: QMenu
    case_actions: tuple[QAction, ...]
    view_menu: QMenu = field(init=False)  # made with the menus
    toolbar: QToolBar = field(init=False)


def _action(
    window: QMainWindow,
    text: str,
    slot: object,
    shortcut: object = None,
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(
            shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
        )
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(slot)
    return action


def build_actions(window: QMainWindow, targets: ActionTargets) -> Actions:
    """Create the actions, the menus and the toolbar of ``window``; they call ``targets``."""
    sp = QStyle.StandardPixmap
    key = QKeySequence.StandardKey
    t = targets
    a = Actions(
        new_workspace=_action(
            window,
            "&New workspace…",
            t.new_workspace,
            key.New,
            "Create a new, empty workspace file",
        ),
        open_workspace=_action(
            window,
            "&Open workspace…",
            t.choose_workspace,
            key.Open,
            "Open another workspace file",
            sp.SP_DialogOpenButton,
        ),
        encrypt=_action(
            window,
            "En&crypt workspace…",
            t.encrypt_workspace,
            None,
            "Encrypt this workspace and its backups with a passphrase",
        ),
        change_passphrase=_action(
            window,
            "Change &passphrase…",
            t.change_passphrase,
            None,
            "Change the passphrase of this encrypted workspace and its backups",
        ),
        import_files=_action(
            window,
            "&Import…",
            t.import_files,
            "Ctrl+I",
            "Import agency records into the open case",
            sp.SP_ArrowDown,
        ),
        export=_action(
            window,
            "&Export…",
            t.export,
            "Ctrl+E",
            "Export a statement, court chronology or summary",
            sp.SP_DialogSaveButton,
        ),
        quit=_action(window, "&Quit", window.close, key.Quit),
        undo=t.undo_group.createUndoAction(window, "&Undo"),
        redo=t.undo_group.createRedoAction(window, "&Redo"),
        find=_action(window, "&Find", t.find, key.Find, "Search the chronology"),
        new_case=_action(
            window,
            "&New case…",
            t.new_case,
            "Ctrl+Shift+N",
            "Add a case to this workspace",
            icon=QStyle.StandardPixmap.SP_FileDialogNewFolder,
        ),
        case_details=_action(
            window,
            "Case &details…",
            t.case_details,
            "Alt+Return",  # "properties", as on Windows
            "Edit the case's details: the children, worker, court, proceedings",
        ),
        quarantine=_action(
            window,
            "&Quarantine…",
            t.show_quarantine,
            "Ctrl+Shift+Q",
            "Rows the importer could not read: fix or discard them",
            sp.SP_MessageBoxWarning,
        ),
        import_history=_action(
            window,
            "Import &history…",
            t.show_import_history,
            None,
            "Every import of this case; undo an import as a whole",
            sp.SP_BrowserReload,
        ),
        risks=_action(
            window,
            "&Risks…",
            t.show_risks,
            "Ctrl+R",
            "The case's risk register",
            sp.SP_MessageBoxCritical,
        ),
        duplicates=_action(
            window,
            "Possible &duplicates…",
            t.show_duplicates,
            "Ctrl+Shift+D",
            "Records that may be one event told twice: link them or keep them apart",
            sp.SP_FileDialogContentsView,
        ),
        proceedings=_action(
            window,
            "&Proceedings…",
            t.show_proceedings,
            "Ctrl+Shift+P",
            "When court proceedings were open: confirm or edit the periods",
        ),
        significance=_action(
            window,
            "&Significance…",
            t.show_significance,
            None,
            "What the import suggested as significant and why: confirm or change it",
        ),
        court_events=_action(
            window,
            "Court &chronology events…",
            t.show_court_events,
            None,
            "The events the court documents show, why, and the bundle pages",
        ),
        contact_details=_action(
            window,
            "Contact details &found…",
            t.show_contact_details,
            None,
            "Addresses, phones and the like found in the records: confidential or not",
        ),
        agencies=_action(
            window,
            "&Agencies…",
            t.show_agencies,
            None,
            "Which names in the records are one agency",
        ),
        supervision=_action(
            window,
            "&Supervision",
            t.show_supervision,
            "Ctrl+Shift+S",
            "The case's supervision: checklist, notes, decisions, actions, sign-off",
        ),
        team_view=_action(
            window,
            "&Team view…",
            t.team_view,
            "Ctrl+Shift+T",
            "Every case of the workspace, red/amber/green, worst first",
        ),
        show_inactive=_action(
            window,
            "Show &cancelled and withdrawn entries",
            t.set_show_inactive,
            None,
            "Greyed entries stay visible when this is ticked",
        ),
        about=_action(window, "&About Throughline", t.about, key.HelpContents),
        next_pane=_action(
            window, "Next &pane", t.next_pane, "F6", "Move to the next pane: cases, chronology…"
        ),
        previous_pane=_action(
            window, "Pre&vious pane", t.previous_pane, "Shift+F6", "Move to the previous pane"
        ),
        recent_menu=QMenu("Recent &workspaces", window),
        case_actions=(),
    )
    a.undo.setShortcut(QKeySequence(key.Undo))
    a.redo.setShortcuts(redo_keys())
    a.undo.setIcon(window.style().standardIcon(sp.SP_ArrowBack))
    a.redo.setIcon(window.style().standardIcon(sp.SP_ArrowForward))
    _short_on_toolbar(a.undo, "Undo", t.undo_group.undoTextChanged)
    _short_on_toolbar(a.redo, "Redo", t.undo_group.redoTextChanged)
    a.show_inactive.setCheckable(True)
    a.show_inactive.setChecked(True)
    a.case_actions = (
        a.import_files,
        a.export,
        a.case_details,
        a.quarantine,
        a.import_history,
        a.risks,
        a.supervision,
        a.duplicates,
        a.proceedings,
        a.find,
        a.significance,
        a.court_events,
        a.contact_details,
        a.agencies,
    )
    _build_menus(window, a)
    _build_toolbar(window, a)
    return a


def _short_on_toolbar(action: QAction, word: str, text_changed: SignalInstance) -> None:
    """The toolbar button says only 'Undo'; the menu and the tooltip name what it undoes."""
    action.setIconText(word)

    def tip(text: str) -> None:
        action.setToolTip(f"{word} {text}" if text else f"Nothing to {word.lower()}")

    text_changed.connect(tip)
    tip("")


def _build_menus(window: QMainWindow, a: Actions) -> None:
    bar = window.menuBar()
    file = bar.addMenu("&File")
    file.addActions([a.new_workspace, a.open_workspace])
    file.addMenu(a.recent_menu)
    file.addSeparator()
    file.addActions([a.encrypt, a.change_passphrase])
    file.addSeparator()
    file.addActions([a.import_files, a.export])
    file.addSeparator()
    file.addAction(a.quit)
    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addAction(a.find)
    case = bar.addMenu("&Case")
    case.addActions([a.new_case, a.case_details])
    case.addSeparator()
    case.addActions([a.quarantine, a.import_history, a.risks, a.supervision])
    case.addSeparator()
    case.addActions([a.duplicates, a.proceedings])
    case.addSeparator()
    case.addActions([a.significance, a.court_events, a.contact_details, a.agencies])
    case.addSeparator()
    case.addAction(a.team_view)
    view = bar.addMenu("&View")
    view.setObjectName("viewMenu")
    view.addAction(a.show_inactive)
    view.addSeparator()
    view.addActions([a.next_pane, a.previous_pane])
    view.addSeparator()
    a.view_menu = view
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.about)


def _build_toolbar(window: QMainWindow, a: Actions) -> None:
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setToolButtonStyle(bar.toolButtonStyle().ToolButtonTextBesideIcon)
    for action in (
        a.new_case,
        a.import_files,
        a.export,
        a.undo,
        a.redo,
        a.quarantine,
        a.import_history,
        a.risks,
        a.duplicates,
    ):
        bar.addAction(action)
    window.addToolBar(bar)
    a.toolbar = bar
