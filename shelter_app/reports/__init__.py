"""Qt-free reports and printed forms (ReportLab)."""
