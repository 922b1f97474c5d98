"""The command line of the shared mode: the shelter's database server (init, start, stop,
status) on the PC that stays on, and `connect` on each workstation."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from shelter_app.domain.errors import InputError, StorageError
from shelter_app.i18n import _


def add_commands(commands, parser_class) -> None:
    server = commands.add_parser("server", help=_(
        "the shelter's database server, for several PCs (run on the server PC)"))
    actions = server.add_subparsers(dest="server_command", required=True,
                                    metavar=_("ACTION"), parser_class=parser_class)
    init = actions.add_parser("init", help=_(
        "create the server in an empty folder: its certificates, the database, the first "
        "administrator; prints the recovery key once"))
    init.add_argument("--pgdata", type=Path, required=True, help=_("the server's folder"))
    init.add_argument("--port", type=int, default=5432)
    init.add_argument("--shelter", required=True, help=_("the shelter's name"))
    init.add_argument("--admin", required=True, help=_("the first administrator's user name"))
    init.add_argument("--timezone", default="Asia/Jakarta", help=_("the shelter's time zone"))
    init.add_argument("--host", action="append", default=[], help=_(
        "a name or address the workstations use for this PC (repeat for more; default: "
        "this PC's name)"))
    init.add_argument("--run-as", default=None, help=_(
        "the system account that runs the server (default: postgres when run as root)"))
    init.add_argument("--empty", action="store_true", help=_(
        "no shelter yet: one is moved here from a PC with migrate-to-server (prints its "
        "one-time password)"))
    init.add_argument("--demo", action="store_true", help=_(
        "fill it with generated people, as the demo does (users admin, manager, staff, "
        "counsellor; password demo)"))
    for name, text in (("start", _("start the server and bring its database up to date")),
                       ("stop", _("stop the server")),
                       ("status", _("whether the server runs, its address and its "
                                    "certificate's fingerprint"))):
        action = actions.add_parser(name, help=text)
        action.add_argument("--pgdata", type=Path, required=True,
                            help=_("the server's folder"))

    connect = commands.add_parser("connect", help=_(
        "make this PC's data folder a workstation of the shelter's server"))
    connect.add_argument("--host", required=True, help=_("the server's name or address"))
    connect.add_argument("--port", type=int, default=5432)
    connect.add_argument("--ca", type=Path, required=True, help=_(
        "the shelter's certificate file from the server (rumah-aman-ca.pem)"))
    connect.add_argument("--database", default="rumah_aman",
                         help=_("the database's name on the server"))

    move = commands.add_parser("migrate-to-server", help=_(
        "move this PC's shelter onto the shelter's server (made with server init --empty); "
        "every table is checked after the copy"))
    move.add_argument("--host", required=True, help=_("the server's name or address"))
    move.add_argument("--port", type=int, default=5432)
    move.add_argument("--ca", type=Path, required=True, help=_(
        "the shelter's certificate file from the server (rumah-aman-ca.pem)"))
    move.add_argument("--user", required=True, help=_("your user name (an administrator)"))
    move.add_argument("--password-of", action="append", default=[], metavar=_("USER"),
                      help=_("ask this user's password too, so they keep it on the server "
                             "(repeat for more; or SHELTER_PASSWORD_<USER>)"))


def _default_hosts() -> list[str]:
    names = [socket.gethostname()]
    fqdn = socket.getfqdn()
    if fqdn and fqdn not in names:
        names.append(fqdn)
    return names


def run(args) -> int:
    if args.command == "connect":
        return _connect(args)
    if args.command == "migrate-to-server":
        return _migrate(args)
    return {"init": _init, "start": _start, "stop": _stop,
            "status": _status}[args.server_command](args)


def _init(args) -> int:
    from shelter_app.cli import _secret
    from shelter_app.services.administration import demo, server_setup
    from shelter_app.storage import pg_server

    if args.empty:
        return _init_empty(args)
    if args.demo:
        password = demo.DEMO_PASSWORD
    else:
        password = _secret("SHELTER_PASSWORD", _("New password for {user}: ").format(
            user=args.admin), confirm=True)
    from shelter_app.services.shared import validation

    validation.password(password, demo=args.demo)  # before anything is made
    info, engine, folder_was_there = _new_cluster(args)
    try:
        recovery, workspace = server_setup.create_server_shelter(
            engine, info.database, shelter_name=args.shelter, time_zone=args.timezone,
            admin_username=args.admin, admin_password=password, demo=args.demo)
        if args.demo:
            print(_("Making the demo shelter (generated people, no real data); this takes "
                    "up to a minute…"), file=sys.stderr, flush=True)
            demo.fill_demo(workspace, residents=80, days=90, seed=1)
        workspace.close_database()
    except BaseException:
        engine.dispose()
        _undo_init(info.pgdata, folder_was_there)
        raise
    engine.dispose()
    server = pg_server.ServerDir(info.pgdata)
    print(_("The shelter's server is set up in {folder} and running on port {port}.").format(
        folder=info.pgdata, port=info.port))
    print(_("Recovery key (shown only now; write it down and keep it in the office "
            "safe):"))
    print("    " + recovery)
    print(_("Give each workstation this certificate file: {file}").format(file=server.ca_file))
    print(_("Its fingerprint (compare it on the workstation): {fingerprint}").format(
        fingerprint=info.ca_fingerprint))
    print(_("On each workstation, with a copy of that file: shelter-app --data-dir FOLDER "
            "connect --host {host} --port {port} --ca {file}").format(
        host=info.host_names[0], port=info.port, file=server.ca_file.name))
    if args.demo:
        print(_("Demo users: admin, manager, staff, counsellor; password: demo."))
    _print_service_help(info.pgdata, args.run_as)
    _warn_about_disk(info.pgdata)
    return 0


def _new_cluster(args):
    """(ServerInfo, the owner's engine, whether the folder was there): a running cluster
    with its certificates, for init to fill (or undo with _undo_init)."""
    from shelter_app.services.administration import server_setup
    from shelter_app.storage import pg_server

    _refuse_busy_port(args.port)
    folder_was_there = args.pgdata.exists()
    info = pg_server.init_cluster(args.pgdata, port=args.port,
                                  host_names=args.host or _default_hosts(),
                                  run_as=args.run_as, shelter_name=args.shelter)
    return (info, server_setup.owner_engine(pg_server.owner_connect_kwargs(info.pgdata)),
            folder_was_there)


def _refuse_busy_port(port: int) -> None:
    """Another program (often another PostgreSQL) on the port: said before anything is
    made, not as a failure half-way."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise InputError(_("Another program already listens on port {port} (perhaps "
                               "another database server). Choose another port with "
                               "--port.").format(port=port))


def _init_empty(args) -> int:
    from shelter_app.services.administration import server_migration
    from shelter_app.storage import pg_server

    info, engine, folder_was_there = _new_cluster(args)
    try:
        password = server_migration.open_for_migration(engine, info.database)
    except BaseException:
        engine.dispose()
        _undo_init(info.pgdata, folder_was_there)
        raise
    engine.dispose()
    print(_("The server is ready in {folder}, on port {port}, for a shelter to be moved "
            "onto it.").format(folder=info.pgdata, port=info.port))
    print(_("One-time password for the move (shown only now; it stops working after the "
            "move):"))
    print("    " + password)
    print(_("Give the PC holding the shelter this certificate file: {file} (fingerprint "
            "{fingerprint}), then run there: shelter-app migrate-to-server --host {host} "
            "--port {port} --ca rumah-aman-ca.pem --user ADMIN").format(
        file=pg_server.ServerDir(info.pgdata).ca_file, fingerprint=info.ca_fingerprint,
        host=info.host_names[0], port=info.port))
    _print_service_help(info.pgdata, args.run_as)
    _warn_about_disk(info.pgdata)
    return 0


def _migrate(args) -> int:
    from shelter_app.cli import _secret
    from shelter_app.services.administration import server_migration

    password = _secret("SHELTER_PASSWORD", _("Password for {user}: ").format(user=args.user))
    move_password = _secret("SHELTER_MIGRATION_PASSWORD",
                            _("The server's one-time password for the move: "))
    others = {}
    for name in args.password_of:
        variable = "SHELTER_PASSWORD_" + name.upper().replace("-", "_").replace(".", "_")
        others[name.strip().lower()] = _secret(variable, _("Password for {user}: ").format(
            user=name))
    print(_("Copying every record to the server and checking each table…"), file=sys.stderr,
          flush=True)
    report = server_migration.migrate_to_server(
        args.data_dir, args.user, password, host=args.host, port=args.port, ca_file=args.ca,
        migration_password=move_password, passwords=others)
    print(_("The shelter is on the server: {tables} tables, {rows} records, each table's "
            "contents checked.").format(tables=report.tables, rows=report.rows))
    print(_("This PC now works on the server. The encrypted file was kept in {folder}."
            ).format(folder=report.kept_at))
    if report.logins:
        print(_("Log in as before: {users}").format(users=", ".join(report.logins)))
    if report.need_new_password:
        print(_("An administrator must give these users a new password (users "
                "reset-password): {users}").format(users=", ".join(report.need_new_password)))
    return 0


def _undo_init(pgdata: Path, folder_was_there: bool) -> None:
    """Nothing half made: the server stops and its folder is emptied again."""
    import contextlib
    import shutil

    from shelter_app.storage import pg_server

    with contextlib.suppress(StorageError, OSError):
        pg_server.stop(pgdata)
    if folder_was_there:
        for child in pgdata.iterdir():
            with contextlib.suppress(OSError):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    else:
        shutil.rmtree(pgdata, ignore_errors=True)


def _print_service_help(pgdata: Path, run_as: str | None) -> None:
    from shelter_app.storage import pg_server

    print()
    if os.name == "nt":
        print(_("To start the server with Windows, run this once as Administrator:"))
        print("    " + pg_server.windows_service_command(pgdata))
        return
    user = run_as or ("postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres"))
    print(_("To start the server with this PC, save this as "
            "/etc/systemd/system/rumah-aman-db.service and run "
            "'systemctl enable --now rumah-aman-db':"))
    print(pg_server.systemd_unit(pgdata, user))


def _warn_about_disk(pgdata: Path) -> None:
    from shelter_app.storage import pg_server

    if pg_server.disk_encryption(pgdata) == "unknown":
        print(_("Warning: the disk holding the server's folder does not look encrypted. "
                "The records on the server are protected at rest only by full-disk "
                "encryption (LUKS on Linux, BitLocker on Windows): turn it on."),
              file=sys.stderr)


def _start(args) -> int:
    from shelter_app.services.administration import server_setup
    from shelter_app.storage import pg_server

    if not pg_server.is_running(args.pgdata):
        pg_server.start(args.pgdata)
    info = pg_server.read_info(args.pgdata)
    engine = server_setup.owner_engine(pg_server.owner_connect_kwargs(args.pgdata))
    try:
        server_setup.upgrade(engine, info.database)  # a new version's migrations
    finally:
        engine.dispose()
    print(_("The server is running on port {port}.").format(port=info.port))
    return 0


def _stop(args) -> int:
    from shelter_app.storage import pg_server

    if pg_server.is_running(args.pgdata):
        pg_server.stop(args.pgdata)
    print(_("The server is stopped."))
    return 0


def _status(args) -> int:
    from shelter_app.storage import pg_server

    status = pg_server.status(args.pgdata)
    print(f"database: {status.database}")
    print(f"host: {status.host}")
    print(f"port: {status.port}")
    print(f"ca: {status.ca}")
    print(f"ca fingerprint: {status.ca_fingerprint}")
    print(f"running: {'yes' if status.running else 'no'}")
    print(f"disk encryption: {status.disk_encryption}")
    if status.disk_encryption == "unknown":
        _warn_about_disk(args.pgdata)
    return 0 if status.running else 3


def _connect(args) -> int:
    from shelter_app.services.administration import server_connect

    fingerprint = server_connect.connect_workstation(args.data_dir, args.host, args.port,
                                                     args.ca, args.database)
    print(_("This PC now works on the shelter's server {host}:{port}. Log in with your "
            "own user name and password.").format(host=args.host, port=args.port))
    print(_("The certificate's fingerprint: {fingerprint}. It must be the one the server "
            "printed.").format(fingerprint=fingerprint))
    return 0
