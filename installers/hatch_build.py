"""Wheel build hook: compile the gettext catalogs so an installed app has its .mo files.

Compiled catalogs are build output (not kept in git); `make translations` does the
same for a checkout.
"""

import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        locale_dir = Path(self.root) / "resources" / "locale"
        out_dir = Path(tempfile.mkdtemp(prefix="rumah-aman-mo-"))
        for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            mo_path = out_dir / po_path.relative_to(locale_dir).with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            target = "shelter_app/resources/locale/" + str(mo_path.relative_to(out_dir))
            build_data["force_include"][str(mo_path)] = target
