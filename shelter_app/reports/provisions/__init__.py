"""Provisions on paper: the provision report (laporan jaminan hidup) and the receipt."""
