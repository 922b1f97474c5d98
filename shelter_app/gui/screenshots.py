"""`make screenshots`: each screen with demo data at 1366x768, the usual office screen.
Dialogs are drawn centred on a 1366x768 backdrop so their size reads true."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from shelter_app import i18n
from shelter_app.gui.app import AppController, make_application
from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.style import colour

SCREEN = (1366, 768)


def _settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        wait_for_idle(200)
        app.processEvents()
        time.sleep(0.02)


def _save_window(widget: QWidget, path: Path) -> None:
    widget.resize(*SCREEN)
    widget.grab().save(str(path))


def _save_over(window: QWidget, on_top: QWidget, path: Path) -> None:
    """`window` with `on_top` (a window of its own, such as the lock screen) drawn
    centred over it, as the screen shows them."""
    window.resize(*SCREEN)
    canvas = window.grab()
    shot = on_top.grab()
    painter = QPainter(canvas)
    painter.drawPixmap(QPoint((canvas.width() - shot.width()) // 2,
                              (canvas.height() - shot.height()) // 2), shot)
    painter.end()
    canvas.save(str(path))


def _save_dialog(widget: QWidget, path: Path) -> None:
    canvas = QPixmap(*SCREEN)
    canvas.fill(colour("screenshot-backdrop"))
    shot = widget.grab()
    painter = QPainter(canvas)
    painter.drawPixmap(QPoint((SCREEN[0] - shot.width()) // 2,
                              (SCREEN[1] - shot.height()) // 2), shot)
    painter.end()
    canvas.save(str(path))


def _residents_screens(app: QApplication, window, out: Path) -> None:
    window.show_area("residents")
    area = window.areas["residents"]
    area.list_page.search.setText("ra-2026")
    area.list_page.presence.set_value("present")
    _settle(app)
    _save_window(window, out / "resident-list.png")
    area.list_page.search.setText("")
    area.tabs.setCurrentIndex(1)
    _settle(app)
    _save_window(window, out / "room-board.png")
    area.tabs.setCurrentIndex(0)
    _settle(app)
    profile = area.open_profile(area.list_page.model.person_id(0))
    _settle(app)
    _save_dialog(profile, out / "profile.png")
    profile.tabs.setCurrentWidget(profile.contacts_tab)
    _settle(app, 0.3)
    _save_dialog(profile, out / "profile-contacts.png")
    profile.close()
    wizard = area.new_admission()
    wizard.full_name.setText("Contoh Nama Karangan")
    wizard.sex.set_value("F")
    wizard.estimated_age.setValue(19)
    wizard.province.set_value("ID-NB")
    wizard.regency.setText("Kabupaten Lombok Timur")
    _settle(app)
    _save_dialog(wizard, out / "intake-wizard-person.png")
    wizard.next()
    wizard.modus.set_values(["migrant_labour"])
    wizard.exploitation_types.set_values(["ForcedLabour", "Servitude"])
    wizard.control_methods.set_values(["DebtBondage", "WithholdsDocuments"])
    wizard.exploitation_country.set_value("MY")
    _settle(app, 0.3)
    _save_dialog(wizard, out / "intake-wizard-case.png")
    for _page in range(3):
        wizard.next()
    _settle(app)
    _save_dialog(wizard, out / "intake-wizard-bed.png")
    wizard.close()  # closed by the app: no "Discard what you typed?" question
    window.show_area("provisions")
    _settle(app)
    round_page = window.areas["provisions"].round
    if round_page.lines:
        round_page.table.selectRow(0)
    _save_window(window, out / "provisions-daily-round.png")
    window.areas["provisions"].tabs.setCurrentIndex(1)
    _settle(app)
    _save_window(window, out / "provisions-items.png")
    window.areas["provisions"].tabs.setCurrentIndex(0)
    flagged = next((line for line in round_page.lines if line.awaiting_decision),
                   round_page.lines[0] if round_page.lines else None)
    if flagged is not None:
        profile = area.open_profile(flagged.person_id)
        _settle(app)
        profile.tabs.setCurrentWidget(profile.provisions_tab)
        _settle(app, 0.3)
        _save_dialog(profile, out / "profile-provisions.png")
        profile.close()
    window.show_area("reports")
    _settle(app)
    _save_window(window, out / "reports.png")
    reports_area = window.areas["reports"].boxes["occupancy"]
    reports_area.preview()
    _settle(app, 2)
    if getattr(reports_area, "last_preview", None) is not None:
        _save_dialog(reports_area.last_preview, out / "report-preview.png")
        reports_area.last_preview.close()


def _counselling_screens(app: QApplication, window, out: Path) -> None:
    from shelter_app.gui.counselling.session_dialog import SessionDialog
    from shelter_app.services.counselling import casework

    window.show_area("counselling")
    _settle(app, 1)
    page = window.areas["counselling"].calendar
    _save_window(window, out / "counselling-week.png")
    taken = next((v for v in page.loaded if v.status == "planned"), None) or page.loaded[0]
    start = taken.start.replace(tzinfo=None) + dt.timedelta(minutes=30)
    dialog = SessionDialog(page.workspace, page.today, page.zone, start=start,
                           counsellor=taken.counsellors[0], parent=page)
    dialog.show()
    _settle(app)
    dialog.residents.set_values([str(taken.person_ids[0])])
    _settle(app, 1.2)
    _save_dialog(dialog, out / "counselling-session-clash.png")
    dialog.close()  # closed by the app: no "Discard what you typed?" question
    conferences = casework.conferences(page.workspace)
    with_plan = conferences[0].person_ids[0] if conferences else None
    if with_plan is not None:
        profile = window.areas["residents"].open_profile(with_plan)
        _settle(app)
        profile.tabs.setCurrentWidget(profile.casework)
        _settle(app, 0.5)
        _save_dialog(profile, out / "counselling-plan.png")
        profile.close()


def _pdf_page_one(pdf: Path, png: Path) -> None:
    """Page 1 of a PDF as PNG, with poppler's pdftoppm where the machine has it."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: no PNG of", pdf.name)  # noqa: T201
        return
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True)


def _referral_screens(app: QApplication, window, out: Path) -> None:
    window.show_area("referrals")
    _settle(app, 1)
    page = window.areas["referrals"].referrals
    _save_window(window, out / "referrals.png")
    sent = next((i for i, v in enumerate(page.views) if v.status == "sent"), 0)
    page.table.selectRow(sent)
    page.next_step()
    _settle(app, 0.5)
    page.last_dialog.note.setPlainText("Jadwal pemeriksaan hari Senin pukul 09.00.")
    _save_dialog(page.last_dialog, out / "referral-next-step.png")
    page.last_dialog.done(QDialog.DialogCode.Rejected)  # the app closes it: no question
    with tempfile.TemporaryDirectory() as scratch:
        letter = Path(scratch) / "letter.pdf"
        page.print_letter(letter)
        _settle(app, 1.5)
        _pdf_page_one(letter, out / "referral-letter.png")


def _statistics_screen(app: QApplication, window, out: Path) -> None:
    """Statistics for the province: their tab in Reports, with the tables shown."""
    window.show_area("reports")
    area = window.areas["reports"]
    box = area.statistics
    if box is None:
        return
    area.show_statistics()
    box.quiet = True
    box.preview()
    _settle(app, 3)
    box.table_choice.setFocus()
    _settle(app, 0.3)
    _save_window(window, out / "statistics.png")
    area.tabs.setCurrentIndex(0)  # the other screens show the reports' tab


def _example_certificate(path: Path) -> None:
    """A made-up shelter CA certificate, so the server page shows a fingerprint."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                         "Rumah Aman CA Rumah Aman Harapan")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
                   .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
                   .sign(key, hashes.SHA256()))
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def _server_page(app: QApplication, scratch: Path, out: Path) -> None:
    """The set-up wizard's shared choice: this PC as a workstation of the server."""
    from shelter_app.gui.setup_wizard import SetupWizard

    certificate = scratch / "rumah-aman-ca.pem"
    _example_certificate(certificate)
    wizard = SetupWizard(scratch / "workstation")
    wizard.show()
    wizard.welcome.shared.setChecked(True)
    wizard.next()
    wizard.server.host.setText("192.168.1.10")
    wizard.server.ca_file.setText(str(certificate))
    wizard.server.ca_file.blockSignals(True)  # shown where a worker would have it
    wizard.server.ca_file.setText("/media/usb/rumah-aman-ca.pem")
    wizard.server.ca_file.blockSignals(False)
    _settle(app)
    _save_dialog(wizard, out / "setup-wizard-server.png")
    wizard.done(QDialog.DialogCode.Rejected)
    wizard.deleteLater()


def _transfer_screen(app: QApplication, window, out: Path) -> None:
    """The profile's "Move to another shelter…", filled in for a demo resident."""
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    window.show_area("residents")
    area = window.areas["residents"]
    area.list_page.presence.set_value("present")
    _settle(app)
    profile = area.open_profile(area.list_page.model.person_id(0))
    _settle(app)
    dialog = SendCaseDialog(area.workspace, profile.profile, profile.profile.today, profile)
    dialog.to_shelter.setText("Rumah Aman UPTD PPA Kupang")
    dialog.file.path.setText(f"/media/usb/PINDAH/{profile.profile.case_number}.ratransfer")
    for field in (dialog.passphrase, dialog.again):
        field.setText("contoh frasa sandi")
    dialog.show()
    _settle(app)
    _save_dialog(dialog, out / "transfer-out.png")
    dialog.done(QDialog.DialogCode.Rejected)
    profile.close()


def _gate_screens(app: QApplication, window, out: Path) -> None:
    """Residents -> Visitors: a visitor checked and cleared, waiting for the resident's
    answer, beside the day's log; then a visitor who must not visit: the red stop."""
    from shelter_app.services.residents import records

    window.show_area("residents")
    area = window.areas["residents"]
    if area.gate is None:
        return
    gate = area.gate
    area.tabs.setCurrentWidget(gate)
    _settle(app)
    banned = next((contact.phone for index in range(1, gate.person.count())
                   for contact in records.profile(area.workspace,
                                                  gate.person.itemData(index)).contacts
                   if contact.must_not_visit and contact.phone), None)
    gate.name.setText("Ratna Sari Dewi")
    gate.id_number.setText("3275 0145 0392 0004")
    gate.phone.setText("0813 2200 4571")
    gate.relation.set_value("sibling")
    gate.person.setCurrentIndex(min(2, gate.person.count() - 1))
    gate.asked_for.setText(gate.person.currentText().split(" · ")[-1])  # as the visitor said
    gate.check()
    _settle(app)
    _save_window(window, out / "gate.png")
    if banned:
        gate.name.setText("Hendra Gunawan")
        gate.id_number.clear()
        gate.phone.setText(banned)
        gate.check()
        _settle(app)
        if gate.last_stop is not None:
            _save_window(gate.last_stop, out / "gate-stop.png")
            gate.last_stop.accept()
    area.tabs.setCurrentIndex(0)


def _documents_screen(app: QApplication, window, out: Path) -> None:
    """The profile's Documents tab of a demo resident with a lent document past its due
    day, that document chosen with its movements."""
    from shelter_app.services.overview import dashboard

    window.show_area("residents")
    area = window.areas["residents"]
    lent = dashboard.snapshot(area.workspace).documents_overdue
    profile = area.open_profile(lent[0].person_id if lent
                                else area.list_page.model.person_id(0))
    profile.tabs.setCurrentWidget(profile.documents)
    _settle(app)
    tab = profile.documents
    chosen = next((index for index, row in enumerate(tab.rows) if row.status == "lent"), 0)
    if tab.rows:
        tab.table.selectRow(chosen)
    _settle(app)
    _save_dialog(profile, out / "documents.png")
    profile.close()


def _incidents_screens(app: QApplication, window, out: Path) -> None:
    """Residents -> Incidents: the list, newest first (the demo's critical one still
    alerting), and the newest opened in its dialog over it."""
    window.show_area("residents")
    area = window.areas["residents"]
    area.tabs.setCurrentWidget(area.incidents)
    area.incidents.refresh()
    _settle(app)
    area.incidents.table.selectRow(0)
    _save_window(window, out / "incidents.png")
    if area.incidents.rows:
        dialog = area.incidents.open_incident(area.incidents.rows[0])
        _settle(app)
        _save_over(window, dialog, out / "incident-dialog.png")
        dialog.done(QDialog.DialogCode.Rejected)
    area.tabs.setCurrentIndex(0)


def _training_screens(app: QApplication, window, out: Path) -> None:
    """Counselling -> Training with the newest course and who takes part; then the
    profile's Training and placement tab of a resident with a course and a placement."""
    from shelter_app.services.counselling import training
    from shelter_app.services.referrals import placements

    window.show_area("counselling")
    area = window.areas["counselling"]
    area.tabs.setCurrentWidget(area.training)
    _settle(app)
    page = area.training
    busy = max(range(len(page.rows)), key=lambda i: (page.rows[i].completed,
                                                     len(page.rows[i].participants)),
               default=None)  # a course with results and certificates to show
    if busy is not None:
        page.courses.selectRow(busy)
    _settle(app, 0.3)
    _save_window(window, out / "training.png")
    area.tabs.setCurrentIndex(0)
    workspace = page.workspace
    people = list(dict.fromkeys(p.person_id for row in training.courses(workspace)
                                for p in row.participants if p.status == training.COMPLETED))
    if not people:
        return

    def shows(person_id: int) -> tuple[bool, bool]:  # a placement with its checks, first
        found = placements.placements_of(workspace, person_id)
        return any(row.checks for row in found), bool(found)

    placed = max(people, key=shows)
    profile = window.areas["residents"].open_profile(placed)
    profile.tabs.setCurrentWidget(profile.training)
    _settle(app)
    if profile.training.rows:
        profile.training.placements.selectRow(0)
    _settle(app, 0.3)
    _save_dialog(profile, out / "profile-training.png")
    profile.close()


def _register_import_screen(app: QApplication, window, out: Path, scratch: Path) -> None:
    """Administration -> Import register after the dry run of an old register with a few
    bad rows and a resident who is on record already."""
    import openpyxl

    from shelter_app.services.residents import records

    residents = window.areas["residents"]
    known = records.profile(residents.workspace, residents.list_page.model.person_id(0))
    today = known.today
    register = openpyxl.Workbook()
    sheet = register.active
    sheet.append(["DAFTAR PENGHUNI RUMAH AMAN 2024-2025"])
    sheet.append([])
    sheet.append(["No", "Nama Lengkap", "L/P", "Tgl Lahir", "NIK", "Provinsi",
                  "Kabupaten/Kota", "Modus", "Tanggal Masuk", "Tgl Keluar", "Alasan Keluar",
                  "Kamar", "No HP", "Hubungan", "Keterangan"])
    year = today.year - 1
    rows = [
        ["Siti Aminah", "P", "14/03/1998", "", "Jawa Barat", "Indramayu",
         "Eksploitasi buruh migran", f"03/01/{year}", f"28/02/{year}", "Kembali ke keluarga"],
        ["Dewi Lestari", "P", "2 Mei 2001", "", "Nusa Tenggara Timur", "Kupang",
         "Kerja paksa", f"12 Februari {year}", f"20 Maret {year}", "Dirujuk ke lembaga lain"],
        [known.data.full_name, "P" if known.data.sex == "F" else "L",
         known.data.birth_date.strftime("%d/%m/%Y") if known.data.birth_date else "",
         "", "", "", "", f"05/04/{year}", f"30/04/{year}", "Kembali ke keluarga"],
        ["Rina Wati", "P", "31/02/2002", "", "Jawa Tengah", "Brebes", "Kerja paksa",
         f"10/05/{year}", "", ""],
        ["Andi Saputra", "X", "09/09/1995", "", "Sulawesi Selatan", "Makassar",
         "Kerja paksa", f"01/06/{year}", f"15/07/{year}", "Pulang sendiri"],
        ["Nur Hasanah", "P", "11/11/1999", "3201014403990001", "Jawa Barat", "Bogor",
         "Eksploitasi seksual / prostitusi", f"01/08/{year + 2}", "", ""],
        ["Yuliana Bria", "P", "07/07/2000", "", "Nusa Tenggara Timur", "Belu",
         "Eksploitasi buruh migran", f"01/09/{year}", f"30/09/{year}", "Dipulangkan"],
    ]
    for number, values in enumerate(rows, start=1):
        sheet.append([number, *values])
    path = scratch / "register-lama.xlsx"
    register.save(path)
    window.show_area("administration")
    admin_area = window.areas["administration"]
    admin_area.setCurrentWidget(admin_area.import_page)
    page = admin_area.import_page
    page.choose_file(path)
    _settle(app)
    page.check()  # reads the file again: before the path shown is changed
    _settle(app)
    page.path.setText("/media/usb/REGISTER/register-lama.xlsx")  # where a shelter keeps it
    _save_window(window, out / "register-import.png")


def main(out_dir: str) -> int:
    from shelter_app.gui.setup_wizard import SetupWizard
    from shelter_app.services.administration import auth, demo

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    i18n.set_language("id")
    app = make_application()
    with tempfile.TemporaryDirectory() as scratch:
        wizard = SetupWizard(Path(scratch) / "new")
        wizard.show()
        _settle(app)
        _save_dialog(wizard, out / "setup-wizard-welcome.png")
        _server_page(app, Path(scratch), out)
        wizard.next()
        wizard.shelter.name_edit.setText("Rumah Aman Harapan")
        wizard.next()
        _save_dialog(wizard, out / "setup-wizard-admin.png")
        wizard.admin.password.setText("kata sandi panjang")
        wizard.admin.confirm.setText("kata sandi panjang")
        wizard.next()
        _settle(app, 8)
        _save_dialog(wizard, out / "setup-wizard-recovery-key.png")
        wizard.recovery.kept.setChecked(True)
        wizard.accept()
        _settle(app)

        folder = Path(scratch) / "demo"
        auth.logout(demo.create_demo(folder, residents=60))
        controller = AppController(folder)
        controller.start()
        _settle(app)
        _save_dialog(controller.login, out / "login.png")
        restore = controller.login.restore_from_backup()
        restore.file.setText("/media/usb/CADANGAN/rumah-aman-20261127-0800.rabackup")
        _settle(app)
        _save_dialog(restore, out / "restore.png")
        restore.done(QDialog.DialogCode.Rejected)
        controller.login.ui.usernameEdit.setText("admin")
        controller.login.ui.passwordEdit.setText("demo")
        controller.login.attempt_login()
        deadline = time.monotonic() + 30
        while controller.main_window is None and time.monotonic() < deadline:
            _settle(app, 0.2)
        window = controller.main_window
        _settle(app)
        _save_window(window, out / "dashboard.png")
        _residents_screens(app, window, out)
        _counselling_screens(app, window, out)
        _referral_screens(app, window, out)
        _statistics_screen(app, window, out)
        _transfer_screen(app, window, out)
        _gate_screens(app, window, out)
        _documents_screen(app, window, out)
        _incidents_screens(app, window, out)
        _training_screens(app, window, out)
        window.show_area("administration")
        _settle(app)
        _save_window(window, out / "users.png")
        admin_area = window.areas["administration"]
        admin_area.setCurrentWidget(admin_area.backup_page)
        admin_area.backup_page.folder.setText("/media/usb/CADANGAN")
        _settle(app)
        _save_window(window, out / "backups.png")
        window.areas["administration"].setCurrentWidget(window.areas["administration"]
                                                        .audit_page)
        _settle(app)
        _save_window(window, out / "audit-log.png")
        _register_import_screen(app, window, out, Path(scratch))
        window.lock()
        _settle(app)
        _save_over(window, window.lock_screen, out / "locked.png")
        controller.shutdown()
    print(f"screenshots written to {out}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
