from xml.etree import ElementTree

from PySide6 import QtWidgets

from shelter_app.gui.build_forms import expected_forms
from shelter_app.paths import ui_dir


def test_compiled_forms_match_their_ui_files():
    stale = [path.name for path, text in expected_forms().items()
             if not path.exists() or path.read_text() != text]
    assert stale == [], "run `make ui`"


def test_no_name_in_a_form_hides_what_its_window_has():
    """A dialog set up from its form (`setupUi(self)`) gets each widget and layout as an
    attribute of the same name: one called `children` or `layout` would hide the Qt
    method of that name from every caller."""
    hiding = []
    for ui in sorted(ui_dir().glob("*.ui")):
        top = ElementTree.parse(ui).getroot().find("widget")
        window = getattr(QtWidgets, top.get("class"))
        hiding += [f"{ui.name}: {element.get('name')}" for element in top.iter()
                   if element.tag in ("widget", "layout", "spacer")
                   and hasattr(window, element.get("name") or "")]
    assert hiding == []
