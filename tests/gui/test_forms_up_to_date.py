from shelter_app.gui.build_forms import expected_forms


def test_compiled_forms_match_their_ui_files():
    stale = [path.name for path, text in expected_forms().items()
             if not path.exists() or path.read_text() != text]
    assert stale == [], "run `make ui`"
