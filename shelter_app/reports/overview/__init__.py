"""Across every area: the monthly report (laporan bulanan)."""
