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
        catalog_ids = set()
        for message in read_po(handle):
            catalog_ids.update(message.id if isinstance(message.id, tuple) else (message.id,))
    missing = sorted(_source_messages() - catalog_ids)
    assert missing == [], f"run `make extract` and translate: {missing[:5]}"
    assert problems(language) == []


def test_placeholders_are_compared_by_name():
    assert placeholders("{user} was added.") == {"user"}
    assert placeholders("{user} sudah ditambahkan.") != placeholders("{username} x")


def _built_text(node: ast.AST) -> bool:
    """An f-string, a % or a .format() or a concatenation: text built before gettext
    sees it, so its catalog entry could never match."""
    return (isinstance(node, ast.JoinedStr)
            or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add))
            or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"))


def _gettext_calls_with_built_text():
    bad = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"_", "N_", "ngettext"}
                    and any(_built_text(arg) for arg in node.args)):
                bad.append(f"{path.name}:{node.lineno}")
    return bad


def test_gettext_gets_plain_strings_never_fstrings_or_percent():
    assert _gettext_calls_with_built_text() == []


def test_marked_strings_are_literals():
    """N_() marks text for extraction: anything but a literal would be lost."""
    bad = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "N_" and path.name != "__init__.py"
                    and not (len(node.args) == 1 and isinstance(node.args[0], ast.Constant))):
                bad.append(f"{path.name}:{node.lineno}")
    assert bad == []


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
