"""The command line's referral commands: the monthly and referrals reports, importing
institutions, the referral letter and the handover record."""

from __future__ import annotations

import os
from pathlib import Path

from shelter_app.i18n import _, ngettext


def add_report_commands(report_commands, output_options) -> list:
    month = report_commands.add_parser("monthly", help=_(
        "the monthly report (laporan bulanan), by sex"))
    month.add_argument("--month", required=True, help="YYYY-MM")
    output_options(month, with_format=True)
    referrals = report_commands.add_parser("referrals", help=_(
        "the referrals report for a period (dates inclusive)"))
    return [referrals]


def add_form_commands(form_commands, output_options) -> None:
    handover = form_commands.add_parser("handover", help=_(
        "the handover record (berita acara serah terima) of a discharged resident"))
    handover.add_argument("--case", required=True, help=_("a case number, e.g. RA-2026-0001"))
    output_options(handover, with_format=False)
    letter = form_commands.add_parser("referral", help=_(
        "the referral letter (surat rujukan) of one referral"))
    letter.add_argument("--number", required=True, help=_("the referral's number, e.g. "
                                                          "RJ-2026-0001"))
    output_options(letter, with_format=False)


def add_institution_commands(commands, parser_class) -> None:
    institutions = commands.add_parser("institutions", help=_(
        "the directory of partner institutions"))
    actions = institutions.add_subparsers(dest="institutions_command", required=True,
                                          metavar=_("ACTION"), parser_class=parser_class)
    load = actions.add_parser("import", help=_(
        "add institutions from a CSV file (columns: name, type, services, address, phone, "
        "email, contact_person); all rows or none"))
    load.add_argument("file", type=Path)
    load.add_argument("--user", default=os.environ.get("SHELTER_USER"),
                      help=_("your user name (or SHELTER_USER)"))


def report_monthly(workspace, wanted, out: Path, fmt: str) -> str:
    from shelter_app.services.overview import monthly

    report = monthly.write(workspace, wanted, out, fmt)
    return _("Monthly report written to {file}: {admissions} admissions, {discharges} "
             "discharges.").format(file=out, admissions=sum(report.admissions.values()),
                                   discharges=sum(report.discharges.values()))


def report_referrals(workspace, wanted, out: Path, fmt: str) -> str:
    from shelter_app.services.referrals import reports

    report = reports.write(workspace, wanted, out, fmt)
    return ngettext("Referrals report written to {file}: {count} referral.",
                    "Referrals report written to {file}: {count} referrals.",
                    report.total).format(file=out, count=report.total)


def run_form(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.referrals import letters, tracking
    from shelter_app.services.residents import forms

    workspace = login(args)
    try:
        if args.form_command == "handover":
            letters.save_handover(workspace, args.out, forms.person_id_of(workspace, args.case))
            print(_("Handover record written to {file}.").format(file=args.out))
        else:
            letters.save_letter(workspace, args.out, tracking.id_of(workspace, args.number))
            print(_("Referral letter written to {file}.").format(file=args.out))
    finally:
        auth.logout(workspace)
    return 0


def run_institutions(args, login) -> int:
    from shelter_app.services.administration import auth
    from shelter_app.services.referrals import institutions

    content = institutions.read_file(args.file)
    workspace = login(args)
    try:
        result = institutions.import_csv(workspace, content)
    finally:
        auth.logout(workspace)
    print(ngettext("{added} institution added; {skipped} already in the directory.",
             "{added} institutions added; {skipped} already in the directory.",
             result.added).format(
        added=result.added, skipped=len(result.skipped)))
    return 0
