"""The raw-access test for hidden identities (issue 13): a staff member or a counsellor
takes their own password and the data folder, opens the database outside the app as an
attacker would (their key file slot unwrapped, `sqlcipher3`, PRAGMA key) and reads every
table and column, and every word of the search index: the real name and the NIK of a
hidden person are nowhere, neither of one admitted hidden nor of one hidden later."""

import datetime as dt
import re

import pytest
import sqlcipher3

from shelter_app.services.administration import auth
from shelter_app.services.overview import dashboard
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData, PersonData
from shelter_app.storage import device
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile, user_slot_id
from tests.conftest import ADMIN_PASSWORD
from tests.security.conftest import NIK, PSEUDONYM, REAL_ALIAS, REAL_NAME, real_person, stay

LATER_NAME = "Wulandari Yohanesta Kusumawardhani"
LATER_NIK = "3171015708950001"  # made up; born 17-08-1995, female
SECRETS = (REAL_NAME, REAL_ALIAS, NIK, LATER_NAME, LATER_NIK, *REAL_NAME.split(),
           *REAL_ALIAS.split(), *LATER_NAME.split())


def open_as_attacker(data_dir, username: str, password: str) -> sqlcipher3.Connection:
    key_file = KeyFile.load(DataDir(data_dir).key_file)
    # the attacker sits at the shelter's PC: its credential store answers them too
    secret = device.load_device_secret(key_file.installation_id)
    master_key = key_file.unwrap(user_slot_id(username), auth.secret_bytes(password), secret)
    connection = sqlcipher3.connect(str(DataDir(data_dir).database))
    connection.execute(f"PRAGMA key = \"x'{bytes(master_key).hex()}'\"")
    return connection


BLOB_SECRET_MIN = 6  # shorter, a secret turns up in random ciphertext by chance
BASE64_CHARACTER = "A-Za-z0-9+/="


def appears_in(secret: str, text: str) -> bool:
    """A short secret ("Ika") counts as a word of its own: inside the base64 of a salt or
    a sealed value it turned up by chance in one CI run of ten ('IKAJ0xbo…'), and a name
    leaked in plain would stand between spaces or quotes."""
    if len(secret) >= BLOB_SECRET_MIN:
        return secret.lower() in text
    return re.search(rf"(?<![{BASE64_CHARACTER}]){re.escape(secret.lower())}"
                     rf"(?![{BASE64_CHARACTER}])", text) is not None


def everything_readable(connection: sqlcipher3.Connection,
                        blobs: list[bytes] | None = None) -> list[str]:
    """Every value of every column of every table, and every word the search index
    holds (its segments store words prefix-compressed: fts5vocab lists them whole).
    Binary values go to `blobs`: sealed values are random bytes, where "ika" in any
    case turned up in one run of ten."""
    values = []
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in connection.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, bytes):
                    if blobs is not None:
                        blobs.append(value)
                elif value is not None:
                    values.append(str(value))
    connection.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab("
                       "main, person_search, 'row')")
    values += [term for (term,) in connection.execute("SELECT term FROM temp.words")]
    return values


@pytest.mark.parametrize("role", ["staff", "counsellor"])
def test_staff_and_counsellors_find_no_hidden_real_name_or_nik_in_the_raw_database(
        login_as, data_dir, role):
    staff, manager = login_as("staff"), login_as("manager")
    hidden = records.admit_new(manager, real_person(), stay(), [ContactData(
        name="Ibu Kandung", relation="parent")]).person_id
    later = records.admit_new(staff, PersonData(
        full_name=LATER_NAME, sex="F", birth_date=dt.date(1995, 8, 17), nik=LATER_NIK),
        stay(days_ago=3)).person_id
    data = records.profile(manager, later).data
    data.hidden_identity, data.pseudonym = True, "Melati 4"
    records.update_person(manager, later, data)  # hidden after it was indexed in plain
    dashboard.snapshot(manager)  # the identity checks compared and sealed
    assert records.profile(manager, hidden).shown_name == REAL_NAME  # still the manager's
    login_as(role)  # the attacker's own account
    for workspace in (staff, manager):
        auth.logout(workspace)

    connection = open_as_attacker(data_dir, role, ADMIN_PASSWORD)
    try:
        blobs: list[bytes] = []
        readable = everything_readable(connection, blobs)
    finally:
        connection.close()
    text = "\n".join(readable).lower()
    assert PSEUDONYM.lower() in text and "melati 4" in text  # the attack did read the file
    assert "ibu kandung" in text  # (and what is not hidden is there to read)
    found = [secret for secret in SECRETS if appears_in(secret, text)]
    # a plaintext copy in a binary value (JSON, a pickled row) would carry it as typed
    found += [secret for secret in SECRETS if len(secret) >= BLOB_SECRET_MIN
              and any(secret.encode() in blob for blob in blobs)]
    assert found == []


PAGE = 4096  # SQLCipher 4: 4 KiB pages ending in a 16-byte IV and a 64-byte HMAC
RESERVE, SALT = 80, 16
WAL_HEADER, FRAME_HEADER = 32, 24


def decrypted_pages(data_dir, username: str, password: str) -> bytes:
    """Every page of the database file and of its WAL, decrypted, used or free: what an
    attacker with the key reads past SQLite (old versions of a page, freed space)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key_file = KeyFile.load(DataDir(data_dir).key_file)
    key = bytes(key_file.unwrap(user_slot_id(username), auth.secret_bytes(password),
                                device.load_device_secret(key_file.installation_id)))

    def decrypt(page: bytes, first: bool) -> bytes:
        body = page[SALT if first else 0:PAGE - RESERVE]
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        return decryptor.update(body) + decryptor.finalize()

    database = DataDir(data_dir).database
    raw = database.read_bytes()
    pages = [decrypt(raw[at:at + PAGE], at == 0) for at in range(0, len(raw), PAGE)]
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        frames = wal.read_bytes()[WAL_HEADER:]
        for at in range(0, len(frames) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE):
            number = int.from_bytes(frames[at:at + 4], "big")
            pages.append(decrypt(frames[at + FRAME_HEADER:at + FRAME_HEADER + PAGE],
                                 number == 1))
    return b"".join(pages)


def test_a_name_hidden_later_leaves_no_old_copy_in_any_page_or_the_wal(login_as, data_dir):
    staff, manager = login_as("staff"), login_as("manager")
    later = records.admit_new(staff, PersonData(
        full_name=LATER_NAME, sex="F", birth_date=dt.date(1995, 8, 17), nik=LATER_NIK),
        stay(days_ago=3)).person_id
    data = records.profile(manager, later).data
    data.hidden_identity, data.pseudonym = True, "Melati 4"
    records.update_person(manager, later, data)
    pages = decrypted_pages(data_dir, "staff", ADMIN_PASSWORD).lower()
    assert b"melati 4" in pages  # the pages were read
    assert [s for s in (LATER_NAME, LATER_NIK, *LATER_NAME.split())
            if s.lower().encode() in pages] == []
    for workspace in (staff, manager):
        auth.logout(workspace)
