"""Compile ui/*.ui into shelter_app/gui/forms with pyside6-uic (as Picard does), turning
Qt's translate() calls into gettext, so Babel extracts their strings like any other."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from shelter_app.paths import ui_dir

FORMS_DIR = Path(__file__).resolve().parent / "forms"
_TRANSLATE = re.compile(r'QCoreApplication\.translate\("\w+", u?(".*?"), None\)')
HEADER = "# Generated from ui/{name} by shelter_app.gui.build_forms. Do not edit.\n"


def _uic() -> str:
    local = Path(sys.executable).with_name("pyside6-uic")
    return str(local) if local.exists() else (shutil.which("pyside6-uic") or "pyside6-uic")


_IMPORT_BLOCK = re.compile(r"from (PySide6\.\w+) import \(?([\w\s,]+?)\)?\n(?=\S|\n)")


def _drop_unused_imports(source: str) -> str:
    """uic imports dozens of Qt names it never uses; each one costs start-up time."""
    body = "\n".join(line for line in _IMPORT_BLOCK.sub("", source).splitlines()
                     if not line.lstrip().startswith("#"))

    def keep_used(match: re.Match) -> str:
        names = [n.strip() for n in match.group(2).split(",") if n.strip()]
        used = [n for n in names if re.search(rf"\b{n}\b", body)]
        return f"from {match.group(1)} import {', '.join(used)}\n" if used else ""

    return _IMPORT_BLOCK.sub(keep_used, source)


def _parent_by_name(source: str, ui_file: Path) -> str:
    """uic passes a widget's parent as the first argument; the app's own widgets (the
    .ui file's custom widgets) take a value there (a DateField its day, a CodedCombo its
    choices) and their parent by name."""
    for custom in ElementTree.parse(ui_file).iterfind("customwidgets/customwidget/class"):
        source = re.sub(rf"= {custom.text}\(([\w.]+)\)$", rf"= {custom.text}(parent=\1)",
                        source, flags=re.MULTILINE)
    return source


def compile_form(ui_file: Path) -> str:
    generated = subprocess.run([_uic(), "--no-autoconnection", str(ui_file)], check=True,
                               capture_output=True, text=True).stdout
    generated = _parent_by_name(generated, ui_file)
    body = _drop_unused_imports(_TRANSLATE.sub(r"_(\1)", generated))
    body = "\n".join(line for line in body.splitlines()
                     if not line.startswith("## ") and line.rstrip() != "#" * len(line.rstrip())
                     or not line.strip())
    return HEADER.format(name=ui_file.name) + "from shelter_app.i18n import _\n" + body + "\n"


def expected_forms() -> dict[Path, str]:
    return {FORMS_DIR / f"{ui.stem}_form.py": compile_form(ui)
            for ui in sorted(ui_dir().glob("*.ui"))}


def main() -> None:
    FORMS_DIR.mkdir(exist_ok=True)
    (FORMS_DIR / "__init__.py").write_text('"""Generated from ui/*.ui; do not edit."""\n')
    for path, text in expected_forms().items():
        path.write_text(text)
        print(f"wrote {path.name}")  # noqa: T201


if __name__ == "__main__":
    main()
