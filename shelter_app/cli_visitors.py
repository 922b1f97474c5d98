"""The command line's `visitors check`: a visitor at the gate against the contacts who
must not visit (services/residents/visitors.py). It prints one line and never a name:
the day's visits, with the visitors' names, are on the gate page of the app."""

from __future__ import annotations

import os

from shelter_app.i18n import _

STOP_EXIT = 3  # the visitor must be stopped


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `visitors` command to `commands` (argparse subparsers of the main parser)."""
    visitors = commands.add_parser("visitors", help=_("visitors at the gate"))
    actions = visitors.add_subparsers(dest="visitors_command", required=True,
                                      metavar=_("ACTION"), parser_class=parser_class)
    check = actions.add_parser("check", help=_(
        "check a visitor against the contacts who must not visit the resident asked for "
        "or anyone staying here: exit 3 and one line when the visitor must be stopped, "
        "0 when not (a stop is recorded)"))
    check.add_argument("--case", default="", help=_(
        "the case number of the resident asked for, e.g. RA-2026-0001 (leave it out when "
        "the visitor asks for someone you did not find)"))
    check.add_argument("--name", default="", help=_("the visitor's name"))
    check.add_argument("--phone", default="", help=_("the visitor's phone number"))
    check.add_argument("--id-number", default="", help=_(
        "the number on the visitor's KTP or passport"))
    check.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                       help=_("your user name (or SHELTER_USER)"))


def run(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import forms, visitors

    data = visitors.VisitorData(name=args.name, id_number=args.id_number, phone=args.phone)
    # nothing to check against, or a number that is none: refused before the password
    visitors.validate(data)
    workspace = login(args)
    try:
        person_id = forms.person_id_of(workspace, args.case) if args.case else None
        result = visitors.check_visitor(workspace, data, person_id)
    finally:
        auth.logout(workspace)
    print(result.line)
    return STOP_EXIT if result.stop else 0
