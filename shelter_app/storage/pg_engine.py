"""The shared mode's engine: a PostgreSQL server in the shelter, always over TLS.

A workstation's data folder holds a profile (`server.json`: host, port, database, the
CA's fingerprint) and the shelter's CA certificate; never a database password. Each user
connects as their own login role with their own password (SCRAM), `sslmode=verify-full`
against that CA: a server without TLS, with a certificate from another CA or for another
host name is refused before any password is sent.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.i18n import _
from shelter_app.storage.atomic import atomic_write
from shelter_app.storage.datadir import SERVER_PROFILE_FILE

PROFILE_FILE, CA_FILE = SERVER_PROFILE_FILE, "server-ca.pem"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "rumah_aman"
CONNECT_TIMEOUT_S = 5
# A statement that waits this long for a row another PC holds gives up (a clear
# message) instead of freezing the window: no user action holds a row lock longer.
LOCK_TIMEOUT_MS = 10_000


class ServerUnreachable(StorageError):
    """No answer from the server (down, wrong address, network): worth retrying."""


class ServerRefused(StorageError):
    """The server answered but the connection was refused (TLS, certificate, set-up)."""


@dataclass(frozen=True)
class ServerProfile:
    host: str
    port: int
    database: str
    ca_file: Path
    ca_fingerprint: str

    @classmethod
    def load(cls, root: Path) -> ServerProfile:
        root = Path(root)
        try:
            data = json.loads((root / PROFILE_FILE).read_text("utf-8"))
            profile = cls(str(data["host"]), int(data["port"]), str(data["database"]),
                          root / CA_FILE, str(data["ca_fingerprint"]))
        except (OSError, ValueError, KeyError, TypeError):
            raise StorageError(_("This PC's connection to the shelter's server is damaged. "
                                 "Connect it again (shelter-app connect).")) from None
        if ca_fingerprint(profile.ca_file) != profile.ca_fingerprint:
            raise ServerRefused(_("The shelter's certificate file on this PC was changed. "
                                  "Connect this PC again with the certificate from the "
                                  "server."))
        return profile

    def save(self, root: Path, ca_pem: bytes) -> None:
        root = Path(root)
        atomic_write(root / CA_FILE, ca_pem, mode=0o600)
        body = {"host": self.host, "port": self.port, "database": self.database,
                "ca_fingerprint": self.ca_fingerprint}
        atomic_write(root / PROFILE_FILE, json.dumps(body, indent=1).encode("utf-8"),
                     mode=0o600)


def ca_fingerprint(path: Path) -> str:
    """SHA-256 of the CA certificate's DER form, as the server's status prints it."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        certificate = x509.load_pem_x509_certificate(Path(path).read_bytes())
    except (OSError, ValueError):
        raise ServerRefused(_("The shelter's certificate file is missing or is not a "
                              "certificate.")) from None
    digest = hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest().upper()
    return ":".join(re.findall("..", digest))


def connect_kwargs(profile: ServerProfile, username: str, password: str) -> dict:
    return {"host": profile.host, "port": profile.port, "dbname": profile.database,
            "user": username, "password": password, "sslmode": "verify-full",
            "sslrootcert": str(profile.ca_file), "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "rumah-aman",
            # never a password file or service file from this PC's user account
            "passfile": "", "gssencmode": "disable"}


def explain(error: BaseException) -> StorageError | AuthenticationError:
    """One clear message for a refused or failed connection (libpq's own words are
    English, technical, and may name the host; never shown)."""
    message = str(getattr(error, "orig", None) or error).lower()
    if "password authentication failed" in message or "role" in message and \
            "does not exist" in message:
        return AuthenticationError(_("Wrong user name or password."))
    if "not permitted to log in" in message:
        return AuthenticationError(_("This account is disabled. Ask an administrator."))
    if "does not match host name" in message or "server certificate for" in message:
        return ServerRefused(_("The server's certificate is not for the address this PC "
                               "connects to, so the connection was refused. Check the "
                               "address, or connect this PC again."))
    if "certificate verify failed" in message or "certificate" in message:
        return ServerRefused(_("The server's certificate is not from this shelter's "
                               "certificate file, so the connection was refused. Connect "
                               "this PC again with the file from the server."))
    if "does not support ssl" in message or "no encryption" in message \
            or "ssl" in message and "not" in message and "support" in message:
        return ServerRefused(_("The server does not encrypt the connection, so it was "
                               "refused. Set the server up with shelter-app server init."))
    if "database" in message and "does not exist" in message:
        return ServerRefused(_("The shelter's database is not on that server."))
    if "too many connections" in message:
        return ServerUnreachable(_("The server is busy (too many connections). Try again "
                                   "in a moment."))
    return ServerUnreachable(_("The shelter's server cannot be reached: reconnecting. "
                               "Check that the server PC is on and on the network."))


def probe(profile: ServerProfile, ca_file: Path) -> None:
    """The server answers over TLS with a certificate from this CA for this host name
    (no user is logged in: the answer "a password is needed" proves the rest)."""
    import psycopg

    arguments = dict(connect_kwargs(profile, "rumah_aman_probe", ""),
                     sslrootcert=str(ca_file))
    arguments.pop("password")
    try:
        psycopg.connect(**arguments).close()
    except psycopg.Error as error:
        message = str(error).lower()
        if "password" in message and ("no password" in message or "authentication" in message):
            return
        raise explain(error) from None


def open_server_engine(profile: ServerProfile, username: str, password: str) -> Engine:
    """An engine connected as `username`; the first connection is made now, so a wrong
    password or certificate is told at once."""
    import psycopg

    arguments = connect_kwargs(profile, username, password)

    def connect():
        try:
            connection = psycopg.connect(**arguments)
        except psycopg.Error as error:  # a new connection refused: one clear message
            raise explain(error) from None
        # no server-side prepared statements: one generic plan reused for every typed
        # text made some searches slow (a prefix's best plan depends on the prefix)
        connection.prepare_threshold = None
        connection.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        connection.commit()
        return connection

    engine = create_engine("postgresql+psycopg://", creator=connect, hide_parameters=True,
                           pool_pre_ping=True, pool_size=3, max_overflow=4,
                           pool_use_lifo=True)
    name_server_faults(engine)
    try:
        with engine.connect():
            pass
    except (DBAPIError, psycopg.Error) as error:
        engine.dispose()
        raise explain(error) from None
    return engine


def name_server_faults(engine: Engine) -> None:
    """A connection lost mid-work becomes "server unreachable", not a driver error."""

    @event.listens_for(engine, "handle_error")
    def _named(context):
        # a pre-ping's failure is the pool's to handle (it opens a new connection)
        if context.is_disconnect and not context.is_pre_ping:
            return explain(context.original_exception)
        return None
