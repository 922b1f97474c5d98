"""The command line's `import` commands: `import residents FILE` brings in the shelter's
old register (.xlsx or .csv), after a dry run that lists every problem."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shelter_app.i18n import _, ngettext

BAD_ROWS_EXIT = 2  # as any refused input


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `import` command to `commands` (argparse subparsers of the main parser)."""
    data_import = commands.add_parser("import", help=_(
        "bring data in from another system"))
    kinds = data_import.add_subparsers(dest="import_command", required=True,
                                       metavar=_("WHAT"), parser_class=parser_class)
    residents = kinds.add_parser("residents", help=_(
        "the shelter's old register of residents (.xlsx or .csv), one row per stay; all "
        "rows or none"))
    residents.add_argument("file", type=Path, metavar="FILE.xlsx|FILE.csv")
    residents.add_argument("--mapping", type=Path, metavar="FILE.json", help=_(
        "a column mapping saved before (JSON): which column is which field"))
    residents.add_argument("--save-mapping", type=Path, metavar="FILE.json", help=_(
        "save the column mapping used to this file, to reuse it"))
    residents.add_argument("--dry-run", action="store_true", help=_(
        "only check the register and say what would be imported"))
    residents.add_argument("--report", type=Path, metavar="FILE.pdf|FILE.csv", help=_(
        "write what came in, row by row, to this file (.pdf or .csv)"))
    residents.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                           help=_("your user name (or SHELTER_USER)"))


def run(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import register_import, register_mapping

    table, mapping = register_import.open_register(args.file)  # before the password
    if args.mapping:
        mapping = register_mapping.apply_saved(
            mapping, register_mapping.read_mapping_file(args.mapping))
    if args.save_mapping:
        register_mapping.save_mapping(mapping, args.save_mapping)
    _print_mapping(mapping)
    workspace = login(args)
    try:
        plan = register_import.check(workspace, table, mapping)
        _print_plan(plan)
        if args.dry_run or not plan.ok:
            return 0 if plan.ok else BAD_ROWS_EXIT
        imported = register_import.import_register(workspace, table, mapping)
        print(ngettext("Imported {persons} person with {stays} stays; {skipped} skipped "
                       "(already on record).",
                       "Imported {persons} persons with {stays} stays; {skipped} skipped "
                       "(already on record).", imported.plan.persons).format(
            persons=imported.plan.persons, stays=imported.plan.stays,
            skipped=len(imported.plan.on_record)))
        if args.report:
            register_import.save_report(workspace, imported, args.report)
            print(_("Report written to {file}.").format(file=args.report))
    finally:
        auth.logout(workspace)
    return 0


def _print_mapping(mapping) -> None:
    from shelter_app.services.residents.register_mapping import field_label

    print(_("Headers on row {row}:").format(row=mapping.header_row))
    for index, field in sorted(mapping.columns.items()):
        print(f"  {mapping.headers[index]} -> {field_label(field)}")
    if mapping.ignored:
        print(_("Columns ignored: {columns}").format(columns=", ".join(mapping.ignored)))


def _print_plan(plan) -> None:
    from shelter_app.services.residents.register_import import defaulted_fields

    print(_("Rows: {rows}. Would create {persons} persons, {stays} stays, {contacts} "
            "contacts; {beds} beds given.").format(
        rows=plan.data_rows, persons=plan.persons, stays=plan.stays,
        contacts=plan.contacts, beds=plan.beds))
    if plan.persons:
        print(_("{count} of them would be present in the shelter today (no date of "
                "discharge).").format(count=plan.present))
        print(_("Not in the register, given the intake's values: {fields}. Complete the "
                "profiles after the import.").format(fields=defaulted_fields()))
    for found in plan.on_record:
        print(_("Rows {rows}: may be {name} (case {case}) already on record: skipped.")
              .format(rows=plan.rows_label(found.rows), name=found.shown_name,
                      case=found.case_number))
    for rows in plan.in_file:
        print(_("Rows {rows} may be the same person (check them).").format(
            rows=plan.rows_label(rows)))
    for warning in plan.warnings:
        print(_("Row {row}, {column}: {reason}").format(
            row=plan.row_label(warning.row), column=warning.column, reason=warning.reason))
    if plan.bad_rows:
        print(ngettext("{count} row has problems; nothing will be imported until it is "
                       "corrected:",
                       "{count} rows have problems; nothing will be imported until they "
                       "are corrected:", len({b.row for b in plan.bad_rows})).format(
            count=len({b.row for b in plan.bad_rows})), file=sys.stderr)
        for bad in plan.bad_rows:
            print(_("Row {row}, {column}: {reason}").format(
                row=plan.row_label(bad.row), column=bad.column, reason=bad.reason),
                file=sys.stderr)
    elif plan.data_rows == 0:
        print(_("The register has no rows below its headers."), file=sys.stderr)
