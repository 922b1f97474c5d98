"""One application style sheet (resources/style/app.qss): widgets get a role, the sheet
gives the look, and no widget carries colours of its own."""

import re
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "shelter_app" / "gui"


def _text_colour(label: QLabel) -> QColor:
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_no_widget_sets_its_own_style_sheet():
    """The warning colour was once written in seven files: now only the sheet has it."""
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted(GUI.rglob("*.py")) if path.name != "style.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "setStyleSheet(" in line]
    found += [str(path.relative_to(ROOT)) for path in sorted((ROOT / "ui").glob("*.ui"))
              if 'name="styleSheet"' in path.read_text(encoding="utf-8")]
    assert found == []


def test_colours_are_named_in_one_place():
    """Widgets, painted views and the sheet take their colours from style.COLOURS."""
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted(GUI.rglob("*.py")) if path.name != "style.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"[\"':]\s*#([0-9a-fA-F]{3}){1,2}\b", line)]
    assert found == []


def test_the_sheet_names_its_colours_and_knows_every_name():
    from shelter_app.gui.style import COLOURS, style_sheet
    from shelter_app.paths import style_dir

    written = (style_dir() / "app.qss").read_text(encoding="utf-8")
    assert not re.findall(r"#[0-9a-fA-F]{3,6}\b", written), "colours belong in COLOURS"
    applied = style_sheet()
    assert "@" not in applied and COLOURS["warning"] in applied
    assert QApplication.instance().styleSheet() == applied  # the tests' app has it too


def test_a_warning_label_takes_the_warning_colour_from_the_sheet(qtbot):
    from shelter_app.gui.style import COLOURS, set_role

    plain, warning = QLabel("biasa"), QLabel("perhatian")
    for label in (plain, warning):
        qtbot.addWidget(label)
    set_role(warning, tone="warning")
    warning.show()
    assert _text_colour(warning) == QColor(COLOURS["warning"])
    assert _text_colour(plain) != QColor(COLOURS["warning"])


def test_a_role_changed_on_screen_changes_the_look(qtbot):
    """The referral dialog's consent line turns amber and back as the resident changes."""
    from shelter_app.gui.style import COLOURS, set_role

    label = QLabel("persetujuan")
    qtbot.addWidget(label)
    label.show()
    ordinary = _text_colour(label)
    set_role(label, tone="warning")
    assert _text_colour(label) == QColor(COLOURS["warning"])
    set_role(label, tone="")
    assert _text_colour(label) == ordinary


def test_a_form_says_errors_in_red_and_notes_in_grey(qtbot):
    from shelter_app.gui.save_dialog import SaveDialog
    from shelter_app.gui.style import COLOURS
    from shelter_app.gui.widgets import show_message

    dialog = SaveDialog("Simpan")
    qtbot.addWidget(dialog)
    dialog.show()
    assert _text_colour(dialog.message) == QColor(COLOURS["error"])
    show_message(dialog.message, "Tersimpan.", error=False)
    assert _text_colour(dialog.message) == QColor(COLOURS["muted"])
    show_message(dialog.message, "Tanggal salah.")
    assert _text_colour(dialog.message) == QColor(COLOURS["error"])
