"""Used by every area and importing none of them: the logged-in workspace, the audit log,
who may see a name, the shelter settings, checks on typed text, and writing reports and
printed files."""
