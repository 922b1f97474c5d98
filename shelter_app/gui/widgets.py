"""Small shared pieces: dialog buttons in the app's words, message lines, headings,
read-only tables, text boxes, the save-as dialog, and pages that load when shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from shelter_app.gui.style import set_role
from shelter_app.i18n import _


def translate_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """The app's words for a box's standard buttons. Qt's own names for them come from
    the same catalog (gui/qt_language.py); this keeps Yes and No without an Alt key, as
    the app's other dialogs write them. A box with Save saves on Ctrl+Enter, also from
    a text box of several lines (where Enter starts a new line)."""
    save = box.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        # here, not at the top: the login window imports this module, and Qt's namespace
        # costs its start-up 16 ms (benchmarks/startup.py)
        from PySide6.QtCore import Qt

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), box)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda: save.isEnabled() and save.isVisible()
                                       and save.click())
    names = {
        QDialogButtonBox.StandardButton.Ok: _("OK"),
        QDialogButtonBox.StandardButton.Cancel: _("Cancel"),
        QDialogButtonBox.StandardButton.Save: _("Save"),
        QDialogButtonBox.StandardButton.Close: _("Close"),
        QDialogButtonBox.StandardButton.Yes: _("Yes"),
        QDialogButtonBox.StandardButton.No: _("No"),
    }
    for standard, text in names.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box


def without_alt_key(text: str) -> str:
    """A button text without its Alt key ("&&" stays a literal "&"): for buttons that a
    page repeats, where one Alt key would only move the focus between the copies."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def shown_only_if(widget: QWidget, condition: bool) -> None:
    """Hide what this user may not use (or what does not apply). It never shows a widget
    that is not yet in a layout: with no parent, showing it opens a window of its own
    (13 buttons flashed on screen at each login that way)."""
    if not condition:
        widget.hide()
    elif widget.parentWidget() is not None:
        widget.show()


def heading(text: str, size: int = 15) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


def show_message(label: QLabel, text: str, error: bool = True) -> None:
    set_role(label, tone="error" if error else "muted")
    label.setText(text)


def confirm(parent: QWidget, title: str, text: str, destructive: bool = False) -> bool:
    """Yes or No. `destructive`: No is the default, so an Enter pressed once too often
    changes nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
    if destructive:
        box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


_last_folder: Path | None = None  # where the user last saved, in this session


def save_folder() -> Path:
    """Where a save dialog opens: the folder the user last saved to in this session, else
    their Documents folder (home when there is none), never the program's own folder
    (the current directory, where a first save dialog opened)."""
    import platformdirs

    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def save_path(parent: QWidget, title: str, suggested: str, pattern: str = "*.pdf"
              ) -> Path | None:
    """The file the user chose to save to, or None when they cancelled. On Linux Qt's
    own dialog, which speaks the app's language (gui/qt_language.py)."""
    global _last_folder
    from shelter_app.gui.qt_language import USE_QT_DIALOGS

    options = (QFileDialog.Option.DontUseNativeDialog if USE_QT_DIALOGS
               else QFileDialog.Option(0))
    chosen, _filter = QFileDialog.getSaveFileName(parent, title,
                                                  str(save_folder() / suggested), pattern,
                                                  options=options)
    if not chosen:
        return None
    _last_folder = Path(chosen).parent
    return Path(chosen)


def read_only_table(headers: list[str]) -> QTableWidget:
    """A table to read: whole rows selected one at a time, columns sharing the width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table


def usable_with_a_row(table: QTableWidget, *buttons: QWidget) -> None:
    """Buttons that act on the chosen row are usable only while a row is chosen (with
    none, "Print the letter…" did nothing and said nothing)."""
    def follow() -> None:
        chosen = bool(table.selectionModel().selectedRows())
        for button in buttons:
            button.setEnabled(chosen)

    table.itemSelectionChanged.connect(follow)  # also when the chosen row goes
    follow()


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    """Each cell's tooltip is its whole text: a column too narrow for it (at 1366x768,
    in Indonesian most) cuts it with "…" and the pointer still reads it. A header too
    narrow for its title likewise."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if text:
                item.setToolTip(text)
            table.setItem(row, column, item)
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        if header is not None and not header.toolTip():
            header.setToolTip(header.text())


def text_box(text: str = "", lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    """A few lines of free text, sized to them. Tab goes on to the next field, as in
    every other field (a tab typed into a note is never what was meant)."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(lines * 20 + 12)
    return box


def open_dialog(owner: QWidget, dialog: QDialog, then: Callable[[], object]) -> QDialog:
    """Open `dialog` window-modal and run `then` when it is accepted. The owner keeps it
    (as `last_dialog`), so it lives while open and tests can reach it."""
    owner.last_dialog = dialog
    dialog.accepted.connect(then)
    dialog.open()
    return dialog


class LoadsWhenShown:
    """A page that loads its data the first time it is shown, not while the main window
    opens (start-up stays quick, and nothing runs for a page nobody looks at)."""

    _shown_once = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown()  # each page defines what it loads
