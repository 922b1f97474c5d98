"""Making this PC's data folder a workstation of the shelter's server (the shared mode):
the set-up wizard's "Shared" choice and `shelter-app connect` both come here.

The server is tried first (TLS, a certificate from the chosen CA, for the address typed)
and only then is anything written: a wrong address, port or certificate file leaves the
data folder as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _
from shelter_app.storage import pg_engine
from shelter_app.storage.datadir import DataDir

DEFAULT_PORT = pg_engine.DEFAULT_PORT
DEFAULT_DATABASE = pg_engine.DEFAULT_DATABASE
MAX_CERTIFICATE_BYTES = 1_000_000  # a CA certificate is a few kilobytes


def certificate_fingerprint(ca_file: Path) -> str:
    """The certificate's SHA-256 fingerprint, as the server printed it, for the user to
    compare before connecting."""
    _read_certificate(Path(ca_file))
    try:
        return pg_engine.ca_fingerprint(Path(ca_file))
    except pg_engine.ServerRefused:
        raise _not_a_certificate(Path(ca_file)) from None


def connect_workstation(root: Path, host: str, port: int, ca_file: Path,
                        database: str = DEFAULT_DATABASE) -> str:
    """Connect the data folder `root` to the server at host:port with the shelter's CA
    certificate; returns the certificate's fingerprint. Raises InputError (the folder,
    the address, the file) or StorageError (the server refused or did not answer), and
    then nothing is written."""
    data_dir = DataDir(Path(root))
    host = host.strip()
    if data_dir.key_file.exists() or data_dir.database.exists():
        raise InputError(_("This data folder already holds a shelter of its own, so it "
                           "cannot become a workstation of the server. Use an empty data "
                           "folder."))
    if not host or any(character.isspace() for character in host):
        raise InputError(_("Type the server's name or address, for example "
                           "192.168.1.10."))
    if not 1 <= int(port) <= 65535:
        raise InputError(_("The port is a number from 1 to 65535 (usually 5432)."))
    ca_file = Path(ca_file)
    ca_pem = _read_certificate(ca_file)
    fingerprint = certificate_fingerprint(ca_file)
    profile = pg_engine.ServerProfile(host, int(port), database,
                                      data_dir.root / pg_engine.CA_FILE, fingerprint)
    try:
        pg_engine.probe(profile, ca_file)  # TLS and the host name, before anything is saved
    except pg_engine.ServerUnreachable:
        raise pg_engine.ServerUnreachable(_(
            "No answer from the shelter's server at {host}, port {port}. Check the address "
            "and the port, and that the server PC is on and on the network.").format(
                host=host, port=port)) from None
    data_dir.ensure_writable()
    connected_before = data_dir.is_server()
    try:
        profile.save(data_dir.root, ca_pem)
    except BaseException:
        if not connected_before:  # no half-made workstation: no stray certificate
            for leftover in (pg_engine.PROFILE_FILE, pg_engine.CA_FILE):
                with contextlib.suppress(OSError):
                    (data_dir.root / leftover).unlink(missing_ok=True)
        raise
    data_dir.tighten()
    return fingerprint


def _read_certificate(ca_file: Path) -> bytes:
    try:
        if ca_file.stat().st_size > MAX_CERTIFICATE_BYTES:
            raise _not_a_certificate(ca_file)
        return ca_file.read_bytes()
    except OSError:
        raise InputError(_("The certificate file {file} cannot be read.").format(
            file=ca_file)) from None


def _not_a_certificate(ca_file: Path) -> InputError:
    return InputError(_("{file} is not a certificate. Choose the shelter's certificate "
                        "file from the server (rumah-aman-ca.pem).").format(
                            file=ca_file.name))
