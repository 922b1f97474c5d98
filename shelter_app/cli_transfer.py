"""The command line's `transfer` commands: send a case to another shelter as an encrypted
file, and receive one (services/residents/transfer.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shelter_app.i18n import _

PASSPHRASE = "TRANSFER_PASSPHRASE"


def add_commands(commands, parser_class, output_options) -> None:
    """Adds the `transfer` command to `commands` (argparse subparsers of the main parser)."""
    transfer = commands.add_parser("transfer", help=_(
        "move a case to another shelter, or receive one, as an encrypted file"))
    actions = transfer.add_subparsers(dest="transfer_command", required=True,
                                      metavar=_("ACTION"), parser_class=parser_class)
    export = actions.add_parser("export", help=_(
        "write the case to an encrypted file for the receiving shelter and record the "
        "move as a discharge (passphrase: {variable}, or asked twice)").format(
        variable=PASSPHRASE))
    export.add_argument("--case", required=True, help=_("a case number, e.g. RA-2026-0001"))
    export.add_argument("--to", dest="to_shelter", required=True,
                        help=_("the name of the receiving shelter"))
    export.add_argument("--override-reason", default="", help=_(
        "a manager's reason to move the case without the person's recorded consent"))
    export.add_argument("--again", action="store_true", help=_(
        "move the case again although it was moved out already (the file was lost or "
        "went to the wrong shelter)"))
    output_options(export, with_format=False)
    receive = actions.add_parser("import", help=_(
        "receive a case from another shelter's transfer file (passphrase: {variable}, or "
        "asked)").format(variable=PASSPHRASE))
    receive.add_argument("file", type=Path)
    receive.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                         help=_("your user name (or SHELTER_USER)"))
    choice = receive.add_mutually_exclusive_group()
    choice.add_argument("--same-as", default="", metavar="RA-…", help=_(
        "the person is on record here already with this case number: a returning person"))
    choice.add_argument("--new-person", action="store_true", help=_(
        "receive the case as a new person even when people on record look alike"))
    receive.add_argument("--again", action="store_true", help=_(
        "receive the case although the same case came from that shelter before"))


def run(args, login) -> int:
    from shelter_app.cli import _secret
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import forms, transfer

    if args.transfer_command == "export":
        passphrase = _secret(PASSPHRASE, _("Transfer passphrase: "), confirm=True)
        workspace = login(args)
        try:
            sent = transfer.export_case(
                workspace, forms.person_id_of(workspace, args.case), args.to_shelter,
                args.out, passphrase, override_reason=args.override_reason,
                again=args.again)
        except transfer.AlreadyMoved as error:
            return _refused_again(str(error))
        finally:
            auth.logout(workspace)
        print(_("Case {case} written to {file} for {shelter}.").format(
            case=sent.case_number, file=sent.path, shelter=args.to_shelter))
        print(_("Recorded as a discharge: moved to another shelter.") if sent.discharged
              else _("The person was not in the shelter: the move of the case is recorded."))
        print(_("Give the passphrase to the receiving shelter another way (by phone), never "
                "with the file."))
        return 0
    passphrase = _secret(PASSPHRASE, _("Transfer passphrase: "))
    workspace = login(args)
    try:
        opened = transfer.open_incoming(workspace, args.file, passphrase)
        if opened.received_before and not args.again:
            return _refused_again(str(transfer.AlreadyReceived(opened.received_before)))
        same_as = forms.person_id_of(workspace, args.same_as) if args.same_as else None
        if opened.duplicates and same_as is None and not args.new_person:
            _list_duplicates(opened.duplicates)
            return 2
        received = transfer.receive(workspace, opened.incoming, same_as=same_as,
                                    new_person=same_as is None, again=args.again)
    finally:
        auth.logout(workspace)
    message = (_("Received from {shelter} (their case {origin}): admitted again as {case}.")
               if received.returning else
               _("Received from {shelter} (their case {origin}): admitted as {case}."))
    print(message.format(shelter=opened.incoming.from_shelter,
                         origin=opened.incoming.from_case_number or "–",
                         case=received.case_number))
    return 0


def _refused_again(message: str) -> int:
    print(message, file=sys.stderr)
    print(_("Nothing was done. Run again with --again if that is what you mean."),
          file=sys.stderr)
    return 2


def _list_duplicates(found) -> None:
    from shelter_app.services.residents import transfer

    print(_("People on record may be this person; nothing was received:"), file=sys.stderr)
    for candidate in found:
        print("  " + transfer.describe_duplicate(candidate), file=sys.stderr)
    print(_("Run again with --same-as CASE for a returning person, or --new-person."),
          file=sys.stderr)
