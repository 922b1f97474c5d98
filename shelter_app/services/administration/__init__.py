"""Running the shelter's installation: creating it, logging in, users and their key slots,
backups, rekey, the check, the audit log, the data folder, and the demo shelter (which
reaches into every area to fill it)."""
