"""The shared mode's PostgreSQL cluster on the shelter's server PC: create it, start and
stop it, say how it stands. No Qt; the CLI and the set-up wizard build on this.

The cluster takes TLS connections with SCRAM passwords only (no local socket, no plain
TCP, no trust) and logs no statement text, since statements carry residents' details."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.storage import pg_tls
from shelter_app.storage.atomic import atomic_write

PG_BIN_ENVIRONMENT = "RUMAH_AMAN_PG_BIN"
MIN_MAJOR = 15
SERVICE_NAME = "RumahAmanDB"
IS_WINDOWS = sys.platform == "win32"
NAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
LOG_TAIL_LINES = 12
TIMEOUT_S = 120

SETTINGS = {
    "listen_addresses": None,  # filled in from init_cluster(listen=)
    "port": None,
    # Only TCP with TLS is ever used, so no Unix socket is made (on any system).
    "unix_socket_directories": "",
    "ssl": True,
    "ssl_cert_file": "server.crt",
    "ssl_key_file": "server.key",
    "ssl_min_protocol_version": "TLSv1.2",
    "password_encryption": "scram-sha-256",
    "max_connections": 100,
    # Statements carry personal data: none of them, nor their parameters, reach the log.
    # Nor do ERRORs, which quote values ('invalid input syntax …: "Siti"', 'Key (nik)=(…)
    # already exists'): "log" keeps only LOG, FATAL and PANIC (start, stop, failed logins).
    "log_statement": "none",
    "log_min_error_statement": "panic",
    "log_min_messages": "log",
    "log_min_duration_statement": -1,
    "log_parameter_max_length": 0,
    "log_parameter_max_length_on_error": 0,
    "logging_collector": False,  # pg_ctl -l writes the log into pgdata/server.log
}
PG_HBA = ("# Rumah Aman: TLS with SCRAM passwords only. No local, no plain host, no trust.\n"
          "hostssl all all 0.0.0.0/0 scram-sha-256\n"
          "hostssl all all ::/0 scram-sha-256\n")


class PgServerError(StorageError):
    """The database server could not be found, created, started or stopped."""


@dataclass
class ServerDir:
    pgdata: Path

    @property
    def ca_file(self) -> Path:  # the CA certificate every workstation is given
        return self.pgdata / "rumah-aman-ca.pem"

    @property
    def ca_key_file(self) -> Path:
        # Needed only to issue a new server certificate (a new host name, an expiry).
        # PostgreSQL never reads it; 0600 inside the 0700 cluster folder.
        return self.pgdata / "rumah-aman-ca.key"

    @property
    def info_file(self) -> Path:
        return self.pgdata / "rumah-aman-server.json"

    @property
    def owner_secret_file(self) -> Path:  # the bootstrap superuser's random password, 0600
        return self.pgdata / "rumah-aman-owner.secret"

    @property
    def log_file(self) -> Path:
        return self.pgdata / "server.log"


@dataclass
class ServerInfo:
    pgdata: Path
    port: int
    database: str
    owner: str
    host_names: list[str]
    ca_fingerprint: str


@dataclass
class ServerStatus:
    running: bool
    database: str
    host: str
    port: int
    ca: Path
    ca_fingerprint: str
    disk_encryption: str  # "luks", "bitlocker" or "unknown"


@dataclass
class _User:
    """The OS account the cluster runs as; None where we do not switch users."""

    name: str
    uid: int
    gid: int
    groups: list[int]


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _clean_env() -> dict[str, str]:
    # PGPORT, PGDATA, PGPASSWORD … from the admin's shell must not steer our commands.
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("PG")}


def _major_version(bin_dir: Path) -> int | None:
    initdb = bin_dir / ("initdb.exe" if IS_WINDOWS else "initdb")
    if not initdb.is_file():
        return None
    try:
        out = subprocess.run([str(initdb), "--version"], capture_output=True, text=True,
                             timeout=30, env=_clean_env(), stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", out)
    return int(match.group(1)) if match else None


def _candidate_bins() -> list[Path]:
    found: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 timeout=30, env=_clean_env(), stdin=subprocess.DEVNULL)
            if out.returncode == 0 and out.stdout.strip():
                found.append(Path(out.stdout.strip()))

    def newest_first(folders):
        def version(path: Path):
            return [int(p) for p in re.findall(r"\d+", path.parent.name)] or [0]
        return sorted(folders, key=version, reverse=True)

    found += newest_first(Path("/usr/lib/postgresql").glob("*/bin"))
    if IS_WINDOWS:
        program_files = Path(os.environ.get("ProgramFiles", r"C:\Program Files"))
        found += newest_first((program_files / "PostgreSQL").glob("*/bin"))
    initdb = shutil.which("initdb")
    if initdb:
        found.append(Path(initdb).parent)
    return found


def find_pg_bin() -> Path:
    """The folder holding initdb, pg_ctl and postgres (version 15 or newer)."""
    chosen = os.environ.get(PG_BIN_ENVIRONMENT)
    if chosen:  # the admin named it: use it or say why not, never look elsewhere
        major = _major_version(Path(chosen))
        if major is None or major < MIN_MAJOR:
            raise PgServerError(_(
                "PostgreSQL 15 or newer is not installed on this computer: {variable} "
                "names {folder}, which holds no initdb of version 15 or newer."
            ).format(variable=PG_BIN_ENVIRONMENT, folder=chosen))
        return Path(chosen)
    too_old: list[str] = []
    for folder in _candidate_bins():
        major = _major_version(folder)
        if major is not None and major >= MIN_MAJOR:
            return folder
        if major is not None:
            too_old.append(f"{folder} ({major})")
    if too_old:
        detail = _("only older versions were found: {found}").format(found=", ".join(too_old))
    else:
        detail = _("no initdb was found. Install it, or set {variable} to its folder."
                   ).format(variable=PG_BIN_ENVIRONMENT)
    raise PgServerError(_("PostgreSQL 15 or newer is not installed on this computer: {detail}"
                          ).format(detail=detail))


def _user_named(name: str) -> _User:
    import pwd

    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise PgServerError(_("There is no user account named {user} on this computer to run "
                              "the database server.").format(user=name)) from None
    return _User(name, entry.pw_uid, entry.pw_gid, os.getgrouplist(name, entry.pw_gid))


def _resolve_user(run_as: str | None) -> _User | None:
    if IS_WINDOWS:
        if run_as:
            raise PgServerError(_("On Windows the database server runs as the current user; "
                                  "install it as a service to run it as another account."))
        return None
    if _is_root():
        return _user_named(run_as or "postgres")  # PostgreSQL refuses to run as root
    if run_as:
        import pwd

        if pwd.getpwuid(os.geteuid()).pw_name != run_as:
            raise PgServerError(_("Only the administrator (root) can set up the database "
                                  "server to run as {user}.").format(user=run_as))
    return None


def _owner_of(pgdata: Path) -> _User | None:
    """When we are root, the account owning the cluster folder (pg_ctl refuses root)."""
    if not _is_root():
        return None
    import pwd

    uid = pgdata.stat().st_uid
    if uid == 0:
        raise PgServerError(_("The database folder {folder} belongs to root; the database "
                              "server cannot run as root.").format(folder=pgdata))
    return _user_named(pwd.getpwuid(uid).pw_name)


def _can_traverse(folder: Path, user: _User) -> bool:
    st = folder.stat()
    if st.st_uid == user.uid:
        return bool(st.st_mode & 0o100)
    if st.st_gid in user.groups:
        return bool(st.st_mode & 0o010)
    return bool(st.st_mode & 0o001)


def _tail(text: str) -> str:
    return "\n".join(text.strip().splitlines()[-LOG_TAIL_LINES:])


def _run(args: list[str], user: _User | None, message: str, *, pgdata: Path | None = None,
         check: bool = True) -> subprocess.CompletedProcess:
    """Run a PostgreSQL program as `user`; a failure is a PgServerError whose text ends with
    the program's last output lines and (for a running cluster) the server log's."""
    kwargs: dict = {}
    if user is not None:
        kwargs = {"user": user.uid, "group": user.gid, "extra_groups": user.groups}
    try:
        done = subprocess.run(args, capture_output=True, text=True, errors="replace",
                              env=_clean_env(), stdin=subprocess.DEVNULL, timeout=TIMEOUT_S,
                              cwd=None if IS_WINDOWS else "/", **kwargs)
    except (OSError, subprocess.SubprocessError) as error:
        raise PgServerError(message + "\n" + str(error)) from error
    if check and done.returncode != 0:
        details = [_tail(done.stderr or done.stdout)]
        with contextlib.suppress(OSError):
            if pgdata is not None:
                details.append(_tail(ServerDir(pgdata).log_file.read_text(errors="replace")))
        raise PgServerError("\n".join([message, *filter(None, details)]))
    return done


def _quote(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _chown(path: Path, user: _User | None) -> None:
    if user is not None:
        os.chown(path, user.uid, user.gid)


def _write(path: Path, data: bytes, user: _User | None, mode: int = 0o600) -> None:
    atomic_write(path, data, mode)
    _chown(path, user)


def _check_names(port: int, database: str, owner: str) -> None:
    if not 1 <= port <= 65535:
        raise PgServerError(_("The port must be a number from 1 to 65535."))
    for name in (database, owner):
        if not NAME_RE.fullmatch(name):
            raise PgServerError(_("{name} cannot be a database or role name: use lowercase "
                                  "letters, digits and '_'.").format(name=name))


def _prepare_folder(pgdata: Path, user: _User | None) -> None:
    """Create the cluster folder for `user` and check `user` can reach it."""
    pgdata.mkdir(parents=True, exist_ok=True)
    _chown(pgdata, user)
    os.chmod(pgdata, 0o700)  # PostgreSQL refuses a cluster folder others can read
    if user is not None:
        for parent in pgdata.parents:
            if not _can_traverse(parent, user):
                raise PgServerError(_(
                    "The user {user} cannot open the folder {folder}, which holds the database "
                    "folder. Choose a place such as /var/lib/rumah-aman."
                ).format(user=user.name, folder=parent))


def _initdb(bin_dir: Path, pgdata: Path, owner: str, password: str, user: _User | None) -> None:
    # The password reaches initdb through a file (never the command line), in a private
    # folder beside pgdata: initdb wants pgdata empty, and pgdata's parents are known to
    # be open to `user`.
    pw_dir = Path(os.path.realpath(pgdata.parent)) / f".{pgdata.name}.init-{secrets.token_hex(4)}"
    pw_dir.mkdir(mode=0o700)
    try:
        _chown(pw_dir, user)
        pw_file = pw_dir / "pw"
        _write(pw_file, password.encode() + b"\n", user)
        # C.UTF-8 (code point order, Unicode upper/lower) where glibc has it; plain C elsewhere.
        linux = sys.platform.startswith("linux")
        locale = ["--locale=C.UTF-8"] if linux else ["--no-locale"]
        _run([str(bin_dir / "initdb"), "-D", str(pgdata), "-U", owner, "--pwfile", str(pw_file),
              "--auth=scram-sha-256", "--encoding=UTF8", *locale],
             user, _("Could not create the database server's files."))
    finally:
        shutil.rmtree(pw_dir, ignore_errors=True)


def _write_tls(server: ServerDir, hosts: list[str], shelter_name: str,
               user: _User | None) -> str:
    ca_pem, ca_key = pg_tls.make_ca(shelter_name)
    cert_pem, key_pem = pg_tls.make_server_cert(ca_pem, ca_key, hosts)
    _write(server.ca_file, ca_pem, user, 0o644)
    _write(server.ca_key_file, ca_key, user)
    _write(server.pgdata / "server.crt", cert_pem, user)
    _write(server.pgdata / "server.key", key_pem, user)
    return pg_tls.fingerprint(ca_pem)


def _write_config(pgdata: Path, port: int, listen: str, user: _User | None) -> None:
    settings = dict(SETTINGS, port=port, listen_addresses=listen)
    lines = ["# Rumah Aman settings, included last from postgresql.conf."]
    lines += [f"{key} = {_quote(value)}" for key, value in settings.items()]
    _write(pgdata / "rumah_aman.conf", ("\n".join(lines) + "\n").encode(), user)
    with (pgdata / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\ninclude 'rumah_aman.conf'\n")
    _write(pgdata / "pg_hba.conf", PG_HBA.encode(), user)


def _create_database(pgdata: Path, database: str, password: str) -> None:
    import psycopg
    from psycopg import sql

    kwargs = dict(owner_connect_kwargs(pgdata), dbname="postgres")
    try:
        with psycopg.connect(**kwargs, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
                         .format(sql.Identifier(database)))
    except psycopg.Error as error:
        raise PgServerError(_("The database server started but the database could not be "
                              "created.") + "\n" + str(error).replace(password, "***")
                             ) from error


def init_cluster(pgdata: Path, *, port: int, host_names: list[str], database: str = "rumah_aman",
                 owner: str = "rumah_aman_owner", listen: str = "*", run_as: str | None = None,
                 shelter_name: str = "") -> ServerInfo:
    """Create a new cluster in the empty (or new) folder `pgdata`, start it and create the
    database. The server is left running."""
    pgdata = Path(os.path.abspath(pgdata))
    _check_names(port, database, owner)
    bin_dir = find_pg_bin()
    user = _resolve_user(run_as)
    hosts = pg_tls.clean_host_names([*host_names, "localhost", "127.0.0.1"])
    if pgdata.exists() and (not pgdata.is_dir() or any(pgdata.iterdir())):
        raise PgServerError(_("The folder {folder} is not empty. Choose an empty or new "
                              "folder for the database server.").format(folder=pgdata))
    # The topmost folder this call creates (None: pgdata was there, and empty).
    created = next((p for p in reversed([pgdata, *pgdata.parents]) if not p.exists()), None)
    password = secrets.token_urlsafe(32)
    server = ServerDir(pgdata)
    try:
        _prepare_folder(pgdata, user)
        _initdb(bin_dir, pgdata, owner, password, user)
        _write(server.owner_secret_file, password.encode(), user)
        ca_fingerprint = _write_tls(server, hosts, shelter_name or hosts[0], user)
        _write_config(pgdata, port, listen, user)
        info = ServerInfo(pgdata, port, database, owner, hosts, ca_fingerprint)
        _write(server.info_file, json.dumps({
            "port": port, "database": database, "owner": owner, "host_names": hosts,
            "ca_fingerprint": ca_fingerprint,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }, indent=2).encode(), user, 0o644)
        start(pgdata)
        _create_database(pgdata, database, password)
        return info
    except BaseException:
        # Undo a half-made cluster so the folder can be used again: it was new or empty.
        with contextlib.suppress(Exception):
            if (pgdata / "postmaster.pid").exists():
                stop(pgdata)
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        else:
            for child in pgdata.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        raise


def _pg_ctl(pgdata: Path, *args: str, message: str, check: bool = True):
    pgdata = Path(os.path.abspath(pgdata))
    try:
        is_cluster = (pgdata / "PG_VERSION").is_file()
    except PermissionError:
        raise PgServerError(_("This account may not open the database folder {folder}; run "
                              "this as the administrator.").format(folder=pgdata)) from None
    if not is_cluster:
        raise PgServerError(_("The folder {folder} holds no database server.").format(
            folder=pgdata))
    return _run([str(find_pg_bin() / "pg_ctl"), *args, "-D", str(pgdata)], _owner_of(pgdata),
                message, pgdata=pgdata, check=check)


def start(pgdata: Path) -> None:
    log = ServerDir(Path(os.path.abspath(pgdata))).log_file
    _pg_ctl(pgdata, "start", "-w", "-t", str(TIMEOUT_S - 10), "-l", str(log),
            message=_("The database server did not start."))


def stop(pgdata: Path) -> None:
    if is_running(pgdata):
        _pg_ctl(pgdata, "stop", "-m", "fast", "-w", "-t", str(TIMEOUT_S - 10),
                message=_("The database server did not stop."))


def is_running(pgdata: Path) -> bool:
    # pg_ctl status: 0 running, 3 not running.
    done = _pg_ctl(pgdata, "status", check=False,
                   message=_("Could not ask whether the database server is running."))
    return done.returncode == 0


def read_info(pgdata: Path) -> ServerInfo:
    """The ServerInfo init_cluster recorded in the info file."""
    server = ServerDir(Path(pgdata))
    try:
        data = json.loads(server.info_file.read_text(encoding="utf-8"))
        if "ca_fingerprint" not in data:
            data["ca_fingerprint"] = pg_tls.fingerprint(server.ca_file.read_bytes())
        return ServerInfo(server.pgdata, int(data["port"]), data["database"], data["owner"],
                          list(data["host_names"]), data["ca_fingerprint"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PgServerError(_("The database server's settings file {file} cannot be read."
                              ).format(file=server.info_file)) from error


def owner_connect_kwargs(pgdata: Path) -> dict:
    """psycopg.connect() keywords for the bootstrap superuser, over TLS from this PC."""
    info = read_info(pgdata)
    server = ServerDir(info.pgdata)
    try:
        password = server.owner_secret_file.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise PgServerError(_("The database owner's password file {file} cannot be read."
                              ).format(file=server.owner_secret_file)) from error
    return {"host": "127.0.0.1", "port": info.port, "dbname": info.database,
            "user": info.owner, "password": password, "sslmode": "verify-full",
            "sslrootcert": str(server.ca_file), "connect_timeout": 10}


def _linux_crypt_below(node: Path, depth: int = 0) -> bool:
    """Whether this block device, or one it is built on (LVM, RAID), is dm-crypt."""
    uuid = node / "dm" / "uuid"
    with contextlib.suppress(OSError):
        if uuid.read_text().startswith("CRYPT-"):
            return True
    slaves = node / "slaves"
    if depth > 8 or not slaves.is_dir():
        return False
    return any(_linux_crypt_below(s.resolve(), depth + 1) for s in slaves.iterdir())


def _linux_device(path: Path) -> int | None:
    dev = os.stat(path).st_dev
    if os.major(dev) != 0:
        return dev
    # btrfs and others report an anonymous device: take the mount's source instead.
    target, best, source = os.path.realpath(path), "", ""
    with contextlib.suppress(OSError), open("/proc/self/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            mount = fields[1].replace("\\040", " ")
            inside = target == mount or target.startswith(mount.rstrip("/") + "/")
            if inside and len(mount) > len(best):
                best, source = mount, fields[0]
    with contextlib.suppress(OSError):
        if source.startswith("/dev/"):
            return os.stat(source).st_rdev
    return None


def disk_encryption(path: Path) -> str:
    """'luks' or 'bitlocker' when the disk holding `path` is known to be encrypted."""
    try:
        if sys.platform.startswith("linux"):
            dev = _linux_device(path)
            node = Path(f"/sys/dev/block/{os.major(dev)}:{os.minor(dev)}") if dev else None
            return "luks" if node and _linux_crypt_below(node.resolve()) else "unknown"
        if IS_WINDOWS:
            drive = Path(os.path.abspath(path)).drive
            out = subprocess.run(["manage-bde", "-status", drive], capture_output=True,
                                 text=True, errors="replace", timeout=30).stdout
            if "Protection On" in out:
                return "bitlocker"
            # manage-bde speaks the display language; the CIM number does not.
            out = subprocess.run(
                ["powershell", "-NoProfile", "-Command",
                 "(Get-CimInstance -Namespace root/CIMV2/Security/MicrosoftVolumeEncryption "
                 f"-ClassName Win32_EncryptableVolume -Filter \"DriveLetter='{drive}'\")"
                 ".ProtectionStatus"], capture_output=True, text=True, timeout=60).stdout
            return "bitlocker" if out.strip() == "1" else "unknown"
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return "unknown"


def status(pgdata: Path) -> ServerStatus:
    info = read_info(pgdata)
    return ServerStatus(running=is_running(info.pgdata), database=info.database,
                        host=info.host_names[0], port=info.port,
                        ca=ServerDir(info.pgdata).ca_file, ca_fingerprint=info.ca_fingerprint,
                        disk_encryption=disk_encryption(info.pgdata))


def free_port() -> int:
    """A TCP port nobody listens on right now (for tests and the set-up's suggestion)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _systemd_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if " " in text else text


def systemd_unit(pgdata: Path, user: str) -> str:
    """A systemd unit that starts the cluster at boot (/etc/systemd/system/…service)."""
    pg_ctl = _systemd_quote(str(find_pg_bin() / "pg_ctl"))
    data = _systemd_quote(os.path.abspath(pgdata))
    log = _systemd_quote(str(ServerDir(Path(os.path.abspath(pgdata))).log_file))
    return (f"[Unit]\nDescription=Rumah Aman database (PostgreSQL)\n"
            f"After=network-online.target\nWants=network-online.target\n\n"
            f"[Service]\nType=forking\nUser={user}\n"
            f"ExecStart={pg_ctl} start -w -t 300 -D {data} -l {log}\n"
            f"ExecStop={pg_ctl} stop -m fast -w -D {data}\n"
            f"ExecReload={pg_ctl} reload -D {data}\n"
            f"PIDFile={os.path.join(os.path.abspath(pgdata), 'postmaster.pid')}\n"
            f"TimeoutSec=300\n\n[Install]\nWantedBy=multi-user.target\n")


def windows_service_command(pgdata: Path) -> str:
    """The command (run as Administrator) that registers the cluster as a Windows service."""
    try:
        pg_ctl = str(find_pg_bin() / "pg_ctl.exe")
    except PgServerError:
        pg_ctl = "pg_ctl.exe"
    return f'"{pg_ctl}" register -N {SERVICE_NAME} -D "{os.path.abspath(pgdata)}" -S auto -w'
