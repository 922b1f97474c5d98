"""The command line's `stats` commands: `stats export` (this shelter's protected
statistics for a period) and `stats combine` (several shelters' exports added up and
protected again; it reads only the exports, so it needs no login)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _, current_language


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `stats` command to `commands` (argparse subparsers of the main parser)."""
    stats = commands.add_parser("stats", help=_(
        "statistics for the province and the nation, with small counts protected"))
    actions = stats.add_subparsers(dest="stats_command", required=True,
                                   metavar=_("ACTION"), parser_class=parser_class)
    export = actions.add_parser("export", help=_(
        "this shelter's protected statistics for a period (dates inclusive) as JSON, CSV "
        "or PDF"))
    export.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
    export.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD")
    output_options(export, with_format=True)
    combine = actions.add_parser("combine", help=_(
        "add up several shelters' exports of one period and protect the sum again (no "
        "login needed)"))
    combine.add_argument("files", type=Path, nargs="+", help=_("the exports (JSON or CSV)"))
    combine.add_argument("--out", type=Path, required=True, help=_("the file to write"))
    combine.add_argument("--format", choices=("pdf", "json", "csv"), default=None,
                         help=_("pdf, json or csv (default: from the file's extension)"))


def _format(args) -> str:
    fmt = args.format or args.out.suffix.lstrip(".").lower()
    if fmt not in ("pdf", "json", "csv"):
        raise InputError(_("The format is one of: {formats}.").format(
            formats="pdf, json, csv"))
    return fmt


def _summary(statistics) -> str:
    hidden = sum(table.suppressed_count for table in statistics.tables if not table.withheld)
    withheld = sum(table.withheld for table in statistics.tables)
    return _("{tables} tables; counts suppressed: {hidden}; tables withheld: {withheld} "
             "(threshold {threshold}).").format(
        tables=len(statistics.tables), hidden=hidden, withheld=withheld,
        threshold=statistics.threshold)


def run(args, login) -> int:
    from shelter_app.services.overview import statistics_files

    fmt = _format(args)
    if args.stats_command == "combine":
        combined = statistics_files.combine_files(args.files, args.out, fmt, current_language(),
                                                  dt.datetime.now(dt.UTC))
        print(_("Combined statistics of {count} shelters written to {file}: {summary}").format(
            count=combined.shelters, file=args.out, summary=_summary(combined)))
        return 0
    from shelter_app.services.administration import auth
    from shelter_app.services.overview import statistics
    from shelter_app.services.shared import reporting

    wanted = reporting.period(reporting.parse_day(args.first, "from"),
                              reporting.parse_day(args.last, "to"))
    workspace = login(args)
    try:
        written = statistics.export(workspace, wanted, args.out, fmt, current_language())
    finally:
        auth.logout(workspace)
    print(_("Statistics written to {file}: {summary}").format(
        file=args.out, summary=_summary(written)))
    return 0

