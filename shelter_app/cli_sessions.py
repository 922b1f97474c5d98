"""The command line's counselling commands: book a session (through the same clash check
as the calendar), the sessions report and the weekly schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _, ngettext


def add_report_commands(report_commands, output_options) -> list:
    sessions = report_commands.add_parser("sessions", help=_(
        "the counselling sessions report for a period (dates inclusive)"))
    schedule = report_commands.add_parser("schedule", help=_(
        "the counsellors' weekly schedule as PDF (the week of --week)"))
    schedule.add_argument("--week", required=True, help=_("a day of the week, YYYY-MM-DD"))
    schedule.add_argument("--counsellor", default=None, help=_("one counsellor's user name"))
    output_options(schedule, with_format=False)
    return [sessions]


def add_session_commands(commands, parser_class, user_option) -> None:
    sessions = commands.add_parser("sessions", help=_("book counselling sessions"))
    session_commands = sessions.add_subparsers(dest="sessions_command", required=True,
                                               metavar=_("ACTION"), parser_class=parser_class)
    book = session_commands.add_parser("book", help=_(
        "book a session, once or weekly; a clash is shown and nothing is booked unless "
        "--confirm-clashes is given"))
    book.add_argument("--kind", choices=("individual", "group", "family"), required=True)
    book.add_argument("--start", required=True, help=_("YYYY-MM-DDTHH:MM, shelter time"))
    book.add_argument("--minutes", type=int, default=60)
    book.add_argument("--counsellor", action="append", required=True,
                      help=_("a counsellor's user name (repeat for more)"))
    book.add_argument("--case", action="append", required=True,
                      help=_("a resident's case number (repeat for more)"))
    book.add_argument("--family", action="append", default=[],
                      help=_("a family member's name, from the contacts (family sessions)"))
    book.add_argument("--room", default=None, help=_("the room's name"))
    book.add_argument("--weeks", type=int, default=1, help=_("weekly, for this many weeks"))
    book.add_argument("--check-only", action="store_true",
                      help=_("show the clashes and book nothing"))
    book.add_argument("--confirm-clashes", action="store_true",
                      help=_("book even though it clashes (on purpose)"))
    user_option(book)


def _start(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(_("Write the start as YYYY-MM-DDTHH:MM, for example "
                           "2026-12-01T09:30."), "start") from None


def run_book(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.counselling import booking

    start = _start(args.start)
    workspace = login(args)
    try:
        draft = booking.draft_by_names(
            workspace, kind=args.kind, start=start, minutes=args.minutes,
            counsellors=args.counsellor, cases=args.case, family=args.family,
            room=args.room, weeks=args.weeks)
        if args.check_only:
            found = booking.check(workspace, draft)
            for clash in found:
                print(clash.text)
            if not found:
                print(_("No clash."))
            return 3 if found else 0
        ids = booking.book(workspace, draft, args.confirm_clashes)
    finally:
        auth.logout(workspace)
    print(ngettext("The session is booked.", "{count} sessions booked.", len(ids)).format(
        count=len(ids)))
    return 0


def run_schedule(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.counselling import reports as session_reports
    from shelter_app.services.shared import reporting

    day = reporting.parse_day(args.week, "week")
    workspace = login(args)
    try:
        session_reports.write_schedule(workspace, day, Path(args.out), args.counsellor)
    finally:
        auth.logout(workspace)
    print(_("Weekly schedule written to {file}.").format(file=args.out))
    return 0


def report_sessions(workspace, wanted, out: Path, fmt: str) -> str:
    from shelter_app.services.counselling import reports as session_reports

    report = session_reports.write(workspace, wanted, out, fmt)
    return ngettext("Sessions report written to {file}: {sessions} session, {attended} "
                    "of {expected} participants came.",
                    "Sessions report written to {file}: {sessions} sessions, {attended} "
                    "of {expected} participants came.", report.total).format(
        file=out, sessions=report.total, attended=report.attended, expected=report.expected)
