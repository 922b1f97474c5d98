"""`rumah-aman --self-test`: does this build of the app have everything it needs?

Run after building the frozen app (CI, build-windows.ps1) and by a support person on a
shelter PC. Everything happens in a temporary folder with throwaway keys, offscreen and
without the OS credential store: no shelter data is read and nothing is left behind. One
line per check; the exit status is the number of failed checks (0: all passed)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shelter_app.i18n import _

# Modules that only building the app uses (uic, catalog upkeep, screenshots): not bundled.
BUILD_ONLY_MODULES = frozenset({
    "shelter_app.__main__",
    "shelter_app.gui.build_forms",
    "shelter_app.gui.screenshots",
    "shelter_app.i18n.catalogs",
})
DEMO_PASSWORD = "demo"


def run(out=None) -> int:
    out = out or sys.stdout
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the checks never show a window
    store = _this_computers_store()  # asked before the self-test puts its own in place
    _no_os_keyring()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="rumah-aman-self-test-") as scratch:
        for name, check in _checks(Path(scratch), store):
            started = time.perf_counter()
            try:
                detail = check()
                status = "ok"
            except Exception as error:  # a check's own failure, said on its line
                detail = f"{type(error).__name__}: {error}"
                status = "FAIL"
                failed += 1
            seconds = time.perf_counter() - started
            print(f"{status:<4} {name:<11} {detail} ({seconds:.1f} s)", file=out, flush=True)
    print(_("Self-test passed.") if not failed else _(
        "Self-test failed: {count} of the checks above.").format(count=failed), file=out)
    return min(failed, 100)


def _this_computers_store() -> str:
    from shelter_app.storage import device

    found = device._backend()
    return device.backend_name(found) if found is not None else _(
        "none: the app will work with passwords only")


def _no_os_keyring() -> None:
    """The throwaway shelter must not put a secret into this user's real credential store."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


def _checks(scratch: Path, store: str = "") -> list[tuple[str, Callable[[], str]]]:
    return [
        ("version", _version),
        ("modules", _every_module_imports),
        ("sqlcipher", lambda: _sqlcipher(scratch / "cipher")),
        ("migrations", lambda: _migrations(scratch / "migrations")),
        ("argon2id", _argon2id),
        ("aes-gcm", _aes_gcm),
        ("x25519", _x25519),
        ("postgresql", _postgresql_client),
        ("keyring", lambda: _keyring_policy(store)),
        ("catalogs", _catalogs),
        ("places", _reference_data),
        ("qt", _qt),
        ("reports", lambda: _reports(scratch / "shelter")),
    ]


def _version() -> str:
    from shelter_app.cli import version_line

    frozen = _("frozen app") if getattr(sys, "frozen", False) else _("from source")
    return f"{version_line()}, Python {sys.version.split()[0]}, {sys.platform}, {frozen}"


def app_modules() -> list[str]:
    """Every module of the app the user can reach (lazily imported ones included)."""
    import pkgutil

    import shelter_app

    names = ["shelter_app"]
    for info in pkgutil.walk_packages(shelter_app.__path__, "shelter_app."):
        names.append(info.name)
    return sorted(name for name in names if name not in BUILD_ONLY_MODULES)


def _every_module_imports() -> str:
    import importlib

    names = app_modules()
    for name in names:
        importlib.import_module(name)
    # third-party modules the app reaches by name at run time, not by an import statement
    import keyring.backends.fail  # noqa: F401
    import pypdfium2  # noqa: F401
    from alembic import op  # noqa: F401

    return _("{count} modules").format(count=len(names))


def _sqlcipher(folder: Path) -> str:
    from sqlalchemy import text

    from shelter_app.storage import engine as storage_engine
    from shelter_app.storage.keyfile import new_master_key

    folder.mkdir()
    path = folder / "check.db"
    engine = storage_engine.open_engine(path, new_master_key())
    try:
        with engine.begin() as connection:
            version = connection.execute(text("PRAGMA cipher_version")).scalar()
            connection.execute(text("CREATE TABLE marker (word TEXT)"))
            connection.execute(text("INSERT INTO marker VALUES ('plain-marker-word')"))
        with storage_engine.without_transaction(engine).connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()
    raw = path.read_bytes()
    if raw.startswith(storage_engine.PLAIN_SQLITE_HEADER) or b"plain-marker-word" in raw:
        raise AssertionError(_("the database file is readable without the key"))
    try:
        storage_engine.open_engine(path, new_master_key()).dispose()
    except storage_engine.DatabaseUnreadable:
        pass
    else:
        raise AssertionError(_("a wrong key opened the database"))
    return _("SQLCipher {version}: the file is encrypted, a wrong key is refused").format(
        version=version)


def _migrations(folder: Path) -> str:
    from shelter_app.storage import engine as storage_engine
    from shelter_app.storage import migrate
    from shelter_app.storage.keyfile import new_master_key

    folder.mkdir()
    path = folder / "shelter.db"
    engine = storage_engine.open_engine(path, new_master_key())
    try:
        migrate.upgrade(engine, path, folder / "backups")
        reached = migrate.current_revision(engine)
    finally:
        engine.dispose()
    head = migrate.head_revision()
    if not (reached == head == migrate.SCHEMA_HEAD):
        raise AssertionError(f"{reached} / {head} / {migrate.SCHEMA_HEAD}")
    return _("a new database migrated to {revision}").format(revision=reached)


def _argon2id() -> str:
    from argon2.low_level import Type, hash_secret_raw

    from shelter_app.storage import kdf

    params = kdf.KdfParams(kdf.MIN_TIME_COST, kdf.MIN_MEMORY_KIB, 1)
    salt = os.urandom(kdf.SALT_BYTES)
    first = kdf.derive(b"self-test", salt, params)
    again = hash_secret_raw(b"self-test", salt, params.time_cost, params.memory_kib,
                            params.parallelism, len(first), Type.ID)
    if first != again or kdf.derive(b"self-tesT", salt, params) == first:
        raise AssertionError(_("Argon2id does not give the expected key"))
    return _("Argon2id, {memory} MiB × {passes}").format(memory=params.memory_kib // 1024,
                                                         passes=params.time_cost)


def _postgresql_client() -> str:
    """The shared mode's client: psycopg with its libpq, which must speak TLS (a
    workstation never connects without it) and make SCRAM verifiers on this PC."""
    import psycopg

    if not psycopg.pq.__build_version__ or psycopg.pq.version() < 140000:
        raise AssertionError(_("libpq is missing or older than 14"))
    pgconn = psycopg.pq.PGconn.connect_start(b"")
    try:
        verifier = pgconn.encrypt_password(b"self-test", b"self-test", b"scram-sha-256")
    finally:
        pgconn.finish()
    if not verifier.startswith(b"SCRAM-SHA-256$"):
        raise AssertionError(_("libpq does not make SCRAM verifiers"))
    if "sslrootcert" not in {option.keyword.decode() for option in
                             psycopg.pq.Conninfo.get_defaults()}:
        raise AssertionError(_("libpq was built without TLS"))
    # Python's own OpenSSL modules share libpq's OpenSSL in the Linux bundle (the spec)
    import _hashlib  # noqa: F401 - hashlib would fall back silently without it
    import ssl

    return _("psycopg {version} ({implementation}), libpq {libpq}, SCRAM, {openssl}").format(
        version=psycopg.__version__, implementation=psycopg.pq.__impl__,
        libpq=psycopg.pq.version(), openssl=ssl.OPENSSL_VERSION)


def _aes_gcm() -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    box = AESGCM(key).encrypt(nonce, b"self-test", b"context")
    if AESGCM(key).decrypt(nonce, box, b"context") != b"self-test":
        raise AssertionError(_("AES-GCM does not decrypt what it encrypted"))
    tampered = bytes([box[0] ^ 1]) + box[1:]
    try:
        AESGCM(key).decrypt(nonce, tampered, b"context")
    except InvalidTag:
        return _("AES-256-GCM encrypts, decrypts and refuses a changed box")
    raise AssertionError(_("AES-GCM accepted a changed box"))


def _x25519() -> str:
    from shelter_app.storage import sealed

    private = sealed.new_private_key()
    box = sealed.seal(sealed.public_key_of(private), b"self-test", b"context")
    if sealed.open_box(private, box, b"context") != b"self-test":
        raise AssertionError(_("a sealed note does not open"))
    try:
        sealed.open_box(sealed.new_private_key(), box, b"context")
    except sealed.NotForThisKey:
        return _("sealed notes open with their key only")
    raise AssertionError(_("a sealed note opened with another key"))


def _keyring_policy(store: str) -> str:
    """A plaintext or null store must never be taken for a protected one; and which store
    this computer has."""
    from keyring.backends import fail, null

    from shelter_app.storage import device

    class PlaintextKeyring:  # as keyrings.alt names its plaintext file store
        priority = 1

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    for backend in (PlaintextKeyring(), null.Keyring(), fail.Keyring()):
        if device._is_allowed(backend):
            raise AssertionError(_("{store} would be used").format(
                store=device.backend_name(backend)))
    return _("plaintext, null and failing stores are refused; this computer's store: "
             "{store}").format(store=store)


def _catalogs() -> str:
    from shelter_app import i18n

    previous = i18n.current_language()
    try:
        for language in i18n.LANGUAGES:
            i18n.set_language(language)
            if not getattr(i18n._translations, "_catalog", None):
                raise AssertionError(_("the {language} catalog is missing").format(
                    language=language))
        i18n.set_language("id")
        if i18n._("Demo Safe House") == "Demo Safe House":
            raise AssertionError(_("the Indonesian catalog does not translate"))
    finally:
        i18n.set_language(previous)
    return _("Indonesian and English load and translate")


def _reference_data() -> str:
    """Data files other packages load by name: provinces, countries, phone and NIK rules,
    the time zones (Windows has no tz database of its own), Indonesian dates."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import phonenumbers
    from babel.dates import format_date
    from stdnum.id import nik  # noqa: F401 - its rules are what intake checks

    from shelter_app.i18n import places

    provinces = places.provinces()
    if len(provinces) != 38:
        raise AssertionError(_("{count} provinces").format(count=len(provinces)))
    if not places.is_country("ID"):
        raise AssertionError("countries")
    if not phonenumbers.is_valid_number(phonenumbers.parse("0812 3456 7890", "ID")):
        raise AssertionError("phonenumbers")
    offset = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Jakarta")).utcoffset()
    if offset != dt.timedelta(hours=7):
        raise AssertionError("Asia/Jakarta")
    day = format_date(dt.date(2026, 8, 17), "d MMMM y", locale="id")
    if "Agustus" not in day:
        raise AssertionError(day)
    return _("{count} provinces, phone rules, time zones, {day}").format(
        count=len(provinces), day=day)


def _qt() -> str:
    from shelter_app.gui.self_test import check_qt

    return check_qt()


def _reports(folder: Path) -> str:
    """A small demo shelter, then each report and form the command line prints, as a PDF
    read back page by page."""
    import datetime as dt

    from shelter_app import cli, i18n
    from shelter_app.reports.administration import recovery_sheet
    from shelter_app.services.administration import auth, demo
    from shelter_app.storage import kdf

    fast = kdf.KdfParams(kdf.MIN_TIME_COST, kdf.MIN_MEMORY_KIB, 1)
    auth.logout(demo.create_demo(folder, residents=8, days=40, kdf_params=fast))
    today = dt.date.today()
    first = (today - dt.timedelta(days=35)).isoformat()
    period = ["--from", first, "--to", today.isoformat()]
    jobs = {
        "occupancy": ["report", "occupancy", *period],
        "provisions": ["report", "provisions", *period],
        "sessions": ["report", "sessions", *period],
        "referrals": ["report", "referrals", *period],
        "monthly": ["report", "monthly", "--month", today.strftime("%Y-%m")],
        "schedule": ["report", "schedule", "--week", today.isoformat()],
        "intake": ["form", "intake"],
    }
    pages = 0
    password_before = os.environ.get("SHELTER_PASSWORD")
    os.environ["SHELTER_PASSWORD"] = DEMO_PASSWORD
    try:
        for name, command in jobs.items():
            target = folder.parent / f"{name}.pdf"
            said = io.StringIO()
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                # in the self-test's language, not the demo shelter's saved one
                status = cli.main(["--lang", i18n.current_language(), "--data-dir",
                                   str(folder), *command, "--user", "manager",
                                   "--out", str(target)])
            if status != 0:
                raise AssertionError(f"{name}: {said.getvalue().strip()}")
            pages += _pdf_pages(target.read_bytes(), name)
    finally:
        if password_before is None:
            os.environ.pop("SHELTER_PASSWORD", None)
        else:
            os.environ["SHELTER_PASSWORD"] = password_before
    sheet = recovery_sheet.render(_("Demo Safe House"), "ABCD-EFGH-IJKL-MNOP", today)
    pages += _pdf_pages(sheet, "recovery sheet")
    return _("{reports} reports and forms, {pages} pages").format(reports=len(jobs) + 1,
                                                                  pages=pages)


def _pdf_pages(data: bytes, name: str) -> int:
    import pypdfium2

    if not data.startswith(b"%PDF-"):
        raise AssertionError(_("{name} is not a PDF").format(name=name))
    document = pypdfium2.PdfDocument(data)
    try:
        count = len(document)
        if count < 1:
            raise AssertionError(_("{name} has no page").format(name=name))
        document[0].render(scale=0.2).close()  # PDFium can draw what ReportLab wrote
        return count
    finally:
        document.close()
