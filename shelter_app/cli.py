"""The command line, for administrators and automation. Each failure is one clear line
on stderr and a non-zero exit; never a traceback."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from shelter_app import i18n
from shelter_app.domain.errors import InputError, ShelterError, storage_fault
from shelter_app.i18n import _, ngettext
from shelter_app.paths import default_data_dir

if TYPE_CHECKING:
    import argparse


def _parser_class():
    """argparse is loaded only when a command needs it: the desktop launch does not."""
    import argparse

    # argparse's own words (usage, options, its errors) from the app's catalog too
    argparse._ = _
    argparse.ngettext = ngettext

    class Parser(argparse.ArgumentParser):
        def format_usage(self) -> str:  # one line above the error, however many options
            return " ".join(super().format_usage().split()) + "\n"

        def error(self, message: str):  # argparse's own wording, in our one-line form
            self.print_usage(sys.stderr)
            raise SystemExit(_cli_fail(_("error: {message}").format(message=message), 2))

    return Parser


def version_line() -> str:
    from shelter_app import APP_NAME, __version__

    return f"{APP_NAME} {__version__}"


def _cli_fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _option_value(argv: list[str], option: str) -> str | None:
    """An option's value before argparse runs (the language must apply to its help texts)."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    Parser = _parser_class()  # noqa: N806 - a class, made on demand
    # the installed app's command is rumah-aman (rumah-aman-cli.exe on Windows); pip's is
    # shelter-app
    prog = Path(sys.argv[0]).stem if getattr(sys, "frozen", False) else "shelter-app"
    parser = Parser(prog=prog, description=_("Rumah Aman: records for a safe house."))
    parser.add_argument("--data-dir", type=Path, default=None,
                        help=_("the shelter's data folder (default: your user data folder, "
                               "or SHELTER_DATA_DIR)"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None,
                        help=_("language: id (Indonesian) or en (English)"))
    parser.add_argument("--version", action="version", version=version_line(),
                        help=_("print the version and stop"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("check that this installation has everything it needs (in a "
                               "temporary folder; no shelter data is read) and stop"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    commands.add_parser("gui", help=_("the desktop app (the default)"))

    init = commands.add_parser("init", help=_("create the encrypted database; prints the "
                                              "recovery key once"))
    init.add_argument("--shelter", required=True, help=_("the shelter's name"))
    init.add_argument("--admin", required=True, help=_("the first administrator's user name"))
    init.add_argument("--timezone", default="Asia/Jakarta", help=_("the shelter's time zone"))
    init.add_argument("--recovery-pdf", type=Path, help=_("also save the recovery sheet here"))

    demo = commands.add_parser("demo", help=_("create a database filled with generated data"))
    demo.add_argument("--residents", type=int, default=80)
    demo.add_argument("--days", type=int, default=90)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--replace", action="store_true",
                      help=_("make the demo again if one exists in the folder"))
    demo.add_argument("--gui", action="store_true", help=_("open the app on it afterwards"))

    check = commands.add_parser("check", help=_("verify the database, the key file and the "
                                                "audit chain"))
    check.add_argument("--user", required=True, help=_("your user name"))

    users = commands.add_parser("users", help=_("list, add, disable or reset users"))
    users.add_argument("--user", help=_("your user name (an administrator)"))
    user_commands = users.add_subparsers(dest="users_command", required=True,
                                         metavar=_("ACTION"), parser_class=Parser)
    user_commands.add_parser("list", help=_("list the users"))
    add = user_commands.add_parser("add", help=_("add a user"))
    add.add_argument("username")
    add.add_argument("--role", required=True, help="admin, manager, staff, counsellor")
    add.add_argument("--name", default="", help=_("the person's display name"))
    disable = user_commands.add_parser("disable", help=_("disable a user"))
    disable.add_argument("username")
    enable = user_commands.add_parser("enable", help=_("enable a user with a new password"))
    enable.add_argument("username")
    reset = user_commands.add_parser("reset-password", help=_("give a user a new password"))
    reset.add_argument("username")
    reset.add_argument("--recovery-key", action="store_true",
                       help=_("use the recovery key instead of an administrator's login "
                              "(SHELTER_RECOVERY_KEY, or a prompt)"))
    give = user_commands.add_parser("give-access", help=_(
        "give a colleague the sealed records of their role (counselling notes, protected "
        "identities) that you hold"))
    give.add_argument("username")
    give.add_argument("--recovery-key", action="store_true",
                      help=_("use the recovery key, when nobody who holds the access is left "
                             "(SHELTER_RECOVERY_KEY, or a prompt)"))
    report = commands.add_parser("report", help=_("print a report to a file"))
    report_commands = report.add_subparsers(dest="report_command", required=True,
                                            metavar=_("REPORT"), parser_class=Parser)
    occupancy = report_commands.add_parser("occupancy", help=_(
        "the occupancy report for a period (dates inclusive)"))
    provisions = report_commands.add_parser("provisions", help=_(
        "the provision report (jaminan hidup) for a period (dates inclusive)"))
    from shelter_app import cli_referrals, cli_sessions

    for command in (occupancy, provisions,
                    *cli_sessions.add_report_commands(report_commands, _output_options),
                    *cli_referrals.add_report_commands(report_commands, _output_options)):
        command.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
        command.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD")
        _output_options(command, with_format=True)

    backup = commands.add_parser("backup", help=_(
        "write one encrypted backup file, then check it against the database"))
    backup.add_argument("--out", type=Path, required=True,
                        help=_("the backup file, or a folder for a dated one"))
    backup.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                        help=_("your user name (or SHELTER_USER)"))
    backup.add_argument("--no-passphrase", action="store_true", help=_(
        "only the recovery key will open it (otherwise SHELTER_BACKUP_PASSPHRASE or a "
        "prompt)"))
    restore = commands.add_parser("restore", help=_(
        "check a backup, keep the current database as a dated copy, and restore"))
    restore.add_argument("file", type=Path)
    restore.add_argument("--recovery-key", action="store_true", help=_(
        "open it with the recovery key (SHELTER_RECOVERY_KEY, or a prompt) instead of the "
        "backup passphrase (SHELTER_BACKUP_PASSPHRASE, or a prompt)"))
    rekey = commands.add_parser("rekey", help=_(
        "give the database a new master key; other users then need new passwords"))
    rekey.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                       help=_("your user name (an administrator)"))
    rekey.add_argument("--recovery-pdf", type=Path,
                       help=_("also save the new recovery sheet here"))

    cli_sessions.add_session_commands(commands, Parser, lambda command: command.add_argument(
        "--user", default=os.environ.get("SHELTER_USER"),
        help=_("your user name (or SHELTER_USER)")))
    form = commands.add_parser("form", help=_("print a form to a PDF file"))
    form_commands = form.add_subparsers(dest="form_command", required=True,
                                        metavar=_("FORM"), parser_class=Parser)
    intake = form_commands.add_parser("intake", help=_(
        "the intake form: blank, or filled for one case with --case"))
    intake.add_argument("--case", default="", help=_("a case number, e.g. RA-2026-0001"))
    _output_options(intake, with_format=False)
    cli_referrals.add_form_commands(form_commands, _output_options)
    cli_referrals.add_institution_commands(commands, Parser)

    export = commands.add_parser("export", help=_("export records without names"))
    export_commands = export.add_subparsers(dest="export_command", required=True,
                                            metavar=_("WHAT"), parser_class=Parser)
    _output_options(export_commands.add_parser(
        "stays", help=_("every stay as CSV: case number, sex, dates, reason, room; no names")),
        with_format=False)
    _output_options(export_commands.add_parser(
        "provisions", help=_("every provision as CSV: date, stay, case number, item, "
                             "quantity, cost, stage, flag; no names")), with_format=False)
    from shelter_app import (
        cli_import,
        cli_incidents,
        cli_server,
        cli_stats,
        cli_transfer,
        cli_visitors,
    )

    cli_server.add_commands(commands, Parser)
    for data_commands in (cli_import, cli_stats, cli_transfer, cli_visitors, cli_incidents):
        data_commands.add_commands(commands, Parser, _output_options)
    return parser


def _output_options(command: argparse.ArgumentParser, *, with_format: bool) -> None:
    command.add_argument("--out", type=Path, required=True, help=_("the file to write"))
    if with_format:
        command.add_argument("--format", choices=("pdf", "json", "csv"), default=None,
                             help=_("pdf, json or csv (default: from the file's extension)"))
    command.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                         help=_("your user name (or SHELTER_USER)"))


def _secret(env_name: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise InputError(_("No terminal to ask for it: set {variable}.").format(
            variable=env_name))
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != first:
        raise InputError(_("The two passwords differ."))
    return first


def _login(args):
    return _login_with_password(args)[0]


def _login_with_password(args):
    from shelter_app.services.administration import auth

    if not args.user:
        raise InputError(_("Give your user name with --user (or SHELTER_USER)."))
    password = _secret("SHELTER_PASSWORD", _("Password for {user}: ").format(user=args.user))
    workspace = auth.login(args.data_dir, args.user, password)
    for notice in workspace.notices:  # what the window shows in its status bar
        print(_("Warning: {text}").format(text=notice.text()), file=sys.stderr)
    return workspace, password


def _cmd_init(args) -> int:
    import datetime as dt

    from shelter_app.reports.administration import recovery_sheet
    from shelter_app.services.administration import auth, setup

    password = _secret("SHELTER_PASSWORD", _("New password for {user}: ").format(
        user=args.admin), confirm=True)
    result = setup.create_shelter(args.data_dir, shelter_name=args.shelter,
                                  time_zone=args.timezone, admin_username=args.admin,
                                  admin_password=password)
    try:
        if args.recovery_pdf:
            recovery_sheet.save(args.recovery_pdf, args.shelter, result.recovery_key,
                                dt.date.today())
    finally:
        auth.logout(result.workspace)
    print(_("The shelter is set up in {folder}.").format(folder=args.data_dir))
    print(_("Recovery key (shown only now; write it down or print the sheet, and keep it "
            "in the office safe):"))
    print("    " + result.recovery_key)
    if not result.device_bound:
        print(_("Warning: this PC has no credential store; keys are protected by passwords "
                "alone."), file=sys.stderr)
    return 0


def _cmd_demo(args) -> int:
    from shelter_app.services.administration import auth, demo

    # it takes a quarter of a minute or more (every user's key is derived): say so first
    print(_("Making the demo shelter (generated people, no real data); this takes up to a "
            "minute…"), file=sys.stderr, flush=True)
    workspace = demo.create_demo(args.data_dir, residents=args.residents, days=args.days,
                                 seed=args.seed, replace=args.replace)
    auth.logout(workspace)
    print(_("Demo shelter made in {folder}. Users: admin, manager, staff, counsellor; "
            "password: demo.").format(folder=args.data_dir))
    if args.gui:
        return _cmd_gui(args)
    return 0


def _cmd_check(args) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.administration.check import run_check

    workspace = _login(args)
    try:
        findings = run_check(workspace)
    finally:
        auth.logout(workspace)
    for finding in findings:
        mark = _("ok") if finding.ok else _("FAILED")
        print(f"{mark:>8}  {finding.label}" + (f": {finding.detail}" if finding.detail else ""))
    return 0 if all(f.ok for f in findings) else 6


def _cmd_users(args) -> int:
    from shelter_app.services.administration import auth, users

    if args.users_command == "reset-password" and args.recovery_key:
        key = _secret("SHELTER_RECOVERY_KEY", _("Recovery key: "))
        new = _secret("SHELTER_NEW_PASSWORD", _("New password for {user}: ").format(
            user=args.username), confirm=True)
        users.reset_with_recovery_key(args.data_dir, key, args.username, new)
        print(_("{user} has a new password.").format(user=args.username))
        return 0
    if args.users_command == "give-access":
        return _give_access(args)
    workspace = _login(args)
    try:
        if args.users_command == "list":
            for user in users.list_users(workspace):
                state = _("disabled") if user.disabled else (
                    _("locked") if user.locked_until else _("active"))
                print(f"{user.username:<20} {user.role.label:<16} {state}")
        elif args.users_command == "add":
            new = _secret("SHELTER_NEW_PASSWORD", _("New password for {user}: ").format(
                user=args.username), confirm=True)
            users.add_user(workspace, args.username, args.role, new, args.name)
            print(_("{user} was added.").format(user=args.username))
        elif args.users_command == "disable":
            users.disable_user(workspace, args.username)
            print(_("{user} is disabled.").format(user=args.username))
        else:
            new = _secret("SHELTER_NEW_PASSWORD", _("New password for {user}: ").format(
                user=args.username), confirm=True)
            if args.users_command == "enable":
                users.enable_user(workspace, args.username, new)
                print(_("{user} is enabled.").format(user=args.username))
            else:
                users.reset_password(workspace, args.username, new)
                print(_("{user} has a new password.").format(user=args.username))
    finally:
        auth.logout(workspace)
    return 0


def _give_access(args) -> int:
    from shelter_app.services.administration import auth, users
    from shelter_app.services.shared import role_keys

    username = args.username.strip().lower()
    if args.recovery_key:
        key = _secret("SHELTER_RECOVERY_KEY", _("Recovery key: "))
        given = users.grant_with_recovery_key(args.data_dir, key, username)
    else:
        workspace = _login(args)
        try:
            given = [item.role_key for item in role_keys.pending(workspace)
                     if item.holder == username]
            for name in given:
                role_keys.give_access(workspace, name, username)
        finally:
            auth.logout(workspace)
    if not given:
        raise InputError(_("{user} is not waiting for any access you can give.").format(
            user=username))
    print(_("{user} has access now.").format(user=username))
    return 0


def _cmd_report(args) -> int:
    from shelter_app import cli_sessions
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import reports as resident_reports
    from shelter_app.services.shared import reporting

    if args.report_command == "schedule":
        return cli_sessions.run_schedule(args, _login)
    from shelter_app import cli_referrals

    if args.report_command == "monthly":
        from shelter_app.services.overview import monthly

        wanted = monthly.parse_month(args.month)
    else:
        wanted = reporting.period(reporting.parse_day(args.first, "from"),
                                  reporting.parse_day(args.last, "to"))
    fmt = args.format or (args.out.suffix.lstrip(".").lower() or "pdf")
    if fmt not in reporting.FORMATS:
        raise InputError(_("The format is one of: {formats}.").format(
            formats=", ".join(reporting.FORMATS)))
    written = {"sessions": cli_sessions.report_sessions,
               "referrals": cli_referrals.report_referrals,
               "monthly": cli_referrals.report_monthly}.get(args.report_command)
    workspace = _login(args)
    try:
        if written is not None:
            print(written(workspace, wanted, args.out, fmt))
            return 0
        if args.report_command == "provisions":
            from shelter_app.services.provisions import reports as provision_reports

            report = provision_reports.write(workspace, wanted, args.out, fmt)
        else:
            report = resident_reports.write_occupancy(workspace, wanted, args.out, fmt)
    finally:
        auth.logout(workspace)
    from shelter_app.i18n.formatting import format_number, format_rupiah

    if args.report_command == "provisions":
        print(_("Provision report written to {file}: {cost}, {flagged} provisions awaiting "
                "a decision.").format(file=args.out, cost=format_rupiah(report.cost_idr),
                                      flagged=format_number(report.flagged_count)))
        return 0
    print(_("Occupancy report written to {file}: {days} resident-days, {admissions} "
            "admissions, {discharges} discharges.").format(
        file=args.out, days=format_number(report.resident_days),
        admissions=format_number(report.admissions),
        discharges=format_number(report.discharges)))
    return 0


def _cmd_backup(args) -> int:
    from shelter_app.services.administration import auth, backup

    passphrase = None
    if not args.no_passphrase:
        passphrase = _secret("SHELTER_BACKUP_PASSPHRASE", _("Backup passphrase: "),
                             confirm=True)
    workspace = _login(args)
    try:
        report = backup.backup(workspace, args.out, passphrase)
    finally:
        auth.logout(workspace)
    print(_("Backup written and checked: {file} ({tables} tables, {rows} rows, {size} "
            "bytes).").format(file=report.path, tables=report.tables, rows=report.rows,
                             size=report.size))
    return 0


def _cmd_restore(args) -> int:
    from shelter_app.services.administration import backup

    backup.inspect(args.file)  # a foreign or newer file is refused before any prompt
    if args.recovery_key or (os.environ.get("SHELTER_RECOVERY_KEY")
                             and not os.environ.get("SHELTER_BACKUP_PASSPHRASE")):
        key = _secret("SHELTER_RECOVERY_KEY", _("Recovery key: "))
        report = backup.restore(args.data_dir, args.file, typed_recovery_key=key)
    else:
        passphrase = _secret("SHELTER_BACKUP_PASSPHRASE", _("Backup passphrase: "))
        report = backup.restore(args.data_dir, args.file, passphrase=passphrase)
    print(_("Restored into {folder}: {rows} rows. Users: {users}.").format(
        folder=args.data_dir, rows=report.rows, users=", ".join(report.users) or "-"))
    if report.kept_copy:
        print(_("The database that was there is kept in {folder}.").format(
            folder=report.kept_copy))
    return 0


def _cmd_rekey(args) -> int:
    from shelter_app.services.administration import auth, rekey, setup

    workspace, password = _login_with_password(args)
    try:
        recovery = (_secret("SHELTER_RECOVERY_KEY", _("Recovery key: "))
                    if rekey.needs_recovery_key(workspace) else None)
        result = rekey.rekey(workspace, password, recovery)
        if args.recovery_pdf:  # where the administrator says, as at `init`
            setup.save_recovery_sheet(workspace, args.recovery_pdf, result.recovery_key)
    finally:
        auth.logout(workspace)
    print(_("The database has a new master key; the old one opens nothing."))
    print(_("New recovery key (shown only now; print it and keep it in the office safe):"))
    print("    " + result.recovery_key)
    if result.users_needing_new_passwords:
        print(_("These users need a new password from an administrator: {users}.").format(
            users=", ".join(result.users_needing_new_passwords)))
    return 0


def _cmd_form(args) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import forms

    if args.form_command != "intake":
        from shelter_app import cli_referrals

        return cli_referrals.run_form(args, _login)
    workspace = _login(args)
    try:
        person = forms.person_id_of(workspace, args.case) if args.case else None
        forms.save_intake_form(workspace, args.out, person)
    finally:
        auth.logout(workspace)
    print(_("Intake form written to {file}.").format(file=args.out))
    return 0


def _cmd_export(args) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import reports as resident_reports

    workspace = _login(args)
    try:
        if args.export_command == "provisions":
            from shelter_app.services.provisions import reports as provision_reports

            count = provision_reports.export(workspace, args.out)
        else:
            count = resident_reports.export_stays(workspace, args.out)
    finally:
        auth.logout(workspace)
    if args.export_command == "provisions":
        print(_("{count} provisions written to {file}.").format(count=count, file=args.out))
    else:
        print(_("{count} stays written to {file}.").format(count=count, file=args.out))
    return 0


def _cmd_sessions(args) -> int:
    from shelter_app import cli_sessions

    return cli_sessions.run_book(args, _login)


def _cmd_institutions(args) -> int:
    from shelter_app import cli_referrals

    return cli_referrals.run_institutions(args, _login)


def _cmd_import(args) -> int:
    from shelter_app import cli_import

    return cli_import.run(args, _login)


def _cmd_stats(args) -> int:
    from shelter_app import cli_stats

    return cli_stats.run(args, _login)


def _cmd_transfer(args) -> int:
    from shelter_app import cli_transfer

    return cli_transfer.run(args, _login)


def _cmd_visitors(args) -> int:
    from shelter_app import cli_visitors

    return cli_visitors.run(args, _login)


def _cmd_incidents(args) -> int:
    from shelter_app import cli_incidents

    return cli_incidents.run(args, _login)


def _cmd_gui(args) -> int:
    from shelter_app.gui.app import run_gui

    return run_gui(args.data_dir, args.lang)


def _cmd_server(args) -> int:
    from shelter_app import cli_server

    return cli_server.run(args)


COMMANDS = {"gui": _cmd_gui, "init": _cmd_init, "demo": _cmd_demo, "check": _cmd_check,
            "users": _cmd_users, "report": _cmd_report, "export": _cmd_export, "form": _cmd_form,
            "backup": _cmd_backup, "restore": _cmd_restore, "rekey": _cmd_rekey,
            "sessions": _cmd_sessions, "institutions": _cmd_institutions,
            "server": _cmd_server, "connect": _cmd_server, "migrate-to-server": _cmd_server,
            "import": _cmd_import, "stats": _cmd_stats, "transfer": _cmd_transfer,
            "visitors": _cmd_visitors, "incidents": _cmd_incidents}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from shelter_app.process import harden_process

    harden_process()
    i18n.set_language(_option_value(argv, "--lang") or os.environ.get("SHELTER_LANG")
                      or _saved_language(argv))
    try:
        args = _plain_gui_launch(argv) or build_parser().parse_args(argv)
        if getattr(args, "self_test", False):
            from shelter_app import self_test

            return self_test.run()
        args.data_dir = args.data_dir or default_data_dir()
        return COMMANDS[args.command or "gui"](args)
    except SystemExit as stop:  # argparse: --help, or its one-line error already printed
        return stop.code if isinstance(stop.code, int) else 0
    except ShelterError as error:
        return _cli_fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return _cli_fail(_("Stopped."), 130)
    except OSError as error:
        fault = storage_fault(error)
        return _cli_fail(str(fault) if fault is not None else _(
            "The system refused: {reason}.").format(
            reason=error.strerror or type(error).__name__), 5)
    except Exception as error:  # the last net: a type name only, never data or a traceback
        import logging

        logging.getLogger("shelter_app").error("unexpected %s", type(error).__name__)
        return _cli_fail(_("Something unexpected went wrong ({kind}). Nothing was changed "
                           "after the last saved step.").format(kind=type(error).__name__), 1)


def _plain_gui_launch(argv: list[str]):
    """The desktop shortcut's launch (no command, or `gui`, with at most --data-dir and
    --lang): skip building the whole parser, which the login window would wait for."""
    rest = list(argv)
    found: dict[str, str] = {}
    while rest:
        arg = rest.pop(0)
        if arg in ("--data-dir", "--lang") and rest:
            found[arg] = rest.pop(0)
        elif arg != "gui":
            return None
    if found.get("--lang", "id") not in i18n.LANGUAGES:
        return None
    data_dir = found.get("--data-dir")
    return SimpleNamespace(command="gui", data_dir=Path(data_dir) if data_dir else None,
                           lang=found.get("--lang"))


def _saved_language(argv: list[str]) -> str:
    from shelter_app.storage.datadir import DataDir

    folder = _option_value(argv, "--data-dir")
    return DataDir(Path(folder) if folder else default_data_dir()).read_preferences().get(
        "language", "")
