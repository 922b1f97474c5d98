"""Qt-free use cases: open a session, check the permission, do the work, audit, commit,
return plain results. The GUI and the command line both go through here."""
