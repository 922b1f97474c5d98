"""The command line's `incidents list`: one line per incident, newest first, with its time
at the shelter, kind, severity, the residents involved by case number (never a name) and
whether a manager has marked it handled (services/residents/incidents.py). What happened
and what was done are read in the app: free text may name people. Incidents are security
records: there is no command to delete one."""

from __future__ import annotations

import os
import sys

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _, ngettext


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `incidents` command to `commands` (argparse subparsers of the main parser)."""
    from shelter_app.domain.incident_vocab import KINDS, SEVERITIES

    incidents = commands.add_parser("incidents", help=_("security and care incidents"))
    actions = incidents.add_subparsers(dest="incidents_command", required=True,
                                       metavar=_("ACTION"), parser_class=parser_class)
    listing = actions.add_parser("list", help=_(
        "list incidents, newest first, one line each: time at the shelter, kind, severity, "
        "the residents' case numbers, handled or not"))
    listing.add_argument("--from", dest="first", default=None, metavar="YYYY-MM-DD", help=_(
        "the first day, YYYY-MM-DD (days at the shelter)"))
    listing.add_argument("--to", dest="last", default=None, metavar="YYYY-MM-DD", help=_(
        "the last day, YYYY-MM-DD (included)"))
    listing.add_argument("--kind", choices=tuple(KINDS), default=None,
                         help=_("only incidents of this kind"))
    listing.add_argument("--severity", choices=tuple(SEVERITIES), default=None,
                         help=_("only incidents of this severity"))
    listing.add_argument("--open", action="store_true", help=_(
        "only the serious and critical incidents no manager has marked handled yet"))
    listing.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                         help=_("your user name (or SHELTER_USER)"))


def _state(row) -> str:
    if row.handled_at is not None:
        return _("handled")
    if row.alerting:
        return _("not yet handled")
    return "-"


def line(row, zone) -> str:
    """One incident, tab-separated; case numbers only."""
    from shelter_app.i18n.formatting import format_datetime
    from shelter_app.services.residents import incidents

    cases = ",".join(person.case_number for person in row.involved) or "-"
    return "\t".join([format_datetime(row.at.astimezone(zone), style="dd/MM/yyyy HH:mm"),
                      incidents.kind_label(row.kind), incidents.severity_label(row.severity),
                      cases, _state(row)])


def run(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import incidents
    from shelter_app.services.shared import reporting

    # a date that is none, or a period that ends before it starts, is refused before the
    # password is asked
    first = reporting.parse_day(args.first, "from") if args.first else None
    last = reporting.parse_day(args.last, "to") if args.last else None
    if first is not None and last is not None and last < first:
        raise InputError(_("The period ends before it starts."), "to")
    workspace = login(args)
    try:
        rows = incidents.list_incidents(workspace, kind=args.kind, severity=args.severity,
                                        first=first, last=last, open_only=args.open)
        zone = incidents.today_and_zone(workspace)[1]
    finally:
        auth.logout(workspace)
    for row in rows:
        print(line(row, zone))
    # the count beside the list, not in it: a script reads one incident a line
    print(ngettext("{count} incident.", "{count} incidents.", len(rows)).format(
        count=len(rows)), file=sys.stderr)
    return 0
