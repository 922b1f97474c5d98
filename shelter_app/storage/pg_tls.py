"""The shelter's own certificate authority for the shared (PostgreSQL) mode.

Workstations trust this CA alone and connect with `sslmode=verify-full`, so a machine on
the shelter's network cannot pose as the database server. EC P-256 keys: small, fast, and
accepted by every libpq/OpenSSL the app ships with."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _

CA_DAYS = 3650
SERVER_DAYS = 1825
# Certificates start an hour in the past: a workstation whose clock is a little behind
# the server's must not reject a certificate made a minute ago.
BACKDATE = dt.timedelta(hours=1)
CN_MAX = 64  # X.520 upper bound for commonName


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key) -> bytes:
    # Unencrypted PKCS8: PostgreSQL reads server.key at start with nobody to type a password.
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_ca(shelter_name: str) -> tuple[bytes, bytes]:
    """A self-signed CA for one shelter: (cert_pem, key_pem)."""
    shelter_name = " ".join(shelter_name.split())
    common_name = ("Rumah Aman CA " + shelter_name).strip()[:CN_MAX]
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if shelter_name:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, shelter_name[:CN_MAX]))
    name = x509.Name(attributes)
    key = _new_key()
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        # path_length=0: this CA signs server certificates, never another CA.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM), _key_pem(key)


def _san_entry(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        # Certificates carry ASCII names only; an internationalised name goes in as IDNA.
        ascii_name = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InputError(_("This is not a valid computer name: {name}").format(name=host),
                         "host_names") from None
    return x509.DNSName(ascii_name)


def clean_host_names(host_names: list[str]) -> list[str]:
    """The names stripped, without repeats, in the order given; at least one."""
    hosts: list[str] = []
    for host in host_names:
        host = host.strip().rstrip(".")
        if host and host not in hosts:
            hosts.append(host)
    if not hosts:
        raise InputError(_("Give at least one name or address for the database server."),
                         "host_names")
    return hosts


def make_server_cert(ca_cert_pem: bytes, ca_key_pem: bytes,
                     host_names: list[str]) -> tuple[bytes, bytes]:
    """A server certificate for `host_names` signed by the CA: (cert_pem, key_pem)."""
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem)
    ca_key = serialization.load_pem_private_key(ca_key_pem, password=None)
    hosts = clean_host_names(host_names)
    key = _new_key()
    now = _now()
    not_after = min(now + dt.timedelta(days=SERVER_DAYS), ca_cert.not_valid_after_utc)
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0][:CN_MAX])]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([_san_entry(h) for h in hosts]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=True, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        # Strict verifiers (OpenSSL's X509_STRICT, Python 3.13's ssl) require the AKI.
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM), _key_pem(key)


def fingerprint(cert_pem: bytes) -> str:
    """SHA-256 of the certificate's DER as 'AB:CD:…': what an admin reads out to compare."""
    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    return ":".join(f"{byte:02X}" for byte in hashlib.sha256(der).digest())
