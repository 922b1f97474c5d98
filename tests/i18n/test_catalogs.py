import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from shelter_app import i18n
from shelter_app.i18n import _
from shelter_app.i18n.catalogs import catalog_path, placeholders, problems
from shelter_app.i18n.formatting import format_date, format_rupiah

SOURCE = Path(__file__).resolve().parents[2] / "shelter_app"


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(SOURCE), method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        found.update(message if isinstance(message, tuple) else (message,))
    return {m for m in found if m}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_string_in_the_source_is_translated_with_the_same_placeholders(language):
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as handle:
        catalog_ids = {m.id for m in read_po(handle) if m.id}
    missing = sorted(_source_messages() - catalog_ids)
    assert missing == [], f"run `make extract` and translate: {missing[:5]}"
    assert problems(language) == []


def test_placeholders_are_compared_by_name():
    assert placeholders("{user} was added.") == {"user"}
    assert placeholders("{user} sudah ditambahkan.") != placeholders("{username} x")


def _gettext_calls_with_non_literal_text():
    bad = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"_", "N_"}):
                if not (len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    if path.name == "__init__.py" and "i18n" in path.parts:
                        continue
                    bad.append(f"{path.name}:{node.lineno}")
    return bad


def test_gettext_gets_plain_strings_never_fstrings_or_percent():
    offenders = [c for c in _gettext_calls_with_non_literal_text()
                 if not c.startswith(("areas.py", "roles.py", "users_model.py", "audit_page.py"))]
    assert offenders == []


def test_indonesian_is_the_default_and_english_switches():
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert i18n.current_language() == "id"
    assert _("Log in") == "Masuk"
    i18n.set_language("en")
    assert _("Log in") == "Log in"


def test_dates_and_rupiah_follow_the_language():
    day = dt.date(2026, 11, 27)
    i18n.set_language("id")
    assert format_date(day) == "27 November 2026"
    assert format_rupiah(150000) == "Rp150.000"
    assert format_rupiah(Decimal("1250000")) == "Rp1.250.000"
    i18n.set_language("en")
    assert format_rupiah(150000) == "IDR150,000"
    with pytest.raises(TypeError):
        format_rupiah(1.5)
