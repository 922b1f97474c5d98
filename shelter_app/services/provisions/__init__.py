"""Subsistence provisions (jaminan hidup): the daily round and its decisions, the catalog
and its prices, the provision report, the export and the receipt."""
